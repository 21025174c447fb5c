// Random bytes as a corrections sidecar (a file a person or another tool may have edited),
// applied to a record of the 2021 form: a clear CorrectionError or a record whose checks and
// status were worked out again, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xxgk/report/template_key.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/review/corrections.hpp"

namespace {

nlohmann::json blank_record(const xxgk::report::TemplateSpec &spec) {
  nlohmann::json tables = nlohmann::json::object();
  for (const std::string &key : xxgk::report::template_keys(spec.edition("2021")))
    xxgk::report::set_at_key(tables, key, 0);
  return {{"source", {{"file", "a.pdf"}, {"sha256", std::string(64, 'a')}}},
          {"meta", {{"edition", "2021"}, {"agency", "某局"}, {"year", 2021}}},
          {"pages", nlohmann::json::array({{{"number", 1}, {"read_from", "ocr"}}})},
          {"tables", tables},
          {"warnings", nlohmann::json::array()}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const xxgk::report::TemplateSpec spec = xxgk::report::official_template_spec();
  static const nlohmann::json record = blank_record(spec);
  nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  try {
    xxgk::review::CorrectionFile file = xxgk::review::corrections_from_json(j);
    nlohmann::json r = record;
    file.sha256 = r["source"]["sha256"];  // else nothing would be applied
    xxgk::review::apply_corrections(r, file, "fuzz.corrections.json", spec);
  } catch (const xxgk::review::CorrectionError &) {
  }
  return 0;
}
