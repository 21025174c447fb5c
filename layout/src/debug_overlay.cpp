#include "xxgk/layout/debug_overlay.hpp"

#include <string>

#include "xxgk/layout/pix.hpp"

namespace xxgk::layout {
namespace {

struct BmfDeleter {
  void operator()(L_BMF *b) const { bmfDestroy(&b); }
};
struct Pen {
  l_uint8 r, g, b;
};

void draw_rect(PIX *pix, const Rect &r, double scale, int width, Pen pen) {
  if (r.width() * scale < 1 || r.height() * scale < 1) return;
  BoxPtr box(boxCreate(static_cast<l_int32>(r.x0 * scale), static_cast<l_int32>(r.y0 * scale),
                       static_cast<l_int32>(r.width() * scale), static_cast<l_int32>(r.height() * scale)));
  if (box) pixRenderBoxArb(pix, box.get(), width, pen.r, pen.g, pen.b);
}

// A translucent fill: the page stays readable under it.
void shade(PIX *pix, const Rect &r, double scale, l_uint32 colour, float opacity) {
  if (r.width() * scale < 1 || r.height() * scale < 1) return;
  BoxPtr box(boxCreate(static_cast<l_int32>(r.x0 * scale), static_cast<l_int32>(r.y0 * scale),
                       static_cast<l_int32>(r.width() * scale), static_cast<l_int32>(r.height() * scale)));
  if (box) pixBlendInRect(pix, box.get(), colour, opacity);
}

void line(PIX *pix, double x0, double y0, double x1, double y1, double scale, int width, Pen pen) {
  pixRenderLineArb(pix, static_cast<l_int32>(x0 * scale), static_cast<l_int32>(y0 * scale),
                   static_cast<l_int32>(x1 * scale), static_cast<l_int32>(y1 * scale), width, pen.r, pen.g, pen.b);
}

void draw_label(PIX *pix, L_BMF *font, const std::string &text, double x, double y, l_uint32 colour) {
  if (!font) return;
  l_int32 width = 0, overflow = 0;
  pixSetTextline(pix, font, text.c_str(), colour, static_cast<l_int32>(x), static_cast<l_int32>(y), &width, &overflow);
}

// The page as the overlays draw on it: its gray image in colour.
PixPtr canvas(const Raster &page) {
  PixPtr gray = to_gray_pix(page);
  return gray ? PixPtr(pixConvertTo32(gray.get())) : nullptr;
}

}  // namespace

bool write_stream_overlay(const std::filesystem::path &png, const Raster &page,
                          const std::vector<StreamRegionTrace> &regions) {
  PixPtr pix = canvas(page);
  if (!pix) return false;
  double scale = page.dpi / 72.0;
  constexpr float light = 0.18f, lighter = 0.1f;  // fills the text shows through
  std::unique_ptr<L_BMF, BmfDeleter> font(bmfCreate(nullptr, 6));
  for (const StreamRegionTrace &r : regions) {
    bool even = true;
    for (const auto &[y0, y1] : r.bands) {
      shade(pix.get(), {r.bbox.x0, y0, r.bbox.x1, y1}, scale, even ? 0x4060ff00 : 0x40c0ff00, lighter);
      even = !even;
    }
    for (const auto &[x0, x1] : r.value_columns)
      shade(pix.get(), {x0, r.bbox.y0, x1, r.bbox.y1}, scale, 0xffd00000, light);
    for (const Segment &s : r.segments)
      draw_rect(pix.get(), s.bbox, scale, 1, s.value ? Pen{220, 30, 30} : Pen{0, 150, 0});
    for (double x : r.column_edges) line(pix.get(), x, r.bbox.y0, x, r.bbox.y1, scale, 2, {0, 180, 200});
    if (r.header_rows > 0)
      line(pix.get(), r.bbox.x0, r.header_bottom, r.bbox.x1, r.header_bottom, scale, 3, {150, 0, 200});
    draw_rect(pix.get(), r.bbox, scale, 3, {220, 0, 180});
    draw_label(pix.get(), font.get(), r.outcome, r.bbox.x0 * scale, r.bbox.y0 * scale - 4, 0xc000b000);
  }
  return pixWrite(png.c_str(), pix.get(), IFF_PNG) == 0;
}

bool write_debug_overlay(const std::filesystem::path &png, const Raster &page, int page_number,
                         const std::vector<Ruling> &rulings, const std::vector<Table> &tables) {
  PixPtr pix = canvas(page);
  if (!pix) return false;
  double scale = page.dpi / 72.0;
  for (const Ruling &r : rulings) {
    bool h = r.orientation == Orientation::horizontal;
    pixRenderLineArb(pix.get(), static_cast<l_int32>((h ? r.start : r.position) * scale),
                     static_cast<l_int32>((h ? r.position : r.start) * scale),
                     static_cast<l_int32>((h ? r.end : r.position) * scale),
                     static_cast<l_int32>((h ? r.position : r.end) * scale), 3, 230, 20, 20);
  }
  std::unique_ptr<L_BMF, BmfDeleter> font(bmfCreate(nullptr, 4));
  for (const Table &t : tables) {
    for (const TablePart &part : t.parts)
      if (part.page == page_number) draw_rect(pix.get(), part.bbox, scale, 4, {255, 140, 0});
    for (const Cell &c : t.cells) {
      if (c.page != page_number) continue;
      bool spans = c.rowspan > 1 || c.colspan > 1;
      Rect inner{c.bbox.x0 + 1.5, c.bbox.y0 + 1.5, c.bbox.x1 - 1.5, c.bbox.y1 - 1.5};
      draw_rect(pix.get(), inner, scale, 1, spans ? Pen{0, 170, 0} : Pen{30, 60, 230});
      std::string label = std::to_string(c.row) + "," + std::to_string(c.col);
      if (spans) label += " " + std::to_string(c.rowspan) + "x" + std::to_string(c.colspan);
      draw_label(pix.get(), font.get(), label, (c.bbox.x0 + 2) * scale, (c.bbox.y0 + 2) * scale + 10,
                 spans ? 0x00a00000 : 0x1e3ce600);
    }
  }
  return pixWrite(png.c_str(), pix.get(), IFF_PNG) == 0;
}

}  // namespace xxgk::layout
