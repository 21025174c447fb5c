#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>

#include <cmath>
#include <optional>

#include "core_document.hpp"
#include "xxgk/extract/pdf_document.hpp"

namespace xxgk::extract {
namespace {

// Collects the straight lines a page draws: axis-parallel segments of stroked paths, and thin
// filled rectangles (some producers draw table borders as bars). Text and images are not drawn:
// only an image's extent is noted.
class LineArtCollector : public OutputDev {
 public:
  explicit LineArtCollector(double page_area) : page_area_(page_area) {}
  LineArt art;

  bool upsideDown() override { return true; }  // y down from the top, as text boxes are
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void stroke(GfxState *state) override {
    art.drawn = true;
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (is_white(rgb) || state->getStrokeOpacity() <= 0.05) return;
    double width = std::max(state->getTransformedLineWidth(), 0.1);
    const GfxPath *path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath *sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      for (int j = 0; j + 1 < n; ++j)
        if (!sub->getCurve(j) && !sub->getCurve(j + 1))
          add(state, sub->getX(j), sub->getY(j), sub->getX(j + 1), sub->getY(j + 1), width);
      if (sub->isClosed() && n > 2) add(state, sub->getX(n - 1), sub->getY(n - 1), sub->getX(0), sub->getY(0), width);
    }
  }

  void fill(GfxState *state) override {
    art.drawn = true;
    fill_bars(state);
  }
  void eoFill(GfxState *state) override {
    art.drawn = true;
    fill_bars(state);
  }

  void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *map,
                 bool interpolate, const int *mask_colors, bool inline_image) override {
    note_image(state);
    OutputDev::drawImage(state, ref, str, width, height, map, interpolate, mask_colors, inline_image);
  }
  void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert, bool interpolate,
                     bool inline_image) override {
    note_image(state);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }

 private:
  double page_area_;

  static bool is_white(const GfxRGB &rgb) {
    return colToDbl(rgb.r) > 0.9 && colToDbl(rgb.g) > 0.9 && colToDbl(rgb.b) > 0.9;
  }

  // A segment in user space, kept when it runs along an axis of the page.
  void add(GfxState *state, double ux0, double uy0, double ux1, double uy1, double width) {
    double x0, y0, x1, y1;
    state->transform(ux0, uy0, &x0, &y0);
    state->transform(ux1, uy1, &x1, &y1);
    bool horizontal = std::abs(y1 - y0) <= 0.5, vertical = std::abs(x1 - x0) <= 0.5;
    if (!horizontal && !vertical) return;
    if (horizontal && vertical) return;  // a point
    art.lines.push_back({x0, y0, x1, y1, width});
  }

  // Filled axis-parallel rectangles no thicker than a heavy rule, as their centre lines.
  void fill_bars(GfxState *state) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (is_white(rgb) || state->getFillOpacity() <= 0.05) return;
    const GfxPath *path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath *sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double x_min = 1e18, y_min = 1e18, x_max = -1e18, y_max = -1e18;
      bool axis_parallel = true;
      for (int j = 0; j < n; ++j) {
        if (sub->getCurve(j)) axis_parallel = false;
        double x, y, nx, ny;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        state->transform(sub->getX((j + 1) % n), sub->getY((j + 1) % n), &nx, &ny);
        if (std::abs(nx - x) > 0.5 && std::abs(ny - y) > 0.5) axis_parallel = false;
        x_min = std::min(x_min, x), x_max = std::max(x_max, x), y_min = std::min(y_min, y), y_max = std::max(y_max, y);
      }
      if (!axis_parallel) continue;
      double w = x_max - x_min, h = y_max - y_min;
      constexpr double max_bar = 4;  // points
      if (h <= max_bar && w > 3 * h)
        art.lines.push_back({x_min, (y_min + y_max) / 2, x_max, (y_min + y_max) / 2, std::max(h, 0.1)});
      else if (w <= max_bar && h > 3 * w)
        art.lines.push_back({(x_min + x_max) / 2, y_min, (x_min + x_max) / 2, y_max, std::max(w, 0.1)});
    }
  }

  // An image's extent is its unit square under the current transform.
  void note_image(GfxState *state) {
    art.drawn = true;
    double x_min = 1e18, y_min = 1e18, x_max = -1e18, y_max = -1e18;
    for (auto [ux, uy] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}}) {
      double x, y;
      state->transform(ux, uy, &x, &y);
      x_min = std::min(x_min, x), x_max = std::max(x_max, x), y_min = std::min(y_min, y), y_max = std::max(y_max, y);
    }
    if ((x_max - x_min) * (y_max - y_min) > 0.2 * page_area_) art.large_image = true;
  }
};

}  // namespace

LineArt PdfDocument::line_art(int number) const {
  std::lock_guard<std::mutex> hold(*lock_);
  if (!core_->tried) {
    core_->tried = true;
    std::optional<GooString> password;
    if (!core_->password.empty()) password.emplace(core_->password);
    auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(core_->path.string()), password, password);
    if (doc->isOk()) core_->doc = std::move(doc);
  }
  LineArt none;
  none.large_image = none.drawn = true;  // unknown: let the caller look at the rendering instead
  if (!core_->doc || number < 1 || number > core_->doc->getNumPages()) return none;
  ::Page *page = core_->doc->getPage(number);
  if (!page) return none;
  const PDFRectangle *box = page->getCropBox();
  LineArtCollector collector(std::abs((box->x2 - box->x1) * (box->y2 - box->y1)));
  // As poppler-cpp lays out text: 72 DPI, the crop box, the page's own rotation.
  core_->doc->displayPage(&collector, number, 72, 72, 0, false, true, false);
  return std::move(collector.art);
}

}  // namespace xxgk::extract
