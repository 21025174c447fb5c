#pragma once
// Reading a PDF: pages, their positioned text runs, and rendered rasters, through poppler-cpp.
// Every way a file can fail to open is a distinct InputError kind (core/input_error.hpp).

#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "xxgk/core/input_error.hpp"
#include "xxgk/core/page.hpp"
#include "xxgk/core/raster_limits.hpp"

namespace poppler {
class document;
}

namespace xxgk::extract {

struct OpenOptions {
  std::string password;  // tried as both owner and user password
};

// Largest raster render() produces; a bigger request is rendered at a lower DPI (see
// Raster::dpi).
using xxgk::max_raster_pixels;

// Poppler's document is not thread-safe: page() and render() are serialized, so that the pages
// of one document can be processed on several threads (rendering is the short part of OCR).
class PdfDocument {
 public:
  static PdfDocument open(const std::filesystem::path &path, const OpenOptions &options = {});

  PdfDocument(PdfDocument &&) noexcept;
  PdfDocument &operator=(PdfDocument &&) noexcept;
  ~PdfDocument();

  int page_count() const;
  bool encrypted() const;  // true also for owner-password-only files that open freely

  // Page `number` (1-based) with its text runs, in upright page coordinates.
  Page page(int number) const;

  // Page `number` rendered upright at `dpi`, gray or RGB.
  Raster render(int number, double dpi, bool color = false) const;

  // The page's straight lines as drawn (strokes and thin filled bars, not white ones), read
  // from its content without rendering it, in the coordinates of page(). Poppler's core API
  // (poppler-cpp has no access to paths), on a second handle to the file.
  LineArt line_art(int number) const;

 private:
  struct Core;
  PdfDocument(std::unique_ptr<poppler::document> doc, std::unique_ptr<Core> core);
  std::unique_ptr<poppler::document> doc_;
  std::unique_ptr<Core> core_;
  std::unique_ptr<std::mutex> lock_ = std::make_unique<std::mutex>();
};

}  // namespace xxgk::extract
