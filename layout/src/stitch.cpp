#include "xxgk/layout/stitch.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/lattice.hpp"
#include "xxgk/layout/stream.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::layout {
namespace {

int nearest_edge(const std::vector<double> &edges, double x) {
  auto it = std::min_element(edges.begin(), edges.end(),
                             [x](double a, double b) { return std::abs(a - x) < std::abs(b - x); });
  return static_cast<int>(std::distance(edges.begin(), it));
}

void reindex_columns(std::vector<Cell> &cells, const std::vector<double> &edges) {
  for (Cell &c : cells) {
    int first = nearest_edge(edges, c.bbox.x0);
    int last = nearest_edge(edges, c.bbox.x1);
    c.col = first;
    c.colspan = std::max(1, last - first);
  }
}

using RowSignature = std::set<std::tuple<int, int, int, std::string>>;

RowSignature header_signature(const std::vector<Cell> &cells, int rows) {
  RowSignature sig;
  for (const Cell &c : cells)
    if (c.row < rows) sig.insert({c.row, c.col, c.colspan, c.text});
  return sig;
}

// How many leading rows of `b` repeat the leading rows of `a` (0 if none).
int repeated_header_rows(const std::vector<Cell> &a, const std::vector<Cell> &b, int b_rows) {
  for (int k = std::min(4, b_rows - 1); k >= 1; --k) {
    RowSignature sb = header_signature(b, k);
    bool whole_rows =
        std::none_of(b.begin(), b.end(), [k](const Cell &c) { return c.row < k && c.row + c.rowspan > k; });
    if (whole_rows && !sb.empty() && sb == header_signature(a, k)) return k;
  }
  return 0;
}

bool below_all(const std::vector<Rect> &text, double y) {
  return std::none_of(text.begin(), text.end(), [y](const Rect &r) { return r.y0 >= y; });
}

bool above_all(const std::vector<Rect> &text, double y) {
  return std::none_of(text.begin(), text.end(), [y](const Rect &r) { return r.y1 <= y; });
}

Cell *matching_cell(std::vector<Cell> &cells, int last_row, const Cell &below) {
  for (Cell &c : cells)
    if (c.col == below.col && c.colspan == below.colspan && c.row <= last_row && c.row + c.rowspan > last_row)
      return &c;
  return nullptr;
}

std::string joined(const std::string &upper, const std::string &lower) {
  return to_utf8(normalize::clean(to_u32(upper + " " + lower)));
}

bool is_number_like(const std::string &text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == '/' || c == ' ';
  });
}

// Word lets a row break across pages: the continuation's first row then holds the rest of the
// last row above: nothing, the text of slots that were empty above, or the tail of a wrapped
// label. It is a new row instead when any of its slots starts an item ("2.…", "（三）…") or
// repeats a number where one was printed above, or when nothing above is left unfinished.
bool continues_last_row(std::vector<Cell> &top, const std::vector<Cell> &bottom, int top_rows) {
  bool any_single = false, unfinished_above = false;
  for (const Cell &b : bottom) {
    if (b.row != 0) continue;
    Cell *a = matching_cell(top, top_rows - 1, b);
    // Cells spanning rows on either side are joined by the row-span rule, whatever happens here.
    if (b.rowspan > 1 || (a && a->rowspan > 1)) continue;
    any_single = true;
    if (b.text.empty()) {
      unfinished_above = unfinished_above || (a && !a->text.empty());
      continue;
    }
    if (!a) return false;
    if (!a->text.empty() && (starts_new_item(b.text) || is_number_like(b.text) || is_number_like(a->text)))
      return false;
    unfinished_above = unfinished_above || a->text.empty();
  }
  bool all_empty =
      std::none_of(bottom.begin(), bottom.end(), [](const Cell &c) { return c.row == 0 && !c.text.empty(); });
  // Above the break a header alone: a row of words below it can only be its last row's rest.
  bool header_alone = std::none_of(top.begin(), top.end(), [](const Cell &c) { return is_number_like(c.text); });
  return any_single && (unfinished_above || all_empty || header_alone);
}

