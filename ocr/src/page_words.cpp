#include "xxgk/ocr/page_words.hpp"

#include <algorithm>

#include "xxgk/core/utf8_text.hpp"

namespace xxgk::ocr {

double page_em(const std::vector<TextRun> &words) {
  constexpr double usual_size = 10.5;
  std::vector<double> sizes;
  for (const TextRun &w : words) sizes.push_back(w.font_size);
  if (sizes.empty()) return usual_size;
  auto middle = sizes.begin() + static_cast<long>(sizes.size() / 2);
  std::nth_element(sizes.begin(), middle, sizes.end());
  return *middle;
}

bool sliver_over_marks(const TextRun &word, double em) {
  constexpr double max_height = 0.33, min_width_per_glyph = 2.5;  // of an em
  size_t glyphs = std::max<size_t>(to_u32(word.text).size(), 1);
  return word.bbox.height() < max_height * em &&
         word.bbox.width() / static_cast<double>(glyphs) > min_width_per_glyph * em;
}

bool in_row_of_dashes(const Rect &mark, const std::vector<Rect> &marks) {
  constexpr long dashes_in_a_row = 3;  // the mark and two more
  auto dash = [](const Rect &r) { return r.width() >= 3 * r.height(); };
  if (!dash(mark)) return false;
  long level = std::count_if(marks.begin(), marks.end(), [&](const Rect &m) {
    return dash(m) && m.center_y() > mark.y0 - mark.height() && m.center_y() < mark.y1 + mark.height();
  });
  return level >= dashes_in_a_row;
}

}  // namespace xxgk::ocr
