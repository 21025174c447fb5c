#pragma once
// Conversion of our Raster to Leptonica's PIX; Leptonica's objects owned by unique_ptrs.

#include <leptonica/allheaders.h>

#include <memory>

#include "xxgk/core/page.hpp"

namespace xxgk::layout {

struct PixDeleter {
  void operator()(PIX *pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct BoxDeleter {
  void operator()(BOX *box) const { boxDestroy(&box); }
};
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;

struct BoxaDeleter {
  void operator()(BOXA *boxes) const { boxaDestroy(&boxes); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;

struct PixaDeleter {
  void operator()(PIXA *pixes) const { pixaDestroy(&pixes); }
};
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

// An 8-bit gray PIX of the raster (RGB is converted with luminance weights).
PixPtr to_gray_pix(const Raster &raster);

}  // namespace xxgk::layout
