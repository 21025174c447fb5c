#include "xxgk/ocr/page_words.hpp"

#include <algorithm>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/stream.hpp"

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

bool pillar_over_marks(const TextRun &word, double em) {
  // Of an em. Tesseract stretches the boxes of a line's glyphs to the line's height, which
  // reaches about three ems where its line took in a stacked header's two lines of print.
  constexpr double min_height = 3.0, max_height_per_glyph = 1.5;
  size_t glyphs = std::max<size_t>(to_u32(word.text).size(), 1);
  return word.bbox.height() > min_height * em &&
         word.bbox.height() > max_height_per_glyph * em * static_cast<double>(glyphs);
}

// A value's own height stays under this many ems.
constexpr double row_height = 1.3;

std::vector<Rect> row_values(const std::vector<TextRun> &words, double em) {
  std::vector<Rect> out;
  for (const TextRun &w : words)
    if (w.bbox.height() < row_height * em && layout::is_value_text(w.text)) out.push_back(w.bbox);
  return out;
}

bool bridges_rows_of_values(const TextRun &word, const std::vector<Rect> &values, double em) {
  // Two rows stand `rows_apart` ems apart or more; a word reaches over a value when it covers
  // `reach` of the value's height.
  constexpr double rows_apart = 0.8, reach = 1.0 / 3;
  constexpr size_t most_glyphs = 2;
  if (to_u32(word.text).size() > most_glyphs || layout::is_value_text(word.text)) return false;
  double top = word.bbox.y1, bottom = word.bbox.y0;  // of the values' centres it reaches over
  for (const Rect &v : values) {
    double covered = std::min(v.y1, word.bbox.y1) - std::max(v.y0, word.bbox.y0);
    if (covered < reach * v.height()) continue;
    top = std::min(top, v.center_y());
    bottom = std::max(bottom, v.center_y());
  }
  return bottom - top >= rows_apart * em;
}

namespace {

// Below this a word's reading is unsure enough to be a second reading of print read surely;
// from this on, a word of Chinese is read surely.
constexpr double ghost_confidence = 0.5;
constexpr double sure_confidence = 0.85;

bool has_ideograph(const std::string &text) {
  std::u32string t = to_u32(text);
  return std::any_of(t.begin(), t.end(), is_ideograph);
}

}  // namespace

std::vector<Rect> sure_chinese_words(const std::vector<TextRun> &words) {
  // A glyph of Chinese is about an em wide; a box much wider per glyph Tesseract stretched over
  // print it did not read ("柳州" over 柳州市岳麓区), which says nothing of what lies under it.
  constexpr double widest_per_glyph = 1.5;  // ems
  std::vector<Rect> out;
  for (const TextRun &w : words) {
    double glyphs = static_cast<double>(to_u32(w.text).size());
    if (w.confidence >= sure_confidence && has_ideograph(w.text) &&
        w.bbox.width() <= widest_per_glyph * w.font_size * glyphs)
      out.push_back(w.bbox);
  }
  return out;
}

bool ghost_of_surer_word(const TextRun &word, const std::vector<Rect> &sure_words) {
  const Rect &b = word.bbox;
  if (word.confidence >= ghost_confidence || b.empty()) return false;
  return std::any_of(sure_words.begin(), sure_words.end(), [&](const Rect &sure) {
    return sure.horizontal_overlap(b) * sure.vertical_overlap(b) >= 0.5 * b.width() * b.height();
  });
}

bool lone_digit_sized_glyph(const TextRun &word, const std::vector<TextRun> &words, double em) {
  constexpr double min_height = 0.5, max_height = 0.85, max_width = 0.7;  // of an em: a digit is 0.7 tall
  constexpr double clear_around = 1.5;                                    // ems to the next word on its line
  const Rect &b = word.bbox;
  if (to_u32(word.text).size() != 1 || layout::is_value_text(word.text)) return false;
  if (b.height() < min_height * em || b.height() > max_height * em || b.width() > max_width * em) return false;
  return std::none_of(words.begin(), words.end(), [&](const TextRun &w) {
    if (&w == &word || w.bbox.vertical_overlap(b) < 0.5 * std::min(w.bbox.height(), b.height())) return false;
    double gap = std::max(w.bbox.x0 - b.x1, b.x0 - w.bbox.x1);
    return gap < clear_around * em;
  });
}

