#pragma once
// Reading every page of a document into clean text runs, with OCR where the text layer is
// missing. Shared by `extract` and `tables`.

#include <optional>
#include <vector>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/ocr/preprocess.hpp"
#include "xxgk/pipeline/options.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::pipeline {

struct PageText {
  report::PageSummary summary;
  std::vector<TextRun> runs;  // cleaned
  bool ocr = false;           // the runs come from OCR of the page image
};

// A page rendered at `dpi` and prepared for OCR (deskewed, with and without its colour ink).
ocr::ScanImages scan_page(const extract::PdfDocument &doc, int number, double dpi, StageClock *clock);

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

// One page. When it is read by OCR and `scan` is given, the prepared scan is left there for the
// table stage, which then need not render and prepare the page again.
PageText read_page(const extract::PdfDocument &doc, int number, const ExtractOptions &options, LazyOcr &ocr,
                   std::vector<report::Warning> &warnings, ocr::ScanImages *scan = nullptr);

std::vector<PageText> read_pages(const extract::PdfDocument &doc, const ExtractOptions &options,
                                 std::vector<report::Warning> &warnings);

}  // namespace xxgk::pipeline
