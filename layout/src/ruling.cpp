#include "xxgk/layout/ruling.hpp"

#include <algorithm>

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

}  // namespace xxgk::layout
