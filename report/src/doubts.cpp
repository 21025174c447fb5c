#include <algorithm>
#include <map>
#include <set>

#include "xxgk/report/report.hpp"

namespace xxgk::report {
namespace {

// Below this an OCR'd value that no rule of the form checks (主动公开) is not vouched for. On
// the scanned corpora every such value read at 0.85 or more was right; the margin is for the
// reports nobody here has seen, since nothing else would catch a slip there.
constexpr double sure_unchecked_reading = 0.9;

// A table that prints its zeros (0, —, /) in this many of its cells, and leaves blank at most
// one in `blank_share` of as many, leaves none blank: a blank there on a scan is a number whose
// ink the scan lost (a bitonal print's thin 1), which a row of blanks summing to its blank
// total confirms by nothing.
constexpr int printed_zeros_to_judge = 10;
constexpr int blank_share = 4;

struct ZeroMarks {
  int printed = 0, blank = 0;
};

// Per table of the form, its OCR'd values of zero: printed as a mark or digit, or blank.
std::map<std::string, ZeroMarks> zeros_by_table(const Report &r) {
  std::map<std::string, ZeroMarks> out;
  for (const auto &[key, v] : r.values.values) {
    if (!v.value || *v.value != 0 || !read_by_ocr(r, v)) continue;
    ZeroMarks &z = out[key.substr(0, key.find('.'))];
    (v.kind == normalize::NumberKind::blank ? z.blank : z.printed) += 1;
  }
  return out;
}

bool prints_its_zeros(const ZeroMarks &z) {
  return z.printed >= printed_zeros_to_judge && blank_share * z.blank <= z.printed;
}

}  // namespace

bool read_by_ocr(const Report &r, const MappedValue &v) {
  return v.page >= 1 && v.page <= static_cast<int>(r.pages.size()) &&
         r.pages[static_cast<size_t>(v.page - 1)].read_from == "ocr";
}

std::map<int, std::set<std::string>> ocr_keys_in_failed_checks(const Report &r) {
  std::map<int, std::set<std::string>> by_page;
  for (const RuleFailure &f : r.validation.failed)
    for (const auto *side : {&f.sum.keys, &f.equals.keys})
      for (const std::string &key : *side) {
        const MappedValue &v = r.values.values.at(key);
        if (read_by_ocr(r, v)) by_page[v.page].insert(key);
      }
  return by_page;
}

std::vector<Alternative> other_readings_of(const Report &r, const std::map<int, std::set<std::string>> &keys_by_page) {
  std::vector<Alternative> out;
  for (const auto &[page, keys] : keys_by_page)
    for (const std::string &key : keys) {
      const MappedValue &v = r.values.values.at(key);
      normalize::ParsedNumber other = normalize::parse_number(v.other_reading);
      if (other.kind == normalize::NumberKind::number || other.kind == normalize::NumberKind::zero_mark)
        out.push_back({key, other.value, other.raw, v.confidence, "by another reading of the cell"});
    }
  return out;
}

std::string check_failed_message(const RuleFailure &f) {
  return "read by OCR and in a failed check of the form (" + f.rule + " on " + f.on + "): it may be misread";
}

// Every doubt about an OCR'd value said on its own key: a check of the form that fails with it
// (one of its cells is misread, and nothing tells which), a check that could not be made (a
// value beside it is missing), or no check at all and a reading that is not sure. A value
// from a text layer is what the report prints: a failed check there is the agency's slip,
// reported in `validation` only.
void add_doubts(Report &r) {
  std::set<std::string> said;
  for (const Warning &w : r.warnings)
    if (w.code == "low_confidence" || w.code == "value_unreadable") said.insert(w.key);
  auto doubt = [&](const std::string &key, const std::string &code, const std::string &message) {
    const MappedValue &v = r.values.values.at(key);
    if (!v.value || !read_by_ocr(r, v) || !said.insert(key).second) return;
    r.warnings.push_back({code, message, v.page, key, v.confidence});
  };
  for (const RuleFailure &f : r.validation.failed)
    for (const auto *side : {&f.sum.keys, &f.equals.keys})
      for (const std::string &key : *side) doubt(key, "check_failed", check_failed_message(f));
  for (const std::string &key : r.validation.unconfirmed)
    doubt(key, "unconfirmed", "read by OCR and no arithmetic check of the form could confirm it");
  for (const std::string &key : r.validation.unchecked)
    if (r.values.values.at(key).confidence < sure_unchecked_reading)
      doubt(key, "unconfirmed", "read by OCR, not surely, and no check of the form covers it");
  // A check that holds only with a reading chosen to make it hold (chosen_by_check) confirms
  // none of its other values: a misread total would have the chosen part agree with it.
  std::set<std::string> chosen, confirmed, leaning;  // leaning: on a chosen reading only
  for (const Warning &w : r.warnings)
    if (w.code == "chosen_by_check") chosen.insert(w.key);
  for (const std::vector<std::string> &check : r.validation.passed_keys) {
    auto by_choice = std::find_if(check.begin(), check.end(), [&](const std::string &k) { return chosen.count(k); });
    for (const std::string &key : check) (by_choice == check.end() ? confirmed : leaning).insert(key);
  }
  for (const std::string &key : leaning)
    if (!confirmed.count(key) && !chosen.count(key))
      doubt(key, "unconfirmed",
            "read by OCR; the checks it is in hold only with another cell's reading chosen to make them hold");
  std::map<std::string, ZeroMarks> zeros = zeros_by_table(r);
  for (const auto &[key, v] : r.values.values)
    if (v.kind == normalize::NumberKind::blank && prints_its_zeros(zeros[key.substr(0, key.find('.'))]))
      doubt(key, "unconfirmed", "blank on a scan of a table that prints its zeros: a number's ink may be lost");
}

}  // namespace xxgk::report