// Cells cut by the page break become one again: the continuation's first-row cells join the
// cell above them (for a broken row), or a row-spanning cell above continues into them.
void join_cells_across_break(std::vector<Cell> &top, std::vector<Cell> &bottom, int top_rows, bool split_row) {
  bool first_row_labelled = std::any_of(bottom.begin(), bottom.end(), [](const Cell &c) {
    return c.row == 0 && !c.text.empty() && !is_number_like(c.text);
  });
  std::vector<Cell> kept;
  for (const Cell &b : bottom) {
    Cell *a = b.row == 0 ? matching_cell(top, top_rows - 1, b) : nullptr;
    // A row-spanning label cut by the break: the part below spans rows itself, carries the
    // rest of the label's words, or is empty beside a labelled row (a group label continuing
    // over one more row). Never a number, never the start of a new item.
    bool label_tail = !b.text.empty() && !starts_new_item(b.text) && !is_number_like(b.text);
    bool empty_in_labelled_row = b.text.empty() && first_row_labelled;
    bool span_continues = a && a->row + a->rowspan == top_rows && (a->rowspan > 1 || b.rowspan > 1) &&
                          (b.rowspan > 1 || label_tail || empty_in_labelled_row) && !is_number_like(b.text) &&
                          !is_number_like(a->text) && !starts_new_item(b.text);
    if (a && split_row) {
      a->text = joined(a->text, b.text);
      a->rowspan += b.rowspan - 1;
    } else if (span_continues) {
      a->text = joined(a->text, b.text);
      a->rowspan += b.rowspan;
    } else {
      kept.push_back(b);
    }
  }
  bottom = std::move(kept);
}

// Without rulings, a group label printed once at the top of its rows on the page before the
// break has nothing to mark where it ends: it goes on over the empty slots below the break,
// down to the first row with words in its columns.
// `offset` is the row of the joined table where the continuation's first row lands (one less
// than `top_rows` after a broken row).
void extend_labels_over_empty(std::vector<Cell> &top, std::vector<Cell> &bottom, int top_rows, int offset,
                              int bottom_rows) {
  for (Cell &a : top) {
    if (a.row + a.rowspan < top_rows || a.text.empty() || is_number_like(a.text)) continue;
    // Rows of the continuation the label already covers (joined across the break).
    int first = a.row + a.rowspan - offset;
    int extended = first;
    for (int r = first; r < bottom_rows; ++r) {
      bool empty = std::none_of(bottom.begin(), bottom.end(), [&](const Cell &b) {
        return !b.text.empty() && b.row <= r && b.row + b.rowspan > r && b.col < a.col + a.colspan &&
               b.col + b.colspan > a.col;
      });
      if (!empty) break;
      extended = r + 1;
    }
    if (extended == first) continue;
    std::erase_if(bottom, [&](const Cell &b) {
      return b.text.empty() && b.row < extended && b.col >= a.col && b.col + b.colspan <= a.col + a.colspan;
    });
    a.rowspan += extended - first;
  }
}

// A stream part of a row or two has too little text to place its column edges: it continues
// the table above when it starts at the same left edge and all its words lie within it. Under
// a ruled table, where the part's own rulings were not found (a last row's column lines, too
// short to tell from glyph strokes on a scan), its left edge is its print's, which stands
// inside the ruled first column.
bool fragment_fits(const Table &a, const Table &b, double tolerance) {
  if (b.method != "stream" || b.rows > 2 || a.col_edges.size() < 2 || b.col_edges.empty()) return false;
  double left = b.col_edges.front();
  bool same_left = std::abs(a.col_edges.front() - left) <= tolerance;
  bool in_ruled_first_column =
      a.method == "lattice" && left >= a.col_edges.front() - tolerance && left < a.col_edges[1];
  if (!same_left && !in_ruled_first_column) return false;
  return std::all_of(b.cells.begin(), b.cells.end(), [&](const Cell &c) {
    return c.text.empty() || (c.bbox.center_x() > a.col_edges.front() && c.bbox.center_x() < a.col_edges.back());
  });
}

