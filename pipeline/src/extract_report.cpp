#include "xxgk/pipeline/extract_report.hpp"

#include <optional>

#include "xxgk/core/sha256.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/text_lines.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

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

struct PageText {
  report::PageSummary summary;
  std::vector<TextRun> runs;
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
      out.runs = cleaned(ocr.get().recognize_page(doc.render(number, options.ocr_dpi)));
      has_text = printable_chars(out.runs) >= min_text_layer_chars;
    } catch (const ocr::OcrError &e) {
      warnings.push_back({"ocr_unavailable", e.what(), number, ""});
    }
  } else if (!has_text) {
    warnings.push_back({"no_text_layer", "page has no text layer (scanned?) and OCR is off", number, ""});
  }
  out.summary = {number,
                 page.width,
                 page.height,
                 page.rotation,
                 static_cast<long>(out.runs.size()),
                 has_text ? "text" : "no_text"};
  return out;
}

void describe_meta(report::Report &r, const std::vector<report::PageLines> &lines) {
  std::optional<report::ReportTitle> title = report::find_title(lines);
  if (title) {
    r.meta.title = title->title;
    r.meta.agency = title->agency;
    r.meta.year = title->year;
  } else {
    r.warnings.push_back({"title_missing", "no report title (…政府信息公开工作年度报告) on the first page", 1, ""});
  }
  if (title && title->agency.empty())
    r.warnings.push_back({"agency_missing", "the title does not name the agency", title->page, ""});
  if (title && !title->year)
    r.warnings.push_back({"year_missing", "the title has no year (e.g. 2023年)", title->page, ""});
  report::EditionGuess edition = report::guess_edition(lines, r.meta.year);
  r.meta.edition = edition.edition;
  r.meta.edition_basis = edition.basis;
}

void find_sections(report::Report &r, const std::vector<report::PageLines> &lines) {
  const report::TemplateSpec official = report::official_template_spec();
  const report::EditionSpec &spec = official.edition(r.meta.edition);
  r.sections = report::find_sections(lines, spec.sections);
  for (const auto &s : spec.sections) {
    bool found = false;
    for (const auto &got : r.sections) found = found || got.id == s.id;
    if (!found)
      r.warnings.push_back(
          {"section_missing", "no heading for section " + std::to_string(s.number) + " " + s.title, 0, s.id});
  }
}

}  // namespace

report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options) {
  extract::PdfDocument doc = extract::PdfDocument::open(path, {options.password});
  report::Report r;
  r.source.file = path.string();
  r.source.sha256 = sha256_file_hex(path);
  r.source.bytes = static_cast<long long>(std::filesystem::file_size(path));
  r.source.pages = doc.page_count();

  LazyOcr ocr(options.ocr_options);
  std::vector<report::PageLines> lines;
  for (int n = 1; n <= doc.page_count(); ++n) {
    PageText page = read_page(doc, n, options, ocr, r.warnings);
    r.pages.push_back(page.summary);
    lines.push_back({n, layout::build_lines(page.runs)});
  }
  describe_meta(r, lines);
  find_sections(r, lines);
  return r;
}

}  // namespace xxgk::pipeline
