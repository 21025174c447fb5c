#include "xxgk/normalize/unicode_fold.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include "xxgk/core/utf8_text.hpp"

namespace xxgk::normalize {
namespace {

struct Fold {
  char32_t from;
  char32_t to;
};

constexpr Fold radical_folds[] = {
#include "radicals_table.inc"
};

static_assert(std::is_sorted(std::begin(radical_folds), std::end(radical_folds),
                             [](const Fold &a, const Fold &b) { return a.from < b.from; }));

bool is_fullwidth_alnum(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

}  // namespace

char32_t fold_char(char32_t c) {
  if (is_space(c)) return U' ';
  if (is_fullwidth_alnum(c)) return c - 0xFEE0;
  // Signs that belong to numbers: full-width plus, minus, percent, full stop in "１．５".
  if (c == 0xFF0B || c == 0xFF0D || c == 0xFF05 || c == 0xFF0E) return c - 0xFEE0;
  if (c < 0x2E80) return c;
  auto it = std::lower_bound(std::begin(radical_folds), std::end(radical_folds), c,
                             [](const Fold &f, char32_t v) { return f.from < v; });
  if (it != std::end(radical_folds) && it->from == c) return it->to;
  return c;
}

namespace {

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

// Chinese is written without spaces; the ones a text layer carries between two Han characters,
// or between Han and digits ("2023 年"), are the producer's spacing, not the author's.
bool joins_without_space(char32_t before, char32_t after) {
  return (is_cjk(before) && (is_cjk(after) || is_digit(after))) || (is_digit(before) && is_cjk(after));
}

// Indices of the code points that survive cleaning, with their folded values. Shared by the
// string and the run forms so both agree on which characters remain.
std::vector<std::pair<size_t, char32_t>> surviving(std::u32string_view text) {
  std::vector<std::pair<size_t, char32_t>> kept;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = fold_char(text[i]);
    if (c != U' ') {
      kept.emplace_back(i++, c);
      continue;
    }
    size_t end = i;
    while (end < text.size() && fold_char(text[end]) == U' ') ++end;
    bool at_edge = kept.empty() || end == text.size();
    if (!at_edge && !joins_without_space(kept.back().second, fold_char(text[end]))) kept.emplace_back(i, U' ');
    i = end;
  }
  return kept;
}

}  // namespace

std::u32string clean(std::u32string_view text) {
  std::u32string out;
  for (auto [index, c] : surviving(text)) out += c;
  return out;
}

std::string clean_text(std::string_view utf8) {
  return to_utf8(clean(to_u32(utf8)));
}

TextRun clean_run(TextRun run) {
  std::u32string text = to_u32(run.text);
  std::u32string out;
  std::vector<Rect> boxes;
  for (auto [index, c] : surviving(text)) {
    out += c;
    if (index < run.glyph_boxes.size()) boxes.push_back(run.glyph_boxes[index]);
  }
  run.text = to_utf8(out);
  if (boxes.size() == out.size()) {
    run.glyph_boxes = std::move(boxes);
    Rect box;
    for (const Rect &b : run.glyph_boxes) box = box.united(b);
    if (!box.empty()) run.bbox = box;
  } else {
    run.glyph_boxes.clear();  // the producer gave fewer boxes than characters
  }
  return run;
}

}  // namespace xxgk::normalize
