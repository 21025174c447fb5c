#include "xxgk/layout/lattice.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "xxgk/core/union_find.hpp"

namespace xxgk::layout {
namespace {

double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

// True when some ruling of `o` at `position` covers enough of [from, to].
bool has_border(const std::vector<Ruling> &frame, Orientation o, double position, double from, double to,
                const LatticeOptions &options) {
  double covered = 0;
  for (const Ruling &r : frame)
    if (r.orientation == o && std::abs(r.position - position) <= options.snap)
      covered += overlap(r.start, r.end, from, to);
  return covered >= options.coverage * (to - from);
}

// The x and y edges of a frame: its rulings' positions, plus the ends of rulings that run past
// the outermost cross rulings (a table whose outer side is left open).
std::pair<std::vector<double>, std::vector<double>> frame_edges(const std::vector<Ruling> &frame, double snap) {
  std::vector<double> xs, ys;
  for (const Ruling &r : frame) (r.orientation == Orientation::vertical ? xs : ys).push_back(r.position);
  xs = snap_positions(xs, snap);
  ys = snap_positions(ys, snap);
  if (xs.empty() || ys.empty()) return {xs, ys};
  for (const Ruling &r : frame) {
    auto &cross = r.orientation == Orientation::horizontal ? xs : ys;
    if (r.start < cross.front() - 4 * snap) cross.insert(cross.begin(), r.start);
    if (r.end > cross.back() + 4 * snap) cross.push_back(r.end);
  }
  return {snap_positions(xs, snap), snap_positions(ys, snap)};
}

}  // namespace

std::vector<std::vector<Ruling>> ruling_clusters(const std::vector<Ruling> &rulings, double slack) {
  UnionFind uf(rulings.size());
  for (size_t i = 0; i < rulings.size(); ++i)
    for (size_t j = 0; j < rulings.size(); ++j)
      if (rulings[i].orientation == Orientation::horizontal && rulings[j].orientation == Orientation::vertical &&
          intersects(rulings[i], rulings[j], slack))
        uf.join(i, j);
  std::map<size_t, std::vector<Ruling>> groups;
  for (size_t i = 0; i < rulings.size(); ++i) groups[uf.find(i)].push_back(rulings[i]);
  std::vector<std::vector<Ruling>> out;
  for (auto &[root, group] : groups) out.push_back(std::move(group));
  return out;
}

std::vector<double> snap_positions(std::vector<double> values, double snap) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i + 1;
    while (j < values.size() && values[j] - values[j - 1] <= snap) ++j;
    out.push_back(std::accumulate(values.begin() + static_cast<long>(i), values.begin() + static_cast<long>(j), 0.0) /
                  static_cast<double>(j - i));
    i = j;
  }
  return out;
}

std::vector<Cell> frame_cells(const std::vector<Ruling> &frame, const std::vector<double> &xs,
                              const std::vector<double> &ys, const LatticeOptions &options) {
  if (xs.size() < 2 || ys.size() < 2) return {};
  size_t cols = xs.size() - 1, rows = ys.size() - 1;
  UnionFind uf(rows * cols);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) {
      if (c + 1 < cols && !has_border(frame, Orientation::vertical, xs[c + 1], ys[r], ys[r + 1], options))
        uf.join(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !has_border(frame, Orientation::horizontal, ys[r + 1], xs[c], xs[c + 1], options))
        uf.join(r * cols + c, (r + 1) * cols + c);
    }
  std::map<size_t, Cell> by_root;
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) {
      auto [it, fresh] = by_root.try_emplace(uf.find(r * cols + c));
      Cell &cell = it->second;
      int ri = static_cast<int>(r), ci = static_cast<int>(c);
      if (fresh) {
        cell.row = ri;
        cell.col = ci;
      }
      int last_row = std::max(cell.row + cell.rowspan - 1, ri), last_col = std::max(cell.col + cell.colspan - 1, ci);
      cell.row = std::min(cell.row, ri);
      cell.col = std::min(cell.col, ci);
      cell.rowspan = last_row - cell.row + 1;
      cell.colspan = last_col - cell.col + 1;
    }
  std::vector<Cell> cells;
  for (auto &[root, cell] : by_root) {
    cell.bbox = {xs[cell.col], ys[cell.row], xs[cell.col + cell.colspan], ys[cell.row + cell.rowspan]};
    cells.push_back(cell);
  }
  std::sort(cells.begin(), cells.end(),
            [](const Cell &a, const Cell &b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
  return cells;
}

void fill_cells(std::vector<Cell> &cells, const std::vector<Glyph> &glyphs) {
  std::vector<std::vector<Glyph>> contents(cells.size());
  for (const Glyph &g : glyphs) {
    double x = g.box.center_x(), y = g.box.center_y();
    for (size_t i = 0; i < cells.size(); ++i) {
      const Rect &b = cells[i].bbox;
      if (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1) {
        contents[i].push_back(g);
        break;
      }
    }
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    GlyphText t = text_of(std::move(contents[i]));
    cells[i].text = t.text;
    cells[i].confidence = t.confidence;
  }
}

std::vector<Table> lattice_tables(int page, const std::vector<Ruling> &rulings, const std::vector<Glyph> &glyphs,
                                  const LatticeOptions &options) {
  std::vector<Table> tables;
  for (const auto &frame : ruling_clusters(rulings, options.snap)) {
    auto [xs, ys] = frame_edges(frame, options.snap);
    // A lone framed box is no table; a single row of several cells may be the last row of a
    // table continued from the previous page.
    if (xs.size() < 3 || ys.size() < 2) continue;
    Table t;
    t.method = "lattice";
    t.cols = static_cast<int>(xs.size()) - 1;
    t.rows = static_cast<int>(ys.size()) - 1;
    t.col_edges = xs;
    t.cells = frame_cells(frame, xs, ys, options);
    for (Cell &c : t.cells) c.page = page;
    fill_cells(t.cells, glyphs);
    t.parts.push_back({page, {xs.front(), ys.front(), xs.back(), ys.back()}, 0, t.rows});
    tables.push_back(std::move(t));
  }
  std::sort(tables.begin(), tables.end(),
            [](const Table &a, const Table &b) { return a.parts[0].bbox.y0 < b.parts[0].bbox.y0; });
  return tables;
}

const Cell *Table::at(int row, int col) const {
  for (const Cell &c : cells)
    if (row >= c.row && row < c.row + c.rowspan && col >= c.col && col < c.col + c.colspan) return &c;
  return nullptr;
}

}  // namespace xxgk::layout
