#include "xxgk/layout/pix.hpp"

#include <vector>

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

namespace {

// Sets pixels `from` to `to` (exclusive) of row `y` of `pix`.
void set_row_run(PIX *pix, int y, int from, int to) {
  l_uint32 *line = pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix);
  for (int x = from; x < to; ++x) SET_DATA_BIT(line, x);
}

}  // namespace

PixPtr open_by_line(PIX *binary, bool horizontal, int length) {
  if (!binary || pixGetDepth(binary) != 1 || length < 1) return nullptr;
  int width = pixGetWidth(binary), height = pixGetHeight(binary);
  PixPtr out(pixCreateTemplate(binary));
  if (!out) return nullptr;
  const l_uint32 *data = pixGetData(binary);
  int wpl = pixGetWpl(binary);
  if (horizontal) {
    for (int y = 0; y < height; ++y) {
      const l_uint32 *line = data + static_cast<size_t>(y) * wpl;
      int run_start = -1;
      for (int x = 0; x <= width; ++x) {
        bool ink = x < width && GET_DATA_BIT(line, x);
        if (ink && run_start < 0) run_start = x;
        if (ink || run_start < 0) continue;
        if (x - run_start >= length) set_row_run(out.get(), y, run_start, x);
        run_start = -1;
      }
    }
    return out;
  }
  // Down the page: a run length per column, carried from row to row.
  std::vector<int> run(static_cast<size_t>(width), 0);
  l_uint32 *out_data = pixGetData(out.get());
  for (int y = 0; y <= height; ++y) {
    const l_uint32 *line = y < height ? data + static_cast<size_t>(y) * wpl : nullptr;
    for (int x = 0; x < width; ++x) {
      int &n = run[static_cast<size_t>(x)];
      if (line && GET_DATA_BIT(line, x)) {
        ++n;
        continue;
      }
      if (n >= length)
        for (int k = y - n; k < y; ++k) SET_DATA_BIT(out_data + static_cast<size_t>(k) * wpl, x);
      n = 0;
    }
  }
  return out;
}

}  // namespace xxgk::layout
