#include "xxgk/batch/csv_export.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk::batch {
namespace {

namespace fs = std::filesystem;

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

std::vector<std::string> all_keys() {
  const report::TemplateSpec spec = report::official_template_spec();
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const char *edition : {"2021", "2019"})
    for (const std::string &k : report::template_keys(spec.edition(edition)))
      if (seen.insert(k).second) keys.push_back(k);
  return keys;
}

// j["a"]["b"]["c"] for "a.b.c", or null.
const nlohmann::json *value_at(const nlohmann::json &tables, const std::string &key) {
  const nlohmann::json *node = &tables;
  std::istringstream parts(key);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
  }
  return node;
}

std::string scalar(const nlohmann::json *v) {
  if (!v || v->is_null()) return "";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

std::string at_path(const nlohmann::json &j, std::initializer_list<const char *> path) {
  const nlohmann::json *node = &j;
  for (const char *p : path) {
    if (!node->is_object() || !node->contains(p)) return "";
    node = &(*node)[p];
  }
  return scalar(node);
}

std::string row(const std::vector<std::string> &fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

std::string start(const CsvOptions &o) {
  return o.byte_order_mark ? "\xEF\xBB\xBF" : "";
}

// Each key's confidence: provenance cells first, then low-confidence warnings.
std::map<std::string, double> confidences(const nlohmann::json &record) {
  std::map<std::string, double> out;
  if (record.contains("warnings") && record["warnings"].is_array())
    for (const auto &w : record["warnings"])
      if (w.value("code", "") == "low_confidence" && w.contains("key") && w.contains("confidence"))
        out[w["key"].get<std::string>()] = w["confidence"].get<double>();
  if (record.contains("cells") && record["cells"].is_object())
    for (const auto &key : all_keys())
      if (const auto *cell = value_at(record["cells"], key); cell && cell->contains("confidence"))
        out[key] = (*cell)["confidence"].get<double>();
  return out;
}

// Each value key's warning codes, in the order the report gives them.
std::map<std::string, std::vector<std::string>> flags_by_key(const nlohmann::json &record) {
  std::map<std::string, std::vector<std::string>> out;
  if (record.contains("warnings") && record["warnings"].is_array())
    for (const auto &w : record["warnings"])
      if (w.contains("key") && w.contains("code")) out[w["key"].get<std::string>()].push_back(w["code"]);
  return out;
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

std::string wide_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options) {
  std::vector<std::string> keys = all_keys();
  std::vector<std::string> header{"file",   "sha256", "status",  "error",           "title",
                                  "agency", "year",   "edition", "doubtful_values", "flags"};
  header.insert(header.end(), keys.begin(), keys.end());
  std::string out = start(options) + row(header);
  for (const auto &r : records) {
    std::vector<std::string> fields{at_path(r, {"source", "file"}),  at_path(r, {"source", "sha256"}),
                                    at_path(r, {"status"}),          at_path(r, {"error", "reason"}),
                                    at_path(r, {"meta", "title"}),   at_path(r, {"meta", "agency"}),
                                    at_path(r, {"meta", "year"}),    at_path(r, {"meta", "edition"}),
                                    at_path(r, {"doubtful_values"}), report_flags(r)};
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json &tables = r.contains("tables") ? r["tables"] : empty;
    for (const auto &k : keys) fields.push_back(scalar(value_at(tables, k)));
    out += row(fields);
  }
  return out;
}

std::string long_csv(const std::vector<nlohmann::json> &records, const CsvOptions &options) {
  std::vector<std::string> keys = all_keys();
  std::string out = start(options) + row({"file", "key", "value", "confidence", "flags"});
  for (const auto &r : records) {
    if (!r.contains("tables")) continue;  // an error record has no values
    std::string file = at_path(r, {"source", "file"});
    auto sure = confidences(r);
    auto flags = flags_by_key(r);
    for (const auto &k : keys) {
      const nlohmann::json *v = value_at(r["tables"], k);
      if (!v) continue;  // not a key of this report's edition
      // Known only from provenance (--provenance) or a warning that gives it; else empty.
      auto it = sure.find(k);
      std::string confidence = !v->is_null() && it != sure.end() ? nlohmann::json(it->second).dump() : "";
      auto f = flags.find(k);
      out += row({file, k, scalar(v), confidence, f == flags.end() ? "" : joined(f->second, ";")});
    }
  }
  return out;
}

}  // namespace xxgk::batch
