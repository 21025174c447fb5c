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
};

ParsedNumber parse_number(std::string_view raw);

const char *to_string(NumberKind kind);

}  // namespace xxgk::normalize
