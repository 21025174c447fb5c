#pragma once
// How large a page's raster may be, wherever one is made: a PDF page rendered for OCR or a page
// image decoded. A bigger page is read at a lower resolution, so that a 20,000-point page or a
// 30,000-pixel image cannot exhaust memory (40 Mpx: an A3 page at 400 DPI, 40 MB in gray).

namespace xxgk {

inline constexpr long long max_raster_pixels = 40'000'000;

}  // namespace xxgk
