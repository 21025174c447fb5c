#include "xxgk/batch/csv_export.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "xxgk/dataset/record_values.hpp"

namespace xxgk::batch {
namespace {

namespace fs = std::filesystem;
using dataset::all_template_keys;
using dataset::value_at;

std::vector<std::string> files_in(const std::string &path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> out;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    auto ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".json" || ext == ".jsonl")) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void load_file(const std::string &file, std::vector<nlohmann::json> &out, std::vector<std::string> &problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.push_back(file + ": cannot read");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  // A whole file that is one object (pretty-printed or not), else one object per line.
  nlohmann::json whole = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!whole.is_discarded() && whole.is_object()) {
    out.push_back(std::move(whole));
    return;
  }
  std::istringstream lines(ss.str());
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      problems.push_back(file + ":" + std::to_string(n) + ": not a JSON object (skipped)");
    else
      out.push_back(std::move(j));
  }
}

std::string scalar(const nlohmann::json *v) {
  if (!v || v->is_null()) return "";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

std::string row(const std::vector<std::string> &fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

std::string start(const CsvOptions &o) {
  return o.byte_order_mark ? "\xEF\xBB\xBF" : "";
}

std::string joined(const std::vector<std::string> &parts, const char *separator) {
  std::string out;
  for (const std::string &p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// A report's flags in one field: its document warnings' codes, then KEY:CODE for each value's.
std::string report_flags(const nlohmann::json &record) {
  std::vector<std::string> parts;
  if (record.contains("warnings") && record["warnings"].is_array())
    for (const auto &w : record["warnings"])
      if (w.contains("code"))
        parts.push_back(w.contains("key") ? w["key"].get<std::string>() + ":" + w["code"].get<std::string>()
                                          : w["code"].get<std::string>());
  return joined(parts, ";");
}

// How many numbers the text states for a cell, and how many of them the table does not give;
// both empty for a record without prose checks (a failure, or an older xxgk's).
std::pair<std::string, std::string> prose_figures(const nlohmann::json &record) {
  if (!record.contains("prose_checks") || !record["prose_checks"].is_array()) return {"", ""};
  long disagreeing = 0;
  for (const auto &c : record["prose_checks"]) disagreeing += c.value("agrees", nlohmann::json()) != true;
  return {std::to_string(record["prose_checks"].size()), std::to_string(disagreeing)};
}

}  // namespace

std::vector<nlohmann::json> load_records(const std::vector<std::string> &paths, std::vector<std::string> &problems) {
  std::vector<nlohmann::json> out;
  for (const std::string &p : paths)
    for (const std::string &file : files_in(p)) load_file(file, out, problems);
  return out;
}

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Rows wide_rows(const std::vector<nlohmann::json> &records) {
  const std::vector<std::string> &keys = all_template_keys();
  std::vector<std::string> header{"file",          "sha256",       "status",           "error",           "title",
                                  "agency",        "year",         "edition",          "doubtful_values", "flags",
                                  "checks_failed", "prose_stated", "prose_disagreeing"};
  header.insert(header.end(), keys.begin(), keys.end());
  Rows out{header};
  for (const auto &r : records) {
    std::vector<std::string> fields{dataset::text_at(r, {"source", "file"}),  dataset::text_at(r, {"source", "sha256"}),
                                    dataset::text_at(r, {"status"}),          dataset::text_at(r, {"error", "reason"}),
                                    dataset::text_at(r, {"meta", "title"}),   dataset::text_at(r, {"meta", "agency"}),
                                    dataset::text_at(r, {"meta", "year"}),    dataset::text_at(r, {"meta", "edition"}),
                                    dataset::text_at(r, {"doubtful_values"}), report_flags(r)};
    if (r.contains("validation") && r["validation"].contains("failed") && r["validation"]["failed"].is_array())
      fields.push_back(std::to_string(r["validation"]["failed"].size()));
    else
      fields.push_back("");
    auto [stated, disagreeing] = prose_figures(r);
    fields.insert(fields.end(), {stated, disagreeing});
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json &tables = r.contains("tables") ? r["tables"] : empty;
    for (const auto &k : keys) fields.push_back(scalar(value_at(tables, k)));
    out.push_back(std::move(fields));
  }
  return out;
}

Rows long_rows(const std::vector<nlohmann::json> &records) {
  Rows out{{"file", "key", "value", "confidence", "flags"}};
  for (const auto &r : records) {
    std::string file = dataset::text_at(r, {"source", "file"});
    for (const dataset::RecordValue &v : dataset::record_values(r)) {
      // Known only from provenance (--provenance) or a warning that gives it; else empty.
      std::string confidence = v.value && v.confidence ? nlohmann::json(*v.confidence).dump() : "";
      out.push_back({file, v.key, scalar(value_at(r["tables"], v.key)), confidence, joined(v.flags, ";")});
    }
  }
  return out;
}

std::string wide_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options) {
  std::string out = start(options);
  for (const auto &fields : wide_rows(records)) out += row(fields);
  return out;
}

std::string long_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options) {
  std::string out = start(options);
  for (const auto &fields : long_rows(records)) out += row(fields);
  return out;
}

}  // namespace xxgk::batch
