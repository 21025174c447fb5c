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
  for (std::u32string_view unit : {U"万元", U"亿元", U"元", U"件", U"条", U"个", U"项", U"次", U"篇"})
    if (text.size() > unit.size() && text.compare(text.size() - unit.size(), unit.size(), unit) == 0) {
      result.unit = to_utf8(unit);
      text.resize(text.size() - unit.size());
      while (!text.empty() && text.back() == U' ') text.pop_back();
      break;
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

std::string money_unit_in_label(std::string_view label) {
  std::u32string t = clean(to_u32(label));
  size_t at = t.find(U"单位");
  std::u32string tail = at == std::u32string::npos ? t : t.substr(at + 2);
  // The unit named after 单位, or in brackets at the label's end.
  for (std::u32string_view unit : {U"万元", U"亿元", U"元"}) {
    size_t found = tail.find(unit);
    if (found == std::u32string::npos) continue;
    bool bracketed = found > 0 && (tail[found - 1] == U'（' || tail[found - 1] == U'(');
    if (at != std::u32string::npos || bracketed) return to_utf8(unit);
  }
  return "";
}

double money_unit_factor(std::string_view from, std::string_view to) {
  auto yuan = [](std::string_view u) { return u == "元" ? 1.0 : u == "万元" ? 1e4 : u == "亿元" ? 1e8 : 0.0; };
  double f = yuan(from), t = yuan(to);
  return f > 0 && t > 0 ? f / t : 0;
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
