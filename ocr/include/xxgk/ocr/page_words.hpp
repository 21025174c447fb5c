#pragma once
// Rules about the words a page's OCR returns: pure functions of their boxes, in page points
// (TextRuns) or pixels (marks of ink), whichever the caller holds.

#include <vector>

#include "xxgk/core/page.hpp"

namespace xxgk::ocr {

// The page's print size: the median of its words' font sizes (10.5 pt, the usual body size,
// for none).
double page_em(const std::vector<TextRun> &words);

// A word no print could make: thinner than a third of the page's em and more than two and a
// half ems wide per glyph. Tesseract returns a row of a borderless table's zero dashes so (one
// "和" stretched over five dashes, read at confidence 0); left out, the dashes are found by
// their ink as missed words and read one by one.
bool sliver_over_marks(const TextRun &word, double em);

// Whether `mark` (one of `marks`) is shaped as a dash (at least three times as wide as tall)
// and has at least two more on its level: a borderless table's row of zeros printed as
// dashes, which no number stands beside.
bool in_row_of_dashes(const Rect &mark, const std::vector<Rect> &marks);

}  // namespace xxgk::ocr
