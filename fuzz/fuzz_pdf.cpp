// PDF bytes through Poppler and the whole pipeline to schema-checked JSON, as `xxgk extract
// --ocr never` does (OCR has its own corpus tests; here the parsers of untrusted bytes are the
// target). Bad files must end in an InputError, never a crash; time and memory are bounded by
// libFuzzer's -timeout and -rss_limit_mb (scripts/fuzz.sh).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/report/report.hpp"
#include "xxgk/schema/report_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("xxgk-fuzz-" + std::to_string(::getpid()) + ".pdf");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  }
  xxgk::pipeline::ExtractOptions options;
  options.ocr = xxgk::pipeline::OcrMode::never;
  options.threads = 1;
  try {
    xxgk::report::Report r = xxgk::pipeline::extract_report(file, options, {});
    nlohmann::json j = xxgk::report::to_json(r);
    if (!xxgk::schema::validate_report(j).empty()) __builtin_trap();  // every output fits the schema
  } catch (const xxgk::InputError &) {
    // a clear error: the expected end of most random inputs
  }
  return 0;
}
