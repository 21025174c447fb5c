#include "options.hpp"

#include <charconv>

namespace xxgk::cli {
namespace {

std::optional<double> parse_positive(const std::string &s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<pipeline::OcrMode> parse_ocr_mode(const std::string &s) {
  if (s == "auto") return pipeline::OcrMode::auto_;
  if (s == "always") return pipeline::OcrMode::always;
  if (s == "never") return pipeline::OcrMode::never;
  return std::nullopt;
}

}  // namespace

std::string help_text() {
  return R"(xxgk — government information-disclosure annual reports (政府信息公开工作年度报告) to JSON

Usage:
  xxgk extract FILE.pdf [options]   extract one report as JSON
  xxgk schema                       print the JSON Schema the output conforms to
  xxgk --help | --version

Options for extract:
  -o, --output FILE      write the JSON to FILE (atomically) instead of standard output
      --pretty           indent the JSON
      --password PW      password for an encrypted PDF (tried as owner and user password)
      --ocr MODE         auto (default): OCR pages without a text layer; always; never
      --dpi N            resolution for OCR rendering (default 300)
      --lang LANGS       Tesseract languages (default chi_sim)
      --tessdata DIR     Tesseract language data folder (default: Tesseract's own)

Output: one JSON object with source (file, sha256, bytes, pages), meta (title, agency, year,
edition), pages, sections (id, number, title, heading, page, text), tables, warnings and
status ("ok" or "partial"). Every document is validated against `xxgk schema` before it is
written.

Exit codes:
  0  ok
  1  internal error (a bug; the message says where)
  2  usage error
  3  unreadable input: missing file, not a PDF, damaged PDF, no pages
  4  encrypted PDF: no password given, or the password is wrong
  5  partial result: JSON written, but part of the report was not found (see "warnings")
)";
}

std::variant<Options, UsageError> parse_options(const std::vector<std::string> &args) {
  Options o;
  if (args.empty()) return UsageError{"no command given (try: xxgk --help)"};
  const std::string &first = args[0];
  if (first == "--help" || first == "-h" || first == "help") return o;
  if (first == "--version") {
    o.command = Command::version;
    return o;
  }
  if (first == "schema")
    o.command = Command::schema;
  else if (first == "extract")
    o.command = Command::extract;
  else
    return UsageError{"unknown command '" + first + "' (try: xxgk --help)"};

  for (size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      return o;
    }
    if (a == "--pretty") {
      o.pretty = true;
    } else if (a == "-o" || a == "--output" || a == "--password" || a == "--ocr" || a == "--dpi" || a == "--lang" ||
               a == "--tessdata") {
      auto v = value();
      if (!v) return UsageError{"option " + a + " needs a value"};
      if (a == "-o" || a == "--output")
        o.output = *v;
      else if (a == "--password")
        o.extract.password = *v;
      else if (a == "--lang")
        o.extract.ocr_options.languages = *v;
      else if (a == "--tessdata")
        o.extract.ocr_options.tessdata_dir = *v;
      else if (a == "--ocr") {
        auto mode = parse_ocr_mode(*v);
        if (!mode) return UsageError{"--ocr takes auto, always or never, not '" + *v + "'"};
        o.extract.ocr = *mode;
      } else {
        auto dpi = parse_positive(*v);
        if (!dpi || *dpi < 50 || *dpi > 1200) return UsageError{"--dpi takes a number from 50 to 1200"};
        o.extract.ocr_dpi = *dpi;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      return UsageError{"unknown option '" + a + "'"};
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.command == Command::extract && o.inputs.size() != 1)
    return UsageError{o.inputs.empty() ? "extract needs a PDF file" : "extract takes one PDF file"};
  if (o.command == Command::schema && !o.inputs.empty()) return UsageError{"schema takes no arguments"};
  return o;
}

}  // namespace xxgk::cli
