#include "xxgk/extract/text_layer.hpp"

#include "xxgk/core/utf8_text.hpp"

#include <algorithm>
#include <string_view>

namespace xxgk::extract {
namespace {

bool is_private_use(char32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFF);
}

bool is_broken(char32_t c) {
  return is_private_use(c) || c == 0xFFFD || (c < 0x20 && c != '\t') || c == 0x7F;
}

// What a Chinese report's text is made of, besides letters: ideographs, CJK and full-width
// punctuation, digits, dashes, quotes and the ellipsis.
bool is_cjk_or_mark(char32_t c) {
  return is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= '0' && c <= '9') ||
         c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x00B7;
}

bool is_ascii_punctuation(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Latin letters beyond ASCII (accented, Latin Extended): a few in French or German text, most
// of GBK bytes shown as Latin-1.
bool is_accented_latin(char32_t c) {
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

bool is_cyrillic(char32_t c) {
  return c >= 0x400 && c <= 0x4FF;
}

bool is_vowel(char32_t c) {
  return std::u32string_view(U"aeiouyAEIOUYаеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ").find(c) != std::u32string_view::npos ||
         std::u32string_view(U"àáâäèéêëìíîïòóôöùúûüÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ").find(c) != std::u32string_view::npos;
}

// Letters of alphabets no encoding slip produces from Chinese: Greek, Hebrew, Arabic, the
// Indic scripts, Thai, Hangul, kana.
bool is_other_script(char32_t c) {
  return (c >= 0x370 && c <= 0x3FF) || (c >= 0x590 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) ||
         (c >= 0x900 && c <= 0xDFF) || (c >= 0xE00 && c <= 0xE7F) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

// The letters of one alphabet read like words of a language: enough of them to tell, vowels
// a fifth to two thirds of them (English 38 %, Russian 42 %; a font's glyph numbers or
// consonant soup far fewer), accented letters at most a quarter.
struct Alphabet {
  int letters = 0, vowels = 0, accented = 0;
  bool reads_as_words() const {
    constexpr int enough = 20;
    constexpr double fewest_vowels = 0.2, most_vowels = 0.67, most_accented = 0.25;
    double share = letters ? static_cast<double>(vowels) / letters : 0;
    return letters >= enough && share >= fewest_vowels && share <= most_vowels && accented <= most_accented * letters;
  }
};

int count_of(std::string_view text, std::string_view mark) {
  int n = 0;
  for (size_t at = text.find(mark); at != std::string_view::npos; at = text.find(mark, at + mark.size())) ++n;
  return n;
}

}  // namespace

TextLayerStats text_layer_stats(const std::vector<TextRun> &runs) {
  TextLayerStats s;
  Alphabet latin, cyrillic;
  int punctuation = 0;
  for (const TextRun &r : runs) {
    // Each "(cid:NN)" stands for one glyph Poppler could not name.
    int cids = count_of(r.text, "(cid:");
    s.broken += cids * 8;
    for (char32_t c : to_u32(r.text)) {
      if (is_space(c)) continue;
      ++s.printable;
      if (is_broken(c)) {
        ++s.broken;
      } else if (is_cjk_or_mark(c) || is_other_script(c)) {
        ++s.plausible;
      } else if (is_ascii_punctuation(c)) {
        ++punctuation;
      } else if (is_ascii_letter(c) || is_accented_latin(c) || is_cyrillic(c)) {
        Alphabet &a = is_cyrillic(c) ? cyrillic : latin;
        ++a.letters;
        a.vowels += is_vowel(c);
        a.accented += is_accented_latin(c);
      }
    }
  }
  for (const Alphabet &a : {latin, cyrillic})
    if (a.reads_as_words()) s.plausible += a.letters;
  // Punctuation stands among words and numbers; a page of it alone is a font's glyph numbers.
  s.plausible += std::min(punctuation, s.plausible);
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
