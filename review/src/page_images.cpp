#include "xxgk/review/page_images.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/pix.hpp"
#include "xxgk/markup/input_format.hpp"
#include "xxgk/ocr/image_pages.hpp"
#include "xxgk/ocr/preprocess.hpp"

namespace xxgk::review {
namespace {

// The neighbourhood shown around a cell: its row's neighbours on each side, a row above and
// below, so the person sees which line and column the value stands in; capped, so that a wide
// cell's crop stays large enough to read in the review page's panel.
constexpr double context_widths = 1.5;
constexpr double context_heights = 1.2;
constexpr double min_context_points = 14;
constexpr double max_context_x_points = 60;
constexpr double max_context_y_points = 30;
constexpr int outline_pixels = 3;
// The debug overlay's cell colour (layout/debug_overlay.cpp).
constexpr l_uint8 cell_r = 30, cell_g = 60, cell_b = 230;

std::string png_bytes(PIX *pix) {
  l_uint8 *data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || !data) return "";
  std::string out(reinterpret_cast<const char *>(data), size);
  lept_free(data);
  return out;
}

void outline(PIX *pix, const Rect &r, double scale, int dx, int dy) {
  layout::BoxPtr box(boxCreate(static_cast<l_int32>(r.x0 * scale) - dx, static_cast<l_int32>(r.y0 * scale) - dy,
                               std::max(1, static_cast<l_int32>(r.width() * scale)),
                               std::max(1, static_cast<l_int32>(r.height() * scale))));
  if (box) pixRenderBoxArb(pix, box.get(), outline_pixels, cell_r, cell_g, cell_b);
}

// A page image kept in a file for Poppler (page images are read as the PDF they stand for).
class TempPdf {
 public:
  explicit TempPdf(const std::string &bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "xxgk-review-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) return;
    path_ = pattern;
    if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) path_.clear();
    ::close(fd);
  }
  ~TempPdf() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

struct SourcePages::Impl {
  std::unique_ptr<TempPdf> temp;
  extract::PdfDocument doc;
  std::vector<double> skew;  // per page, as OCR turned it

  // The page upright and turned as OCR read it, at `dpi`.
  layout::PixPtr page_pix(int page, double dpi) const {
    if (page < 1 || page > doc.page_count()) return nullptr;
    Raster r = doc.render(page, dpi);
    double degrees = static_cast<size_t>(page) <= skew.size() ? skew[static_cast<size_t>(page - 1)] : 0;
    if (degrees != 0) r = ocr::rotated(r, degrees);
    layout::PixPtr gray = layout::to_gray_pix(r);
    return gray ? layout::PixPtr(pixConvertTo32(gray.get())) : nullptr;
  }
};

SourcePages::SourcePages(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SourcePages::~SourcePages() = default;

std::unique_ptr<SourcePages> SourcePages::open(const nlohmann::json &record, const std::filesystem::path &file,
                                               std::string &why) {
  std::string format = record["source"].value("format", "pdf");
  if (format != "pdf" && format != "image") {
    why = "a " + format + " source has no pages to cut from: its values are shown as printed";
    return nullptr;
  }
  try {
    std::unique_ptr<TempPdf> temp;
    std::filesystem::path pdf = file;
    if (format == "image") {
      std::vector<std::filesystem::path> images =
          markup::is_page_folder(file) ? markup::page_images(file) : std::vector<std::filesystem::path>{file};
      temp = std::make_unique<TempPdf>(ocr::images_as_pdf(images));
      pdf = temp->path();
    }
    auto impl = std::make_unique<Impl>(Impl{std::move(temp), extract::PdfDocument::open(pdf), {}});
    for (const auto &p : record.value("pages", nlohmann::json::array()))
      impl->skew.push_back(p.value("read_from", "") == "ocr" ? p.value("skew_degrees", 0.0) : 0.0);
    return std::unique_ptr<SourcePages>(new SourcePages(std::move(impl)));
  } catch (const std::exception &e) {
    why = std::string("the source cannot be opened: ") + e.what();
    return nullptr;
  }
}

std::string SourcePages::crop_png(int page, const Rect &box) const {
  layout::PixPtr pix = impl_->page_pix(page, crop_dpi);
  if (!pix || box.empty()) return "";
  double scale = crop_dpi / 72.0;
  double mx = std::clamp(box.width() * context_widths, min_context_points, max_context_x_points);
  double my = std::clamp(box.height() * context_heights, min_context_points, max_context_y_points);
  int w = static_cast<int>(pixGetWidth(pix.get())), h = static_cast<int>(pixGetHeight(pix.get()));
  int x0 = std::clamp(static_cast<int>((box.x0 - mx) * scale), 0, w - 1);
  int y0 = std::clamp(static_cast<int>((box.y0 - my) * scale), 0, h - 1);
  int x1 = std::clamp(static_cast<int>((box.x1 + mx) * scale), x0 + 1, w);
  int y1 = std::clamp(static_cast<int>((box.y1 + my) * scale), y0 + 1, h);
  layout::BoxPtr region(boxCreate(x0, y0, x1 - x0, y1 - y0));
  layout::PixPtr cut(pixClipRectangle(pix.get(), region.get(), nullptr));
  if (!cut) return "";
  outline(cut.get(), box, scale, x0, y0);
  return png_bytes(cut.get());
}

std::string SourcePages::page_png(int page, const std::optional<Rect> &box) const {
  layout::PixPtr pix = impl_->page_pix(page, page_view_dpi);
  if (!pix) return "";
  if (box && !box->empty()) outline(pix.get(), *box, page_view_dpi / 72.0, 0, 0);
  return png_bytes(pix.get());
}

}  // namespace xxgk::review
