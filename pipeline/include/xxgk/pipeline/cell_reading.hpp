#pragma once
// The cells of a scanned page's tables read again, each from its own image: page-level OCR
// mangles short numbers in grids and misses lone ones. The rules of which reading a cell keeps
// (the page's words, digits, words, two models' agreement) and how sure it then is.

#include <optional>
#include <string>
#include <vector>

#include "xxgk/core/page.hpp"
#include "xxgk/layout/table.hpp"
#include "xxgk/ocr/glyph_shapes.hpp"
#include "xxgk/ocr/ocr_engine.hpp"
#include "xxgk/pipeline/page_reader.hpp"

namespace xxgk::pipeline {

// A cell's number as read, with the glyph of each of its digits: the evidence
// settle_by_glyph_shapes weighs.
struct CellDigits {
  size_t table = 0, cell = 0;           // indices into the page's tables and the table's cells
  std::string text;                     // the cell's reading: digits only, or as read when `unread`
  std::vector<ocr::GlyphShape> glyphs;  // one per digit; one when `unread`
  bool unread = false;                  // a value's glyph read as nothing, or as a letter
  bool minus = false;                   // a minus sign printed before the digits, not read
};

struct CellsRead {
  std::vector<TextRun> runs;        // what was read of the cells the page's OCR left out
  std::vector<CellDigits> numbers;  // numbers and unread values whose glyphs could be told apart
};

// Each cell of the page's tables read again from `raster` (the page's OCR image): a ruled
// table's boxes all, a borderless table's where its page words look misread, unsure or missing.
// The cells' text and confidence are updated in place.
CellsRead read_cells(std::vector<layout::Table> &tables, const PageText &page, const Raster &raster,
                     const ocr::OcrEngine &engine);

// The report's numbers held against their own print: a glyph shaped as a zero is 0 whatever
// OCR read (ocr::zero_shaped: a 6, a U, nothing), a minus sign OCR dropped is put back
// (ocr::minus_shaped), and a digit whose look-alikes among all the report's OCR'd digits are
// nearly all read as another (ocr::look_alike_readings) takes their reading; the cell keeps
// OCR's beside it and is doubted. One page at a time, the pages'
// tables and the numbers read_cells found on each.
void settle_by_glyph_shapes(const std::vector<std::vector<layout::Table> *> &tables_by_page,
                            const std::vector<const std::vector<CellDigits> *> &numbers_by_page);

// The page's OCR of a number in a borderless table, after a second reading of its cell alone:
// confirmed (the surer confidence of the two), disputed by another value, a number or a zero
// mark (the page's reading kept, its confidence put below the report's doubt), or as it was
// where the second reading found no value (a tight crop loses a stroke). Digits alike in print (WenQuanYi's 8 and 3 at
// 200 DPI) come back at 0.92 either way; in a cell no check of the form covers, this is what
// makes such a slip show.
double second_opinion(const std::string &page_text, double page_confidence, const std::string &cell_text,
                      double cell_confidence);

// One glyph standing left of a row that is mostly values: a misread value (a serif 1 read as
// 工), not the row's label, which in the form is never one character (the review table's row
// holds values only, named by the header above it). Its neighbours have not been read again
// yet, so the row need only be mostly values; a lone 一 (a zero dash as the Chinese model reads
// it, or a label's numbering) only where the rest of the row is values.
bool lone_glyph_before_values(const layout::Table &t, const layout::Cell &cell);

// An empty slot of a borderless table, clear of the words the page's OCR read beside it: the
// slot's edges are drawn between columns, and a neighbour's word may reach over one (a wide
// header's closing bracket, which alone reads as a 1). Those words are their own cells' ink.
// Null when nothing of the slot is left.
std::optional<Rect> clear_of_words(const Rect &slot, const std::vector<TextRun> &words);

}  // namespace xxgk::pipeline
