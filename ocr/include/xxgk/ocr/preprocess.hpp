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

// The image every stage of a scanned page reads: colour ink removed, then deskewed.
Deskewed prepare_scan(const Raster &page);

// Finds the skew of the page's text lines (Leptonica's projection search, within ±5°) and
// rotates the page back. Deterministic, so every stage that asks gets the same image.
Deskewed deskew(const Raster &page);

}  // namespace xxgk::ocr
