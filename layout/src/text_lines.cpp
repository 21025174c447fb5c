#include "xxgk/layout/text_lines.hpp"

#include <algorithm>
#include <numeric>

namespace xxgk::layout {
namespace {

bool same_band(const Rect &line, const Rect &run) {
  double smaller = std::min(line.height(), run.height());
  if (smaller <= 0) return false;
  return line.vertical_overlap(run) >= 0.5 * smaller;
}

TextLine assemble(const std::vector<TextRun> &runs, std::vector<size_t> members) {
  std::sort(members.begin(), members.end(), [&](size_t a, size_t b) { return runs[a].bbox.x0 < runs[b].bbox.x0; });
  TextLine line;
  for (size_t k = 0; k < members.size(); ++k) {
    const TextRun &run = runs[members[k]];
    if (k > 0 && is_word_gap(runs[members[k - 1]], run)) line.text += ' ';
    line.text += run.text;
    line.bbox = line.bbox.united(run.bbox);
    line.font_size = std::max(line.font_size, run.font_size);
  }
  line.runs = std::move(members);
  return line;
}

}  // namespace

bool is_word_gap(const TextRun &left, const TextRun &right) {
  double gap = right.bbox.x0 - left.bbox.x1;
  double em = std::max({left.font_size, right.font_size, 1.0});
  return left.space_after || gap > 0.25 * em;
}

std::vector<TextLine> build_lines(const std::vector<TextRun> &runs) {
  std::vector<size_t> order(runs.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return runs[a].bbox.center_y() < runs[b].bbox.center_y(); });
  std::vector<std::vector<size_t>> groups;
  std::vector<Rect> bands;
  for (size_t i : order) {
    if (runs[i].text.empty()) continue;
    if (!groups.empty() && same_band(bands.back(), runs[i].bbox)) {
      groups.back().push_back(i);
      bands.back() = bands.back().united(runs[i].bbox);
    } else {
      groups.push_back({i});
      bands.push_back(runs[i].bbox);
    }
  }
  std::vector<TextLine> lines;
  for (auto &g : groups) lines.push_back(assemble(runs, std::move(g)));
  return lines;
}

}  // namespace xxgk::layout
