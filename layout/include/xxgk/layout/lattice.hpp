#pragma once
// Lattice tables: grids rebuilt from ruling lines, pdfplumber-style, in small pure steps:
// rulings → clusters of crossing rulings → grid edges → slots → cells (a missing inner ruling
// joins slots into a spanning cell) → glyphs assigned to cells.

#include <vector>

#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/ruling.hpp"
#include "xxgk/layout/table.hpp"

namespace xxgk::layout {

struct LatticeOptions {
  double snap = 3.0;      // points: edges closer than this are one
  double coverage = 0.6;  // fraction of a slot side a ruling must cover to count as its border
};

// Groups of rulings that cross one another: each is one table's frame.
std::vector<std::vector<Ruling>> ruling_clusters(const std::vector<Ruling> &rulings, double slack);

// Sorted, de-duplicated positions (values within `snap` collapse to their mean).
std::vector<double> snap_positions(std::vector<double> values, double snap);

// Cells of one frame, without text: slots joined wherever the ruling between them is missing.
std::vector<Cell> frame_cells(const std::vector<Ruling> &frame, const std::vector<double> &xs,
                              const std::vector<double> &ys, const LatticeOptions &options);

// Puts every glyph whose centre lies in a cell into it and sets the cells' text.
void fill_cells(std::vector<Cell> &cells, const std::vector<Glyph> &glyphs);

// All lattice tables on one page.
std::vector<Table> lattice_tables(int page, const std::vector<Ruling> &rulings, const std::vector<Glyph> &glyphs,
                                  const LatticeOptions &options = {});

}  // namespace xxgk::layout
