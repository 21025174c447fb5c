#pragma once
// Private to ocr/: the page image's Leptonica form and the cut of a cell's inside from it,
// shared by cell reading (ocr_engine.cpp) and glyph shapes (glyph_shapes.cpp).

#include "xxgk/core/geometry.hpp"
#include "xxgk/layout/pix.hpp"
#include "xxgk/ocr/ocr_engine.hpp"

namespace xxgk::ocr {

struct PageImage::Impl {
  layout::PixPtr pix;  // 8-bit gray
};

// The cell's inside (8-bit gray), clear of its rulings; null where the box is too small to
// hold print.
layout::PixPtr cell_interior(PIX *page, const Rect &box, double dpi);

}  // namespace xxgk::ocr
