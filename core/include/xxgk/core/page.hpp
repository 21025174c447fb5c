#pragma once
// A Page as the pipeline sees it: its upright size and the text runs on it.

#include <cstdint>
#include <string>
#include <vector>

#include "xxgk/core/text_run.hpp"

namespace xxgk {

struct Page {
  int number = 0;    // 1-based, as a reader counts
  double width = 0;  // upright, in points
  double height = 0;
  int rotation = 0;  // degrees the PDF asks the viewer to turn the page: 0, 90, 180, 270
  std::vector<TextRun> runs;
};

// A straight stroke (or a thin filled bar) the page draws, in upright page points, as its centre
// line from (x0, y0) to (x1, y1) and its drawn width.
struct LineSegment {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width = 0;
};

// What a page draws besides its text: the straight lines, and whether a picture covers much of
// the page (a scan, or a table pasted in as an image: its lines are not line art).
struct LineArt {
  std::vector<LineSegment> lines;
  bool large_image = false;
  bool drawn = false;  // anything at all besides text: a path stroked or filled, an image
};

// A rendered page image: 8-bit gray or 24-bit RGB rows, top row first.
struct Raster {
  int width = 0;
  int height = 0;
  int channels = 1;  // 1 gray, 3 RGB
  double dpi = 0;
  std::vector<std::uint8_t> pixels;  // width * channels bytes per row, no padding

  const std::uint8_t *row(int y) const { return pixels.data() + static_cast<size_t>(y) * width * channels; }
};

}  // namespace xxgk
