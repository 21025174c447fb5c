#include "xxgk/ocr/preprocess.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "xxgk/layout/pix.hpp"

namespace xxgk::ocr {
namespace {

Raster to_raster(PIX *gray, double dpi) {
  Raster r;
  r.width = pixGetWidth(gray);
  r.height = pixGetHeight(gray);
  r.channels = 1;
  r.dpi = dpi;
  r.pixels.resize(static_cast<size_t>(r.width) * r.height);
  l_uint32 *data = pixGetData(gray);
  l_int32 wpl = pixGetWpl(gray);
  for (int y = 0; y < r.height; ++y) {
    l_uint32 *line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < r.width; ++x) r.pixels[static_cast<size_t>(y) * r.width + x] = GET_DATA_BYTE(line, x);
  }
  return r;
}

// A one-channel raster of the page's size and resolution, all black until filled.
Raster gray_like(const Raster &page) {
  Raster gray;
  gray.width = page.width;
  gray.height = page.height;
  gray.dpi = page.dpi;
  gray.pixels.resize(static_cast<size_t>(page.width) * page.height);
  return gray;
}

// ITU-R BT.601 luma of an RGB pixel, as most scanners' gray mode weighs the channels.
int luma_of(const std::uint8_t *rgb) {
  return (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000;
}

}  // namespace

Raster without_colour_ink(const Raster &page) {
  if (page.channels != 3) return page;
  Raster gray = gray_like(page);
  // Chroma (max - min channel) separates ink colour from the gray scale of print and paper;
  // JPEG noise on black print stays well under this threshold. A pale tint (the blurred edge of
  // the seal's line) goes at a lower chroma: left as light gray it draws a faint ring that a
  // cell's reading takes for strokes (pale: lighter than where print is told from paper).
  // Only red ink goes (red the strongest channel: the seal's red, orange and crimson): a
  // table printed in blue or green is print, and whitening it turned its numbers into blanks.
  constexpr int colour_chroma = 60, tint_chroma = 25, pale = 170;
  for (size_t i = 0; i < gray.pixels.size(); ++i) {
    const std::uint8_t *p = &page.pixels[3 * i];
    int hi = std::max({p[0], p[1], p[2]}), lo = std::min({p[0], p[1], p[2]});
    int luma = luma_of(p);
    bool red = p[0] == hi;
    bool ink = red && (hi - lo > colour_chroma || (hi - lo > tint_chroma && luma > pale));
    gray.pixels[i] = static_cast<std::uint8_t>(ink ? 255 : luma);
  }
  return gray;
}

Raster luminance(const Raster &page) {
  if (page.channels != 3) return page;
  Raster gray = gray_like(page);
  for (size_t i = 0; i < gray.pixels.size(); ++i)
    gray.pixels[i] = static_cast<std::uint8_t>(luma_of(&page.pixels[3 * i]));
  return gray;
}

namespace {

struct SkewEstimate {
  double degrees = 0, confidence = 0;
};

SkewEstimate skew_of(PIX *binary) {
  l_float32 angle = 0, confidence = 0;
  if (pixFindSkew(binary, &angle, &confidence) != 0) return {};
  return {angle, confidence};
}

// Angles too small to matter, or beyond what a scanner's feed produces, are not corrected.
double plausible(double degrees) {
  return std::abs(degrees) < 0.05 || std::abs(degrees) > 5 ? 0 : degrees;
}

}  // namespace

double find_skew(const Raster &page) {
  layout::PixPtr gray = layout::to_gray_pix(page);
  if (!gray) return 0;
  layout::PixPtr binary(pixThresholdToBinary(gray.get(), 160));
  if (!binary) return 0;
  SkewEstimate plain = skew_of(binary.get());
  if (plain.confidence >= 2.5) return plausible(plain.degrees);
  // Leptonica's confidence below ~2.5 means no clear text lines to measure by: sparse pages
  // such as borderless tables (a few digits far apart per row) score ~2.2 even when skewed, and
  // trusting such scores turned straight pages. Smearing each row's ink sideways into one bar
  // gives a second measurement; it is trusted when clear, or when both roughly agree.
  int reach = std::max(3, static_cast<int>(page.dpi * 0.6));
  layout::PixPtr smeared(pixCloseBrick(nullptr, binary.get(), reach, 1));
  if (!smeared) return 0;
  SkewEstimate rows = skew_of(smeared.get());
  if (rows.confidence >= 2.5) return plausible(rows.degrees);
  bool agree = plain.confidence >= 2 && rows.confidence >= 2 && std::abs(plain.degrees - rows.degrees) <= 0.2;
  return agree ? plausible((plain.degrees + rows.degrees) / 2) : 0;
}

Raster rotated(const Raster &page, double degrees, Rotation how) {
  layout::PixPtr gray = layout::to_gray_pix(page);
  if (!gray || degrees == 0) return page;
  constexpr double radians_per_degree = 3.14159265358979323846 / 180.0;
  l_int32 type = how == Rotation::smooth ? L_ROTATE_AREA_MAP : L_ROTATE_SHEAR;
  layout::PixPtr turned(
      pixRotate(gray.get(), static_cast<l_float32>(degrees * radians_per_degree), type, L_BRING_IN_WHITE, 0, 0));
  if (!turned) return page;
  layout::PixPtr turned_gray(pixGetDepth(turned.get()) == 8 ? pixClone(turned.get()) : pixConvertTo8(turned.get(), 0));
  return to_raster(turned_gray.get(), page.dpi);
}

Deskewed deskew(const Raster &page) {
  double degrees = find_skew(page);
  if (degrees == 0) return {page, 0};
  return {rotated(page, degrees), degrees};
}

ScanImages prepare_scan(Raster page) {
  ScanImages out;
  out.text = without_colour_ink(page);
  out.lines = luminance(page);
  // The colour page is three times the size of either image: gone before the rotations make
  // their copies (a 300 DPI page's peak memory 70 -> 44 MB).
  page = Raster{};
  out.degrees = find_skew(out.text);
  if (out.degrees != 0) {
    out.text = rotated(out.text, out.degrees);
    out.lines = rotated(out.lines, out.degrees, Rotation::shear);
  }
  return out;
}

}  // namespace xxgk::ocr
