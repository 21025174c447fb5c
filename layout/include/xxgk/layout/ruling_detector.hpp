#pragma once
// Finding rulings on a rendered page with Leptonica morphology: an opening with a long thin
// brick keeps only strokes at least that long in one direction, which table lines are and
// glyph strokes are not. Works the same on a text PDF's rendering and on a scan.

#include <vector>

#include "xxgk/core/page.hpp"
#include "xxgk/layout/ruling.hpp"

namespace xxgk::layout {

struct RulingDetectorOptions {
  double min_length = 14;    // points; shorter strokes are glyph parts or underlines
  double max_thickness = 4;  // points; thicker dark areas are fills or images, not lines
  double bridge = 2.5;       // points; gaps in a line up to this are closed (dashes, scan dropout)
  int dark_threshold = 200;  // gray level below which a pixel is ink (0..255)
  // When below min_length: strokes this long are kept too if they run from one ruling to
  // another (cell_borders), for the short column lines of one-row headers on a scan.
  double min_border_length = 0;
  // Points: how near each end of such a short stroke a crossing ruling must be. A cell border
  // meets its rulings (its ends lie within the rulings' own thickness); a glyph's upright
  // stroke in a tight row stops a point or two short of them.
  double border_slack = 2.5;
  // Keep such a short stroke only where a line goes on from one of its ends across the crossing
  // ruling (continued_borders): on scans, whose tight rows let glyph strokes reach both lines.
  bool border_must_continue = false;
  // Points; 0 for none. A second search closes gaps up to this long: a thin or light line that
  // a bitonal scan dithered into dots, or a rotation broke into dashes, has gaps of two to four
  // points once resampled, which `bridge` leaves open lest it run a row of glyphs into one bar.
  // Only thin strokes with white on both sides are taken from it, which closed rows of glyphs
  // are not.
  double dotted_bridge = 0;
  double dotted_max_thickness = 2;  // points; a closed row of text is a glyph's height thick
};

// Rulings on `page` in page points. Pixels inside `erase` (page points: typically the glyph
// boxes of the text layer) are ignored, so that dashes and rules drawn as text never count.
std::vector<Ruling> detect_rulings(const Raster &page, const std::vector<Rect> &erase = {},
                                   const RulingDetectorOptions &options = {});

// Rulings from the straight lines a text PDF draws (extract's line art), without rendering:
// pieces are joined as on a rendering (dashes, cell by cell borders), lines shorter than
// min_length kept only where they run from one ruling to another (a one-row header's column
// lines), thicker than max_thickness dropped.
std::vector<Ruling> rulings_from_line_art(const std::vector<LineSegment> &lines,
                                          const RulingDetectorOptions &options = {});

// The rulings whose centre line is ink on `page` for at least `min_fraction` of its length:
// a scan's rulings found on the image with all ink, checked against the one without colour
// ink, lose what the seal drew and keep what the seal only crossed. A point of the line counts
// as ink when ink lies within `along_slack` points of it along the line (a dotted line's gaps).
std::vector<Ruling> inked_on(const std::vector<Ruling> &rulings, const Raster &page, int dark_threshold,
                             double min_fraction, double along_slack = 0);

}  // namespace xxgk::layout
