#include "xxgk/markup/markup_document.hpp"

#include <algorithm>

namespace xxgk::markup {

int SpanGrid::place(int row, int rowspan, int colspan, int cell) {
  auto ensure_row = [&](int r) {
    while (static_cast<int>(slots.size()) <= r) slots.emplace_back();
  };
  ensure_row(row);
  std::vector<int> &line = slots[static_cast<size_t>(row)];
  int col = 0;
  while (col < static_cast<int>(line.size()) && line[static_cast<size_t>(col)] >= 0) ++col;
  for (int r = row; r < row + rowspan; ++r) {
    ensure_row(r);
    std::vector<int> &target = slots[static_cast<size_t>(r)];
    if (static_cast<int>(target.size()) < col + colspan) target.resize(static_cast<size_t>(col + colspan), -1);
    for (int c = col; c < col + colspan; ++c) target[static_cast<size_t>(c)] = cell;
  }
  return col;
}

void drop_empty_rows(GridTable &table) {
  std::vector<int> starts(static_cast<size_t>(table.rows), 0);
  for (const layout::Cell &c : table.cells)
    if (c.row < table.rows) ++starts[static_cast<size_t>(c.row)];
  std::vector<int> new_index(static_cast<size_t>(table.rows) + 1, 0);
  int kept = 0;
  for (int r = 0; r < table.rows; ++r) {
    new_index[static_cast<size_t>(r)] = kept;
    kept += starts[static_cast<size_t>(r)] > 0;
  }
  new_index[static_cast<size_t>(table.rows)] = kept;
  for (layout::Cell &c : table.cells) {
    int end = std::min(c.row + c.rowspan, table.rows);
    c.row = new_index[static_cast<size_t>(c.row)];
    c.rowspan = std::max(1, new_index[static_cast<size_t>(end)] - c.row);
  }
  table.rows = kept;
}

int SpanGrid::width(int row) const {
  return row < static_cast<int>(slots.size()) ? static_cast<int>(slots[static_cast<size_t>(row)].size()) : 0;
}

namespace {

constexpr double page_width = 595, margin = 60, row_height = 20;

void add_block(LaidOut &out, const TextBlock &b, double &y) {
  layout::TextLine line;
  line.text = b.text;
  line.font_size = b.font_size;
  line.bbox = {margin, y, page_width - margin, y + b.font_size};
  out.lines.push_back(std::move(line));
  y += 1.6 * b.font_size;
}

void add_table(LaidOut &out, const GridTable &g, double &y) {
  if (g.rows == 0 || g.cols == 0) return;
  double col_width = (page_width - 2 * margin) / g.cols;
  layout::Table t;
  t.method = "markup";
  t.rows = g.rows;
  t.cols = g.cols;
  for (int c = 0; c <= g.cols; ++c) t.col_edges.push_back(margin + c * col_width);
  for (layout::Cell c : g.cells) {
    c.page = 1;
    c.bbox = {margin + c.col * col_width, y + c.row * row_height, margin + (c.col + c.colspan) * col_width,
              y + (c.row + c.rowspan) * row_height};
    t.cells.push_back(std::move(c));
  }
  t.parts.push_back({1, {margin, y, page_width - margin, y + g.rows * row_height}, 0, g.rows});
  // Each row's words as a line inside the table, as a PDF page has them.
  std::vector<std::string> row_text(static_cast<size_t>(g.rows));
  for (const layout::Cell &c : t.cells)
    if (c.row >= 0 && c.row < g.rows && !c.text.empty()) {
      std::string &text = row_text[static_cast<size_t>(c.row)];
      text += (text.empty() ? "" : " ") + c.text;
    }
  for (int r = 0; r < g.rows; ++r) {
    layout::TextLine line;
    line.text = std::move(row_text[static_cast<size_t>(r)]);
    if (line.text.empty()) continue;
    line.font_size = 10.5;
    line.bbox = {margin + 1, y + r * row_height + 4, page_width - margin - 1, y + r * row_height + 15};
    out.lines.push_back(std::move(line));
  }
  y += g.rows * row_height + row_height;
  out.tables.push_back(std::move(t));
}

}  // namespace

LaidOut lay_out(const MarkupDocument &doc) {
  LaidOut out;
  out.width = page_width;
  double y = margin;
  for (const MarkupItem &item : doc.items) {
    if (const auto *b = std::get_if<TextBlock>(&item)) add_block(out, *b, y);
    if (const auto *g = std::get_if<GridTable>(&item)) add_table(out, *g, y);
  }
  out.height = y + margin;
  out.notes = doc.notes;
  return out;
}

}  // namespace xxgk::markup
