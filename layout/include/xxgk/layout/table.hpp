#pragma once
// A Table as geometry alone: a grid of cells with spans and their text, before anything knows
// what the table means.

#include <string>
#include <vector>

#include "xxgk/core/geometry.hpp"

namespace xxgk::layout {

struct Cell {
  int row = 0, col = 0;
  int rowspan = 1, colspan = 1;
  int page = 0;
  Rect bbox;  // on `page`
  std::string text;
  double confidence = 1;  // lowest glyph confidence; 1 for a text layer
  // OCR: another reading of the cell that disagrees with `text` (its image read alone, where
  // the page's reading was not sure); empty when there is none.
  std::string other_reading;
};

// The piece of a table on one page; a table continued over pages has several.
struct TablePart {
  int page = 0;
  Rect bbox;
  int first_row = 0;
  int rows = 0;
};

struct Table {
  std::string method;  // "lattice" or "stream"
  int rows = 0, cols = 0;
  std::vector<double> col_edges;  // cols + 1 x positions, shared by all parts
  std::vector<TablePart> parts;
  std::vector<Cell> cells;  // ordered by row, then column

  // The cell covering grid slot (row, col), or nullptr.
  const Cell *at(int row, int col) const;
};

}  // namespace xxgk::layout
