#include "xxgk/extract/text_layer.hpp"

#include "xxgk/core/utf8_text.hpp"

namespace xxgk::extract {
namespace {

bool is_private_use(char32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFF);
}

bool is_broken(char32_t c) {
  return is_private_use(c) || c == 0xFFFD || (c < 0x20 && c != '\t') || c == 0x7F;
}

// What a Chinese report's text is made of. Latin letters are not counted: a page of them where
// Chinese should be is the signature of mojibake, and a report has few of them anyway.
bool is_plausible(char32_t c) {
  return is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= '0' && c <= '9') ||
         (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || c == 0x2014 || c == 0x2026 || c == 0x201C ||
         c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x00B7;
}

int count_of(std::string_view text, std::string_view mark) {
  int n = 0;
  for (size_t at = text.find(mark); at != std::string_view::npos; at = text.find(mark, at + mark.size())) ++n;
  return n;
}

}  // namespace

TextLayerStats text_layer_stats(const std::vector<TextRun> &runs) {
  TextLayerStats s;
  for (const TextRun &r : runs) {
    // Each "(cid:NN)" stands for one glyph Poppler could not name.
    int cids = count_of(r.text, "(cid:");
    s.broken += cids * 8;
    for (char32_t c : to_u32(r.text)) {
      if (is_space(c)) continue;
      ++s.printable;
      if (is_broken(c))
        ++s.broken;
      else if (is_plausible(c))
        ++s.plausible;
    }
  }
  return s;
}

TextLayer classify_text_layer(const TextLayerStats &s, int min_chars) {
  if (s.printable < min_chars) return TextLayer::none;
  // A clean report page is >90% plausible; mojibake and unmapped fonts are well under half.
  if (2 * s.plausible < s.printable || 10 * s.broken > s.printable) return TextLayer::garbled;
  return TextLayer::usable;
}

const char *to_string(TextLayer layer) {
  switch (layer) {
    case TextLayer::usable: return "usable";
    case TextLayer::none: return "none";
    case TextLayer::garbled: return "garbled";
  }
  return "usable";
}

}  // namespace xxgk::extract
