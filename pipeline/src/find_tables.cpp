#include "xxgk/pipeline/find_tables.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/debug_overlay.hpp"
#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/ruling_detector.hpp"
#include "xxgk/layout/stitch.hpp"
#include "xxgk/layout/stream.hpp"
#include "xxgk/layout/table_algorithm.hpp"
#include "xxgk/layout/text_lines.hpp"
#include "xxgk/pipeline/page_reader.hpp"
#include "xxgk/pipeline/parallel.hpp"

namespace xxgk::pipeline {
namespace {

// Page numbers ("-3-", "第 3 页", "3/5") and other short lines in the top or bottom margin.
bool is_page_furniture(const layout::TextLine &line, const PageText &page) {
  std::u32string text = to_u32(line.text);
  bool number_like = std::all_of(text.begin(), text.end(), [](char32_t c) {
    return (c >= U'0' && c <= U'9') || c == U'-' || c == U'—' || c == U'－' || c == U' ' || c == U'第' || c == U'页' ||
           c == U'/' || c == U'共';
  });
  double h = page.summary.height;
  bool in_margin = line.bbox.y1 < 0.08 * h || line.bbox.y0 > 0.92 * h;
  return number_like || (in_margin && text.size() <= 12);
}

bool inside_any(const Rect &r, const std::vector<layout::Table> &tables) {
  return std::any_of(tables.begin(), tables.end(),
                     [&](const layout::Table &t) { return t.parts.front().bbox.holds_centre_of(r); });
}

std::vector<Rect> glyph_boxes(const std::vector<layout::Glyph> &glyphs) {
  std::vector<Rect> out;
  for (const auto &g : glyphs) out.push_back(g.box);
  return out;
}

struct FoundOnPage {
  layout::PageTables tables;
  std::vector<layout::Ruling> rulings;
  CellsRead cells;  // what was read of the cells of a page read by OCR
};

// A text page's rulings: from the lines it draws, read without rendering it; from its
// rendering when a picture covers much of the page (a table pasted in as an image draws no
// lines of its own).
std::vector<layout::Ruling> text_page_rulings(const extract::PdfDocument &doc, const PageText &page,
                                              const std::vector<layout::Glyph> &glyphs, const TableOptions &options,
                                              const ExtractOptions &extract) {
  int number = page.summary.number;
  std::optional<StageTimer> timer(std::in_place, extract.clock, "rulings");
  LineArt art = doc.line_art(number);
  if (!art.large_image) return layout::rulings_from_line_art(art.lines);
  timer.emplace(extract.clock, "render");
  Raster raster = doc.render(number, options.ruling_dpi);
  timer.emplace(extract.clock, "rulings");
  return layout::detect_rulings(raster, glyph_boxes(glyphs), {});
}

// One page's tables; `scan` holds the prepared images and rulings of a page read by OCR.
FoundOnPage page_tables(const extract::PdfDocument &doc, const PageText &page, const ScannedPage *scan,
                        const TableOptions &options, const ExtractOptions &extract, LazyOcr &engine) {
  int number = page.summary.number;
  if (page.summary.kind == "blank") return {{number, {}, {}, 3.0}, {}, {}};  // nothing to find
  std::vector<layout::Glyph> glyphs = layout::glyphs_of(page.runs);
  std::vector<layout::Ruling> rulings =
      page.ocr && scan ? scan->rulings : text_page_rulings(doc, page, glyphs, options, extract);
  std::optional<StageTimer> timer(std::in_place, extract.clock, "grid");
  std::vector<layout::Table> tables =
      layout::find_page_tables({number, page.summary.height, &page.runs, &glyphs, &rulings, {}});
  timer.emplace(extract.clock, "ocr_cells");
  CellsRead cells;
  if (page.ocr && scan && !tables.empty()) cells = read_cells(tables, page, scan->images.text, engine.get());
  timer.reset();
  return {{number, tables, body_text(page, tables), page.ocr ? 12.0 : 3.0}, std::move(rulings), std::move(cells)};
}

// The report's OCR'd numbers held against its own print, over all its pages at once.
void settle_by_glyph_shapes(std::vector<FoundOnPage> &found) {
  std::vector<std::vector<layout::Table> *> tables;
  std::vector<const std::vector<CellDigits> *> numbers;
  for (FoundOnPage &f : found) {
    tables.push_back(&f.tables.tables);
    numbers.push_back(&f.cells.numbers);
  }
  pipeline::settle_by_glyph_shapes(tables, numbers);
}

DocumentTables stitched(std::vector<FoundOnPage> found, const ExtractOptions &extract) {
  DocumentTables result;
  std::vector<layout::PageTables> per_page;
  for (FoundOnPage &f : found) {
    per_page.push_back(std::move(f.tables));
    result.rulings.push_back(std::move(f.rulings));
  }
  StageTimer timer(extract.clock, "grid");
  layout::StitchedTables stitched = layout::stitch_tables_explained(per_page);
  result.tables = std::move(stitched.tables);
  result.stitching = std::move(stitched.decisions);
  return result;
}

// The stream analyzer's steps on the part of the page the lattice tables left, as it had the
// page's words (those the cells' own reading added afterwards left out): page-N.stream.png and,
// region by region, page-N.stream.txt.
void write_stream_debug(const std::filesystem::path &dir, const Raster &raster, const PageText &page,
                        const std::vector<layout::Table> &tables) {
  int number = page.summary.number;
  std::vector<Rect> lattice;
  for (const layout::Table &t : tables)
    for (const layout::TablePart &part : t.parts)
      if (t.method == "lattice" && part.page == number) lattice.push_back(part.bbox);
  size_t read = std::min(page.runs.size(), static_cast<size_t>(std::max(0L, page.summary.text_runs)));
  std::vector<TextRun> runs(page.runs.begin(), page.runs.begin() + static_cast<long>(read));
  std::vector<layout::StreamRegionTrace> trace = layout::stream_trace(number, page.summary.height, runs, lattice);
  std::string stem = "page-" + std::to_string(number) + ".stream";
  layout::write_stream_overlay(dir / (stem + ".png"), raster, trace);
  std::ofstream text(dir / (stem + ".txt"));
  auto at = [](double v) { return std::to_string(static_cast<int>(std::lround(v))); };
  for (const layout::StreamRegionTrace &r : trace) {
    text << "region " << at(r.bbox.x0) << "," << at(r.bbox.y0) << " - " << at(r.bbox.x1) << "," << at(r.bbox.y1) << ": "
         << r.outcome << "\n  bands (y):";
    for (const auto &[y0, y1] : r.bands) text << " " << at(y0) << "-" << at(y1);
    text << "\n  columns of numbers (x):";
    for (const auto &[x0, x1] : r.value_columns) text << " " << at(x0) << "-" << at(x1);
    text << "\n  column edges (x):";
    for (double x : r.column_edges) text << " " << at(x);
    text << "\n  header rows: " << r.header_rows << "\n  segments (value marked *):";
    for (const layout::Segment &s : r.segments) text << " [" << s.text << (s.value ? "*" : "") << "]";
    text << "\n";
  }
}

// What the analyzer saw, per page: the image with rulings, cells and parts drawn over it, and
// the words it had, as lines (what OCR read, where a heading went missing).
void write_debug(const extract::PdfDocument &doc, const std::vector<PageText> &pages, const DocumentTables &result,
                 const TableOptions &options, const ExtractOptions &extract) {
  std::filesystem::create_directories(options.debug_dir);
  for (const PageText &page : pages) {
    int number = page.summary.number;
    // For a scan, the deskewed page at the OCR resolution.
    Raster raster = page.ocr ? scan_page(doc, number, extract.ocr_dpi, nullptr).lines
                             : doc.render(number, std::max(options.ruling_dpi, 110.0));
    auto png = options.debug_dir / ("page-" + std::to_string(number) + ".png");
    layout::write_debug_overlay(png, raster, number, result.rulings[static_cast<size_t>(number - 1)], result.tables);
    write_stream_debug(options.debug_dir, raster, page, result.tables);
    std::ofstream text(options.debug_dir / ("page-" + std::to_string(number) + ".txt"));
    for (const auto &line : layout::build_lines(page.runs))
      text << static_cast<int>(line.bbox.x0) << "," << static_cast<int>(line.bbox.y0) << "\t" << line.text << "\n";
    // Each word as the analyzer had it: where it stood, its print size and how sure OCR was.
    std::ofstream words(options.debug_dir / ("page-" + std::to_string(number) + ".words.tsv"));
    words << "x0\ty0\tx1\ty1\tfont_size\tconfidence\ttext\n";
    for (const TextRun &run : page.runs)
      words << run.bbox.x0 << "\t" << run.bbox.y0 << "\t" << run.bbox.x1 << "\t" << run.bbox.y1 << "\t" << run.font_size
            << "\t" << run.confidence << "\t" << run.text << "\n";
  }
  std::ofstream stitch(options.debug_dir / "stitch.txt");
  for (const layout::StitchDecision &d : result.stitching)
    stitch << "page " << d.page << ", first table: " << (d.joined ? "joined to the table before: " : "kept apart: ")
           << d.reason << "\n";
}

std::vector<LazyOcr> engines_for(int threads, const ExtractOptions &extract) {
  std::vector<LazyOcr> engines;
  for (int t = 0; t < threads; ++t) engines.emplace_back(extract.ocr_options);
  return engines;
}

}  // namespace

std::vector<Rect> body_text(const PageText &page, const std::vector<layout::Table> &tables) {
  std::vector<Rect> out;
  for (const auto &line : layout::build_lines(page.runs))
    if (!is_page_furniture(line, page) && !inside_any(line.bbox, tables)) out.push_back(line.bbox);
  return out;
}

ReadDocument read_document(const extract::PdfDocument &doc, const ExtractOptions &extract, const TableOptions &options,
                           std::vector<report::Warning> &warnings) {
  int threads = thread_count(extract.threads);
  std::vector<LazyOcr> engines = engines_for(threads, extract);
  size_t count = static_cast<size_t>(doc.page_count());
  ReadDocument out;
  out.pages.resize(count);
  std::vector<FoundOnPage> found(count);
  std::vector<std::vector<report::Warning>> page_warnings(count);
  for_each_index(count, threads, [&](size_t i, int worker) {
    LazyOcr &engine = engines[static_cast<size_t>(worker)];
    ScannedPage scan;
    PageText page = read_page(doc, static_cast<int>(i) + 1, extract, engine, page_warnings[i], &scan);
    found[i] = page_tables(doc, page, page.ocr ? &scan : nullptr, options, extract, engine);
    // The cells' words join the page's, as if its OCR had read them: a heading a stray ruling
    // put inside a table is still found among them.
    page.runs.insert(page.runs.end(), found[i].cells.runs.begin(), found[i].cells.runs.end());
    out.pages[i] = std::move(page);
  });
  for (auto &w : page_warnings) warnings.insert(warnings.end(), w.begin(), w.end());
  settle_by_glyph_shapes(found);
  out.tables = stitched(std::move(found), extract);
  if (!options.debug_dir.empty()) write_debug(doc, out.pages, out.tables, options, extract);
  return out;
}

}  // namespace xxgk::pipeline
