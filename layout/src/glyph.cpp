#include "xxgk/layout/glyph.hpp"

#include <algorithm>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::layout {

std::vector<Glyph> glyphs_of(const std::vector<TextRun> &runs) {
  std::vector<Glyph> out;
  for (const TextRun &run : runs) {
    std::u32string text = to_u32(run.text);
    bool boxed = run.glyph_boxes.size() == text.size();
    double step = run.bbox.width() / static_cast<double>(std::max<size_t>(text.size(), 1));
    bool after_space = false;
    size_t first = out.size();
    for (size_t i = 0; i < text.size(); ++i) {
      if (is_space(text[i])) {
        after_space = true;
        continue;
      }
      Rect box = boxed ? run.glyph_boxes[i]
                       : Rect{run.bbox.x0 + i * step, run.bbox.y0, run.bbox.x0 + (i + 1) * step, run.bbox.y1};
      out.push_back({text[i], box, run.font_size, run.confidence, after_space, false});
      after_space = false;
    }
    if (run.space_after && out.size() > first) out.back().space_after = true;
  }
  return out;
}

namespace {

bool is_latin_letter(char32_t c) {
  return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// Glyphs further apart than this (of the font size) have a space between them: wider than
// Chinese print's tracking and than the side bearings of a scan's digit boxes.
constexpr double word_gap = 0.3;

// Whether a space stands between two glyphs of a line: a gap wider than a word gap, or, between
// Latin letters, a space the text layer gave (a Latin space is narrower than the gap kept for
// Chinese: 0.28 em in Helvetica, "Tamil Nadu" must not read "TamilNadu"). Spaces between Han
// characters and digits are the producer's, and clean() drops them.
bool space_between(const Glyph &left, const Glyph &right) {
  if (right.box.x0 - left.box.x1 > word_gap * std::max(right.font_size, 1.0)) return true;
  return (left.space_after || right.space_before) && is_latin_letter(left.c) && is_latin_letter(right.c);
}

}  // namespace

GlyphText text_of(std::vector<Glyph> glyphs) {
  GlyphText result;
  std::sort(glyphs.begin(), glyphs.end(),
            [](const Glyph &a, const Glyph &b) { return a.box.center_y() < b.box.center_y(); });
  std::vector<std::vector<Glyph>> lines;
  for (const Glyph &g : glyphs) {
    result.confidence = std::min(result.confidence, g.confidence);
    if (!lines.empty()) {
      const Glyph &last = lines.back().back();
      double tolerance = 0.5 * std::min(last.box.height(), g.box.height());
      if (std::abs(g.box.center_y() - last.box.center_y()) <= tolerance) {
        lines.back().push_back(g);
        continue;
      }
    }
    lines.push_back({g});
  }
  std::u32string text;
  for (auto &line : lines) {
    std::sort(line.begin(), line.end(), [](const Glyph &a, const Glyph &b) { return a.box.x0 < b.box.x0; });
    if (!text.empty()) text += U' ';  // a line break; clean() drops it between CJK characters
    for (size_t i = 0; i < line.size(); ++i) {
      if (i > 0 && space_between(line[i - 1], line[i])) text += U' ';
      text += line[i].c;
    }
  }
  result.text = to_utf8(normalize::clean(text));
  return result;
}

}  // namespace xxgk::layout
