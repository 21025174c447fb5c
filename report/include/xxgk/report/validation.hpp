#pragma once
// The arithmetic the form itself states (the spec's `rules`), checked and reported, never
// "fixed": a report whose numbers do not add up keeps its numbers.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "xxgk/report/template_spec.hpp"

namespace xxgk::report {

using ValueMap = std::map<std::string, std::optional<double>>;  // key -> value (null: unknown)

struct RuleSide {
  std::vector<std::string> keys;
  double total = 0;
};

struct RuleFailure {
  std::string rule;  // the spec's rule id, e.g. applications.balance
  std::string on;    // the column id (per-column rules) or row id (per-row rules)
  RuleSide sum, equals;
};

struct Validation {
  int passed = 0;
  std::vector<std::vector<std::string>> passed_keys;  // each passed check's keys, both sides
  int skipped = 0;                                    // a value the check needs is unknown
  std::vector<RuleFailure> failed;
  // Keys with a value that take part only in skipped checks: nothing confirmed them.
  std::vector<std::string> unconfirmed;
  // Keys with a value that no rule of the form checks at all (the 主动公开 table).
  std::vector<std::string> unchecked;
};

Validation validate(const ValueMap &values, const EditionSpec &edition);

// The values of a report's JSON `tables` object ({table: {row: {column: value}}}).
ValueMap values_from_json(const nlohmann::json &tables);

nlohmann::json to_json(const Validation &validation);

}  // namespace xxgk::report

namespace xxgk::report {

// Another reading of a value, as OCR gave it when the cell was read again another way.
struct Alternative {
  std::string key;
  double value = 0;
  std::string raw;
  double confidence = 0;
  std::string origin;  // how it was read, for the warning: "at another resolution", ...
};

// The form's arithmetic as evidence: the alternative reading that makes failed checks hold
// (fewer fail, none that held fails), of the only key whose alternatives do so: where two keys
// could each be the misread one, nothing tells which, and none is chosen. Called again after
// one is taken, a second misread cell can be found the same way.
std::optional<Alternative> choose_by_checks(const ValueMap &values, const EditionSpec &edition,
                                            const std::vector<Alternative> &alternatives);

}  // namespace xxgk::report