std::string zeros_read_as_letters(const std::string &word) {
  bool letter = false;
  for (char c : word) {
    bool number_part = (c >= '0' && c <= '9') || c == '.' || c == ',';
    if (c != 'O' && c != 'o' && !number_part) return word;
    letter = letter || c == 'O' || c == 'o';
  }
  if (!letter) return word;
  std::string digits = word;
  std::replace(digits.begin(), digits.end(), 'O', '0');
  std::replace(digits.begin(), digits.end(), 'o', '0');
  return digits;
}

bool in_row_of_dashes(const Rect &mark, const std::vector<Rect> &marks) {
  constexpr long dashes_in_a_row = 3;  // two dashes may be a prose line's ——
  auto dash = [](const Rect &r) { return r.width() >= 3 * r.height(); };
  long level = std::count_if(marks.begin(), marks.end(), [&](const Rect &m) {
    return dash(m) && m.center_y() > mark.y0 - mark.height() && m.center_y() < mark.y1 + mark.height();
  });
  return level >= dashes_in_a_row;
}

bool in_row_of_lone_marks(const Rect &mark, const std::vector<Rect> &marks, double em) {
  constexpr size_t marks_in_a_row = 4;  // three may be a heading's or a seal's characters
  constexpr double widest = 2.5;        // of an em: a number of a few digits
  constexpr double apart = 1.0;         // of an em: the white between two columns of a table
  auto lone = [&](const Rect &m) { return m.width() <= widest * em; };
  if (!lone(mark)) return false;
  std::vector<Rect> level;
  for (const Rect &m : marks)
    if (lone(m) && m.center_y() > mark.y0 && m.center_y() < mark.y1) level.push_back(m);
  std::sort(level.begin(), level.end(), [](const Rect &a, const Rect &b) { return a.x0 < b.x0; });
  size_t spaced = level.empty() ? 0 : 1;
  for (size_t i = 1; i < level.size(); ++i)
    if (level[i].x0 - level[i - 1].x1 > apart * em) ++spaced;
  return spaced >= marks_in_a_row;
}

std::vector<ColumnSpan> lines_of_print(const std::vector<int> &dark, int white_at_most, int min_height) {
  std::vector<ColumnSpan> bands;
  int n = static_cast<int>(dark.size());
  for (int y = 0; y < n;) {
    while (y < n && dark[static_cast<size_t>(y)] <= white_at_most) ++y;
    if (y == n) break;
    int begin = y;
    while (y < n && dark[static_cast<size_t>(y)] > white_at_most) ++y;
    bands.push_back({begin, y});
  }
  // A band too thin for a line of print belongs with the nearer band beside it.
  std::vector<ColumnSpan> lines;
  for (const ColumnSpan &b : bands)
    if (b.end - b.begin >= min_height) lines.push_back(b);
  for (const ColumnSpan &b : bands) {
    if (b.end - b.begin >= min_height || lines.empty()) continue;
    auto nearest = std::min_element(lines.begin(), lines.end(), [&](const ColumnSpan &p, const ColumnSpan &q) {
      auto distance = [&](const ColumnSpan &l) { return l.begin >= b.end ? l.begin - b.end : b.begin - l.end; };
      return distance(p) < distance(q);
    });
    nearest->begin = std::min(nearest->begin, b.begin), nearest->end = std::max(nearest->end, b.end);
  }
  return lines;
}

bool in_word_space(const Rect &mark, const std::vector<WordBox> &words) {
  auto on_its_line = [&](const WordBox &w) {
    return w.box.vertical_overlap(mark) >= 0.5 * mark.height() && mark.center_y() > w.box.y0 &&
           mark.center_y() < w.box.y1;
  };
  const double x = mark.center_x();
  for (const WordBox &left : words) {
    if (!on_its_line(left) || left.box.center_x() >= x) continue;
    for (const WordBox &right : words) {
      if (!on_its_line(right) || right.box.center_x() <= x) continue;
      double space = right.box.x0 - left.box.x1;
      bool between = left.box.x1 <= mark.x1 && mark.x0 <= right.box.x0;
      if (between && space < std::min(left.em, right.em)) return true;
    }
  }
  return false;
}

