#include "xxgk/pipeline/page_reader.hpp"

#include <algorithm>
#include <optional>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/extract/text_layer.hpp"
#include "xxgk/layout/lattice.hpp"
#include "xxgk/layout/ruling_detector.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/pipeline/parallel.hpp"

namespace xxgk::pipeline {
namespace {

using report::Warning;

std::vector<TextRun> cleaned(std::vector<TextRun> runs) {
  std::vector<TextRun> out;
  for (auto &r : runs) {
    TextRun c = normalize::clean_run(std::move(r));
    if (!c.text.empty()) out.push_back(std::move(c));
  }
  return out;
}

const char *page_kind(extract::TextLayer layer) {
  switch (layer) {
    case extract::TextLayer::usable: return "text";
    case extract::TextLayer::none: return "scanned";
    case extract::TextLayer::garbled: return "garbled";
  }
  return "text";
}

// A page with nothing on it at all (a separator page, the empty back of a scanned sheet): seen
// at a glance at a low resolution, so that it costs no OCR. Any mark of print leaves pixels
// well below white even at 24 DPI.
bool is_blank(const extract::PdfDocument &doc, int number, StageClock *clock) {
  StageTimer timer(clock, "render");
  Raster glance = doc.render(number, 24);
  return std::all_of(glance.pixels.begin(), glance.pixels.end(), [](std::uint8_t v) { return v >= 200; });
}

// The same glance on a page already rendered for OCR: blocks of a 24-DPI pixel's size, each
// averaged, stop at the first dark one (print near the top of most pages ends it early).
bool looks_blank(const Raster &page) {
  int block = std::max(1, static_cast<int>(page.dpi / 24));
  int channels = page.channels;
  std::vector<long> sums(static_cast<size_t>(page.width / block + 1));
  for (int top = 0; top + block <= page.height; top += block) {
    std::fill(sums.begin(), sums.end(), 0);
    for (int y = top; y < top + block; ++y) {
      const std::uint8_t *row = page.row(y);
      for (int x = 0; x < page.width; ++x)
        for (int c = 0; c < channels; ++c) sums[static_cast<size_t>(x / block)] += row[x * channels + c];
    }
    long full = static_cast<long>(block) * block * channels;
    for (int b = 0; b < page.width / block; ++b)
      if (sums[static_cast<size_t>(b)] < 200 * full) return false;
  }
  return true;
}

}  // namespace

PageText read_page(const extract::PdfDocument &doc, int number, const ExtractOptions &options, LazyOcr &ocr,
                   std::vector<Warning> &warnings, ScannedPage *scan_out) {
  StageClock *clock = options.clock;
  std::optional<StageTimer> text_timer(std::in_place, clock, "text");
  Page page = doc.page(number);
  PageText out;
  out.runs = cleaned(std::move(page.runs));
  text_timer.reset();
  extract::TextLayer layer = extract::classify_text_layer(extract::text_layer_stats(out.runs), min_text_layer_chars);
  bool usable = layer == extract::TextLayer::usable;
  bool want_ocr = options.ocr == OcrMode::always || (options.ocr == OcrMode::auto_ && !usable);
  bool empty = layer == extract::TextLayer::none;
  // A page that draws nothing at all is blank unseen (thousands of separator pages cost no
  // rendering); one read by OCR is rendered once and looked at for blankness before.
  bool draws = !empty || !out.runs.empty() || doc.line_art(number).drawn;
  Raster rendering;
  if (want_ocr && draws) {
    StageTimer timer(clock, "render");
    rendering = doc.render(number, options.ocr_dpi, true);
  }
  if (empty && (!draws || (want_ocr ? looks_blank(rendering) : is_blank(doc, number, clock)))) {
    out.summary = {number, page.width, page.height, page.rotation, 0, "blank", "none", 0};
    return out;
  }
  const char *read_from = usable ? "text_layer" : "none";
  if (want_ocr) {
    try {
      std::optional<StageTimer> timer(std::in_place, clock, "preprocess");
      // The prepared images are all that is read from here on.
      ScannedPage scan{ocr::prepare_scan(std::move(rendering)), {}};
      timer.emplace(clock, "rulings");
      scan.rulings = scan_rulings(scan.images);
      scan.images.lines = Raster{};  // read for its rulings only: not held through the OCR
      out.ruled = ruled_cells(number, scan.rulings);
      timer.emplace(clock, "ocr_page");
      // A page of ruled tables has its cells read one by one from the full image: what the
      // page's OCR reads there is prose and headings, as well read at 200 DPI and a third
      // faster. A page without is read whole (a borderless table's numbers need every pixel).
      double read_dpi = out.ruled.cells.empty() ? 0 : 200;
      out.runs =
          cleaned(ocr.get().recognize_page(blanked(scan.images.text, out.ruled.cells, out.ruled.print), read_dpi));
      out.summary.skew_degrees = scan.images.degrees;
      out.ocr = true;
      read_from = "ocr";
      if (scan_out) *scan_out = std::move(scan);
    } catch (const ocr::OcrError &e) {
      warnings.push_back({"ocr_unavailable", e.what(), number, ""});
    }
  } else if (layer == extract::TextLayer::none) {
    warnings.push_back({"no_text_layer", "page has no text layer (scanned?) and OCR is off", number, ""});
  }
  if (layer == extract::TextLayer::garbled && !out.ocr) {
    warnings.push_back(
        {"garbled_text_layer", "the page's text layer is not readable text and OCR is off: it is ignored", number, ""});
    out.runs.clear();
  }
  double skew = out.summary.skew_degrees;
  out.summary = {number,           page.width, page.height, page.rotation, static_cast<long>(out.runs.size()),
                 page_kind(layer), read_from,  skew};
  return out;
}

ocr::ScanImages scan_page(const extract::PdfDocument &doc, int number, double dpi, StageClock *clock) {
  std::optional<StageTimer> timer(std::in_place, clock, "render");
  Raster page = doc.render(number, dpi, true);
  timer.emplace(clock, "preprocess");
  return ocr::prepare_scan(std::move(page));
}

// Its words are not erased like a text layer's glyphs: OCR word boxes are rough and often run
// across a ruling (a row of vertical header text read as one word). Instead, blurred text that
// runs its strokes together into short bars is told from table lines by length (lines run
// across whole rows and column groups), except for short lines that join two others (a one-row
// header's column lines).
std::vector<layout::Ruling> scan_rulings(const ocr::ScanImages &scan) {
  layout::RulingDetectorOptions detector;
  detector.min_length = 30;
  detector.bridge = 0.8;
  detector.min_border_length = 8;
  detector.border_slack = 1.0;
  detector.border_must_continue = true;
  detector.dotted_bridge = 4;
  std::vector<layout::Ruling> found = layout::detect_rulings(scan.lines, {}, detector);
  // What only the seal drew (a stretch of its ring) is no ruling; a dotted line's gaps are
  // no gap in its ink.
  return layout::inked_on(found, scan.text, detector.dark_threshold, 0.6, detector.dotted_bridge / 2);
}

namespace {

int cells_across_row(const layout::Table &t, int row) {
  return static_cast<int>(std::count_if(t.cells.begin(), t.cells.end(), [row](const layout::Cell &c) {
    return c.row <= row && row < c.row + c.rowspan;
  }));
}

// A box across the whole table, or a first or last row of a few wide boxes, is a line of print
// more often than a row of cells: a caption, or a heading a stray ruling drew into the table (a
// ruling under it, or short ones through it). The page's OCR reads it, as it reads such lines
// best; where it is a row of cells after all, they are read again one by one as before.
bool line_of_print(const layout::Table &t, const layout::Cell &c) {
  if (c.colspan == t.cols) return true;
  bool edge_row = c.rowspan == 1 && (c.row == 0 || c.row == t.rows - 1);
  return edge_row && cells_across_row(t, c.row) <= 3;
}

}  // namespace

RuledCells ruled_cells(int page, const std::vector<layout::Ruling> &rulings) {
  RuledCells out;
  for (const layout::Table &t : layout::lattice_tables(page, rulings, {}))
    for (const layout::Cell &c : t.cells) (line_of_print(t, c) ? out.print : out.cells).push_back(c.bbox);
  return out;
}

namespace {

struct PixelBox {
  int x0, y0, x1, y1;
};

PixelBox pixels_of(const Rect &a, double margin, const Raster &raster) {
  double s = raster.dpi / 72.0;
  return {std::clamp(static_cast<int>((a.x0 - margin) * s), 0, raster.width),
          std::clamp(static_cast<int>((a.y0 - margin) * s), 0, raster.height),
          std::clamp(static_cast<int>((a.x1 + margin) * s) + 1, 0, raster.width),
          std::clamp(static_cast<int>((a.y1 + margin) * s) + 1, 0, raster.height)};
}

}  // namespace

Raster blanked(Raster raster, const std::vector<Rect> &areas, const std::vector<Rect> &kept) {
  const Raster original = kept.empty() ? Raster{} : raster;
  size_t channels = static_cast<size_t>(raster.channels);
  auto span = [&](Raster &r, int y, const PixelBox &b) {
    return r.pixels.begin() + static_cast<long>((static_cast<size_t>(y) * r.width + b.x0) * channels);
  };
  // A point beyond the area takes the rulings around it, anti-aliased edges and all.
  for (const Rect &a : areas) {
    PixelBox b = pixels_of(a, 1, raster);
    for (int y = b.y0; y < b.y1; ++y) std::fill_n(span(raster, y, b), (b.x1 - b.x0) * channels, std::uint8_t{255});
  }
  // Print kept whole, with what of it crosses into the areas around (a heading over a ruling).
  for (const Rect &k : kept) {
    PixelBox b = pixels_of(k, 2, raster);
    for (int y = b.y0; y < b.y1; ++y)
      std::copy_n(span(const_cast<Raster &>(original), y, b), (b.x1 - b.x0) * channels, span(raster, y, b));
  }
  return raster;
}

std::vector<PageText> read_pages(const extract::PdfDocument &doc, const ExtractOptions &options,
                                 std::vector<report::Warning> &warnings) {
  int threads = thread_count(options.threads);
  std::vector<LazyOcr> engines;
  for (int t = 0; t < threads; ++t) engines.emplace_back(options.ocr_options);
  size_t count = static_cast<size_t>(doc.page_count());
  std::vector<PageText> pages(count);
  std::vector<std::vector<Warning>> page_warnings(count);
  for_each_index(count, threads, [&](size_t i, int worker) {
    pages[i] = read_page(doc, static_cast<int>(i) + 1, options, engines[static_cast<size_t>(worker)], page_warnings[i]);
  });
  for (auto &w : page_warnings) warnings.insert(warnings.end(), w.begin(), w.end());
  return pages;
}

}  // namespace xxgk::pipeline
