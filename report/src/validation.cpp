#include "xxgk/report/validation.hpp"

#include <algorithm>
#include <set>

#include <cmath>

#include "xxgk/report/template_key.hpp"

namespace xxgk::report {
namespace {

std::vector<std::string> ids(const nlohmann::json &list) {
  std::vector<std::string> out;
  for (const auto &item : list)
    out.push_back(item.is_string() ? item.get<std::string>() : item.at("id").get<std::string>());
  return out;
}

const nlohmann::json *table_spec(const EditionSpec &edition, const std::string &id) {
  for (const auto &t : edition.tables)
    if (t.at("id") == id) return &t;
  return nullptr;
}

// Adds up the values of `keys`; false if one of them is unknown.
bool total(const ValueMap &values, const std::vector<std::string> &keys, double &sum) {
  sum = 0;
  for (const std::string &k : keys) {
    auto it = values.find(k);
    if (it == values.end() || !it->second) return false;
    sum += *it->second;
  }
  return true;
}

}  // namespace

Validation validate(const ValueMap &values, const EditionSpec &edition) {
  Validation v;
  std::set<std::string> skipped_keys, checked_keys;
  for (const auto &rule : edition.rules) {
    std::string table = rule.at("table");
    const nlohmann::json *spec = table_spec(edition, table);
    if (!spec || spec->contains("groups")) continue;
    bool per_column = rule.at("each") == "column";
    // "each column": the rule's lists name rows; "each row": they name columns.
    for (const std::string &on : ids(spec->at(per_column ? "columns" : "rows"))) {
      auto key = [&](const std::string &item) {
        return per_column ? template_key(table, item, on) : template_key(table, on, item);
      };
      RuleSide sum, equals;
      for (const std::string &item : ids(rule.at("sum"))) sum.keys.push_back(key(item));
      for (const std::string &item : ids(rule.at("equals"))) equals.keys.push_back(key(item));
      if (!total(values, sum.keys, sum.total) || !total(values, equals.keys, equals.total)) {
        ++v.skipped;
        for (const auto *side : {&sum.keys, &equals.keys}) skipped_keys.insert(side->begin(), side->end());
        continue;
      }
      for (const auto *side : {&sum.keys, &equals.keys}) checked_keys.insert(side->begin(), side->end());
      if (std::abs(sum.total - equals.total) < 1e-6) {
        ++v.passed;
        std::vector<std::string> keys = sum.keys;
        keys.insert(keys.end(), equals.keys.begin(), equals.keys.end());
        v.passed_keys.push_back(std::move(keys));
      } else {
        v.failed.push_back({rule.at("id"), on, sum, equals});
      }
    }
  }
  for (const std::string &key : skipped_keys) {
    auto it = values.find(key);
    if (it != values.end() && it->second && !checked_keys.count(key)) v.unconfirmed.push_back(key);
  }
  for (const auto &[key, value] : values)
    if (value && !checked_keys.count(key) && !skipped_keys.count(key)) v.unchecked.push_back(key);
  return v;
}

ValueMap values_from_json(const nlohmann::json &tables) {
  ValueMap values;
  for (const auto &[table, rows] : tables.items())
    for (const auto &[row, columns] : rows.items())
      for (const auto &[column, value] : columns.items())
        values[template_key(table, row, column)] =
            value.is_number() ? std::optional<double>(value.get<double>()) : std::nullopt;
  return values;
}

nlohmann::json to_json(const Validation &v) {
  nlohmann::json failed = nlohmann::json::array();
  for (const RuleFailure &f : v.failed)
    failed.push_back({{"rule", f.rule},
                      {"on", f.on},
                      {"sum", {{"keys", f.sum.keys}, {"value", f.sum.total}}},
                      {"equals", {{"keys", f.equals.keys}, {"value", f.equals.total}}}});
  return {{"passed", v.passed}, {"skipped", v.skipped}, {"failed", failed}};
}

namespace {

std::set<std::pair<std::string, std::string>> failures(const Validation &v) {
  std::set<std::pair<std::string, std::string>> out;
  for (const RuleFailure &f : v.failed) out.insert({f.rule, f.on});
  return out;
}

}  // namespace

std::optional<Alternative> choose_by_checks(const ValueMap &values, const EditionSpec &edition,
                                            const std::vector<Alternative> &alternatives) {
  auto before = failures(validate(values, edition));
  if (before.empty()) return std::nullopt;
  std::optional<Alternative> chosen;
  std::set<std::string> keys_that_fit;
  for (const Alternative &a : alternatives) {
    auto it = values.find(a.key);
    if (it == values.end() || !it->second || *it->second == a.value) continue;
    ValueMap changed = values;
    changed[a.key] = a.value;
    auto after = failures(validate(changed, edition));
    bool fewer = after.size() < before.size();
    bool none_new = std::includes(before.begin(), before.end(), after.begin(), after.end());
    if (!fewer || !none_new) continue;
    keys_that_fit.insert(a.key);
    if (!chosen || a.confidence > chosen->confidence) chosen = a;
  }
  if (keys_that_fit.size() != 1) return std::nullopt;
  return chosen;
}

}  // namespace xxgk::report
