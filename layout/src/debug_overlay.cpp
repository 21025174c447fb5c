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

void draw_label(PIX *pix, L_BMF *font, const std::string &text, double x, double y, l_uint32 colour) {
  if (!font) return;
  l_int32 width = 0, overflow = 0;
  pixSetTextline(pix, font, text.c_str(), colour, static_cast<l_int32>(x), static_cast<l_int32>(y), &width, &overflow);
}

}  // namespace

bool write_debug_overlay(const std::filesystem::path &png, const Raster &page, int page_number,
                         const std::vector<Ruling> &rulings, const std::vector<Table> &tables) {
  PixPtr gray = to_gray_pix(page);
  if (!gray) return false;
  PixPtr pix(pixConvertTo32(gray.get()));
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
