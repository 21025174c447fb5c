#include "xxgk/layout/ruling.hpp"

#include <algorithm>
#include <cmath>

namespace xxgk::layout {
namespace {

std::vector<Ruling> merge_one_orientation(std::vector<Ruling> rulings, const RulingTolerance &tol) {
  std::sort(rulings.begin(), rulings.end(), [](const Ruling &a, const Ruling &b) { return a.position < b.position; });
  // Bands of near-equal positions; within a band, pieces are joined along the line.
  std::vector<Ruling> out;
  size_t i = 0;
  while (i < rulings.size()) {
    size_t j = i + 1;
    while (j < rulings.size() && rulings[j].position - rulings[j - 1].position <= tol.snap) ++j;
    std::vector<Ruling> band(rulings.begin() + static_cast<long>(i), rulings.begin() + static_cast<long>(j));
    std::sort(band.begin(), band.end(), [](const Ruling &a, const Ruling &b) { return a.start < b.start; });
    std::vector<Ruling> joined;
    for (const Ruling &r : band) {
      if (!joined.empty() && r.start <= joined.back().end + tol.gap) {
        Ruling &last = joined.back();
        double w0 = last.length(), w1 = r.length();
        if (w0 + w1 > 0) last.position = (last.position * w0 + r.position * w1) / (w0 + w1);
        last.end = std::max(last.end, r.end);
        last.thickness = std::max(last.thickness, r.thickness);
      } else {
        joined.push_back(r);
      }
    }
    out.insert(out.end(), joined.begin(), joined.end());
    i = j;
  }
  return out;
}

}  // namespace

std::vector<Ruling> merge_rulings(std::vector<Ruling> rulings, const RulingTolerance &tolerance) {
  std::vector<Ruling> horizontal, vertical;
  for (const Ruling &r : rulings) (r.orientation == Orientation::horizontal ? horizontal : vertical).push_back(r);
  std::vector<Ruling> out = merge_one_orientation(std::move(horizontal), tolerance);
  std::vector<Ruling> v = merge_one_orientation(std::move(vertical), tolerance);
  out.insert(out.end(), v.begin(), v.end());
  return out;
}

bool intersects(const Ruling &h, const Ruling &v, double slack) {
  return v.position >= h.start - slack && v.position <= h.end + slack && h.position >= v.start - slack &&
         h.position <= v.end + slack;
}

namespace {

// Whether a ruling of the other orientation crosses `r`'s line at `at` (a point on r's axis).
bool ends_on_crossing_line(const Ruling &r, double at, const std::vector<Ruling> &rulings, double slack) {
  return std::any_of(rulings.begin(), rulings.end(), [&](const Ruling &other) {
    return other.orientation != r.orientation && std::abs(other.position - at) <= slack &&
           other.start - slack <= r.position && r.position <= other.end + slack;
  });
}

}  // namespace

std::vector<Ruling> cell_borders(const std::vector<Ruling> &rulings, const std::vector<Ruling> &candidates,
                                 double slack) {
  std::vector<Ruling> out;
  for (const Ruling &c : candidates)
    if (ends_on_crossing_line(c, c.start, rulings, slack) && ends_on_crossing_line(c, c.end, rulings, slack))
      out.push_back(c);
  return out;
}

std::vector<Ruling> continued_borders(const std::vector<Ruling> &borders, const std::vector<Ruling> &lines,
                                      double align, double gap) {
  auto goes_on = [&](const Ruling &b, const Ruling &other) {
    if (&b == &other || other.orientation != b.orientation || std::abs(other.position - b.position) > align)
      return false;
    bool below = other.start >= b.end - gap && other.start <= b.end + gap;
    bool above = other.end >= b.start - gap && other.end <= b.start + gap;
    return below || above;
  };
  // A stroke crossed by a table line inside its length is a column line over two rows.
  auto crossed = [&](const Ruling &b, const Ruling &l) {
    return l.orientation != b.orientation && l.position > b.start + gap && l.position < b.end - gap &&
           b.position >= l.start - align && b.position <= l.end + align;
  };
  // Borders of a row that all lie on column lines elsewhere (a table part's first row at the
  // top of a page, under nothing: 规范性文件 | 68 | 14 | 0). Glyph strokes come several to a
  // row, and rarely each on a column line.
  auto on_a_column_line = [&](const Ruling &b) {
    return std::any_of(lines.begin(), lines.end(), [&](const Ruling &l) {
      return l.orientation == b.orientation && std::abs(l.position - b.position) <= align;
    });
  };
  auto row_on_column_lines = [&](const Ruling &b) {
    return std::all_of(borders.begin(), borders.end(), [&](const Ruling &o) {
      bool same_row = o.orientation == b.orientation && std::min(o.end, b.end) - std::max(o.start, b.start) > gap;
      return !same_row || on_a_column_line(o);
    });
  };
  std::vector<Ruling> out;
  for (const Ruling &b : borders) {
    bool kept =
        std::any_of(lines.begin(), lines.end(), [&](const Ruling &l) { return goes_on(b, l) || crossed(b, l); }) ||
        std::any_of(borders.begin(), borders.end(), [&](const Ruling &o) { return goes_on(b, o); }) ||
        row_on_column_lines(b);
    if (kept) out.push_back(b);
  }
  return out;
}

}  // namespace xxgk::layout