// Places a fragment's cells in the columns of the table above by their centres.
void fit_columns(std::vector<Cell> &cells, const std::vector<double> &edges) {
  std::erase_if(cells, [](const Cell &c) { return c.text.empty(); });
  for (Cell &c : cells) {
    auto it = std::upper_bound(edges.begin(), edges.end(), c.bbox.center_x());
    c.col = std::clamp(static_cast<int>(std::distance(edges.begin(), it)) - 1, 0, static_cast<int>(edges.size()) - 2);
    c.colspan = 1;
  }
}

// A borderless table's header alone at the foot of a page (no number in it) has its columns
// from its leaf words only, and OCR may have missed some of them (a stacked 总/计): it
// continues into the next page's first table wherever that one's columns reach over its own.
// A header with nothing under it is no table to keep apart. One value in it is a stray mark
// (a stroke of a stacked header glyph found as a dash by its ink), not a row of the table.
constexpr long max_stray_values_in_header = 1;

bool header_awaiting_rows(const Table &a, const Table &b, double tolerance) {
  if (a.method != "stream" || b.method != "stream" || a.col_edges.size() < 2 || b.col_edges.size() < 2) return false;
  long values = std::count_if(a.cells.begin(), a.cells.end(), [](const Cell &c) { return is_value_text(c.text); });
  return values <= max_stray_values_in_header && b.col_edges.front() <= a.col_edges.front() + tolerance &&
         b.col_edges.back() >= a.col_edges.back() - tolerance;
}

// A header's stray value marks are no values: they would make its row look like a row of the
// table (where its values begin, which form row it is).
void blank_values(Table &header) {
  for (Cell &c : header.cells)
    if (is_value_text(c.text)) c.text.clear();
}

}  // namespace

bool columns_compatible(const Table &a, const Table &b, double tolerance) {
  if (a.col_edges.size() < 2 || b.col_edges.size() < 2) return false;
  // A part whose rows span some columns lacks those inner edges; every edge it has must still
  // be an edge of the other part.
  const auto &fewer = a.col_edges.size() <= b.col_edges.size() ? a.col_edges : b.col_edges;
  const auto &more = a.col_edges.size() <= b.col_edges.size() ? b.col_edges : a.col_edges;
  if (std::abs(fewer.front() - more.front()) > tolerance || std::abs(fewer.back() - more.back()) > tolerance)
    return false;
  return std::all_of(fewer.begin(), fewer.end(), [&](double x) {
    return std::any_of(more.begin(), more.end(), [&](double e) { return std::abs(e - x) <= tolerance; });
  });
}

Table append_table(const Table &a, const Table &b, double tolerance) {
  Table out;
  out.method = a.method;
  bool fragment = !columns_compatible(a, b, tolerance) && fragment_fits(a, b, tolerance);
  std::vector<double> edges = a.col_edges;
  if (!fragment) edges.insert(edges.end(), b.col_edges.begin(), b.col_edges.end());
  out.col_edges = snap_positions(edges, tolerance);
  out.cols = static_cast<int>(out.col_edges.size()) - 1;
  out.cells = a.cells;
  std::vector<Cell> bottom = b.cells;
  reindex_columns(out.cells, out.col_edges);
  if (fragment)
    fit_columns(bottom, out.col_edges);
  else
    reindex_columns(bottom, out.col_edges);
  int repeated = repeated_header_rows(out.cells, bottom, b.rows);
  std::erase_if(bottom, [repeated](const Cell &c) { return c.row < repeated; });
  for (Cell &c : bottom) c.row -= repeated;
  bool split_row = continues_last_row(out.cells, bottom, a.rows);
  join_cells_across_break(out.cells, bottom, a.rows, split_row);
  // After a broken row, the continuation's first row is the top part's last row.
  if (a.method == "stream" && b.method == "stream")
    extend_labels_over_empty(out.cells, bottom, a.rows, a.rows - (split_row ? 1 : 0), b.rows - repeated);
  int offset = a.rows - (split_row ? 1 : 0);
  for (Cell c : bottom) {
    c.row += offset;
    out.cells.push_back(c);
  }
  out.rows = offset + b.rows - repeated;
  out.parts = a.parts;
  for (TablePart p : b.parts) {
    int start = std::max(p.first_row, repeated);
    int end = p.first_row + p.rows;
    p.rows = std::max(0, end - start);
    p.first_row = start - repeated + offset;
    out.parts.push_back(p);
  }
  std::sort(out.cells.begin(), out.cells.end(),
            [](const Cell &x, const Cell &y) { return x.row != y.row ? x.row < y.row : x.col < y.col; });
  return out;
}

