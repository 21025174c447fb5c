#pragma once
// Preparing a scanned page image before anything reads it.

#include "xxgk/core/page.hpp"

namespace xxgk::ocr {

struct Deskewed {
  Raster page;         // gray, same size, rotated upright
  double degrees = 0;  // the rotation applied (0 when none was needed or none was found)
};

// Finds the skew of the page's text lines (Leptonica's projection search, within ±5°) and
// rotates the page back. Deterministic, so every stage that asks gets the same image.
Deskewed deskew(const Raster &page);

}  // namespace xxgk::ocr
