#pragma once
// The table stage over a whole document: rulings on each page's rendering, lattice grids, and
// tables continued over pages stitched into one.

#include <filesystem>
#include <string>
#include <vector>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/ruling.hpp"
#include "xxgk/layout/stitch.hpp"
#include "xxgk/layout/table.hpp"
#include "xxgk/pipeline/cell_reading.hpp"
#include "xxgk/pipeline/page_reader.hpp"

namespace xxgk::pipeline {

struct DocumentTables {
  std::vector<layout::Table> tables;                 // stitched, in reading order
  std::vector<std::vector<layout::Ruling>> rulings;  // per page, for diagnostics
  std::vector<layout::StitchDecision> stitching;     // why each page's first table was joined or not
};

// The page's lines of text outside its tables, but its furniture (page numbers such as "-3-",
// running heads in the margins): text between two tables keeps the second from continuing the
// first, and a page number at the foot of a page must not.
std::vector<Rect> body_text(const PageText &page, const std::vector<layout::Table> &tables);

// Every page read (page_reader) and its tables found in one pass over the pages: a scan is
// rendered and prepared once for both, and one OCR engine per thread serves both. On pages
// read by OCR, rulings are found on the scan at the OCR resolution and every cell of a grid is
// read again from its own image (values as digits), with Tesseract's confidence. The one path
// to tables: extract, tables, the tests and the benchmarks all take it.
struct ReadDocument {
  std::vector<PageText> pages;
  DocumentTables tables;
};
ReadDocument read_document(const extract::PdfDocument &doc, const ExtractOptions &extract, const TableOptions &options,
                           std::vector<report::Warning> &warnings);

}  // namespace xxgk::pipeline
