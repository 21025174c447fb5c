#pragma once
// Rulings: the horizontal and vertical lines a table is drawn with, as centre lines in page
// points, whatever their drawn thickness.

#include <vector>

namespace xxgk::layout {

enum class Orientation { horizontal, vertical };

struct Ruling {
  Orientation orientation = Orientation::horizontal;
  double position = 0;  // y of a horizontal ruling, x of a vertical one
  double start = 0;     // x0 (horizontal) or y0 (vertical)
  double end = 0;
  double thickness = 0;

  double length() const { return end - start; }
};

struct RulingTolerance {
  double snap = 2.5;  // points: centre lines closer than this are one line (double lines, jitter)
  double gap = 4.0;   // points: collinear pieces closer than this are joined (dashes, crossings)
};

// Joins collinear pieces and snaps near-equal positions; the result is sorted by position, then
// start. Pure: a function of its arguments.
std::vector<Ruling> merge_rulings(std::vector<Ruling> rulings, const RulingTolerance &tolerance = {});

// True when a horizontal and a vertical ruling cross or touch (within `slack` points).
bool intersects(const Ruling &horizontal, const Ruling &vertical, double slack);

// The short `candidates` that are cell borders: each runs from one of the `rulings` across to
// another (both ends within `slack` points of a crossing ruling). A column line in a one-row
// header is shorter than a scan's minimum ruling length, but a glyph stroke never spans
// exactly from one table line to the next.
std::vector<Ruling> cell_borders(const std::vector<Ruling> &rulings, const std::vector<Ruling> &candidates,
                                 double slack);

// The `borders` that go on across a crossing ruling: another line of `lines` or `borders` on
// the same line (within `align` points) begins or ends within `gap` points of one of their
// ends; or that a line of `lines` crosses inside their length (a column line over two rows);
// or whose row's borders all lie on lines of `lines` (a row alone at the top of a page part).
// A table's column lines run on from row to row; an upright glyph stroke that happens to fill
// its row from line to line (a Ming face's 十 or 本 in a tight row) stops there.
std::vector<Ruling> continued_borders(const std::vector<Ruling> &borders, const std::vector<Ruling> &lines,
                                      double align, double gap);

}  // namespace xxgk::layout
