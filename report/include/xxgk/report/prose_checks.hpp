#pragma once
// Prose against tables: the numbers a report's text states for table cells (新收政府信息公开申请
// N件, 上年结转N件, 办结N件, N件结转下年度继续办理, 行政复议N件, 行政诉讼N件 and the wordings
// around them) compared with the values its tables give. A disagreement is reported on the
// value's key, never "fixed"; a value the table lacks is never filled in from the text.
//
// Not checked: the information processing fee (收取信息处理费N元): neither edition's tables hold
// it (行政事业性收费 is another fee); statements in words (一件, 无, 未发生); a count whose
// subject is one office acting for the agency (区政府办代表区政府受理…), which need not be the
// table's.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/report/report_text.hpp"

namespace xxgk::report {

struct Report;

// One number the text states for the table. The stated number is the sum of `keys` (行政诉讼 is
// both litigation rows), or, where the wording admits it, of one of `alternatives` (受理 may
// count the applications carried over from the year before too).
struct ProseStatement {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> alternatives;
  double stated = 0;
  std::string sentence;  // the sentence as printed (cleaned), shortened when long
  std::string section;   // the section's id
};

struct ProseCheck {
  ProseStatement statement;
  std::optional<double> table;  // the sum of the keys' values; nullopt when one is unknown
  bool agrees = false;          // the table (or an admitted alternative) gives the stated number
};

// The statements in the sections' text, in order.
std::vector<ProseStatement> stated_numbers(const std::vector<Section> &sections);

// Compares every statement with the report's values: `prose_checks` is filled, and a warning
// prose_mismatch goes on each key of a statement the table disagrees with or lacks.
void check_prose(Report &report);

nlohmann::json to_json(const ProseCheck &check);

}  // namespace xxgk::report
