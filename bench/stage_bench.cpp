// Micro-benchmarks of the pipeline's stages (Google Benchmark) on the bundled sample report:
// each stage alone, on the same page, so a change to one shows in its own figure.
//   build/bench/xxgk_stage_bench [--benchmark_filter=REGEX]

#include <benchmark/benchmark.h>

#include <string>

#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/ruling_detector.hpp"
#include "xxgk/layout/table_algorithm.hpp"
#include "xxgk/normalize/number.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/pipeline/find_tables.hpp"
#include "xxgk/pipeline/page_reader.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/template_spec.hpp"

namespace {

using namespace xxgk;

const std::string sample = XXGK_SOURCE_DIR "/fixtures/sample-report.pdf";

// The sample's page with the most rulings: the one a table stage has most work on.
struct TablePage {
  extract::PdfDocument doc = extract::PdfDocument::open(sample, {});
  std::vector<pipeline::PageText> pages;
  int number = 1;
  Raster raster;
  std::vector<layout::Glyph> glyphs;
  std::vector<Rect> glyph_boxes;
  std::vector<layout::Ruling> rulings;

  TablePage() {
    std::vector<report::Warning> warnings;
    pipeline::ExtractOptions options;
    options.threads = 1;
    pages = pipeline::read_pages(doc, options, warnings);
    size_t most = 0;
    for (const auto &p : pages) {
      Raster r = doc.render(p.summary.number, 100);
      std::vector<layout::Glyph> g = layout::glyphs_of(p.runs);
      std::vector<Rect> boxes;
      for (const auto &x : g) boxes.push_back(x.box);
      auto found = layout::detect_rulings(r, boxes, {});
      if (found.size() >= most)
        most = found.size(), number = p.summary.number, raster = r, glyphs = g, glyph_boxes = boxes, rulings = found;
    }
  }
  const pipeline::PageText &page() const { return pages[static_cast<size_t>(number - 1)]; }
};

const TablePage &table_page() {
  static const TablePage page;
  return page;
}

void BM_NormalizeText(benchmark::State &state) {
  // A label as a dirty text layer gives it: Kangxi radicals, full-width digits, stray spaces.
  const std::string dirty = "（⼀）予以公开 ２０２３年 ⾏政复议 结果 维持 ⻓期 ⺠⽣ 政 府 信 息 公 开";
  for (auto _ : state) benchmark::DoNotOptimize(normalize::clean_text(dirty));
}
BENCHMARK(BM_NormalizeText);

void BM_ParseNumber(benchmark::State &state) {
  const std::vector<std::string> raws = {"1,234", "—", "１２", "0.1665", "/", "", "-3", "无"};
  for (auto _ : state)
    for (const auto &r : raws) benchmark::DoNotOptimize(normalize::parse_number(r));
}
BENCHMARK(BM_ParseNumber);

void BM_OpenDocument(benchmark::State &state) {
  for (auto _ : state) benchmark::DoNotOptimize(extract::PdfDocument::open(sample, {}).page_count());
}
BENCHMARK(BM_OpenDocument)->Unit(benchmark::kMillisecond);

void BM_TextRuns(benchmark::State &state) {
  const TablePage &p = table_page();
  for (auto _ : state) benchmark::DoNotOptimize(p.doc.page(p.number).runs.size());
}
BENCHMARK(BM_TextRuns)->Unit(benchmark::kMillisecond);

// The fallback for a page whose table is a picture: rendering, then rulings found on it.
void BM_RenderForRulings(benchmark::State &state) {
  const TablePage &p = table_page();
  for (auto _ : state) benchmark::DoNotOptimize(p.doc.render(p.number, 100).pixels.size());
}
BENCHMARK(BM_RenderForRulings)->Unit(benchmark::kMillisecond);

void BM_DetectRulings(benchmark::State &state) {
  const TablePage &p = table_page();
  for (auto _ : state) benchmark::DoNotOptimize(layout::detect_rulings(p.raster, p.glyph_boxes, {}).size());
}
BENCHMARK(BM_DetectRulings)->Unit(benchmark::kMillisecond);

void BM_LineArtRulings(benchmark::State &state) {
  const TablePage &p = table_page();
  for (auto _ : state) benchmark::DoNotOptimize(layout::rulings_from_line_art(p.doc.line_art(p.number).lines).size());
}
BENCHMARK(BM_LineArtRulings)->Unit(benchmark::kMillisecond);

void BM_PageTables(benchmark::State &state) {
  const TablePage &p = table_page();
  for (auto _ : state)
    benchmark::DoNotOptimize(
        layout::find_page_tables({p.number, p.page().summary.height, &p.page().runs, &p.glyphs, &p.rulings, {}})
            .size());
}
BENCHMARK(BM_PageTables)->Unit(benchmark::kMillisecond);

void BM_MapToTemplate(benchmark::State &state) {
  const TablePage &p = table_page();
  pipeline::ExtractOptions options;
  options.threads = 1;
  std::vector<report::Warning> warnings;
  auto tables = pipeline::read_document(p.doc, options, {}, warnings).tables.tables;
  const report::TemplateSpec spec = report::official_template_spec();
  for (auto _ : state) benchmark::DoNotOptimize(report::map_to_template(tables, spec.edition("2021")).values.size());
}
BENCHMARK(BM_MapToTemplate)->Unit(benchmark::kMillisecond);

void BM_ReportJson(benchmark::State &state) {
  pipeline::ExtractOptions options;
  options.threads = 1;
  report::Report r = pipeline::extract_report(sample, options, {});
  for (auto _ : state) benchmark::DoNotOptimize(report::to_json(r).dump().size());
}
BENCHMARK(BM_ReportJson)->Unit(benchmark::kMillisecond);

void BM_WholeReport(benchmark::State &state) {
  pipeline::ExtractOptions options;
  options.threads = 1;
  for (auto _ : state) benchmark::DoNotOptimize(pipeline::extract_report(sample, options, {}).values.values.size());
}
BENCHMARK(BM_WholeReport)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
