#pragma once
// Small statistics over measurements of a page (glyph heights, font sizes, gaps).

#include <algorithm>
#include <vector>

namespace xxgk {

// The middle value (the upper of the two middle ones for an even count); 0 for none. Taken by
// value: it reorders its copy.
inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace xxgk
