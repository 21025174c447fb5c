#include "xxgk/dataset/cross_checks.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "xxgk/core/union_find.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/report/report_text.hpp"
#include "xxgk/report/similarity.hpp"
#include "xxgk/report/template_key.hpp"

namespace xxgk::dataset {
namespace {

// Distinct compact names, and each report's names among them.
struct NameTable {
  std::vector<std::u32string> names;
  std::vector<std::vector<size_t>> of_report;

  size_t index_of(const std::u32string &name) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
  }
};

NameTable name_table(const std::vector<ReportFacts> &reports) {
  NameTable t;
  for (const ReportFacts &r : reports) {
    std::vector<size_t> mine;
    if (!r.agency.empty()) {
      mine.push_back(t.index_of(report::compact(r.agency)));
      for (const std::string &alias : r.aliases)
        if (!alias.empty()) mine.push_back(t.index_of(report::compact(alias)));
    }
    t.of_report.push_back(std::move(mine));
  }
  return t;
}

// The longer names that end with names[i], and among them those no other name extends.
std::vector<size_t> widest_extensions(const std::vector<std::u32string> &names, size_t i) {
  std::vector<size_t> longer;
  for (size_t j = 0; j < names.size(); ++j)
    if (names[j].size() > names[i].size() && report::same_agency(names[i], names[j])) longer.push_back(j);
  std::vector<size_t> widest;
  for (size_t j : longer) {
    bool extended = std::any_of(longer.begin(), longer.end(), [&](size_t k) {
      return names[k].size() > names[j].size() && report::same_agency(names[j], names[k]);
    });
    if (!extended) widest.push_back(j);
  }
  return widest;
}

int status_rank(const std::string &status) {
  return status == "ok" ? 0 : status == "review" ? 1 : 2;
}

std::string number_text(std::optional<double> v) {
  if (!v) return "unknown";
  std::ostringstream out;
  out << *v;
  return out.str();
}

std::string key_of(const char *row, const std::string &column) {
  return report::template_key("applications", row, column);
}

std::optional<double> value_of(const ReportFacts &r, const std::string &key) {
  auto it = r.values.find(key);
  return it == r.values.end() ? std::nullopt : it->second;
}

// A check of `kind` between one agency's report of a year and of a later year.
CrossCheck between(CrossCheckKind kind, const std::string &agency, const ReportFacts &from, const ReportFacts &to) {
  CrossCheck c;
  c.kind = kind;
  c.agency = agency;
  c.year = *from.year;
  c.next_year = *to.year;
  c.report = from.id;
  c.next_report = to.id;
  return c;
}

CrossCheck carry_over(const std::string &agency, const ReportFacts &from, const ReportFacts &to,
                      const std::string &column) {
  CrossCheck c = between(CrossCheckKind::carry_over, agency, from, to);
  c.column = column;
  std::string forward_key = key_of("carried_forward", column), over_key = key_of("carried_over", column);
  c.carried_forward = value_of(from, forward_key);
  c.carried_over = value_of(to, over_key);
  c.doubtful = from.flagged.count(forward_key) || to.flagged.count(over_key);
  if (!c.carried_forward || !c.carried_over)
    c.result = CrossCheckResult::unknown;
  else
    c.result = *c.carried_forward == *c.carried_over ? CrossCheckResult::pass : CrossCheckResult::fail;
  c.message = std::to_string(c.year) + " carried forward " + number_text(c.carried_forward) + " (" + column + "), " +
              std::to_string(c.next_year) + " carried over " + number_text(c.carried_over);
  if (c.doubtful) c.message += "; a value is flagged in its report";
  return c;
}

// One agency's checks: the reports of each year (best first), then the chain.
void check_agency(const std::string &agency, std::vector<const ReportFacts *> reports, std::vector<CrossCheck> &out) {
  std::sort(reports.begin(), reports.end(), [](const ReportFacts *a, const ReportFacts *b) {
    return std::tuple(*a->year, status_rank(a->status), a->id) < std::tuple(*b->year, status_rank(b->status), b->id);
  });
  std::vector<const ReportFacts *> chain;
  for (const ReportFacts *r : reports) {
    if (!chain.empty() && *chain.back()->year == *r->year) {
      CrossCheck d = between(CrossCheckKind::duplicate, agency, *chain.back(), *r);
      d.message = "two reports of " + std::to_string(*r->year) + ": " + chain.back()->file + " (used) and " + r->file;
      out.push_back(std::move(d));
      continue;
    }
    chain.push_back(r);
  }
  for (size_t i = 1; i < chain.size(); ++i) {
    const ReportFacts &from = *chain[i - 1], &to = *chain[i];
    if (*to.year != *from.year + 1) {
      CrossCheck gap = between(CrossCheckKind::year_missing, agency, from, to);
      gap.message = "no report of " + std::to_string(*from.year + 1) +
                    (*to.year - *from.year > 2 ? "-" + std::to_string(*to.year - 1) : "") + ": no chain claimed from " +
                    std::to_string(*from.year) + " to " + std::to_string(*to.year);
      out.push_back(std::move(gap));
      continue;
    }
    for (const std::string &column : carry_over_columns()) out.push_back(carry_over(agency, from, to, column));
  }
}

}  // namespace

const std::vector<std::string> &carry_over_columns() {
  static const std::vector<std::string> columns = {"natural_person",
                                                   "commercial_enterprise",
                                                   "research_institution",
                                                   "social_welfare_organization",
                                                   "legal_service_agency",
                                                   "other_organization",
                                                   "total"};
  return columns;
}

