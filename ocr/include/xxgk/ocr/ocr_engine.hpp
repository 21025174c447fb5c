#pragma once
// Optical character recognition of page rasters with Tesseract. Recognized words come out as
// TextRuns in page points, so later stages treat them exactly like a text layer's runs.

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "xxgk/core/page.hpp"

struct Pix;  // Leptonica

namespace xxgk::ocr {

struct OcrOptions {
  std::string languages = "chi_sim";  // Tesseract language list, e.g. "chi_sim+eng"
  std::string tessdata_dir;           // empty: Tesseract's compiled-in default
};

class OcrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GlyphShape;  // glyph_shapes.hpp

// A page raster prepared once for reading many cells from it.
class PageImage {
 public:
  explicit PageImage(const Raster &page);
  PageImage(PageImage &&) noexcept;
  ~PageImage();
  double dpi() const { return dpi_; }

 private:
  friend class OcrEngine;
  friend std::vector<GlyphShape> glyph_shapes(const PageImage &page, const Rect &box);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double dpi_;
};

// What a cell is read as. `glance`: one line of digits, read once without the further tries
// `value` makes: the cheap first look at a cell nothing is known of yet. `contested_value`: a
// value the page's OCR read as something else or missed, where a reading has nothing to agree
// with: read as `value`, then by the Chinese model (digits only) as well; where the two differ
// the reading carries the other in `other_text`, for the caller to doubt it (at most
// `disputed_confidence`) whichever it keeps. (The English model reads a bitonal scan's
// sans-serif 1 as 4, surely, where the Chinese model reads 1; elsewhere the English is right.)
enum class CellContent { value, words, glance, contested_value };

// The confidence of a value two models read differently: below a report's doubt.
inline constexpr double disputed_confidence = 0.5;

struct CellText {
  std::string text;
  double confidence = 0;        // 0..1
  int ink_lines = 0;            // lines of print found in the cell (a number has one)
  double line_height = 0;       // points: the height of one line of its print
  std::string other_text = {};  // contested_value: the other model's reading, where it differs
  bool agreed = false;          // contested_value: both models read this text
};

// One Tesseract instance; not thread-safe, use one engine per thread.
class OcrEngine {
 public:
  explicit OcrEngine(const OcrOptions &options);  // throws OcrError if the language data is missing
  OcrEngine(OcrEngine &&) noexcept;
  OcrEngine &operator=(OcrEngine &&) noexcept;
  ~OcrEngine();

  // Words of a whole page, with Tesseract's confidence (0..1) on each run. With `read_dpi`, the
  // page is read scaled down to it where it is finer (Tesseract's page layout costs by the
  // pixel); print it then misses is still looked for on the full image.
  std::vector<TextRun> recognize_page(const Raster &page, double read_dpi = 0) const;

  // The text inside `box` (page points) of a page image, read on its own: a value as one line
  // of digits and the marks agencies print for zero, words as a block of Chinese text.
  CellText read_cell(const PageImage &page, const Rect &box, CellContent content) const;

 private:
  // A disputed value's two readings put to a vote of both models at other sizes.
  void prefer_majority(CellText &out, Pix *pix, int dpi, const std::function<std::string(std::string)> &printed) const;
  // Print the page's layout analysis skipped, read on its own and added to `runs`.
  void add_missed_words(const Raster &page, Pix *binary, std::vector<TextRun> &runs) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xxgk::ocr
