#include "xxgk/layout/pix.hpp"

namespace xxgk::layout {

PixPtr to_gray_pix(const Raster &raster) {
  PixPtr pix(pixCreate(raster.width, raster.height, 8));
  if (!pix) return pix;
  pixSetResolution(pix.get(), static_cast<l_int32>(raster.dpi), static_cast<l_int32>(raster.dpi));
  l_uint32 *data = pixGetData(pix.get());
  l_int32 wpl = pixGetWpl(pix.get());
  for (int y = 0; y < raster.height; ++y) {
    const std::uint8_t *src = raster.row(y);
    l_uint32 *line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < raster.width; ++x) {
      int v = raster.channels == 3 ? (299 * src[3 * x] + 587 * src[3 * x + 1] + 114 * src[3 * x + 2]) / 1000 : src[x];
      SET_DATA_BYTE(line, x, v);
    }
  }
  return pix;
}

}  // namespace xxgk::layout