std::vector<std::string> carry_over_keys() {
  std::vector<std::string> keys;
  for (const std::string &c : carry_over_columns()) {
    keys.push_back(key_of("carried_forward", c));
    keys.push_back(key_of("carried_over", c));
  }
  return keys;
}

std::vector<std::string> agency_groups(const std::vector<ReportFacts> &reports) {
  NameTable t = name_table(reports);
  UnionFind groups(t.names.size());
  for (const auto &mine : t.of_report)
    for (size_t i = 1; i < mine.size(); ++i) groups.join(mine[0], mine[i]);
  for (size_t i = 0; i < t.names.size(); ++i) {
    std::vector<size_t> widest = widest_extensions(t.names, i);
    if (widest.size() == 1) groups.join(i, widest[0]);
  }
  std::vector<std::u32string> name_of_group(t.names.size());
  for (size_t i = 0; i < t.names.size(); ++i) {
    std::u32string &best = name_of_group[groups.find(i)];
    const std::u32string &n = t.names[i];
    if (best.empty() || n.size() > best.size() || (n.size() == best.size() && n < best)) best = n;
  }
  std::vector<std::string> out;
  for (const auto &mine : t.of_report) out.push_back(mine.empty() ? "" : to_utf8(name_of_group[groups.find(mine[0])]));
  return out;
}

std::vector<CrossCheck> cross_checks(const std::vector<ReportFacts> &reports) {
  std::vector<std::string> groups = agency_groups(reports);
  std::map<std::string, std::vector<const ReportFacts *>> by_agency;
  for (size_t i = 0; i < reports.size(); ++i)
    if (!groups[i].empty() && reports[i].year) by_agency[groups[i]].push_back(&reports[i]);
  std::vector<CrossCheck> out;
  for (const auto &[agency, list] : by_agency) check_agency(agency, list, out);
  return out;
}

std::string describe(const std::vector<CrossCheck> &checks, const std::function<std::string(long long)> &file_of) {
  std::map<std::string, std::vector<const CrossCheck *>> by_agency;
  for (const CrossCheck &c : checks) by_agency[c.agency].push_back(&c);
  std::ostringstream out;
  int pass = 0, fail = 0, unknown = 0, duplicates = 0, gaps = 0;
  for (const auto &[agency, list] : by_agency) {
    std::set<int> years;
    std::vector<const CrossCheck *> notable;
    for (const CrossCheck *c : list) {
      years.insert(c->year);
      years.insert(c->next_year);
      if (c->kind == CrossCheckKind::duplicate) ++duplicates;
      if (c->kind == CrossCheckKind::year_missing) ++gaps;
      if (c->kind != CrossCheckKind::carry_over) {
        notable.push_back(c);
        continue;
      }
      (c->result == CrossCheckResult::pass ? pass : c->result == CrossCheckResult::fail ? fail : unknown)++;
      if (c->result != CrossCheckResult::pass) notable.push_back(c);
    }
    out << agency << ":";
    for (int y : years) out << " " << y;
    out << "\n";
    for (const CrossCheck *c : notable) {
      const char *label = c->kind == CrossCheckKind::duplicate      ? "duplicate"
                          : c->kind == CrossCheckKind::year_missing ? "gap"
                          : c->result == CrossCheckResult::fail     ? "FAIL"
                                                                    : "unknown";
      out << "  " << label << ": " << c->message;
      if (c->kind == CrossCheckKind::carry_over)
        out << " [" << file_of(c->report) << " -> " << file_of(c->next_report) << "]";
      out << "\n";
    }
  }
  out << pass + fail + unknown << " carry-over checks: " << pass << " pass, " << fail << " fail, " << unknown
      << " unknown (a value missing); " << duplicates << " duplicate report(s); " << gaps << " gap(s) in a chain\n";
  return out.str();
}

nlohmann::json to_json(const std::vector<CrossCheck> &checks, const std::function<std::string(long long)> &file_of) {
  nlohmann::json out = nlohmann::json::array();
  auto number = [](std::optional<double> v) {
    if (!v) return nlohmann::json(nullptr);
    return *v == std::floor(*v) ? nlohmann::json(static_cast<long long>(*v)) : nlohmann::json(*v);
  };
  for (const CrossCheck &c : checks) {
    nlohmann::json j = {
        {"kind", to_string(c.kind)},     {"agency", c.agency},        {"year", c.year},
        {"next_year", c.next_year},      {"file", file_of(c.report)}, {"next_file", file_of(c.next_report)},
        {"result", to_string(c.result)}, {"doubtful", c.doubtful},    {"message", c.message}};
    if (c.kind == CrossCheckKind::carry_over) {
      j["column"] = c.column;
      j["carried_forward"] = number(c.carried_forward);
      j["carried_over"] = number(c.carried_over);
    }
    out.push_back(std::move(j));
  }
  return out;
}

const char *to_string(CrossCheckKind kind) {
  switch (kind) {
    case CrossCheckKind::carry_over: return "carry_over";
    case CrossCheckKind::duplicate: return "duplicate";
    case CrossCheckKind::year_missing: return "year_missing";
  }
  return "?";
}

const char *to_string(CrossCheckResult result) {
  switch (result) {
    case CrossCheckResult::pass: return "pass";
    case CrossCheckResult::fail: return "fail";
    case CrossCheckResult::unknown: return "unknown";
    case CrossCheckResult::note: return "note";
  }
  return "?";
}

}  // namespace xxgk::dataset
