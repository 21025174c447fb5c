#pragma once
// Conversion of our Raster to Leptonica's PIX, owned by a unique_ptr.

#include <leptonica/allheaders.h>

#include <memory>

#include "xxgk/core/page.hpp"

namespace xxgk::layout {

struct PixDeleter {
  void operator()(PIX *pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// An 8-bit gray PIX of the raster (RGB is converted with luminance weights).
PixPtr to_gray_pix(const Raster &raster);

}  // namespace xxgk::layout
