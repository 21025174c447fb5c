#pragma once
// Glyphs: single characters with their boxes. Table analysis works on glyphs rather than runs
// because a run may straddle two cells (a producer that merges "0 0 0" into one run).

#include <string>
#include <vector>

#include "xxgk/core/text_run.hpp"

namespace xxgk::layout {

struct Glyph {
  char32_t c = 0;
  Rect box;
  double font_size = 0;
  double confidence = 1;
  // The text layer put a space before it (inside its run) or after it (its run's last glyph, the
  // run followed by a space: Poppler's words).
  bool space_before = false, space_after = false;
};

// The glyphs of runs; a run without per-glyph boxes has its box divided evenly.
std::vector<Glyph> glyphs_of(const std::vector<TextRun> &runs);

// Text of glyphs that belong together (one cell): lines top to bottom, glyphs left to right,
// joined without spaces between CJK characters and with one space at wide gaps otherwise.
struct GlyphText {
  std::string text;
  double confidence = 1;  // the lowest of the glyphs
};
GlyphText text_of(std::vector<Glyph> glyphs);

}  // namespace xxgk::layout