bool on_edge_of(const Rect &mark, const Rect &word) {
  constexpr double edge = 1.0 / 12;  // of the word's height
  double inset = edge * word.height(), y = mark.center_y();
  return y < word.y0 + inset || y > word.y1 - inset;
}

std::vector<ColumnSpan> pieces_of_ink(const std::vector<int> &dark, int min_gap) {
  constexpr int speck = 1;  // dark pixels a white column may hold: noise, a JPEG's ringing
  std::vector<ColumnSpan> pieces;
  int n = static_cast<int>(dark.size());
  for (int x = 0; x < n;) {
    while (x < n && dark[static_cast<size_t>(x)] <= speck) ++x;
    if (x == n) break;
    int begin = x, end = x;
    // The piece runs on over white narrower than the gap.
    while (x < n) {
      if (dark[static_cast<size_t>(x)] > speck) {
        end = ++x;
        continue;
      }
      int white = x;
      while (x < n && dark[static_cast<size_t>(x)] <= speck) ++x;
      if (x == n || x - white > min_gap) break;
    }
    pieces.push_back({begin, end});
  }
  return pieces;
}

std::vector<TextRun> split_at_white(const TextRun &word, const std::vector<Rect> &pieces) {
  std::u32string text = to_u32(word.text);
  if (pieces.size() < 2 || word.glyph_boxes.size() != text.size()) return {word};
  // A glyph box may reach a little (a quarter of an em) into the next piece's ink and still not
  // have read it; into white it may reach as far as it likes (、's box is an em wide).
  const double overhang = 0.25 * std::max(word.font_size, 1.0);
  auto overlap = [](const Rect &a, const Rect &b) { return std::min(a.x1, b.x1) - std::max(a.x0, b.x0); };
  // Each glyph's piece: the one its box is centred in, else the one it overlaps most.
  std::vector<long> home(text.size(), -1);
  std::vector<bool> clean(pieces.size(), true);
  for (size_t g = 0; g < text.size(); ++g) {
    const Rect &box = word.glyph_boxes[g];
    double most = 0;
    for (size_t p = 0; p < pieces.size(); ++p) {
      bool centred = box.center_x() >= pieces[p].x0 && box.center_x() < pieces[p].x1;
      if (centred || overlap(box, pieces[p]) > most) home[g] = static_cast<long>(p), most = overlap(box, pieces[p]);
      if (centred) break;
    }
    for (size_t p = 0; p < pieces.size(); ++p)
      if (static_cast<long>(p) != home[g] && overlap(box, pieces[p]) > overhang) {
        clean[p] = false;
        if (home[g] >= 0) clean[static_cast<size_t>(home[g])] = false;
      }
  }
  std::vector<TextRun> out;
  for (size_t p = 0; p < pieces.size(); ++p) {
    TextRun part = word;
    part.text.clear();
    part.glyph_boxes.clear();
    const Rect &piece = pieces[p];
    for (size_t g = 0; g < text.size(); ++g)
      if (home[g] == static_cast<long>(p)) {
        part.text += to_utf8(std::u32string(1, text[g]));
        // The glyph where its ink is: the piece's, when its box reaches out into white.
        Rect box = word.glyph_boxes[g];
        box.x0 = std::max(box.x0, piece.x0), box.x1 = std::min(box.x1, piece.x1);
        if (box.x1 <= box.x0) box.x0 = piece.x0, box.x1 = piece.x1;
        part.glyph_boxes.push_back(box);
      }
    if (!clean[p] || part.glyph_boxes.empty()) continue;
    part.bbox = {std::max(piece.x0, word.bbox.x0), word.bbox.y0, std::min(piece.x1, word.bbox.x1), word.bbox.y1};
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace xxgk::ocr
