#pragma once
// Text lines: runs that share a baseline band, left to right. The input of reading-order text
// (headings, paragraphs) and of the stream-table analyzer.

#include <string>
#include <vector>

#include "xxgk/core/page.hpp"

namespace xxgk::layout {

struct TextLine {
  std::string text;  // runs joined; a space where the gap between runs is wide
  Rect bbox;
  double font_size = 0;      // the largest run's size
  std::vector<size_t> runs;  // indices into the page's runs, left to right
};

// Groups runs into lines, top to bottom. Two runs share a line when their boxes overlap
// vertically by at least half the smaller height.
std::vector<TextLine> build_lines(const std::vector<TextRun> &runs);

// True when the horizontal gap between two neighbouring runs reads as a word break.
bool is_word_gap(const TextRun &left, const TextRun &right);

}  // namespace xxgk::layout