namespace {

std::string edges_text(const std::vector<double> &edges) {
  std::string out;
  for (double e : edges) out += (out.empty() ? "" : " ") + std::to_string(static_cast<int>(std::lround(e)));
  return "[" + out + "]";
}

// Whether `t`, the first table of `page`, continues `above`, the last table before it, found on
// `previous` (the page before, or null); the reason names the test that decided.
StitchDecision continuation(const Table *above, const PageTables *previous, const PageTables &page, const Table &t,
                            double tol) {
  auto decided = [&](bool joined, std::string reason) { return StitchDecision{page.page, joined, std::move(reason)}; };
  std::string before = previous ? "page " + std::to_string(previous->page) : "the page before";
  if (!above || !previous) return decided(false, "no table before it");
  if (previous->page + 1 != page.page) return decided(false, "the table before is not on the page before");
  if (above->parts.back().page != previous->page) return decided(false, before + " ends with no table");
  if (!below_all(previous->body_text, above->parts.back().bbox.y1))
    return decided(false, "text follows the table on " + before);
  if (!above_all(page.body_text, t.parts.front().bbox.y0)) return decided(false, "text stands above it on its page");
  std::string within = " (within " + std::to_string(static_cast<int>(std::lround(tol))) + " pt)";
  if (columns_compatible(*above, t, tol))
    return decided(true, "nothing but page furniture between them; column edges agree" + within);
  if (fragment_fits(*above, t, tol))
    return decided(true, "a stream fragment of " + std::to_string(t.rows) +
                             " row(s) that starts at the left edge of the table above and lies within it" + within);
  if (header_awaiting_rows(*above, t, tol)) {
    StitchDecision d = decided(true,
                               "the table above is a header alone (a stray value at most, blanked), and "
                               "this one's columns reach over it");
    d.stray_values_blanked = true;
    return d;
  }
  return decided(false, "column edges differ" + within + ": above " + edges_text(above->col_edges) + ", here " +
                            edges_text(t.col_edges));
}

}  // namespace

StitchedTables stitch_tables_explained(const std::vector<PageTables> &pages, double tolerance) {
  StitchedTables out;
  const PageTables *previous = nullptr;
  for (const PageTables &page : pages) {
    for (size_t i = 0; i < page.tables.size(); ++i) {
      const Table &t = page.tables[i];
      if (i > 0) {
        out.tables.push_back(t);
        continue;
      }
      // Stream edges are inferred from text and wander more than drawn ones.
      const Table *above = out.tables.empty() ? nullptr : &out.tables.back();
      double tol = t.method == "stream" || (above && above->method == "stream") ? 3 * tolerance : tolerance;
      if (previous) tol = std::max({tol, page.edge_tolerance, previous->edge_tolerance});
      StitchDecision decision = continuation(above, previous, page, t, tol);
      if (decision.joined && decision.stray_values_blanked) blank_values(out.tables.back());
      if (decision.joined)
        out.tables.back() = append_table(out.tables.back(), t, tol);
      else
        out.tables.push_back(t);
      if (previous) out.decisions.push_back(std::move(decision));
    }
    previous = &page;
  }
  return out;
}

std::vector<Table> stitch_tables(const std::vector<PageTables> &pages, double tolerance) {
  return stitch_tables_explained(pages, tolerance).tables;
}

}  // namespace xxgk::layout
