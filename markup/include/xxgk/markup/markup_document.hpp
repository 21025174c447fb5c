#pragma once
// A report whose tables are marked up (a web page, a Word file), read into what the report
// model reads off a PDF page: lines of text with their print size, and table grids with their
// spans. Everything is laid out top to bottom on one tall page, as if printed, so that
// "inside a table", "before the title" and reading order mean what they mean on paper.

#include <string>
#include <variant>
#include <vector>

#include "xxgk/layout/table.hpp"
#include "xxgk/layout/text_lines.hpp"

namespace xxgk::markup {

// A paragraph or heading: its text (spaces as printed) and print size in points.
struct TextBlock {
  std::string text;
  double font_size = 12;
};

// A marked-up table: cells at their grid slots, spans resolved (rowspan/colspan, gridSpan/vMerge).
struct GridTable {
  int rows = 0, cols = 0;
  std::vector<layout::Cell> cells;  // row, col, rowspan, colspan, text; no geometry yet
};

using MarkupItem = std::variant<TextBlock, GridTable>;

struct MarkupDocument {
  std::vector<MarkupItem> items;  // in reading order
  // What reading it took that a person should know (a page's nesting bounded), one line each.
  std::vector<std::string> notes;
};

// One slot per (row, col) of the table's grid; each a cell's index or -1. Rows and columns
// grow as the spans need them.
struct SpanGrid {
  std::vector<std::vector<int>> slots;
  // Places a cell of `rowspan` x `colspan` in `row` at the first free column; returns the column.
  int place(int row, int rowspan, int colspan, int cell);
  // Slots taken or passed in `row` so far.
  int width(int row) const;
};

// Rows in which no cell starts (an empty <tr></tr>, which word processors write and browsers do
// not show) taken out: the rows renumbered, the spans over them shortened.
void drop_empty_rows(GridTable &table);

struct LaidOut {
  double width = 0, height = 0;  // points
  std::vector<layout::TextLine> lines;
  std::vector<layout::Table> tables;  // page 1, in reading order
  std::vector<std::string> notes;     // the document's
};

// Lays the document out on page 1: blocks one line each at their size, tables with one line
// per row (so their words are "inside the table" as on a PDF page).
LaidOut lay_out(const MarkupDocument &doc);

}  // namespace xxgk::markup
