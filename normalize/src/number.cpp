#include "xxgk/normalize/number.hpp"

#include <charconv>
#include <regex>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::normalize {
namespace {

bool is_zero_mark(const std::u32string &s) {
  static const std::u32string marks[] = {U"—", U"——", U"-", U"--", U"–", U"―", U"─", U"－", U"/", U"／", U"无"};
  for (const auto &m : marks)
    if (s == m) return true;
  return false;
}

// Thousands separators are dropped only where they really group digits by three, so that a
// "1,2" produced by two merged cells is not read as 12.
std::string strip_grouping(const std::string &s) {
  static const std::regex grouped(R"(^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$)");
  if (!std::regex_match(s, grouped)) return s;
  std::string out;
  for (char c : s)
    if (c != ',') out += c;
  return out;
}

}  // namespace

ParsedNumber parse_number(std::string_view raw) {
  ParsedNumber result;
  result.raw = std::string(raw);
  std::u32string text = clean(to_u32(raw));
  if (text.empty()) {
    result.kind = NumberKind::blank;
    return result;
  }
  if (is_zero_mark(text)) {
    result.kind = NumberKind::zero_mark;
    return result;
  }
  for (char32_t &c : text)
    if (c == U'，') c = U',';
  std::string ascii = strip_grouping(to_utf8(text));
  static const std::regex numeric(R"(^[+-]?\d+(\.\d+)?$)");
  if (!std::regex_match(ascii, numeric)) return result;
  const char *begin = ascii.data() + (ascii[0] == '+' ? 1 : 0);
  double value = 0;
  auto [end, ec] = std::from_chars(begin, ascii.data() + ascii.size(), value);
  if (ec != std::errc() || end != ascii.data() + ascii.size()) return result;
  result.kind = NumberKind::number;
  result.value = value == 0 ? 0 : value;  // no "-0" in the output
  result.integer = ascii.find('.') == std::string::npos;
  return result;
}

const char *to_string(NumberKind kind) {
  switch (kind) {
    case NumberKind::number: return "number";
    case NumberKind::zero_mark: return "zero_mark";
    case NumberKind::blank: return "blank";
    case NumberKind::invalid: return "invalid";
  }
  return "invalid";
}

}  // namespace xxgk::normalize
