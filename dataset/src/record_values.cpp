#include "xxgk/dataset/record_values.hpp"

#include <map>
#include <set>
#include <sstream>

#include "xxgk/report/template_key.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk::dataset {
namespace {

std::optional<double> number_at(const nlohmann::json *v) {
  if (!v || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

const nlohmann::json &member(const nlohmann::json &record, const char *name) {
  static const nlohmann::json empty = nlohmann::json::object();
  return record.is_object() && record.contains(name) ? record[name] : empty;
}

}  // namespace

const std::vector<std::string> &all_template_keys() {
  static const std::vector<std::string> keys = [] {
    const report::TemplateSpec spec = report::official_template_spec();
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const char *edition : {"2021", "2019"})
      for (const std::string &k : report::template_keys(spec.edition(edition)))
        if (seen.insert(k).second) out.push_back(k);
    return out;
  }();
  return keys;
}

const nlohmann::json *value_at(const nlohmann::json &tree, const std::string &key) {
  return report::json_at_key(tree, key);
}

std::string text_at(const nlohmann::json &record, std::initializer_list<const char *> path) {
  const nlohmann::json *node = &record;
  for (const char *p : path) {
    if (!node->is_object() || !node->contains(p)) return "";
    node = &(*node)[p];
  }
  if (node->is_null()) return "";
  return node->is_string() ? node->get<std::string>() : node->dump();
}

std::vector<RecordValue> record_values(const nlohmann::json &record) {
  const nlohmann::json &tables = member(record, "tables"), &cells = member(record, "cells");
  std::map<std::string, std::vector<std::string>> flags;
  std::map<std::string, double> warned_confidence;
  for (const auto &w : member(record, "warnings")) {
    if (!w.is_object() || !w.contains("key") || !w["key"].is_string()) continue;
    std::string key = w["key"];
    flags[key].push_back(w.value("code", ""));
    if (w.value("code", "") == "low_confidence" && w.contains("confidence") && w["confidence"].is_number())
      warned_confidence[key] = w["confidence"];
  }
  std::vector<RecordValue> out;
  for (const std::string &key : all_template_keys()) {
    const nlohmann::json *v = report::json_at_key(tables, key);
    std::optional<report::TemplateKey> parts = report::parse_template_key(key);
    if (!v || !parts) continue;  // not a key of this report's edition
    RecordValue rv{key, parts->table, parts->row, parts->column, number_at(v), std::nullopt, "", 0, flags[key]};
    if (const nlohmann::json *cell = report::json_at_key(cells, key); cell && cell->is_object()) {
      rv.confidence = number_at(cell->contains("confidence") ? &(*cell)["confidence"] : nullptr);
      rv.raw = cell->value("raw", "");
      rv.page = cell->value("page", 0);
    } else if (auto it = warned_confidence.find(key); it != warned_confidence.end()) {
      rv.confidence = it->second;
    }
    out.push_back(std::move(rv));
  }
  return out;
}

}  // namespace xxgk::dataset
