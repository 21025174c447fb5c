#include "xxgk/extract/pdf_document.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>

#include "core_document.hpp"
#include "xxgk/core/utf8_text.hpp"

namespace xxgk::extract {
namespace {

// Poppler reports recoverable syntax problems on stderr; a batch over thousands of files must
// not drown its own messages in them. Installing the sink is idempotent.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string &, void *) {}, nullptr); });
}

std::string describe(const std::filesystem::path &path) {
  return "'" + path.string() + "'";
}

void check_file(const std::filesystem::path &path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw InputError(InputErrorKind::file_missing, describe(path) + ": no such file");
  if (!std::filesystem::is_regular_file(status))
    throw InputError(InputErrorKind::file_missing, describe(path) + ": not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputErrorKind::unreadable, describe(path) + ": cannot be read");
  // The PDF spec lets the header start anywhere in the first 1024 bytes.
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.empty()) throw InputError(InputErrorKind::not_pdf, describe(path) + ": the file is empty");
  if (head.find("%PDF-") == std::string::npos)
    throw InputError(InputErrorKind::not_pdf, describe(path) + ": not a PDF file (no %PDF- header)");
}

std::string utf8_of(const poppler::ustring &s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

Rect rect_of(const poppler::rectf &r) {
  return {r.left(), r.top(), r.right(), r.bottom()};
}

TextRun run_of(const poppler::text_box &box) {
  TextRun run;
  run.text = utf8_of(box.text());
  run.bbox = rect_of(box.bbox());
  size_t glyphs = to_u32(run.text).size();
  for (size_t i = 0; i < glyphs; ++i) run.glyph_boxes.push_back(rect_of(box.char_bbox(i)));
  run.space_after = box.has_space_after();
  if (box.has_font_info()) {
    run.font_name = box.get_font_name();
    run.font_size = box.get_font_size();
    if (box.get_wmode() == poppler::text_box::vertical_wmode) run.writing_mode = WritingMode::vertical;
  }
  if (run.font_size <= 0) run.font_size = std::max(run.bbox.height(), 1.0);
  return run;
}

int rotation_degrees(poppler::page::orientation_enum o) {
  switch (o) {
    case poppler::page::landscape: return 90;
    case poppler::page::upside_down: return 180;
    case poppler::page::seascape: return 270;
    default: return 0;
  }
}

}  // namespace

PdfDocument::PdfDocument(std::unique_ptr<poppler::document> doc, std::unique_ptr<Core> core)
    : doc_(std::move(doc)), core_(std::move(core)) {}
PdfDocument::PdfDocument(PdfDocument &&) noexcept = default;
PdfDocument &PdfDocument::operator=(PdfDocument &&) noexcept = default;
PdfDocument::~PdfDocument() = default;

PdfDocument PdfDocument::open(const std::filesystem::path &path, const OpenOptions &options) {
  silence_poppler();
  check_file(path);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_file(path.string(), options.password, options.password));
  if (!doc) throw InputError(InputErrorKind::damaged, describe(path) + ": damaged PDF, Poppler cannot parse it");
  if (doc->is_locked()) {
    if (options.password.empty())
      throw InputError(InputErrorKind::encrypted,
                       describe(path) + ": encrypted PDF, a password is needed (--password)");
    throw InputError(InputErrorKind::wrong_password, describe(path) + ": the password does not open this PDF");
  }
  if (doc->pages() <= 0) throw InputError(InputErrorKind::no_pages, describe(path) + ": the PDF has no pages");
  return PdfDocument(std::move(doc), std::make_unique<Core>(Core{path, options.password, nullptr, false}));
}

int PdfDocument::page_count() const {
  return doc_->pages();
}

bool PdfDocument::encrypted() const {
  return doc_->is_encrypted();
}

Page PdfDocument::page(int number) const {
  std::lock_guard<std::mutex> hold(*lock_);
  std::unique_ptr<poppler::page> p(doc_->create_page(number - 1));
  Page page;
  page.number = number;
  if (!p) return page;
  page.rotation = rotation_degrees(p->orientation());
  poppler::rectf box = p->page_rect(poppler::crop_box);
  bool sideways = page.rotation == 90 || page.rotation == 270;
  page.width = sideways ? box.height() : box.width();
  page.height = sideways ? box.width() : box.height();
  // Poppler lays out text with the page's /Rotate applied, so boxes are already upright.
  for (const poppler::text_box &b : p->text_list(poppler::page::text_list_include_font)) page.runs.push_back(run_of(b));
  return page;
}

Raster PdfDocument::render(int number, double dpi, bool color) const {
  std::lock_guard<std::mutex> hold(*lock_);
  std::unique_ptr<poppler::page> p(doc_->create_page(number - 1));
  Raster raster;
  if (!p) return raster;
  poppler::rectf box = p->page_rect(poppler::crop_box);
  double pixels = box.width() * box.height() * (dpi / 72) * (dpi / 72);
  if (pixels > static_cast<double>(max_raster_pixels)) dpi *= std::sqrt(max_raster_pixels / pixels);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  // bgr24 is the packed three-byte format; rgb24 in poppler-cpp carries a fourth padding byte.
  renderer.set_image_format(color ? poppler::image::format_bgr24 : poppler::image::format_gray8);
  poppler::image image = renderer.render_page(p.get(), dpi, dpi);
  if (!image.is_valid()) return raster;
  raster.width = image.width();
  raster.height = image.height();
  raster.channels = color ? 3 : 1;
  raster.dpi = dpi;
  size_t row_bytes = static_cast<size_t>(raster.width) * raster.channels;
  raster.pixels.resize(row_bytes * raster.height);
  for (int y = 0; y < raster.height; ++y) {
    const char *src = image.const_data() + static_cast<size_t>(y) * image.bytes_per_row();
    std::uint8_t *dst = raster.pixels.data() + y * row_bytes;
    std::memcpy(dst, src, row_bytes);
    if (color)
      for (size_t x = 0; x + 2 < row_bytes; x += 3) std::swap(dst[x], dst[x + 2]);
  }
  return raster;
}

}  // namespace xxgk::extract
