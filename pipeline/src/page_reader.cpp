#include "xxgk/pipeline/page_reader.hpp"

#include <algorithm>
#include <optional>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/extract/text_layer.hpp"
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

}  // namespace

PageText read_page(const extract::PdfDocument &doc, int number, const ExtractOptions &options, LazyOcr &ocr,
                   std::vector<Warning> &warnings, ocr::ScanImages *scan_out) {
  StageClock *clock = options.clock;
  std::optional<StageTimer> text_timer(std::in_place, clock, "text");
  Page page = doc.page(number);
  PageText out;
  out.runs = cleaned(std::move(page.runs));
  text_timer.reset();
  extract::TextLayer layer = extract::classify_text_layer(extract::text_layer_stats(out.runs), min_text_layer_chars);
  bool usable = layer == extract::TextLayer::usable;
  if (layer == extract::TextLayer::none && is_blank(doc, number, clock)) {
    out.summary = {number, page.width, page.height, page.rotation, 0, "blank", "none", 0};
    return out;
  }
  bool want_ocr = options.ocr == OcrMode::always || (options.ocr == OcrMode::auto_ && !usable);
  const char *read_from = usable ? "text_layer" : "none";
  if (want_ocr) {
    try {
      ocr::ScanImages scan = scan_page(doc, number, options.ocr_dpi, clock);
      StageTimer timer(clock, "ocr_page");
      out.runs = cleaned(ocr.get().recognize_page(scan.text));
      out.summary.skew_degrees = scan.degrees;
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
  return ocr::prepare_scan(page);
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
