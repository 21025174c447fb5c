#pragma once
// Page geometry. All coordinates are PDF points in the upright page: origin at the top-left
// corner of the page as displayed, x to the right, y downwards.

#include <algorithm>

namespace xxgk {

struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double center_x() const { return (x0 + x1) / 2; }
  double center_y() const { return (y0 + y1) / 2; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }

  Rect united(const Rect &o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
  }
  double vertical_overlap(const Rect &o) const { return std::max(0.0, std::min(y1, o.y1) - std::max(y0, o.y0)); }
  double horizontal_overlap(const Rect &o) const { return std::max(0.0, std::min(x1, o.x1) - std::max(x0, o.x0)); }
  // Whether o's centre lies in this rectangle, edges included: the test of which box a word or
  // line belongs to, when boxes of print overlap their neighbours' a little.
  bool holds_centre_of(const Rect &o) const {
    return o.center_x() >= x0 && o.center_x() <= x1 && o.center_y() >= y0 && o.center_y() <= y1;
  }
};

}  // namespace xxgk
