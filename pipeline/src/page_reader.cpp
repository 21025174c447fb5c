#include "xxgk/pipeline/page_reader.hpp"

#include <optional>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/ocr/preprocess.hpp"

namespace xxgk::pipeline {
namespace {

using report::Warning;

int printable_chars(const std::vector<TextRun> &runs) {
  int n = 0;
  for (const auto &r : runs)
    for (char32_t c : to_u32(r.text)) n += !is_space(c);
  return n;
}

std::vector<TextRun> cleaned(std::vector<TextRun> runs) {
  std::vector<TextRun> out;
  for (auto &r : runs) {
    TextRun c = normalize::clean_run(std::move(r));
    if (!c.text.empty()) out.push_back(std::move(c));
  }
  return out;
}

// Lazily created: loading the Chinese model costs a second, and most PDFs never need it.
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

PageText read_page(const extract::PdfDocument &doc, int number, const ExtractOptions &options, LazyOcr &ocr,
                   std::vector<Warning> &warnings) {
  Page page = doc.page(number);
  PageText out;
  out.runs = cleaned(std::move(page.runs));
  bool has_text = printable_chars(out.runs) >= min_text_layer_chars;
  bool want_ocr = options.ocr == OcrMode::always || (options.ocr == OcrMode::auto_ && !has_text);
  if (want_ocr) {
    try {
      ocr::Deskewed scan = ocr::prepare_scan(doc.render(number, options.ocr_dpi, true));
      out.runs = cleaned(ocr.get().recognize_page(scan.page));
      out.summary.skew_degrees = scan.degrees;
      out.ocr = true;
      has_text = printable_chars(out.runs) >= min_text_layer_chars;
    } catch (const ocr::OcrError &e) {
      warnings.push_back({"ocr_unavailable", e.what(), number, ""});
    }
  } else if (!has_text) {
    warnings.push_back({"no_text_layer", "page has no text layer (scanned?) and OCR is off", number, ""});
  }
  double skew = out.summary.skew_degrees;
  out.summary = {
      number, page.width, page.height, page.rotation, static_cast<long>(out.runs.size()), has_text ? "text" : "no_text",
      skew};
  return out;
}

}  // namespace

std::vector<PageText> read_pages(const extract::PdfDocument &doc, const ExtractOptions &options,
                                 std::vector<report::Warning> &warnings) {
  LazyOcr ocr(options.ocr_options);
  std::vector<PageText> pages;
  for (int n = 1; n <= doc.page_count(); ++n) pages.push_back(read_page(doc, n, options, ocr, warnings));
  return pages;
}

}  // namespace xxgk::pipeline
