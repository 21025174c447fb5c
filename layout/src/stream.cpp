#include "xxgk/layout/stream.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "xxgk/core/statistics.hpp"
#include "xxgk/core/union_find.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/number.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::layout {

namespace {
bool is_item_numeral(char32_t c) {
  return (c >= U'0' && c <= U'9') || std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

}  // namespace

bool numbered_item(const std::string &text) {
  std::u32string t = to_u32(text);
  bool open = !t.empty() && (t[0] == U'（' || t[0] == U'(');
  size_t i = open ? 1 : 0, first = i;
  while (i < t.size() && is_item_numeral(t[i])) ++i;
  if (i == first || i >= t.size()) return false;
  return open ? t[i] == U'）' || t[i] == U')' : t[i] == U'、' || t[i] == U'.' || t[i] == U'．';
}

namespace {

struct Line {
  std::vector<Segment> segments;
  Rect bbox;
  double font_size = 0;
};

struct Band {
  std::vector<Segment> segments;
  double y0 = 0, y1 = 0;
};

struct Interval {
  double x0, x1;
};

bool inside(const Rect &r, const std::vector<Rect> &areas) {
  return std::any_of(areas.begin(), areas.end(), [&](const Rect &a) { return a.holds_centre_of(r); });
}

// A line of column headers side by side: this many words at least, none longer than this
// many glyphs (结果, 尚未, 商业企业); a heading runs on.
constexpr size_t min_column_headers = 3;
constexpr size_t longest_column_header = 4;

size_t glyph_count(const std::string &text) {
  std::u32string t = to_u32(text);
  return static_cast<size_t>(std::count_if(t.begin(), t.end(), [](char32_t c) { return !is_space(c); }));
}

// Runs of lines that look like one table: multi-segment lines, with the single-segment lines
// between them (wrapped labels, captions). A larger font (a heading), a wide single segment
// (prose) or a wide vertical gap ends a region.
std::vector<std::vector<Line>> regions(const std::vector<Line> &lines, const StreamOptions &options) {
  double left = 1e9, right = -1e9;
  for (const Line &l : lines) left = std::min(left, l.bbox.x0), right = std::max(right, l.bbox.x1);
  std::vector<std::vector<Line>> out;
  std::vector<Line> current, pending;
  auto close = [&] {
    if (!current.empty()) out.push_back(current);
    current.clear();
    pending.clear();
  };
  std::vector<Line> before;  // single lines just above where a region may start (a group header)
  for (const Line &line : lines) {
    bool tabular = line.segments.size() >= 2;
    if (current.empty()) {
      if (!tabular) {
        bool close_below = !before.empty() && line.bbox.y0 - before.back().bbox.y1 <= before.back().bbox.height();
        if (!close_below) before.clear();
        if (line.bbox.width() <= 0.6 * (right - left)) before.push_back(line);
        continue;
      }
      // Centred header lines directly above, in the table's print, belong to it: walk up from
      // the table while each line is close to the one below it and no larger.
      size_t keep = before.size();
      double top = line.bbox.y0;
      while (keep > 0 && top - before[keep - 1].bbox.y1 <= before[keep - 1].bbox.height() &&
             before[keep - 1].font_size <= 1.1 * line.font_size) {
        top = before[keep - 1].bbox.y0;
        --keep;
      }
      current.assign(before.begin() + static_cast<long>(keep), before.end());
      before.clear();
      current.push_back(line);
      continue;
    }
    const Line &last = pending.empty() ? current.back() : pending.back();
    std::vector<double> sizes;
    for (const Line &l : current) sizes.push_back(l.font_size);
    // A heading (larger print) ends the table; a word or two of a stacked header is no heading
    // whatever size OCR gives it, nor is a line of column headers (short words side by side,
    // sized by OCR's boxes stretched over two stacked lines), a row of numbers or a label with
    // its numbers (OCR sizes digits by their height, and a number read alone by its own).
    bool words = std::any_of(line.segments.begin(), line.segments.end(), [](const Segment &s) { return !s.value; });
    bool numbers = std::any_of(line.segments.begin(), line.segments.end(), [](const Segment &s) { return s.value; });
    bool column_headers = line.segments.size() >= min_column_headers &&
                          std::all_of(line.segments.begin(), line.segments.end(),
                                      [](const Segment &s) { return glyph_count(s.text) <= longest_column_header; });
    bool heading = words && !numbers && !column_headers && line.font_size > 1.1 * median(sizes) &&
                   (tabular || line.bbox.width() > 0.25 * (right - left));
    bool breaks = line.bbox.y0 - last.bbox.y1 > options.region_gap * last.bbox.height() || heading ||
                  (!tabular && line.bbox.width() > 0.6 * (right - left));
    if (breaks) {
      close();
      if (tabular) current.push_back(line);
    } else if (tabular) {
      current.insert(current.end(), pending.begin(), pending.end());
      pending.clear();
      current.push_back(line);
    } else {
      pending.push_back(line);
    }
  }
  close();
  return out;
}

void add_to_bands(std::vector<Band> &bands, const Segment &s) {
  double overlap = bands.empty() ? 0 : std::min(bands.back().y1, s.bbox.y1) - s.bbox.y0;
  if (!bands.empty() && overlap > 0.3 * s.bbox.height()) {
    bands.back().segments.push_back(s);
    bands.back().y1 = std::max(bands.back().y1, s.bbox.y1);
  } else {
    bands.push_back({{s}, s.bbox.y0, s.bbox.y1});
  }
}

double vertical_overlap(const Band &b, const Segment &s) {
  return std::max(0.0, std::min(b.y1, s.bbox.y1) - std::max(b.y0, s.bbox.y0));
}

// Rows are anchored on the numbers: a row of values is a band, other text joins the band it
// mostly overlaps, and text overlapping none (header lines, wrapped tails, stacked one-character
// labels) forms bands of its own. Anchoring keeps a tall stacked label from chaining rows.
std::vector<Band> bands_of(const std::vector<Line> &region) {
  std::vector<Segment> values, words;
  for (const Line &l : region)
    for (const Segment &s : l.segments) (s.value ? values : words).push_back(s);
  // A dash's box (from OCR, the ink itself) is a hairline: it stands for a line of print of its
  // font size, or its row's label would not overlap it.
  for (Segment &v : values)
    if (v.font_size > 0 && v.bbox.height() < 0.6 * v.font_size) {
      double middle = v.bbox.center_y();
      v.bbox.y0 = middle - v.font_size / 2, v.bbox.y1 = middle + v.font_size / 2;
    }
  auto by_top = [](const Segment &a, const Segment &b) { return a.bbox.y0 < b.bbox.y0; };
  std::sort(values.begin(), values.end(), by_top);
  std::sort(words.begin(), words.end(), by_top);
  std::vector<Band> anchored, free;
  for (const Segment &s : values) add_to_bands(anchored, s);
  for (const Segment &s : words) {
    auto best = std::max_element(anchored.begin(), anchored.end(), [&](const Band &a, const Band &b) {
      return vertical_overlap(a, s) < vertical_overlap(b, s);
    });
    // Half the text's height, its print size where that is less (one misjudged glyph box from
    // OCR can make a word's box twice as tall as its line).
    double height = s.font_size > 0 ? std::min(s.bbox.height(), s.font_size) : s.bbox.height();
    if (best != anchored.end() && vertical_overlap(*best, s) >= 0.5 * height)
      best->segments.push_back(s);
    else
      add_to_bands(free, s);
  }
  std::vector<Band> bands = anchored;
  bands.insert(bands.end(), free.begin(), free.end());
  std::sort(bands.begin(), bands.end(), [](const Band &a, const Band &b) { return a.y0 + a.y1 < b.y0 + b.y1; });
  return bands;
}

// Intervals that overlap (or touch within a point) joined, left to right.
std::vector<Interval> merge_overlapping(std::vector<Interval> spans) {
  std::sort(spans.begin(), spans.end(), [](const Interval &a, const Interval &b) { return a.x0 < b.x0; });
  std::vector<Interval> merged;
  for (const Interval &s : spans) {
    if (!merged.empty() && s.x0 <= merged.back().x1 + 1)
      merged.back().x1 = std::max(merged.back().x1, s.x1);
    else
      merged.push_back(s);
  }
  return merged;
}

// Columns of numbers: value segments whose x-ranges overlap, left to right. Columns left of
// the first well-filled one are dropped when thin: they are label words read as numbers (OCR
// takes the 一 of 一、 or a stacked 三 for the zero mark or a digit), while a real column of
// numbers has an entry in most rows.
//
// A value wider than most that reaches over two columns the others make (two zero dashes OCR
// read as one word, "一一") joins none of them: it would make one column of two.
std::vector<Interval> value_columns(const std::vector<Band> &bands) {
  constexpr double wide = 2.0;  // times the median value's width
  std::vector<Interval> spans;
  std::vector<double> widths;
  for (const Band &b : bands)
    for (const Segment &s : b.segments)
      if (s.value) spans.push_back({s.bbox.x0, s.bbox.x1}), widths.push_back(s.bbox.width());
  double typical = median(widths);
  std::vector<Interval> narrow, broad;
  for (const Interval &s : spans) (s.x1 - s.x0 > wide * typical ? broad : narrow).push_back(s);
  std::vector<Interval> columns = merge_overlapping(narrow);
  for (const Interval &s : broad) {
    long reached = std::count_if(columns.begin(), columns.end(),
                                 [&](const Interval &c) { return s.x0 <= c.x1 + 1 && c.x0 <= s.x1 + 1; });
    if (reached <= 1) columns.push_back(s);
  }
  columns = merge_overlapping(columns);
  std::vector<int> filled(columns.size(), 0);
  for (const Interval &s : spans)
    for (size_t k = 0; k < columns.size(); ++k)
      if (s.x0 >= columns[k].x0 && s.x1 <= columns[k].x1) ++filled[k];
  int most = filled.empty() ? 0 : *std::max_element(filled.begin(), filled.end());
  size_t first = 0;
  while (first < columns.size() && 3 * filled[first] < most) ++first;
  return {columns.begin() + static_cast<long>(first), columns.end()};
}

// Column edges: label columns where label segments' left edges cluster, then one column per
// column of numbers, split halfway between them.
std::vector<double> column_edges(const std::vector<Band> &bands, const std::vector<Interval> &values, double em) {
  double left = 1e9, right = -1e9;
  for (const Band &b : bands)
    for (const Segment &s : b.segments) left = std::min(left, s.bbox.x0), right = std::max(right, s.bbox.x1);
  double label_end = left;
  std::vector<double> starts;
  for (const Band &b : bands) {
    bool data = std::any_of(b.segments.begin(), b.segments.end(), [](const Segment &s) { return s.value; });
    for (const Segment &s : b.segments)
      if (data && !s.value && s.bbox.x1 < values.front().x0) {
        label_end = std::max(label_end, s.bbox.x1);
        starts.push_back(s.bbox.x0);
      }
  }
  std::sort(starts.begin(), starts.end());
  std::vector<double> edges{left - 1};
  for (size_t i = 0; i < starts.size();) {
    size_t j = i + 1;
    while (j < starts.size() && starts[j] - starts[j - 1] <= 0.6 * em) ++j;
    if (j - i >= 2 && starts[i] - 1 > edges.back() + em) edges.push_back(starts[i] - 1);
    i = j;
  }
  if (label_end > left) edges.push_back((label_end + values.front().x0) / 2);  // no labels: no label column
  for (size_t k = 0; k + 1 < values.size(); ++k) edges.push_back((values[k].x1 + values[k + 1].x0) / 2);
  edges.push_back(std::max(right, values.back().x1) + 1);
  return edges;
}

// The grid under construction: slots (band, column), the segments placed in them, and which
// slots have been joined into one cell.
struct Grid {
  int rows, cols;
  std::vector<double> edges;
  UnionFind slots;
  std::vector<std::vector<Segment>> text;    // per slot where a segment starts
  std::vector<std::pair<int, int>> span_of;  // per slot: the columns its segment covers

