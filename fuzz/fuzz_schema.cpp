// Arbitrary bytes as a JSON file given to `xxgk validate`: parsing, the schema check and the
// form's arithmetic on whatever values it holds never crash.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "xxgk/report/template_spec.hpp"
#include "xxgk/report/validation.hpp"
#include "xxgk/schema/report_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const xxgk::report::TemplateSpec spec = xxgk::report::official_template_spec();
  nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  auto problems = xxgk::schema::validate_report(j);
  if (!problems.empty() || !j.is_object()) return 0;
  // Valid against the schema: what `xxgk validate` does next.
  auto values = xxgk::report::values_from_json(j["tables"]);
  xxgk::report::validate(values, spec.edition(j["meta"]["edition"].get<std::string>()));
  return 0;
}
