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
    for (size_t i = 0; i < text.size(); ++i) {
      if (is_space(text[i])) continue;
      Rect box = boxed ? run.glyph_boxes[i]
                       : Rect{run.bbox.x0 + i * step, run.bbox.y0, run.bbox.x0 + (i + 1) * step, run.bbox.y1};
      out.push_back({text[i], box, run.font_size, run.confidence});
    }
  }
  return out;
}

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
      if (i > 0 && line[i].box.x0 - line[i - 1].box.x1 > 0.3 * std::max(line[i].font_size, 1.0)) text += U' ';
      text += line[i].c;
    }
  }
  result.text = to_utf8(normalize::clean(text));
  return result;
}

}  // namespace xxgk::layout
