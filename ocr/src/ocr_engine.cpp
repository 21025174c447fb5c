#include "xxgk/ocr/ocr_engine.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "xxgk/core/utf8_text.hpp"

#include <algorithm>
#include "xxgk/layout/pix.hpp"

namespace xxgk::ocr {

struct OcrEngine::Impl {
  // Recognition mutates the API's state; the engine's const interface hides that.
  mutable tesseract::TessBaseAPI api;
};

OcrEngine::OcrEngine(const OcrOptions &options) : impl_(std::make_unique<Impl>()) {
  const char *datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (impl_->api.Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    throw OcrError("cannot load Tesseract language data '" + options.languages +
                   "' (install tesseract-ocr-chi-sim, or set --tessdata)");
  // Chinese has no spaces between words; Tesseract would otherwise insert them between glyphs.
  impl_->api.SetVariable("preserve_interword_spaces", "1");
  // Tesseract prints progress notes ("Detected N diacritics") on stderr; keep stderr for xxgk.
  impl_->api.SetVariable("debug_file", "/dev/null");
}

struct PageImage::Impl {
  layout::PixPtr pix;
};

PageImage::PageImage(const Raster &page) : impl_(std::make_unique<Impl>()), dpi_(page.dpi) {
  impl_->pix = layout::to_gray_pix(page);
}
PageImage::PageImage(PageImage &&) noexcept = default;
PageImage::~PageImage() = default;

namespace {

struct BoxDeleter {
  void operator()(BOX *b) const { boxDestroy(&b); }
};

// The cell's inside, clear of its rulings, with a white margin: Tesseract reads an isolated
// line best with some space around it.
layout::PixPtr cell_image(PIX *page, const Rect &box, double dpi) {
  double s = dpi / 72.0;
  int inset = std::max(2, static_cast<int>(0.04 * std::min(box.width(), box.height()) * s) + 2);
  int x = static_cast<int>(box.x0 * s) + inset, y = static_cast<int>(box.y0 * s) + inset;
  int w = static_cast<int>(box.width() * s) - 2 * inset, h = static_cast<int>(box.height() * s) - 2 * inset;
  if (w < 4 || h < 4) return nullptr;
  std::unique_ptr<BOX, BoxDeleter> clip(boxCreate(x, y, w, h));
  layout::PixPtr cropped(pixClipRectangle(page, clip.get(), nullptr));
  if (!cropped) return nullptr;
  return layout::PixPtr(pixAddBorderGeneral(cropped.get(), 12, 12, 12, 12, 255));
}

bool blank(PIX *pix) {
  l_float32 fraction = 0;
  layout::PixPtr binary(pixThresholdToBinary(pix, 215));
  if (!binary) return true;
  pixForegroundFraction(binary.get(), &fraction);
  return fraction < 0.002;
}

}  // namespace

CellText OcrEngine::read_cell(const PageImage &page, const Rect &box, CellContent content) const {
  CellText out;
  layout::PixPtr pix = cell_image(page.impl_->pix.get(), box, page.dpi());
  if (!pix || blank(pix.get())) {
    out.confidence = 1;  // nothing printed, certainly
    return out;
  }
  tesseract::TessBaseAPI &api = impl_->api;
  bool value = content == CellContent::value;
  api.SetVariable("tessedit_char_whitelist", value ? "0123456789.,-/" : "");
  api.SetPageSegMode(value ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_BLOCK);
  api.SetImage(pix.get());
  api.SetSourceResolution(static_cast<int>(page.dpi()));
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  out.text = text ? text.get() : "";
  out.confidence = std::clamp(api.MeanTextConf() / 100.0, 0.0, 1.0);
  api.SetVariable("tessedit_char_whitelist", "");
  api.Clear();
  return out;
}

OcrEngine::OcrEngine(OcrEngine &&) noexcept = default;
OcrEngine &OcrEngine::operator=(OcrEngine &&) noexcept = default;
OcrEngine::~OcrEngine() = default;

std::vector<TextRun> OcrEngine::recognize_page(const Raster &page) const {
  std::vector<TextRun> runs;
  layout::PixPtr pix = layout::to_gray_pix(page);
  if (!pix || page.dpi <= 0) return runs;
  tesseract::TessBaseAPI &api = impl_->api;
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(pix.get());
  api.SetSourceResolution(static_cast<int>(page.dpi));
  if (api.Recognize(nullptr) != 0) return runs;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return runs;
  const double points_per_pixel = 72.0 / page.dpi;
  constexpr auto level = tesseract::RIL_WORD;
  do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(level));
    if (!text || text[0] == 0) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(level, &x0, &y0, &x1, &y1)) continue;
    TextRun run;
    run.text = text.get();
    run.bbox = {x0 * points_per_pixel, y0 * points_per_pixel, x1 * points_per_pixel, y1 * points_per_pixel};
    // Tesseract gives no per-glyph boxes at word level: spread the word box evenly.
    size_t glyphs = to_u32(run.text).size();
    double step = run.bbox.width() / static_cast<double>(std::max<size_t>(glyphs, 1));
    for (size_t g = 0; g < glyphs; ++g)
      run.glyph_boxes.push_back({run.bbox.x0 + g * step, run.bbox.y0, run.bbox.x0 + (g + 1) * step, run.bbox.y1});
    run.font_size = run.bbox.height();
    run.source = RunSource::ocr;
    run.confidence = it->Confidence(level) / 100.0;
    runs.push_back(std::move(run));
  } while (it->Next(level));
  api.Clear();
  return runs;
}

}  // namespace xxgk::ocr
