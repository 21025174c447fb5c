#pragma once
// Reading every page of a document into clean text runs, with OCR where the text layer is
// missing. Shared by `extract` and `tables`.

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

std::vector<PageText> read_pages(const extract::PdfDocument &doc, const ExtractOptions &options,
                                 std::vector<report::Warning> &warnings);

}  // namespace xxgk::pipeline
