#include "xxgk/ocr/glyph_shapes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "cell_image.hpp"

namespace xxgk::ocr {
namespace {

// Ink darker than this (of 255) is print: between a gray scan's paper and its strokes'
// anti-aliased rims, the cut ruling_insets makes too.
constexpr int ink_threshold = 160;
// Specks of scan noise are smaller than any stroke of a digit at OCR resolution (as in ink_of).
constexpr int speck_width = 4, speck_height = 6;
// Marks one above another, sharing half the narrower one's width, are one glyph (a 1's flag
// broken from its stem by binarization); digits side by side share none.
constexpr double stacked_overlap = 0.5;
// Samples per grid cell along each side: a small glyph (8 pt at 150 DPI is 12 pixels high) has
// about one pixel per cell, a large one many; both are measured alike.
constexpr int samples_per_side = 4;

struct PixelBox {
  int x0, y0, x1, y1;  // x1, y1 past the end
};

std::vector<PixelBox> mark_boxes(PIX *binary) {
  layout::BoxaPtr boxes(pixConnCompBB(binary, 8));
  std::vector<PixelBox> out;
  if (!boxes) return out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    out.push_back({x, y, x + w, y + h});
  }
  return out;
}

// Marks stacked over one another joined into glyphs, left to right.
std::vector<PixelBox> glyph_boxes(std::vector<PixelBox> marks) {
  std::sort(marks.begin(), marks.end(), [](const PixelBox &a, const PixelBox &b) { return a.x0 < b.x0; });
  std::vector<PixelBox> out;
  for (const PixelBox &m : marks) {
    if (!out.empty()) {
      PixelBox &last = out.back();
      int shared = std::min(last.x1, m.x1) - std::max(last.x0, m.x0);
      int narrower = std::min(last.x1 - last.x0, m.x1 - m.x0);
      if (shared >= stacked_overlap * narrower) {
        last = {std::min(last.x0, m.x0), std::min(last.y0, m.y0), std::max(last.x1, m.x1), std::max(last.y1, m.y1)};
        continue;
      }
    }
    out.push_back(m);
  }
  return out;
}

// The holes of the glyph in box `g` of `binary`: white no path of white (stepping up, down,
// left or right, as ink's 8-connected strokes leave no diagonal gap) leads from to the box's
// edge. A few pixels of white inside a stroke are scan noise, no hole.
std::vector<GlyphShape::Hole> holes_of(PIX *binary, const PixelBox &g) {
  constexpr int least_hole_pixels = 4;
  const int w = g.x1 - g.x0, h = g.y1 - g.y0;
  // 0 ink, 1 white not yet reached, 2 white reached from the edge or taken into a hole.
  std::vector<std::uint8_t> at(static_cast<size_t>(w) * static_cast<size_t>(h));
  auto index = [w](int x, int y) { return static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_uint32 bit = 0;
      pixGetPixel(binary, g.x0 + x, g.y0 + y, &bit);
      at[index(x, y)] = bit ? 0 : 1;
    }
  // Fills the white reachable from (x, y); returns its pixel count and the span it covers.
  std::vector<std::pair<int, int>> stack;
  PixelBox span{};
  auto fill = [&](int x, int y) {
    int pixels = 0;
    stack.assign(1, {x, y});
    at[index(x, y)] = 2;
    span = {x, y, x, y};
    while (!stack.empty()) {
      auto [cx, cy] = stack.back();
      stack.pop_back();
      ++pixels;
      span = {std::min(span.x0, cx), std::min(span.y0, cy), std::max(span.x1, cx), std::max(span.y1, cy)};
      const std::pair<int, int> steps[] = {{cx + 1, cy}, {cx - 1, cy}, {cx, cy + 1}, {cx, cy - 1}};
      for (auto [nx, ny] : steps)
        if (nx >= 0 && ny >= 0 && nx < w && ny < h && at[index(nx, ny)] == 1) {
          at[index(nx, ny)] = 2;
          stack.push_back({nx, ny});
        }
    }
    return pixels;
  };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && at[index(x, y)] == 1) fill(x, y);
  std::vector<GlyphShape::Hole> out;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (at[index(x, y)] == 1 && fill(x, y) >= least_hole_pixels)
        out.push_back({static_cast<double>(span.y0) / h, static_cast<double>(span.y1 + 1) / h,
                       static_cast<double>(span.x0) / w, static_cast<double>(span.x1 + 1) / w});
  return out;
}

GlyphShape resampled(PIX *binary, const PixelBox &g, double dpi) {
  GlyphShape s;
  s.holes = holes_of(binary, g);
  int w = g.x1 - g.x0, h = g.y1 - g.y0;
  s.aspect = static_cast<double>(w) / h;
  s.height = h * 72.0 / dpi;
  s.middle = (g.y0 + g.y1) / 2.0 * 72.0 / dpi;
  constexpr int gw = GlyphShape::grid_width, gh = GlyphShape::grid_height;
  constexpr int per_cell = samples_per_side * samples_per_side;
  for (int gy = 0; gy < gh; ++gy)
    for (int gx = 0; gx < gw; ++gx) {
      int inked = 0;
      for (int sy = 0; sy < samples_per_side; ++sy)
        for (int sx = 0; sx < samples_per_side; ++sx) {
          // The sample's centre, mapped from the grid onto the glyph's pixels.
          double u = (gx + (sx + 0.5) / samples_per_side) / gw, v = (gy + (sy + 0.5) / samples_per_side) / gh;
          l_uint32 bit = 0;
          pixGetPixel(binary, g.x0 + static_cast<int>(u * w), g.y0 + static_cast<int>(v * h), &bit);
          inked += bit != 0;
        }
      s.ink[static_cast<size_t>(gy * gw + gx)] = static_cast<std::uint8_t>(255 * inked / per_cell);
    }
  return s;
}

}  // namespace

