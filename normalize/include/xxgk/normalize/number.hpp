#pragma once
// Parsing of table cell values as agencies print them.

#include <string>
#include <string_view>

namespace xxgk::normalize {

enum class NumberKind {
  number,     // digits were printed: 0, 12, 1,234, １２, 0.0000, -3, +2
  zero_mark,  // a mark standing for zero or "none": — - / 无
  blank,      // nothing printed
  invalid,    // something else; the value is unknown
};

struct ParsedNumber {
  NumberKind kind = NumberKind::invalid;
  double value = 0;      // 0 for zero_mark and blank, unset (0) for invalid
  bool integer = false;  // no decimal point was printed
  std::string raw;       // the text as printed
  std::string unit;      // a unit printed after the digits (元, 万元, 亿元, 件, 条, 个, 项, 次, 篇), or ""
};

ParsedNumber parse_number(std::string_view raw);

// The unit of money a table label names: （单位：万元）, (单位:元), （万元）; "" when none.
std::string money_unit_in_label(std::string_view label);

// What one `from` is in `to` (元 in 万元: 0.0001); 0 when either is no unit of money.
double money_unit_factor(std::string_view from, std::string_view to);

const char *to_string(NumberKind kind);

}  // namespace xxgk::normalize
