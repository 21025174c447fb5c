#pragma once
// The shapes of a report's printed digits, as evidence for what OCR read. A report prints its
// numbers in one face and size, so each digit's glyph looks like the report's other copies of
// that digit: where OCR reads one glyph as something else (a bitonal scan's mono 1 read as 4,
// in every cell where it stands alone, so the form's checks still hold), the glyphs it looks
// like say what it is.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "xxgk/core/geometry.hpp"
#include "xxgk/ocr/ocr_engine.hpp"

namespace xxgk::ocr {

// One glyph's ink resampled onto a fixed grid (what fraction of each grid cell is ink), with
// the proportions the resampling loses.
struct GlyphShape {
  static constexpr int grid_width = 8, grid_height = 12;
  std::array<std::uint8_t, grid_width * grid_height> ink{};  // 0..255: the share of the cell inked
  double aspect = 0;                                         // width / height of its ink
  double height = 0;                                         // points
  double middle = 0;  // points below the top of the cut it was found in: where it stands
  // The white its strokes close in (a 0's one, an 8's two), each as the span of the glyph it
  // reaches over: top and bottom as fractions of its height (0 at the top), left and right of
  // its width (0 at the left).
  struct Hole {
    double top = 0, bottom = 0, left = 0, right = 0;
  };
  std::vector<Hole> holes;
};

// Whether a glyph's print is a zero's whatever OCR read it as: one hole, centred, from the top
// quarter of its height to the bottom quarter and across most of its width (a 6's and a 9's
// holes fill only their lower or upper part, an 8 has two, a 4's stands left of its stem and
// bar; 1, 2, 3, 5 and 7 close none).
// Tesseract's English model reads a narrow sans-serif 0 of a bitonal scan as 6, surely, in every
// cell it stands alone in, so neither the form's checks nor the look-alike vote can tell.
bool zero_shaped(const GlyphShape &glyph);

// The glyphs of the print inside `box` (page points), left to right: the cell's ink clear of
// its rulings, split into marks, where marks stacked over one another (a glyph broken by
// binarization) are one glyph. Empty when the cell holds no ink.
std::vector<GlyphShape> glyph_shapes(const PageImage &page, const Rect &box);

// How unlike two glyphs are: the mean difference of their ink over the grid plus the
// difference of their proportions. Glyphs of different print sizes (more than a fifth apart)
// are not compared: infinity.
double shape_distance(const GlyphShape &a, const GlyphShape &b);

// A digit as OCR read it, with its glyph.
struct ReadDigit {
  char digit = '0';
  GlyphShape shape;
};

// For each digit, the digit its look-alikes in the report are read as, where nearly all of
// them agree on one other than its own reading; nothing where they agree with it, are too few,
// or are not close enough to be copies of one glyph. Look-alikes are the nearest digits whose
// distance is within a few times the report's typical distance between copies of one digit.
// Whether `mark`, printed before the digit `digit`, is a minus sign: a flat bar (more than
// twice as wide as tall, under a third of the digit's height) level with the digit's middle.
// OCR drops a small minus before a digit (本年增/减's -3 read as 3) as often as it reads it.
bool minus_shaped(const GlyphShape &mark, const GlyphShape &digit);

std::vector<std::optional<char>> look_alike_readings(const std::vector<ReadDigit> &digits);

}  // namespace xxgk::ocr