std::vector<GlyphShape> glyph_shapes(const PageImage &page, const Rect &box) {
  layout::PixPtr interior = cell_interior(page.impl_->pix.get(), box, page.dpi());
  if (!interior) return {};
  layout::PixPtr binary(pixThresholdToBinary(interior.get(), ink_threshold));
  if (!binary) return {};
  layout::PixPtr clean(
      pixSelectBySize(binary.get(), speck_width, speck_height, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr));
  if (!clean) return {};
  int w = pixGetWidth(clean.get()), h = pixGetHeight(clean.get());
  std::vector<PixelBox> glyphs = glyph_boxes(mark_boxes(clean.get()));
  std::vector<GlyphShape> out;
  for (const PixelBox &g : glyphs) {
    // Ink at the cut's edge runs in from outside (a seal's ring, a neighbour's stroke): the
    // cell's glyphs are not all inside it, and none is taken.
    if (g.x0 == 0 || g.y0 == 0 || g.x1 == w || g.y1 == h) return {};
    out.push_back(resampled(clean.get(), g, page.dpi()));
  }
  return out;
}

double shape_distance(const GlyphShape &a, const GlyphShape &b) {
  constexpr double same_size = 1.2;      // print heights of one size, within scan noise
  constexpr double aspect_weight = 0.5;  // a proportion twice as wide counts as 35 % of ink unlike
  if (a.height <= 0 || b.height <= 0 || std::max(a.height, b.height) > same_size * std::min(a.height, b.height))
    return std::numeric_limits<double>::infinity();
  double ink = 0;
  for (size_t i = 0; i < a.ink.size(); ++i) ink += std::abs(a.ink[i] - b.ink[i]);
  ink /= 255.0 * static_cast<double>(a.ink.size());
  return ink + aspect_weight * std::abs(std::log(a.aspect / b.aspect));
}

bool zero_shaped(const GlyphShape &glyph) {
  if (glyph.holes.size() != 1) return false;
  const GlyphShape::Hole &h = glyph.holes[0];
  constexpr double reaches_past = 0.25;  // of the glyph's height and width: the hole reaches this far in
  constexpr double width_past = 0.3;     // from each side (a narrow 0's hole is thinner across)
  // A ring: its stroke as thick on either side, within scan noise. A small serif 4's triangle
  // reaches the top and bottom quarters too, at 8 pt on a bitonal scan, but stands left of its
  // stem and bar.
  constexpr double even = 0.1;
  bool tall = h.top <= reaches_past && h.bottom >= 1 - reaches_past;
  bool wide = h.left <= width_past && h.right >= 1 - width_past;
  bool centred = std::abs(h.top - (1 - h.bottom)) <= even && std::abs(h.left - (1 - h.right)) <= even;
  return tall && wide && centred;
}

bool minus_shaped(const GlyphShape &mark, const GlyphShape &digit) {
  constexpr double flat = 2.0;      // width over height, at least
  constexpr double thin = 1.0 / 3;  // of the digit's height, at most
  constexpr double level = 0.2;     // of the digit's height: how far from its middle
  return mark.aspect >= flat && mark.height <= thin * digit.height &&
         std::abs(mark.middle - digit.middle) <= level * digit.height;
}

std::vector<std::optional<char>> look_alike_readings(const std::vector<ReadDigit> &digits) {
  // Too few digits to know the report's glyphs by (a handful of values, each digit seen once).
  constexpr size_t enough_digits = 12;
  // Digits asked for their readings: a report's tables hold a few hundred; a document of many
  // tables is asked of its first this many, which bounds the time (each digit is held against
  // each of them) without changing what a face's copies say.
  constexpr size_t most_voters = 4000;
  constexpr size_t neighbours = 5;  // look-alikes asked
  constexpr size_t agreeing = 4;    // of them, read as one other digit: all but one
  // Copies of one glyph differ by scan noise, two digits' glyphs by their strokes. Measured on
  // the sweep's reports (150-300 DPI; gray, bitonal, JPEG 30): 98 % of copies lie within 0.095
  // of another copy, and two different digits no nearer than 0.17.
  constexpr double copies_within = 0.1;
  size_t n = digits.size();
  std::vector<std::optional<char>> out(n);
  if (n < enough_digits) return out;
  size_t voters = std::min(n, most_voters);
  std::vector<std::pair<double, size_t>> near;
  for (size_t i = 0; i < n; ++i) {
    near.clear();
    for (size_t j = 0; j < voters; ++j) {
      if (j == i) continue;
      double d = shape_distance(digits[i].shape, digits[j].shape);
      if (d <= copies_within) near.push_back({d, j});
    }
    if (near.size() < neighbours) continue;
    std::partial_sort(near.begin(), near.begin() + neighbours, near.end());
    std::map<char, size_t> votes;
    for (size_t k = 0; k < neighbours; ++k) ++votes[digits[near[k].second].digit];
    for (const auto &[digit, count] : votes)
      if (digit != digits[i].digit && count >= agreeing) out[i] = digit;
  }
  return out;
}

}  // namespace xxgk::ocr
