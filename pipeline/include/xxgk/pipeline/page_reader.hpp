#pragma once
// Reading every page of a document into clean text runs, with OCR where the text layer is
// missing. Shared by `extract` and `tables`.

#include <optional>
#include <vector>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/ruling.hpp"
#include "xxgk/ocr/preprocess.hpp"
#include "xxgk/pipeline/options.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::pipeline {

// The boxes of the ruled tables the rulings draw (points): cells, and lines of print the rulings
// happen to frame (a box across a whole table, a heading a stray ruling drew into one).
struct RuledCells {
  std::vector<Rect> cells, print;
};

struct PageText {
  report::PageSummary summary;
  std::vector<TextRun> runs;  // cleaned
  bool ocr = false;           // the runs come from OCR of the page image
  // The ruled tables' boxes on a page read by OCR. The table stage reads each one by one
  // anyway, so the page's OCR leaves out the cells (reading them twice costs more than the
  // page's OCR of all the rest); the lines of print among them it reads too.
  RuledCells ruled;
};

// A page rendered at `dpi` and prepared for OCR (deskewed, with and without its colour ink).
ocr::ScanImages scan_page(const extract::PdfDocument &doc, int number, double dpi, StageClock *clock);

// What the table stage takes over from the reading of a scanned page: its prepared images and
// the rulings found on them.
struct ScannedPage {
  ocr::ScanImages images;
  std::vector<layout::Ruling> rulings;
};

// A scan's rulings (points).
std::vector<layout::Ruling> scan_rulings(const ocr::ScanImages &scan);

RuledCells ruled_cells(int page, const std::vector<layout::Ruling> &rulings);

// The raster with `areas` (points) painted white, but what lies in `kept`.
Raster blanked(Raster raster, const std::vector<Rect> &areas, const std::vector<Rect> &kept = {});

// One OCR engine for one thread, loaded when first needed: loading the Chinese model costs a
// second, and most PDFs never need it.
class LazyOcr {
 public:
  explicit LazyOcr(const ocr::OcrOptions &options) : options_(options) {}
  const ocr::OcrEngine &get() {
    if (!engine_) engine_.emplace(options_);
    return *engine_;
  }

 private:
  ocr::OcrOptions options_;
  std::optional<ocr::OcrEngine> engine_;
};

// One page. When it is read by OCR and `scan` is given, the prepared scan and its rulings are
// left there for the table stage, which then need not find them again.
PageText read_page(const extract::PdfDocument &doc, int number, const ExtractOptions &options, LazyOcr &ocr,
                   std::vector<report::Warning> &warnings, ScannedPage *scan = nullptr);

std::vector<PageText> read_pages(const extract::PdfDocument &doc, const ExtractOptions &options,
                                 std::vector<report::Warning> &warnings);

}  // namespace xxgk::pipeline