  Grid(int r, int c, std::vector<double> e)
      : rows(r),
        cols(c),
        edges(std::move(e)),
        slots(static_cast<size_t>(r * c)),
        text(slots.size()),
        span_of(slots.size(), {-1, -1}) {}
  size_t at(int r, int c) const { return static_cast<size_t>(r * cols + c); }
  int column(double x) const {
    auto it = std::upper_bound(edges.begin(), edges.end(), x);
    return std::clamp(static_cast<int>(std::distance(edges.begin(), it)) - 1, 0, cols - 1);
  }
};

// Rows and columns each component covers, and whether it holds text.
struct Component {
  int r0 = 1 << 30, r1 = -1, c0 = 1 << 30, c1 = -1;
  bool has_text = false, has_value = false;
  int slots = 0;
};

std::map<size_t, Component> components(Grid &g) {
  std::map<size_t, Component> out;
  for (int r = 0; r < g.rows; ++r)
    for (int c = 0; c < g.cols; ++c) {
      Component &k = out[g.slots.find(g.at(r, c))];
      k.r0 = std::min(k.r0, r), k.r1 = std::max(k.r1, r), k.c0 = std::min(k.c0, c), k.c1 = std::max(k.c1, c);
      ++k.slots;
      for (const Segment &s : g.text[g.at(r, c)]) {
        k.has_text = true;
        k.has_value = k.has_value || s.value;
      }
    }
  return out;
}

void place_segments(Grid &g, const std::vector<Band> &bands) {
  for (int r = 0; r < g.rows; ++r)
    for (const Segment &s : bands[r].segments) {
      int c0 = g.column(s.bbox.x0 + 1.5), c1 = g.column(s.bbox.x1 - 1.5);
      if (c1 < c0) c1 = c0;
      g.text[g.at(r, c0)].push_back(s);
      g.span_of[g.at(r, c0)] = {c0, c1};
      for (int c = c0 + 1; c <= c1; ++c) g.slots.join(g.at(r, c0), g.at(r, c));
    }
}

// Whether row r has text in the value columns (a header cell or a number), or a number there.
bool has_value_column_text(const Grid &g, int r, int first_value_col) {
  for (int c = first_value_col; c < g.cols; ++c)
    if (!g.text[g.at(r, c)].empty()) return true;
  return false;
}
bool has_number(const Grid &g, int r, int first_value_col) {
  for (int c = first_value_col; c < g.cols; ++c)
    for (const Segment &s : g.text[g.at(r, c)])
      if (s.value) return true;
  return false;
}

// Whether the label whose text stands at (up, col), with the lines it was joined from above,
// has a row of numbers already.
bool label_has_numbers(Grid &g, int up, int col, int first_value_col) {
  size_t root = g.slots.find(g.at(up, col));
  for (int r = up; r >= 0 && g.slots.find(g.at(r, col)) == root; --r)
    if (has_number(g, r, first_value_col)) return true;
  return false;
}

// A row label that is its row's innermost (nothing right of it before the values), in a row of
// numbers, is a row of its own under a row that has words or numbers of its own in the value
// columns (a borderless form prints a header's 信息内容 right above 规章, as close as a wrapped
// line), or under a label (text at (up, origin)) whose rows have their numbers already (page
// OCR cut the row's label in two, its second part under the wrapped tail of the label above).
// A group label stacked down a column, 三、/本年/度办…, has its rows' labels right of it.
bool starts_own_row(Grid &g, int up, int origin, int r, int c1, int first_value_col) {
  if (c1 >= first_value_col || !has_number(g, r, first_value_col)) return false;
  if (!has_value_column_text(g, up, first_value_col) && !label_has_numbers(g, up, origin, first_value_col))
    return false;
  for (int c = c1 + 1; c < first_value_col; ++c)
    if (!g.text[g.at(r, c)].empty()) return false;
  return true;
}

// Wrapped and stacked words: a segment under another in the same columns, with only empty
// slots between and close below it, continues it unless either is a number, the lower one
// starts a new item, or it starts a row of its own (starts_own_row).
void join_wrapped_text(Grid &g, int first_value_col, const StreamOptions &options) {
  auto lowest = [](const std::vector<Segment> &v) {
    return *std::max_element(v.begin(), v.end(),
                             [](const Segment &a, const Segment &b) { return a.bbox.y1 < b.bbox.y1; });
  };
  auto highest = [](const std::vector<Segment> &v) {
    return *std::min_element(v.begin(), v.end(),
                             [](const Segment &a, const Segment &b) { return a.bbox.y0 < b.bbox.y0; });
  };
  for (int r = 1; r < g.rows; ++r)
    for (int c = 0; c < g.cols; ++c) {
      const auto &here = g.text[g.at(r, c)];
      if (here.empty()) continue;
      auto [c0, c1] = g.span_of[g.at(r, c)];
      // The nearest text above in these columns; it continues here only if it covers them all
      // (centred text wraps into a narrower line, never a wider one).
      for (int up = r - 1; up >= 0; --up) {
        int origin = -1;
        for (int k = 0; k < g.cols && origin < 0; ++k) {
          auto span = g.span_of[g.at(up, k)];
          if (!g.text[g.at(up, k)].empty() && span.first <= c1 && span.second >= c0) origin = k;
        }
        if (origin < 0) continue;
        auto [u0, u1] = g.span_of[g.at(up, origin)];
        const Segment u = lowest(g.text[g.at(up, origin)]), l = highest(here);
        double gap = l.bbox.y0 - u.bbox.y1;
        // A wrapped line stands within the line it continues (centred, narrower; or from the
        // same left edge); a line reaching out beyond it is a row of headers under a group's.
        double reach = std::min(u.bbox.height(), l.bbox.height());
        bool within = l.bbox.x0 >= u.bbox.x0 - reach && l.bbox.x1 <= u.bbox.x1 + reach;
        // Nothing else may sit in the rectangle the two would make.
        bool clear = true;
        for (int k = up + 1; k <= r; ++k)
          for (int cc = u0; cc <= u1; ++cc) clear = clear && (g.text[g.at(k, cc)].empty() || (k == r && cc == c));
        bool continues = clear && within && u0 <= c0 && u1 >= c1 && !u.value && !l.value && !starts_new_item(l.text) &&
                         !starts_own_row(g, up, origin, r, c1, first_value_col) &&
                         gap < options.join_lines * std::min(u.bbox.height(), l.bbox.height());
        if (continues)
          for (int k = up + 1; k <= r; ++k)
            for (int cc = u0; cc <= u1; ++cc) g.slots.join(g.at(k, cc), g.at(up, origin));
        break;
      }
    }
}

bool empty_slot(Grid &g, const std::map<size_t, Component> &parts, int r, int c) {
  const Component &k = parts.at(g.slots.find(g.at(r, c)));
  return !k.has_text && k.slots == 1;
}

// The label that begins in row r and ends left of column c with nothing but empty slots from
// there to the values: the row's own label, whose cell the empty slots right of it belong to.
std::optional<size_t> own_label_left_of(Grid &g, const std::map<size_t, Component> &parts, int r, int c,
                                        int first_value_col) {
  for (int k = c; k < first_value_col; ++k)
    if (!empty_slot(g, parts, r, k)) return std::nullopt;
  for (int k = c - 1; k >= 0; --k) {
    if (empty_slot(g, parts, r, k)) continue;
    size_t root = g.slots.find(g.at(r, k));
    const Component &label = parts.at(root);
    if (label.r0 == r && label.r1 == r && label.has_text && !label.has_value) return root;
    return std::nullopt;
  }
  return std::nullopt;
}

// An empty slot under a label (in the header: under any header cell) belongs to that label:
// a label spanning rows is printed once, in its first row. Not where the row's own label
// stands left of it (（七）总计 under a sub-row's 3.其他): there it is the rest of that label.
void fill_down(Grid &g, int header_rows, int first_value_col) {
  for (int r = 1; r < g.rows; ++r) {
    auto parts = components(g);
    for (const auto &[root, k] : parts) {
      if (k.r1 != r - 1 || !k.has_text || k.has_value) continue;
      bool header = r < header_rows, labels = r >= header_rows && k.c1 < first_value_col && k.r0 >= header_rows;
      if (!header && !labels) continue;
      bool all_empty = true;
      for (int c = k.c0; c <= k.c1; ++c) all_empty = all_empty && empty_slot(g, parts, r, c);
      if (!all_empty) continue;
      std::optional<size_t> own = labels ? own_label_left_of(g, parts, r, k.c0, first_value_col) : std::nullopt;
      for (int c = k.c0; c <= k.c1; ++c) g.slots.join(g.at(r, c), own ? *own : root);
    }
  }
}

Interval text_extent(Grid &g, size_t root, const Component &k) {
  Interval e{1e9, -1e9};
  for (int r = k.r0; r <= k.r1; ++r)
    for (int c = k.c0; c <= k.c1; ++c)
      if (g.slots.find(g.at(r, c)) == root)
        for (const Segment &s : g.text[g.at(r, c)]) e.x0 = std::min(e.x0, s.bbox.x0), e.x1 = std::max(e.x1, s.bbox.x1);
  return e;
}

double column_overlap(const Grid &g, const Component &child, const Interval &text) {
  return std::max(0.0, std::min(g.edges[child.c1 + 1], text.x1) - std::max(g.edges[child.c0], text.x0));
}

// Group headers are centred over their columns and narrower than them: each spans the cells
// beneath it (the header cells of the next row whose columns its words overlap most, or lie
// nearest to). Resolved bottom-up, so a group's children have their full width first.
void widen_group_headers(Grid &g, int header_rows, int first_value_col) {
  for (int r = header_rows - 2; r >= 0; --r) {
    auto parts = components(g);
    // The children: in each column, the first header cell below that starts below row r
    // (a cell that started at or above r and goes on down is a sibling, not a child).
    std::map<int, size_t> child_in_column;
    for (int c = first_value_col; c < g.cols; ++c)
      for (int below = r + 1; below < header_rows; ++below) {
        size_t root = g.slots.find(g.at(below, c));
        const Component &k = parts.at(root);
        if (k.r0 <= r) break;
        if (k.has_text) {
          child_in_column[c] = root;
          break;
        }
      }
    // A group header has a child under its own words; a leaf has none and keeps its width.
    std::vector<std::pair<size_t, Interval>> parents;
    for (const auto &[root, k] : parts) {
      if (k.r0 != r || k.r1 != r || !k.has_text || k.c0 < first_value_col) continue;
      bool has_child = false;
      for (int c = k.c0; c <= k.c1; ++c) has_child = has_child || child_in_column.count(c);
      if (has_child) parents.push_back({root, text_extent(g, root, k)});
    }
    if (parents.empty()) continue;
    std::set<size_t> children;
    for (const auto &[c, root] : child_in_column) children.insert(root);
    std::map<size_t, std::pair<int, int>> reach;
    for (size_t child : children) {
      const Component &k = parts.at(child);
      auto best = std::max_element(parents.begin(), parents.end(), [&](const auto &a, const auto &b) {
        double oa = column_overlap(g, k, a.second), ob = column_overlap(g, k, b.second);
        if (oa != ob) return oa < ob;
        double mid = (g.edges[k.c0] + g.edges[k.c1 + 1]) / 2;
        return std::abs(mid - (a.second.x0 + a.second.x1) / 2) > std::abs(mid - (b.second.x0 + b.second.x1) / 2);
      });
      auto [it, fresh] = reach.try_emplace(best->first, std::make_pair(k.c0, k.c1));
      if (!fresh) it->second = {std::min(it->second.first, k.c0), std::max(it->second.second, k.c1)};
    }
    for (const auto &[root, span] : reach)
      for (int c = span.first; c <= span.second; ++c)
        if (empty_slot(g, parts, r, c)) g.slots.join(g.at(r, c), root);
  }
}

// A band where no cell begins is the rest of the row above (a label's wrapped tail, stacked
// header words): its empty slots join the cells above them.
void join_continuation_rows(Grid &g) {
  for (int r = 1; r < g.rows; ++r) {
    auto parts = components(g);
    bool begins = false;
    for (int c = 0; c < g.cols; ++c) {
      const Component &k = parts.at(g.slots.find(g.at(r, c)));
      begins = begins || (k.r0 == r && k.has_text);
    }
    if (begins) continue;
    for (int c = 0; c < g.cols; ++c)
      if (empty_slot(g, parts, r, c)) g.slots.join(g.at(r, c), g.at(r - 1, c));
  }
}

std::string cell_text(std::vector<Segment> segments, double &confidence) {
  std::sort(segments.begin(), segments.end(), [](const Segment &a, const Segment &b) {
    return std::abs(a.bbox.y0 - b.bbox.y0) > 0.5 * a.bbox.height() ? a.bbox.y0 < b.bbox.y0 : a.bbox.x0 < b.bbox.x0;
  });
  std::string joined;
  for (const Segment &s : segments) {
    joined += (joined.empty() ? "" : " ") + s.text;
    confidence = std::min(confidence, s.confidence);
  }
  return normalize::clean_text(joined);
}

// Rows where no cell begins are dropped; the cells crossing them shrink.
void compact_rows(Table &t) {
  for (int r = t.rows - 1; r > 0; --r) {
    bool begins = std::any_of(t.cells.begin(), t.cells.end(), [r](const Cell &c) { return c.row == r; });
    if (begins) continue;
    for (Cell &c : t.cells) {
      if (c.row > r)
        --c.row;
      else if (c.row + c.rowspan > r)
        --c.rowspan;
    }
    --t.rows;
  }
}

Table build_table(int page, Grid &g, const std::vector<Band> &bands) {
  std::vector<double> ys{bands.front().y0 - 2};
  for (size_t i = 0; i + 1 < bands.size(); ++i)
    ys.push_back(
        std::max(ys.back(), (std::min(bands[i].y1, bands[i + 1].y0) + std::max(bands[i].y1, bands[i + 1].y0)) / 2));
  ys.push_back(bands.back().y1 + 2);
  Table t;
  t.method = "stream";
  t.rows = g.rows;
  t.cols = g.cols;
  t.col_edges = g.edges;
  auto parts = components(g);
  for (const auto &[root, k] : parts) {
    Cell cell;
    cell.row = k.r0, cell.col = k.c0, cell.rowspan = k.r1 - k.r0 + 1, cell.colspan = k.c1 - k.c0 + 1;
    cell.page = page;
    cell.bbox = {g.edges[k.c0], ys[k.r0], g.edges[k.c1 + 1], ys[k.r1 + 1]};
    std::vector<Segment> segments;
    for (int r = k.r0; r <= k.r1; ++r)
      for (int c = k.c0; c <= k.c1; ++c)
        if (g.slots.find(g.at(r, c)) == root)
          segments.insert(segments.end(), g.text[g.at(r, c)].begin(), g.text[g.at(r, c)].end());
    cell.text = cell_text(segments, cell.confidence);
    // A joined shape that is not a rectangle: keep its text, let empty cells under it go.
    if (k.slots != cell.rowspan * cell.colspan && cell.text.empty()) continue;
    t.cells.push_back(cell);
  }
  std::sort(t.cells.begin(), t.cells.end(),
            [](const Cell &a, const Cell &b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
  t.parts.push_back({page, {g.edges.front(), ys.front(), g.edges.back(), ys.back()}, 0, t.rows});
  compact_rows(t);
  t.parts[0].rows = t.rows;
  return t;
}

// A header segment over several columns of numbers made of words that each stand over one,
// apart at the edges between them: OCR joined neighbouring column headers (商业 科研, their
// gap less than an em) into one. Cut where a gap between its parts of over half an em
// holds an edge between value columns, one piece over each column it covers; a group header
// (未经复议直接起诉, 申请人情况) spans several, its words set close or fewer than them.
std::vector<Segment> split_at_column_edges(const Segment &s, const std::vector<double> &value_edges) {
  constexpr double header_gap = 0.55;  // of an em: OCR sets a word's glyphs 0.35-0.4 apart, headers 0.6-1
  constexpr double slack = 1.5;        // points a word may reach over an edge (place_segments')
  std::vector<Segment> out;
  double em = std::max(s.font_size, 1.0);
  auto piece = [&](size_t from, size_t to) {
    Segment p = s;
    p.text.clear();
    p.parts.assign(s.parts.begin() + static_cast<long>(from), s.parts.begin() + static_cast<long>(to));
    p.bbox = p.parts.front().bbox;
    for (const SegmentPart &part : p.parts) p.text += part.text, p.bbox = p.bbox.united(part.bbox);
    p.text = normalize::clean_text(p.text);
    return p;
  };
  size_t begin = 0;
  for (size_t i = 1; i < s.parts.size(); ++i) {
    double left = s.parts[i - 1].bbox.x1, right = s.parts[i].bbox.x0;
    bool edge = std::any_of(value_edges.begin(), value_edges.end(),
                            [&](double x) { return x >= left - slack && x <= right + slack; });
    if (right - left >= header_gap * em && edge) {
      out.push_back(piece(begin, i));
      begin = i;
    }
  }
  if (out.empty()) return {s};
  out.push_back(piece(begin, s.parts.size()));
  // One piece over each column the segment covers, or it was a group header after all (法人
  // 或其他 组织 over five, OCR spacing its words apart).
  auto edges_crossed = [&](const Segment &p) {
    return std::count_if(value_edges.begin(), value_edges.end(),
                         [&](double x) { return x > p.bbox.x0 + slack && x < p.bbox.x1 - slack; });
  };
  bool one_each = static_cast<long>(out.size()) == edges_crossed(s) + 1 &&
                  std::all_of(out.begin(), out.end(), [&](const Segment &p) { return edges_crossed(p) == 0; });
  return one_each ? out : std::vector<Segment>{s};
}

// The header bands' segments cut at the edges between value columns (split_at_column_edges).
void split_header_segments(std::vector<Band> &bands, int header, const std::vector<double> &edges,
                           int first_value_col) {
  std::vector<double> value_edges(edges.begin() + first_value_col + 1, edges.end() - 1);
  for (int r = 0; r < header; ++r) {
    std::vector<Segment> split;
    for (const Segment &s : bands[static_cast<size_t>(r)].segments) {
      std::vector<Segment> pieces =
          s.value || s.parts.size() < 2 ? std::vector<Segment>{s} : split_at_column_edges(s, value_edges);
      split.insert(split.end(), pieces.begin(), pieces.end());
    }
    bands[static_cast<size_t>(r)].segments = std::move(split);
  }
}

// The bands before the first row of numbers, less trailing bands with words in the label
// columns only (the wrapped tail of a row label continued from the previous page), and from
// the first numbered row label on.
int header_rows(const std::vector<Band> &bands, double value_area) {
  int first_data = 0;
  while (first_data < static_cast<int>(bands.size()) &&
         std::none_of(bands[first_data].segments.begin(), bands[first_data].segments.end(),
                      [](const Segment &s) { return s.value; }))
    ++first_data;
  while (first_data > 0 && std::all_of(bands[first_data - 1].segments.begin(), bands[first_data - 1].segments.end(),
                                       [&](const Segment &s) { return s.bbox.x1 < value_area; }))
    --first_data;
  // A numbered row label (一、… （二）…) begins the rows even where OCR read none of their values
  // (a borderless scan's first rows of dashes): no header line is numbered so. The first band
  // may be the section's heading above the table (二、主动公开…), printed across it; it is a row
  // when print stands in the value columns beside its label (a table continued at a page's top
  // whose first row of zeros OCR misread as Chinese glyphs).
  constexpr int marks_of_a_row = 2;
  for (int b = 0; b < first_data; ++b) {
    const auto &segments = bands[b].segments;
    auto leftmost = std::min_element(segments.begin(), segments.end(),
                                     [](const Segment &x, const Segment &y) { return x.bbox.x0 < y.bbox.x0; });
    if (leftmost == segments.end() || leftmost->bbox.x0 >= value_area || !numbered_item(leftmost->text)) continue;
    auto in_value_columns =
        std::count_if(segments.begin(), segments.end(), [&](const Segment &x) { return x.bbox.x0 >= value_area; });
    if (b > 0 || in_value_columns >= marks_of_a_row) return b;
  }
  return first_data;
}

// A header with no numbers under it: its columns are those of its leaf labels, the narrow
// (often stacked) words, grouped where their x-ranges overlap.
std::vector<Interval> leaf_columns(const std::vector<Band> &bands) {
  std::vector<Interval> spans;
  for (const Band &b : bands)
    for (const Segment &s : b.segments)
      if (s.bbox.width() <= 2.5 * std::max(s.font_size, 1.0)) spans.push_back({s.bbox.x0, s.bbox.x1});
  return merge_overlapping(std::move(spans));
}

// One line of a short label and a single number (行政事业性收费 196.75): the last row of a
// one-column table, carried over to the top of the next page.
bool lone_labelled_value(const std::vector<Band> &bands) {
  if (bands.size() != 1) return false;
  size_t label = 0;
  int values = 0;
  for (const Segment &s : bands[0].segments) {
    if (s.value)
      ++values;
    else
      label += to_u32(s.text).size();
  }
  return values == 1 && label >= 2 && label <= 12;
}

// A region's trace, as far as the analyzer went with it (`trace` may be null).
void note(StreamRegionTrace *trace, const std::string &outcome) {
  if (trace) trace->outcome = outcome;
}

std::optional<Table> region_table(int page, const std::vector<Line> &region, bool starts_page, bool ends_page,
                                  const StreamOptions &options, StreamRegionTrace *trace) {
  std::vector<Band> bands = bands_of(region);
  if (trace) {
    trace->bbox = region.front().bbox;
    for (const Line &l : region) {
      trace->bbox = trace->bbox.united(l.bbox);
      trace->segments.insert(trace->segments.end(), l.segments.begin(), l.segments.end());
    }
    for (const Band &b : bands) trace->bands.push_back({b.y0, b.y1});
  }
  // One row is a table only as the rest of one continued from the page before.
  if (bands.size() < (starts_page ? 1u : 2u)) {
    note(trace, "no table: one row, not at the top of the page");
    return std::nullopt;
  }
  // A few numbers in one row only (a date under a signature, a year in a title) make no table;
  // a row of many does (the review and litigation table has one), as does a table's last row
  // alone at the top of a page (the rest of one from the page before), and a header alone at
  // the foot of a page (no numbers at all: the start of one).
  std::vector<int> values_per_row;
  for (const Band &b : bands)
    if (int n = static_cast<int>(
            std::count_if(b.segments.begin(), b.segments.end(), [](const Segment &s) { return s.value; })))
      values_per_row.push_back(n);
  bool one_row = values_per_row.size() == 1;
  bool rows = values_per_row.size() >= 2 || (one_row && values_per_row[0] >= 4);
  bool continued_row = starts_page && one_row && (values_per_row[0] >= 2 || lone_labelled_value(bands));
  if (!rows && !continued_row && !(ends_page && values_per_row.empty())) {
    note(trace, "no table: numbers in " + std::to_string(values_per_row.size()) + " row(s), too few");
    return std::nullopt;
  }
  std::vector<Interval> values = value_columns(bands);
  // A table's header alone at the foot of a page, its rows on the next: kept, to be stitched.
  bool header_alone = static_cast<int>(values.size()) < options.min_value_columns && ends_page;
  if (header_alone) values = leaf_columns(bands);
  if (trace)
    for (const Interval &v : values) trace->value_columns.push_back({v.x0, v.x1});
  if (header_alone && values.size() < 2) {
    note(trace, "no table: a header at the page foot with under two columns of leaf words");
    return std::nullopt;
  }
  if (static_cast<int>(values.size()) < options.min_value_columns) {
    note(trace, "no table: no column of numbers");
    return std::nullopt;
  }
  std::vector<double> sizes;
  for (const Line &l : region) sizes.push_back(l.font_size);
  std::vector<double> edges = column_edges(bands, values, median(sizes));
  int cols = static_cast<int>(edges.size()) - 1;
  int first_value_col = cols - static_cast<int>(values.size());
  int header = header_rows(bands, edges[first_value_col]);
  if (trace) {
    trace->column_edges = edges;
    trace->header_rows = header;
    trace->header_bottom = header > 0 ? bands[static_cast<size_t>(header - 1)].y1 : trace->bbox.y0;
  }
  split_header_segments(bands, header, edges, first_value_col);
  Grid g(static_cast<int>(bands.size()), cols, edges);
  place_segments(g, bands);
  join_wrapped_text(g, first_value_col, options);
  widen_group_headers(g, header, first_value_col);
  fill_down(g, header, first_value_col);
  join_continuation_rows(g);
  Table t = build_table(page, g, bands);
  std::string size = std::to_string(t.rows) + " rows x " + std::to_string(t.cols) + " columns, ";
  note(trace, header_alone ? "a header alone at the page foot, kept for stitching: " + size +
                                 std::to_string(values.size()) + " of leaf words"
                           : "a table: " + size + std::to_string(values.size()) + " of numbers, " +
                                 std::to_string(header) + " header row(s)");
  return t;
}

// stream_tables, each region's steps written to `trace` when it is given.
std::vector<Table> analyse(int page, double page_height, const std::vector<TextRun> &runs,
                           const std::vector<Rect> &exclude, const StreamOptions &options,
                           std::vector<StreamRegionTrace> *trace) {
  std::vector<TextRun> free_runs;
  for (const TextRun &r : runs)
    if (!inside(r.bbox, exclude)) free_runs.push_back(r);
  std::vector<TextLine> text_lines = build_lines(free_runs);
  std::vector<std::vector<Segment>> segments = line_segments(free_runs, text_lines, options.gap_em);
  std::vector<Line> lines;
  for (size_t i = 0; i < text_lines.size(); ++i)
    lines.push_back({segments[i], text_lines[i].bbox, text_lines[i].font_size});
  std::vector<Table> tables;
  auto found = regions(lines, options);
  for (size_t i = 0; i < found.size(); ++i) {
    // Nothing but page furniture (a page number) may follow a table continued overleaf.
    bool ends_page = i + 1 == found.size() && std::none_of(lines.begin(), lines.end(), [&](const Line &l) {
                       return l.bbox.y0 > found[i].back().bbox.y1 && l.bbox.y0 < page_height - options.footer_margin;
                     });
    bool starts_page = i == 0 && std::none_of(lines.begin(), lines.end(), [&](const Line &l) {
                         return l.bbox.y1 < found[i].front().bbox.y0 && l.bbox.y1 > options.footer_margin;
                       });
    StreamRegionTrace *region_trace = trace ? &trace->emplace_back() : nullptr;
    if (auto t = region_table(page, found[i], starts_page, ends_page, options, region_trace))
      tables.push_back(std::move(*t));
  }
  return tables;
}

}  // namespace

bool starts_new_item(const std::string &text) {
  // Any opening bracket, closed or not: a wrapped "（二" is still an item's start.
  return text.rfind("（", 0) == 0 || text.rfind("(", 0) == 0 || numbered_item(text);
}

bool is_value_text(const std::string &text) {
  auto kind = normalize::parse_number(text).kind;
  return kind == normalize::NumberKind::number || kind == normalize::NumberKind::zero_mark;
}

namespace {

// The Chinese model's reading of the zero dash: 一 alone, apart from the line's first words
// (no label is a lone 一 standing apart on its line; 一、 and （一） are numbering).
bool read_as_one_dash(const std::vector<Segment> &line, size_t i) {
  return i > 0 && normalize::clean_text(line[i].text) == "一";
}

void mark_values(std::vector<Segment> &line) {
  int values = 0;
  size_t first = line.size();
  for (size_t i = 0; i < line.size(); ++i)
    if ((line[i].value = is_value_text(line[i].text) || read_as_one_dash(line, i)) && values++ == 0) first = i;
  if (values < 2) return;
  for (size_t i = first + 1; i < line.size(); ++i) {
    Segment &s = line[i];
    std::u32string text = to_u32(s.text);
    auto length = std::count_if(text.begin(), text.end(), [](char32_t c) { return !is_space(c); });
    if (!s.value && length <= 2 && s.confidence < 0.9 && !starts_new_item(s.text)) s.value = true;
  }
}

}  // namespace

std::vector<std::vector<Segment>> line_segments(const std::vector<TextRun> &runs, const std::vector<TextLine> &lines,
                                                double gap_em) {
  std::vector<std::vector<Segment>> out;
  for (const TextLine &line : lines) {
    std::vector<Segment> segments;
    const TextRun *previous = nullptr;
    for (size_t index : line.runs) {
      const TextRun &run = runs[index];
      double em = std::max({run.font_size, previous ? previous->font_size : 0.0, 1.0});
      double gap = previous ? run.bbox.x0 - previous->bbox.x1 : 0;
      // A number beside words or another number is its own cell at any visible gap.
      bool value_edge = previous && gap > 0.3 * em && (is_value_text(run.text) || is_value_text(previous->text));
      if (!previous || gap > gap_em * em || value_edge) {
        segments.push_back({run.text, run.bbox, run.font_size, run.confidence, false, {{run.text, run.bbox}}});
      } else {
        Segment &s = segments.back();
        s.text = normalize::clean_text(s.text + (is_word_gap(*previous, run) ? " " : "") + run.text);
        s.bbox = s.bbox.united(run.bbox);
        s.font_size = std::max(s.font_size, run.font_size);
        s.confidence = std::min(s.confidence, run.confidence);
        s.parts.push_back({run.text, run.bbox});
      }
      previous = &run;
    }
    mark_values(segments);
    out.push_back(std::move(segments));
  }
  return out;
}

std::vector<Table> stream_tables(int page, double page_height, const std::vector<TextRun> &runs,
                                 const std::vector<Rect> &exclude, const StreamOptions &options) {
  return analyse(page, page_height, runs, exclude, options, nullptr);
}

std::vector<StreamRegionTrace> stream_trace(int page, double page_height, const std::vector<TextRun> &runs,
                                            const std::vector<Rect> &exclude, const StreamOptions &options) {
  std::vector<StreamRegionTrace> trace;
  analyse(page, page_height, runs, exclude, options, &trace);
  return trace;
}

}  // namespace xxgk::layout
