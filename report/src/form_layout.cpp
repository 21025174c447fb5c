#include "xxgk/report/form_layout.hpp"

#include <algorithm>
#include <map>

#include "xxgk/report/template_key.hpp"

namespace xxgk::report {
namespace {

struct Axis {
  std::string id, label, parent;
};

std::vector<Axis> axes_of(const nlohmann::json &list) {
  std::vector<Axis> out;
  for (const auto &a : list) out.push_back({a.at("id"), a.at("label"), a.value("parent", "")});
  return out;
}

struct Range {
  int first = 0, last = -1;
  bool contains(int i) const { return first <= i && i <= last; }
  int size() const { return last - first + 1; }
};

// Where each parent label runs: from its first child to its last.
std::map<std::string, Range> parent_ranges(const std::vector<Axis> &axes) {
  std::map<std::string, Range> out;
  for (int i = 0; i < static_cast<int>(axes.size()); ++i) {
    const std::string &p = axes[static_cast<size_t>(i)].parent;
    if (p.empty()) continue;
    auto [it, fresh] = out.try_emplace(p, Range{i, i});
    if (!fresh) it->second.last = i;
  }
  return out;
}

// Each axis's labels, outermost first. The spec names one parent per row; a group of rows lying
// inside another group's run (（三）不予公开's eight rows within 三、本年度办理结果) is nested in it,
// as the printed form shows it.
std::vector<std::vector<std::string>> label_paths(const std::vector<Axis> &axes) {
  std::map<std::string, Range> ranges = parent_ranges(axes);
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < static_cast<int>(axes.size()); ++i) {
    const Axis &a = axes[static_cast<size_t>(i)];
    std::vector<std::pair<int, std::string>> outer;  // (run length, label): the longest outermost
    for (const auto &[label, range] : ranges)
      if (label == a.parent ||
          (range.contains(i) && range.size() > ranges.at(a.parent.empty() ? label : a.parent).size()))
        outer.push_back({range.size(), label});
    std::sort(outer.begin(), outer.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    std::vector<std::string> path;
    for (const auto &o : outer) path.push_back(o.second);
    path.push_back(a.label);
    out.push_back(std::move(path));
  }
  return out;
}

size_t depth_of(const std::vector<std::vector<std::string>> &paths) {
  size_t d = 1;
  for (const auto &p : paths) d = std::max(d, p.size());
  return d;
}

// Labels along one axis as merged cells: a label shared by neighbours at the same depth is one
// cell over all of them; an axis's own label takes the depths its path does not use. `place`
// receives (index along the axis, depth, run along the axis, run across it, text).
template <typename Place>
void merge_labels(const std::vector<std::vector<std::string>> &paths, int depth, Place place) {
  int n = static_cast<int>(paths.size());
  for (int d = 0; d < depth; ++d) {
    for (int i = 0; i < n;) {
      const auto &p = paths[static_cast<size_t>(i)];
      if (static_cast<int>(p.size()) <= d) {
        ++i;
        continue;
      }
      bool own = d == static_cast<int>(p.size()) - 1;
      int across = own ? depth - d : 1;
      int run = 1;
      while (!own && i + run<n &&static_cast<int>(paths[static_cast<size_t>(i + run)].size())> d + 1 &&
             paths[static_cast<size_t>(i + run)][static_cast<size_t>(d)] == p[static_cast<size_t>(d)])
        ++run;
      place(i, d, run, across, p[static_cast<size_t>(d)]);
      i += run;
    }
  }
}

// A block of rows and columns at row `top` of a grid `width` value columns wide after `label_cols`
// label columns; `header` (申请人情况) over all its columns. Returns the rows it took.
int place_block(FormGrid &g, int top, int label_cols, int width, const std::string &table, const nlohmann::json &block,
                const std::string &header, const std::string &corner_text) {
  std::vector<Axis> rows = axes_of(block.at("rows")), cols = axes_of(block.at("columns"));
  auto row_paths = label_paths(rows), col_paths = label_paths(cols);
  if (!header.empty())
    for (auto &p : col_paths) p.insert(p.begin(), header);
  int header_rows = static_cast<int>(depth_of(col_paths));
  int ncols = static_cast<int>(cols.size());
  // The last column takes the width a narrower group leaves (one value under three headers).
  auto col_span = [&](int c) { return c == ncols - 1 ? width - c : 1; };
  g.cells.push_back({top, 0, header_rows, label_cols, FormCellKind::corner, corner_text, ""});
  merge_labels(col_paths, header_rows, [&](int c, int d, int run, int across, const std::string &text) {
    int span = run;
    if (c + run == ncols) span += width - ncols;
    g.cells.push_back({top + d, label_cols + c, across, span, FormCellKind::header, text, ""});
  });
  int body = top + header_rows;
  int row_depth = static_cast<int>(depth_of(row_paths));
  merge_labels(row_paths, row_depth, [&](int r, int d, int run, int across, const std::string &text) {
    // Rows with fewer levels than the label columns widen their own label to fill them.
    int colspan = across == row_depth - d ? label_cols - d : across;
    g.cells.push_back({body + r, d, run, colspan, FormCellKind::label, text, ""});
  });
  for (int r = 0; r < static_cast<int>(rows.size()); ++r)
    for (int c = 0; c < ncols; ++c)
      g.cells.push_back({body + r, label_cols + c, 1, col_span(c), FormCellKind::value, "",
                         template_key(table, rows[static_cast<size_t>(r)].id, cols[static_cast<size_t>(c)].id)});
  return header_rows + static_cast<int>(rows.size());
}

std::string section_title(const EditionSpec &edition, const nlohmann::json &table) {
  int number = table.value("section", 0);
  for (const auto &s : edition.sections)
    if (s.number == number) return s.title;
  return table.at("id");
}

// The label columns a table needs: as many as its deepest row path.
int label_columns(const nlohmann::json &blocks) {
  size_t depth = 1;
  for (const auto &b : blocks) depth = std::max(depth, depth_of(label_paths(axes_of(b.at("rows")))));
  return static_cast<int>(depth);
}

FormGrid grid_of(const EditionSpec &edition, const nlohmann::json &table) {
  FormGrid g;
  g.table = table.at("id");
  g.title = section_title(edition, table);
  bool grouped = table.contains("groups");
  nlohmann::json blocks = grouped ? table.at("groups") : nlohmann::json::array({table});
  int label_cols = label_columns(blocks);
  int width = 0;
  for (const auto &b : blocks) width = std::max(width, static_cast<int>(b.at("columns").size()));
  g.cols = label_cols + width;
  int row = 0;
  for (const auto &b : blocks) {
    if (grouped) g.cells.push_back({row++, 0, 1, g.cols, FormCellKind::heading, b.value("clause", ""), ""});
    // Grouped tables (主动公开) print 信息内容 over their row labels; the others leave it blank.
    row += place_block(g, row, label_cols, width, g.table, b, table.value("header", ""), grouped ? "信息内容" : "");
  }
  g.rows = row;
  std::sort(g.cells.begin(), g.cells.end(),
            [](const FormCell &a, const FormCell &b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
  return g;
}

}  // namespace

const char *to_string(FormCellKind kind) {
  switch (kind) {
    case FormCellKind::corner: return "corner";
    case FormCellKind::heading: return "heading";
    case FormCellKind::header: return "header";
    case FormCellKind::label: return "label";
    case FormCellKind::value: return "value";
  }
  return "value";
}

std::vector<FormGrid> form_layout(const EditionSpec &edition) {
  std::vector<FormGrid> out;
  for (const auto &t : edition.tables) out.push_back(grid_of(edition, t));
  return out;
}

nlohmann::json to_json(const FormGrid &grid) {
  nlohmann::json cells = nlohmann::json::array();
  for (const FormCell &c : grid.cells) {
    nlohmann::json j = {{"row", c.row}, {"col", c.col}, {"kind", to_string(c.kind)}};
    if (c.rowspan > 1) j["rowspan"] = c.rowspan;
    if (c.colspan > 1) j["colspan"] = c.colspan;
    if (!c.text.empty()) j["text"] = c.text;
    if (!c.key.empty()) j["key"] = c.key;
    cells.push_back(std::move(j));
  }
  return {{"table", grid.table}, {"title", grid.title}, {"rows", grid.rows}, {"cols", grid.cols}, {"cells", cells}};
}

}  // namespace xxgk::report
