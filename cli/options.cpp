#include "options.hpp"

#include <algorithm>
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

bool takes_value(const std::string &option) {
  static const char *const options[] = {"-o",         "--output",    "--password", "--ocr",   "--dpi",    "--lang",
                                        "--tessdata", "--debug-dir", "--format",   "--spans", "--threads"};
  return std::any_of(std::begin(options), std::end(options), [&](const char *o) { return option == o; });
}

// Sets the option `name` to `value`; a UsageError if the value is not one it takes.
std::optional<UsageError> apply_value(Options &o, const std::string &name, const std::string &value) {
  if (name == "-o" || name == "--output") {
    o.output = value;
  } else if (name == "--password") {
    o.extract.password = value;
  } else if (name == "--lang") {
    o.extract.ocr_options.languages = value;
  } else if (name == "--tessdata") {
    o.extract.ocr_options.tessdata_dir = value;
  } else if (name == "--debug-dir") {
    o.tables.debug_dir = value;
  } else if (name == "--ocr") {
    auto mode = parse_ocr_mode(value);
    if (!mode) return UsageError{"--ocr takes auto, always or never, not '" + value + "'"};
    o.extract.ocr = *mode;
  } else if (name == "--dpi") {
    auto dpi = parse_positive(value);
    if (!dpi || *dpi < 50 || *dpi > 1200) return UsageError{"--dpi takes a number from 50 to 1200"};
    o.extract.ocr_dpi = *dpi;
  } else if (name == "--threads") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n || *n > 256 || *n != static_cast<int>(*n))
      return UsageError{"--threads takes a whole number from 0 (one per core) to 256"};
    o.extract.threads = static_cast<int>(*n);
  } else if (name == "--format") {
    if (value != "json" && value != "csv") return UsageError{"--format takes json or csv, not '" + value + "'"};
    o.format = value == "csv" ? TableFormat::csv : TableFormat::json;
  } else if (name == "--spans") {
    if (value != "empty" && value != "repeat") return UsageError{"--spans takes empty or repeat, not '" + value + "'"};
    o.repeat_spans = value == "repeat";
  }
  return std::nullopt;
}

}  // namespace

std::string help_text() {
  return R"(xxgk — government information-disclosure annual reports (政府信息公开工作年度报告) to JSON

Usage:
  xxgk extract FILE.pdf [options]   extract one report as JSON
  xxgk tables FILE.pdf [options]    every table found, as geometry: JSON, or one CSV per table
  xxgk validate OUT.json            re-check a JSON file: its schema and the form's arithmetic
  xxgk schema                       print the JSON Schema the output conforms to
  xxgk --help | --version

Options for extract:
  -o, --output FILE      write the JSON to FILE (atomically) instead of standard output
      --pretty           indent the JSON
      --provenance       add "cells": for each value its page, bbox, printed text, kind
                         (number / zero_mark / blank / invalid), confidence and label score
      --password PW      password for an encrypted PDF (tried as owner and user password)
      --ocr MODE         auto (default): OCR pages without a text layer; always; never
      --dpi N            resolution for OCR rendering (default 300)
      --lang LANGS       Tesseract languages for words (default chi_sim; e.g. chi_sim+eng);
                         table values are read with eng's digits
      --threads N        pages OCR'd at once (default 0: one per core)
      --tessdata DIR     Tesseract language data folder (default: Tesseract's own)
      --debug-dir DIR    write one PNG per page showing the rulings, cells and spans found

Options for tables (and the extract options above):
      --format FMT       json (default): pages, bbox, rows x cols, cells with row, col,
                         rowspan, colspan, page, bbox, text; or csv: one CSV file per table
                         into the -o directory (TABLE-N.csv)
      --spans MODE       csv: empty (default) leaves a spanning cell's other slots empty;
                         repeat writes its text into every slot it covers

Output: one JSON object with source (file, sha256, bytes, pages), meta (title, agency, year,
edition), pages, sections (id, number, title, heading, page, text), tables (values keyed
<table>.<row>.<column> as the official template names them, null where unreadable),
unmatched_rows, validation (the form's own arithmetic: passed, skipped, failed with the rule,
the column or row it failed on, and both sides), warnings and status ("ok" or "partial").
Every document is validated against `xxgk schema` before it is written.

Exit codes:
  0  ok
  1  internal error (a bug; the message says where)
  2  usage error
  3  unreadable input: missing file, not a PDF, damaged PDF, no pages
  4  encrypted PDF: no password given, or the password is wrong
  5  partial result: JSON written, but part of the report was not found (see "warnings")
  6  validate: the file breaks the schema, or its numbers break a rule of the form
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
  else if (first == "validate")
    o.command = Command::validate;
  else if (first == "extract")
    o.command = Command::extract;
  else if (first == "tables")
    o.command = Command::tables;
  else
    return UsageError{"unknown command '" + first + "' (try: xxgk --help)"};

  for (size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      return o;
    }
    if (a == "--pretty" || a == "--provenance") {
      (a == "--pretty" ? o.pretty : o.provenance) = true;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      o.inputs.push_back(a);
      continue;
    }
    if (!takes_value(a)) return UsageError{"unknown option '" + a + "'"};
    if (i + 1 >= args.size()) return UsageError{"option " + a + " needs a value"};
    if (auto error = apply_value(o, a, args[++i])) return *error;
  }
  bool one_file = o.command == Command::extract || o.command == Command::tables || o.command == Command::validate;
  if (one_file && o.inputs.size() != 1)
    return UsageError{std::string(o.inputs.empty() ? " needs a PDF file" : " takes one PDF file").insert(0, first)};
  if (o.format == TableFormat::csv && o.output.empty())
    return UsageError{"--format csv writes one file per table: give the directory with -o DIR"};
  if (o.command == Command::schema && !o.inputs.empty()) return UsageError{"schema takes no arguments"};
  return o;
}

}  // namespace xxgk::cli
