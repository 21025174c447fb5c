#include "xxgk/report/similarity.hpp"

#include <algorithm>
#include <vector>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::report {

double similarity(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return 1.0 - static_cast<double>(row[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

std::u32string compact(std::string_view utf8) {
  std::u32string out;
  for (char32_t c : normalize::clean(to_u32(utf8)))
    if (c != U' ') out += c;
  return out;
}

}  // namespace xxgk::report
