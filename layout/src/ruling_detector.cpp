#include "xxgk/layout/ruling_detector.hpp"

#include <algorithm>
#include <cmath>

#include "xxgk/layout/pix.hpp"

namespace xxgk::layout {
namespace {

void erase_boxes(PIX *binary, const std::vector<Rect> &erase, double px_per_pt) {
  for (const Rect &r : erase) {
    // Glyph boxes span the font's ascent and descent; shrink them so that a ruling running
    // close above or below a line of text is not cut.
    double shrink = 0.15 * r.height();
    int x = static_cast<int>(std::floor(r.x0 * px_per_pt));
    int y = static_cast<int>(std::floor((r.y0 + shrink) * px_per_pt));
    int w = static_cast<int>(std::ceil(r.width() * px_per_pt));
    int h = static_cast<int>(std::ceil((r.height() - 2 * shrink) * px_per_pt));
    if (w > 0 && h > 0) pixRasterop(binary, x, y, w, h, PIX_CLR, nullptr, 0, 0);
  }
}

std::vector<Ruling> strokes(PIX *binary, Orientation o, const RulingDetectorOptions &options, double px_per_pt) {
  int length = std::max(3, static_cast<int>(options.min_length * px_per_pt));
  int bridge = std::max(1, static_cast<int>(options.bridge * px_per_pt)) | 1;
  bool horizontal = o == Orientation::horizontal;
  PixPtr closed(pixCloseBrick(nullptr, binary, horizontal ? bridge : 1, horizontal ? 1 : bridge));
  PixPtr opened(pixOpenBrick(nullptr, closed.get(), horizontal ? length : 1, horizontal ? 1 : length));
  std::vector<Ruling> out;
  if (!opened) return out;
  BoxaPtr boxes(pixConnCompBB(opened.get(), 8));
  if (!boxes) return out;
  double pt_per_px = 1.0 / px_per_pt;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    double thickness = (horizontal ? h : w) * pt_per_px;
    if (thickness > options.max_thickness) continue;
    Ruling r;
    r.orientation = o;
    r.position = (horizontal ? y + h / 2.0 : x + w / 2.0) * pt_per_px;
    r.start = (horizontal ? x : y) * pt_per_px;
    r.end = (horizontal ? x + w : y + h) * pt_per_px;
    r.thickness = thickness;
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<Ruling> detect_rulings(const Raster &page, const std::vector<Rect> &erase,
                                   const RulingDetectorOptions &options) {
  if (page.width <= 0 || page.height <= 0 || page.dpi <= 0) return {};
  PixPtr gray = to_gray_pix(page);
  if (!gray) return {};
  PixPtr binary(pixThresholdToBinary(gray.get(), options.dark_threshold));
  if (!binary) return {};
  double px_per_pt = page.dpi / 72.0;
  erase_boxes(binary.get(), erase, px_per_pt);
  std::vector<Ruling> all = strokes(binary.get(), Orientation::horizontal, options, px_per_pt);
  std::vector<Ruling> vertical = strokes(binary.get(), Orientation::vertical, options, px_per_pt);
  all.insert(all.end(), vertical.begin(), vertical.end());
  all = merge_rulings(std::move(all));
  if (options.min_border_length <= 0 || options.min_border_length >= options.min_length) return all;
  RulingDetectorOptions short_strokes = options;
  short_strokes.min_length = options.min_border_length;
  std::vector<Ruling> candidates = strokes(binary.get(), Orientation::horizontal, short_strokes, px_per_pt);
  std::vector<Ruling> short_vertical = strokes(binary.get(), Orientation::vertical, short_strokes, px_per_pt);
  candidates.insert(candidates.end(), short_vertical.begin(), short_vertical.end());
  std::erase_if(candidates, [&](const Ruling &r) { return r.length() >= options.min_length; });
  std::vector<Ruling> borders = cell_borders(all, candidates, options.border_slack);
  // Points: how far apart two pieces of one column line may lie across, and how far apart
  // along, the crossing ruling between them (its own thickness and a scan's blur).
  constexpr double column_line_align = 1.5, across_ruling_gap = 2.5;
  if (options.border_must_continue) borders = continued_borders(borders, all, column_line_align, across_ruling_gap);
  all.insert(all.end(), borders.begin(), borders.end());
  return merge_rulings(std::move(all));
}

std::vector<Ruling> rulings_from_line_art(const std::vector<LineSegment> &lines, const RulingDetectorOptions &options) {
  std::vector<Ruling> pieces;
  for (const LineSegment &l : lines) {
    if (l.width > options.max_thickness) continue;
    bool horizontal = std::abs(l.y1 - l.y0) <= std::abs(l.x1 - l.x0);
    Ruling r;
    r.orientation = horizontal ? Orientation::horizontal : Orientation::vertical;
    r.position = horizontal ? (l.y0 + l.y1) / 2 : (l.x0 + l.x1) / 2;
    // A drawn line covers half its width beyond its end points, as its rendering would.
    r.start = (horizontal ? std::min(l.x0, l.x1) : std::min(l.y0, l.y1)) - l.width / 2;
    r.end = (horizontal ? std::max(l.x0, l.x1) : std::max(l.y0, l.y1)) + l.width / 2;
    r.thickness = l.width;
    pieces.push_back(r);
  }
  RulingTolerance joining;
  joining.gap = options.bridge;
  std::vector<Ruling> merged = merge_rulings(std::move(pieces), joining);
  std::vector<Ruling> long_ones, short_ones;
  for (const Ruling &r : merged) (r.length() >= options.min_length ? long_ones : short_ones).push_back(r);
  std::vector<Ruling> borders = cell_borders(long_ones, short_ones, 2.5);
  long_ones.insert(long_ones.end(), borders.begin(), borders.end());
  return merge_rulings(std::move(long_ones));
}

std::vector<Ruling> inked_on(const std::vector<Ruling> &rulings, const Raster &page, int dark_threshold,
                             double min_fraction) {
  std::vector<Ruling> out;
  if (page.channels != 1 || page.dpi <= 0) return out;
  double px_per_pt = page.dpi / 72.0;
  for (const Ruling &r : rulings) {
    int dark = 0, total = 0;
    for (double along = r.start; along <= r.end; along += 1.0 / px_per_pt) {
      bool horizontal = r.orientation == Orientation::horizontal;
      int x = static_cast<int>((horizontal ? along : r.position) * px_per_pt);
      int y = static_cast<int>((horizontal ? r.position : along) * px_per_pt);
      if (x < 0 || y < 0 || x >= page.width || y >= page.height) continue;
      ++total;
      // The centre line of a thin ruling may fall between pixel rows: its neighbours count.
      int darkest = 255;
      for (int d = -1; d <= 1; ++d) {
        int xx = horizontal ? x : std::clamp(x + d, 0, page.width - 1);
        int yy = horizontal ? std::clamp(y + d, 0, page.height - 1) : y;
        darkest = std::min<int>(darkest, page.row(yy)[xx]);
      }
      dark += darkest < dark_threshold;
    }
    if (total > 0 && dark >= min_fraction * total) out.push_back(r);
  }
  return out;
}

}  // namespace xxgk::layout
