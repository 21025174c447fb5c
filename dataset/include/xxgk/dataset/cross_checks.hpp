#pragma once
// Checks across reports: one agency's consecutive years (what year Y carries forward,
// 结转下年度继续办理, is what year Y+1 carried over, 上年结转, column by column), and reports
// that look like duplicates (one agency, one year, two files). Reported, never "fixed".

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace xxgk::dataset {

// What the checks need of one stored report.
struct ReportFacts {
  long long id = 0;  // the dataset's report id
  std::string file;
  std::string status;  // ok / review / partial
  std::string agency;  // as the title names it
  std::vector<std::string> aliases;
  std::optional<int> year;
  std::map<std::string, std::optional<double>> values;  // the carry-over keys the report has
  std::set<std::string> flagged;                        // keys that carry a warning
};

// Each report's agency, matched across reports: names are compared in compact form; a report's
// own names (title and aliases) are one agency; a name without its city joins the one longer
// name that ends with it (洪泽区人民政府 -> 淮安市洪泽区人民政府), and stays apart when two
// longer names would claim it (鼓楼区教育局 of two cities). The group is named by its longest
// name. "" for a report without an agency.
std::vector<std::string> agency_groups(const std::vector<ReportFacts> &reports);

enum class CrossCheckKind { carry_over, duplicate, year_missing };
enum class CrossCheckResult { pass, fail, unknown, note };

struct CrossCheck {
  CrossCheckKind kind = CrossCheckKind::carry_over;
  std::string agency;    // the group's name
  int year = 0;          // carry_over, year_missing: the earlier year; duplicate: the year
  int next_year = 0;     // carry_over, year_missing: the later year; duplicate: = year
  long long report = 0;  // the earlier year's report; duplicate: the one the chain uses
  long long next_report = 0;
  std::string column;                                   // carry_over: the applicant column (natural_person ... total)
  std::optional<double> carried_forward, carried_over;  // carry_over: year's and next year's
  CrossCheckResult result = CrossCheckResult::note;
  bool doubtful = false;  // one of the two values carries a warning in its report
  std::string message;    // for people
};

// The applicant columns of applications.carried_forward / carried_over, total last.
const std::vector<std::string> &carry_over_columns();
// The keys ReportFacts::values needs.
std::vector<std::string> carry_over_keys();

// All checks, by agency then year. Where one agency has two reports of a year, the chain uses
// the one with the best status (ok, review, partial), then the lowest id, and the pair is
// listed as a duplicate. No chain is claimed across a missing year: a gap is a note.
std::vector<CrossCheck> cross_checks(const std::vector<ReportFacts> &reports);

// For people: each agency with more than one year, its years and what fails, then the
// duplicates and a summary line. `file_of` names a report by its id.
std::string describe(const std::vector<CrossCheck> &checks, const std::function<std::string(long long)> &file_of);
// Every check as JSON, with the two reports' files.
nlohmann::json to_json(const std::vector<CrossCheck> &checks, const std::function<std::string(long long)> &file_of);

const char *to_string(CrossCheckKind kind);
const char *to_string(CrossCheckResult result);

}  // namespace xxgk::dataset
