#pragma once
// Preparing a scanned page image before anything reads it.

#include "xxgk/core/page.hpp"

namespace xxgk::ocr {

struct Deskewed {
  Raster page;         // gray, same size, rotated upright
  double degrees = 0;  // the rotation applied (0 when none was needed or none was found)
};

// A gray page with coloured ink taken out: agencies stamp their red seal over the table, often
// across a number. Strongly coloured pixels become paper; black print, even under the seal,
// stays. A gray page is returned as it is.
Raster without_colour_ink(const Raster &page);

// A gray page with every ink kept, coloured or not.
Raster luminance(const Raster &page);

// The two images the stages of a scanned page read, deskewed alike: `text` without colour
// ink, for OCR; `lines` with all ink, for rulings, which a seal crossing them must not cut.
struct ScanImages {
  Raster text;
  Raster lines;
  double degrees = 0;  // the rotation applied
};
ScanImages prepare_scan(Raster page);  // taken by value: freed as soon as read

// The skew of the page's text lines in degrees (Leptonica's projection search, within ±5°);
// 0 when there is none or no clear lines to measure by.
double find_skew(const Raster &page);

// The page turned by `degrees` about its centre, gray, same size, white brought in.
// `smooth` interpolates (what OCR reads); `shear` shifts rows and columns of pixels whole, a
// few times faster, and leaves straight lines straight, with steps in glyphs' strokes that OCR
// reads worse (what ruling detection reads).
enum class Rotation { smooth, shear };
Raster rotated(const Raster &page, double degrees, Rotation how = Rotation::smooth);

// Finds the skew of the page's text lines (Leptonica's projection search, within ±5°) and
// rotates the page back. Deterministic, so every stage that asks gets the same image.
Deskewed deskew(const Raster &page);

}  // namespace xxgk::ocr
