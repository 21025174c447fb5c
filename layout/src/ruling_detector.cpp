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

// How a long brick's morphology is done: `exact` as one brick; `composite` as two smaller ones
// whose product is within a pixel or two of its length (Leptonica's composite bricks), with a
// few shifts of the image where one brick takes as many as it is long. Measured on a 20-page
// scanned report: the dotted search's cost 3.3 s exact, 1.8 s composite.
enum class Bricks { exact, composite };

std::vector<Ruling> strokes(PIX *binary, Orientation o, const RulingDetectorOptions &options, double px_per_pt,
                            Bricks bricks = Bricks::exact) {
  int length = std::max(3, static_cast<int>(options.min_length * px_per_pt));
  int bridge = std::max(1, static_cast<int>(options.bridge * px_per_pt)) | 1;
  bool horizontal = o == Orientation::horizontal;
  auto close = bricks == Bricks::composite ? pixCloseCompBrick : pixCloseBrick;
  PixPtr closed(close(nullptr, binary, horizontal ? bridge : 1, horizontal ? 1 : bridge));
  if (!closed) return {};
  PixPtr opened =
      bricks == Bricks::composite
          ? PixPtr(pixOpenCompBrick(nullptr, closed.get(), horizontal ? length : 1, horizontal ? 1 : length))
          : open_by_line(closed.get(), horizontal, length);
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

bool ink_at(PIX *binary, int x, int y) {
  if (x < 0 || y < 0 || x >= static_cast<int>(pixGetWidth(binary)) || y >= static_cast<int>(pixGetHeight(binary)))
    return false;
  const l_uint32 *line = pixGetData(binary) + static_cast<size_t>(y) * pixGetWpl(binary);
  return GET_DATA_BIT(line, x) != 0;
}

// Points off a stroke's edge: the band beside it that is looked at.
struct Band {
  double near, far;
};

// Pixel positions from `r.start` to `r.end`, in pixels of the page.
struct Span {
  int start, end;
};

Span pixels_along(const Ruling &r, double px_per_pt) {
  return {static_cast<int>(r.start * px_per_pt), static_cast<int>(r.end * px_per_pt)};
}

// For each pixel along `r`: whether ink lies in the band on one `side` of it (-1 above or left,
// +1 below or right). A ruling has white on both sides but where lines cross it; a row of
// glyphs whose strokes a wide bridge closed into a bar has the glyphs' other strokes on one
// side or both.
std::vector<bool> ink_beside(PIX *binary, const Ruling &r, int side, Band band, double px_per_pt) {
  bool horizontal = r.orientation == Orientation::horizontal;
  int centre = static_cast<int>(r.position * px_per_pt);
  int edge = static_cast<int>(r.thickness * px_per_pt / 2) + 1;
  int from = edge + static_cast<int>(band.near * px_per_pt), to = edge + static_cast<int>(band.far * px_per_pt);
  Span span = pixels_along(r, px_per_pt);
  std::vector<bool> out;
  for (int along = span.start; along < span.end; ++along) {
    bool ink = false;
    for (int off = from; off <= to && !ink; ++off) {
      int across = centre + side * off;
      ink = horizontal ? ink_at(binary, along, across) : ink_at(binary, across, along);
    }
    out.push_back(ink);
  }
  return out;
}

double share(const std::vector<bool> &marks, size_t from, size_t to) {
  if (to <= from) return 0;
  return static_cast<double>(
             std::count(marks.begin() + static_cast<long>(from), marks.begin() + static_cast<long>(to), true)) /
         static_cast<double>(to - from);
}

struct InkProfile {
  double fraction = 0;  // of the stroke's length that is ink
  double mean_run = 0;  // points: the mean length of an unbroken run of ink
  double crowded = 0;   // of the length, on the more crowded side: ink beside the stroke
};

// Ink along the centre line of `r` on `widened`, and beside it on `binary`.
InkProfile ink_profile(PIX *binary, PIX *widened, const Ruling &r, Band band, double px_per_pt) {
  bool horizontal = r.orientation == Orientation::horizontal;
  int centre = static_cast<int>(r.position * px_per_pt);
  Span span = pixels_along(r, px_per_pt);
  int inked = 0, runs = 0;
  bool was_ink = false;
  for (int along = span.start; along < span.end; ++along) {
    bool ink = horizontal ? ink_at(widened, along, centre) : ink_at(widened, centre, along);
    runs += ink && !was_ink;
    inked += ink;
    was_ink = ink;
  }
  if (span.end <= span.start || runs == 0) return {};
  std::vector<bool> before = ink_beside(binary, r, -1, band, px_per_pt),
                    after = ink_beside(binary, r, 1, band, px_per_pt);
  return {static_cast<double>(inked) / (span.end - span.start), inked / px_per_pt / runs,
          std::max(share(before, 0, before.size()), share(after, 0, after.size()))};
}

// The pieces of `r` that stand clear of other ink: where, within `window` points around, ink
// beside it on either side fills at most `max_share` of the window. A line that the bridge
// ran on through a cell's text (an upright line through a merged header) loses that stretch.
std::vector<Ruling> clear_pieces(PIX *binary, const Ruling &r, Band band, double window, double max_share,
                                 double px_per_pt) {
  std::vector<bool> before = ink_beside(binary, r, -1, band, px_per_pt),
                    after = ink_beside(binary, r, 1, band, px_per_pt);
  size_t n = before.size(), half = static_cast<size_t>(window * px_per_pt / 2);
  std::vector<Ruling> out;
  size_t piece_start = 0;
  auto close_piece = [&](size_t end) {
    if (end > piece_start) {
      Ruling piece = r;
      piece.start = r.start + static_cast<double>(piece_start) / px_per_pt;
      piece.end = r.start + static_cast<double>(end) / px_per_pt;
      out.push_back(piece);
    }
  };
  for (size_t i = 0; i < n; ++i) {
    size_t from = i > half ? i - half : 0, to = std::min(n, i + half + 1);
    if (share(before, from, to) > max_share || share(after, from, to) > max_share) {
      close_piece(i);
      piece_start = i + 1;
    }
  }
  close_piece(n);
  return out;
}

// A stroke of the dotted search is a line when it stands clear of other ink, or when, with
// a little ink beside it, its own ink is nearly unbroken (a rotated line whose steps the
// widening joined) or broken into short pieces (dots of a dithered line, dashes). A column
// of digits or of a glyph's upright strokes that the bridge joined is neither: runs of glyph
// strokes, with a glyph's gaps between. Measured on dithered and rotated scans: a ruling's
// crossings fill 0-3 % of either side, a closed row of glyphs 30-85 % of one side or both, a
// column of digits 11-20 %; a dithered line's runs are 0.5-1.9 points long on average (at 200
// and 300 DPI), a column of digits' 2.5 and more.
bool looks_like_line(const InkProfile &ink) {
  constexpr double clear = 0.06, max_crowded = 0.2;  // of the length
  constexpr double unbroken = 0.85;                  // of the length
  constexpr double dash = 2.2;                       // points: longer runs with gaps between are glyphs
  if (ink.crowded <= clear) return true;
  return ink.crowded <= max_crowded && (ink.fraction >= unbroken || ink.mean_run <= dash);
}

// The stretches of `r` that none of `found` (in line with it) covers.
std::vector<Ruling> uncovered_stretches(const Ruling &r, const std::vector<Ruling> &found) {
  // Points: rulings this near across are the same line (a dotted line's centre wanders).
  constexpr double same_line = 2.0;
  std::vector<std::pair<double, double>> covered;
  for (const Ruling &f : found)
    if (f.orientation == r.orientation && std::abs(f.position - r.position) <= same_line)
      covered.emplace_back(f.start, f.end);
  std::sort(covered.begin(), covered.end());
  std::vector<Ruling> out;
  double at = r.start;
  auto emit = [&](double until) {
    if (until <= at) return;
    Ruling piece = r;
    piece.start = at;
    piece.end = until;
    out.push_back(piece);
  };
  for (const auto &[from, to] : covered) {
    emit(std::min(from, r.end));
    at = std::max(at, to);
  }
  emit(r.end);
  return out;
}

// The dotted search's strokes (see RulingDetectorOptions::dotted_bridge) that look like lines,
// where the first search (`found`) found none: what it adds is whole lines of its own, not a
// line the first search found run on by the wide bridge through a merged header's glyphs.
std::vector<Ruling> dotted_strokes(PIX *binary, const RulingDetectorOptions &options, double px_per_pt,
                                   const std::vector<Ruling> &found) {
  // The band beside a stroke that is looked at lies clear of the line's own blur and within a
  // glyph's reach; a window of a few glyphs' width, in which a crossing line fills a tenth or
  // so and a line of print half or more.
  constexpr Band band{0.6, 2.0};
  constexpr double window = 8, window_max_share = 0.35;
  // Pixels across: a deskewed line steps one pixel row at a time, and thickened by three rows
  // its steps overlap in one.
  constexpr int step_overlap = 3;
  RulingDetectorOptions dotted = options;
  dotted.bridge = options.dotted_bridge;
  dotted.max_thickness = options.dotted_max_thickness;
  std::vector<Ruling> out;
  for (Orientation o : {Orientation::horizontal, Orientation::vertical}) {
    bool horizontal = o == Orientation::horizontal;
    PixPtr widened(pixDilateBrick(nullptr, binary, horizontal ? 1 : step_overlap, horizontal ? step_overlap : 1));
    if (!widened) continue;
    for (const Ruling &stroke : strokes(widened.get(), o, dotted, px_per_pt, Bricks::composite))
      for (const Ruling &piece : clear_pieces(binary, stroke, band, window, window_max_share, px_per_pt))
        for (const Ruling &r : uncovered_stretches(piece, found))
          if (r.length() >= options.min_length &&
              looks_like_line(ink_profile(binary, widened.get(), r, band, px_per_pt)))
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
  if (options.dotted_bridge > options.bridge) {
    std::vector<Ruling> dotted = dotted_strokes(binary.get(), options, px_per_pt, all);
    all.insert(all.end(), dotted.begin(), dotted.end());
  }
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

namespace {

// Whether the page is ink at each pixel along `r`'s centre line, within `across` pixels of it,
// from `first` to `last` (pixels along the line, inside the page).
std::vector<bool> dark_along(const Ruling &r, const Raster &page, int dark_threshold, int across, int first, int last,
                             double px_per_pt) {
  bool horizontal = r.orientation == Orientation::horizontal;
  int centre = static_cast<int>(r.position * px_per_pt);
  std::vector<bool> out;
  for (int along = first; along <= last; ++along) {
    bool dark = false;
    for (int d = -across; d <= across && !dark; ++d) {
      int x = horizontal ? along : std::clamp(centre + d, 0, page.width - 1);
      int y = horizontal ? std::clamp(centre + d, 0, page.height - 1) : along;
      dark = page.row(y)[x] < dark_threshold;
    }
    out.push_back(dark);
  }
  return out;
}

}  // namespace

std::vector<Ruling> inked_on(const std::vector<Ruling> &rulings, const Raster &page, int dark_threshold,
                             double min_fraction, double along_slack) {
  std::vector<Ruling> out;
  // Points across: the centre line of a thin ruling may fall between pixel rows, and the two
  // images of a deskewed scan are turned by different means (shear, area map), which move a
  // line by up to two pixels against each other.
  constexpr double across_slack = 0.75;
  if (page.channels != 1 || page.dpi <= 0) return out;
  double px_per_pt = page.dpi / 72.0;
  int across = std::max(1, static_cast<int>(across_slack * px_per_pt));
  int reach = static_cast<int>(along_slack * px_per_pt);
  for (const Ruling &r : rulings) {
    bool horizontal = r.orientation == Orientation::horizontal;
    int centre = static_cast<int>(r.position * px_per_pt);
    int extent = horizontal ? page.width : page.height;
    if (centre < 0 || centre >= (horizontal ? page.height : page.width)) continue;
    int start = std::max(0, static_cast<int>(r.start * px_per_pt));
    int end = std::min(extent - 1, static_cast<int>(r.end * px_per_pt));
    if (end < start) continue;
    // Ink within `reach` of a point along the line counts for it: a prefix sum of dark pixels.
    int first = std::max(0, start - reach), last = std::min(extent - 1, end + reach);
    std::vector<bool> dark = dark_along(r, page, dark_threshold, across, first, last, px_per_pt);
    std::vector<int> before(dark.size() + 1, 0);
    for (size_t i = 0; i < dark.size(); ++i) before[i + 1] = before[i] + dark[i];
    int inked = 0, total = 0;
    for (int p = start; p <= end; ++p, ++total) {
      int from = std::max(first, p - reach) - first, to = std::min(last, p + reach) - first;
      inked += before[static_cast<size_t>(to) + 1] > before[static_cast<size_t>(from)];
    }
    if (total > 0 && inked >= min_fraction * total) out.push_back(r);
  }
  return out;
}

}  // namespace xxgk::layout
