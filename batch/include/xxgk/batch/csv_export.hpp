#pragma once
// Batch results as CSV for analysts (pandas, R, Stata, Excel): wide, one row per report and one
// column per template key in spec order; or long, one row per (report, key).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace xxgk::batch {

// Records from JSON Lines files, single JSON files and folders of them (*.json and *.jsonl,
// recursively, sorted). A line or file that is not a JSON object is reported in `problems`.
std::vector<nlohmann::json> load_records(const std::vector<std::string> &paths, std::vector<std::string> &problems);

// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string &text);

struct CsvOptions {
  bool byte_order_mark = false;  // for Excel, which otherwise reads UTF-8 as the local code page
};

// file, sha256, status, error, title, agency, year, edition, doubtful_values, flags,
// checks_failed (the form's arithmetic), prose_stated and prose_disagreeing (numbers the text
// states for a cell, and those the table does not give), then every key of both editions
// (2021's first, then 2019's own) in spec order; empty where a report has no value.
std::string wide_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options = {});

// file, key, value, confidence, flags: one row per value of each report. Confidence is the
// value's own where the report has provenance, else the low-confidence warning's; empty when
// the record does not give it, or the value is unknown.
std::string long_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options = {});

// The same as rows of fields, the header first (for workbooks).
using Rows = std::vector<std::vector<std::string>>;
Rows wide_rows(const std::vector<nlohmann::json> &records);
Rows long_rows(const std::vector<nlohmann::json> &records);

}  // namespace xxgk::batch
