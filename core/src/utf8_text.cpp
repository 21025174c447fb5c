#include "xxgk/core/utf8_text.hpp"

#include <utf8.h>

namespace xxgk {

std::u32string to_u32(std::string_view utf8) {
  std::string valid;
  utf8::replace_invalid(utf8.begin(), utf8.end(), std::back_inserter(valid), 0xFFFD);
  std::u32string out;
  utf8::unchecked::utf8to32(valid.begin(), valid.end(), std::back_inserter(out));
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    // Surrogates and out-of-range values cannot be encoded; keep the position visible.
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
    utf8::unchecked::append(c, std::back_inserter(out));
  }
  return out;
}

std::string to_utf8(char32_t c) {
  return to_utf8(std::u32string_view(&c, 1));
}

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF)     // radicals
         || (c >= 0x3000 && c <= 0x303F)  // CJK symbols and punctuation
         || (c >= 0x3400 && c <= 0x4DBF)  // extension A
         || (c >= 0x4E00 && c <= 0x9FFF)  // unified ideographs
         || (c >= 0xF900 && c <= 0xFAFF)  // compatibility ideographs
         || (c >= 0xFF01 && c <= 0xFF0F)  // full-width punctuation （），。 etc.
         || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
         c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x2026 ||
         (c >= 0x20000 && c <= 0x3134F);
}

bool is_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0xFEFF;
}

std::u32string trim(std::u32string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return std::u32string(text.substr(b, e - b));
}

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace xxgk
