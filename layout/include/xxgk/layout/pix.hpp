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

// The opening of a 1-bit PIX by a line `length` pixels long, across (`horizontal`) or down:
// the runs of ink at least that long, the rest cleared. The same image as Leptonica's
// pixOpenBrick(length x 1 or 1 x length), found in one pass over the runs instead of a shift of
// the image per pixel of the line (which cost a scanned page a quarter of a second).
PixPtr open_by_line(PIX *binary, bool horizontal, int length);

}  // namespace xxgk::layout
