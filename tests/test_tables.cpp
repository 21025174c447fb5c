// Tables end to end on our own fixtures: rendering, rulings, lattice and stitching together.

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "pdf_builder.hpp"
#include "test_support.hpp"
#include "xxgk/layout/pix.hpp"
#include "xxgk/pipeline/cell_reading.hpp"
#include "xxgk/pipeline/find_tables.hpp"
#include "xxgk/report/table_output.hpp"

namespace xxgk {
namespace {

pipeline::DocumentTables tables_of(const std::string &name, pipeline::TableOptions options = {}) {
  auto doc = extract::PdfDocument::open(test::fixture(name));
  std::vector<report::Warning> warnings;
  pipeline::ExtractOptions extract;
  extract.ocr = pipeline::OcrMode::never;
  return pipeline::read_document(doc, extract, options, warnings).tables;
}

const layout::Table *table_with(const std::vector<layout::Table> &tables, const std::string &text) {
  for (const auto &t : tables)
    for (const auto &c : t.cells)
      if (c.text == text) return &t;
  return nullptr;
}

const layout::Cell *cell_with(const layout::Table &t, const std::string &text) {
  for (const auto &c : t.cells)
    if (c.text == text) return &c;
  return nullptr;
}

TEST(Tables, APageNumberBelowATableIsNoTextBetweenItsParts) {
  // A table split over pages with "-3-" at the foot of the first: only real text between the
  // parts (a paragraph, a heading) keeps the part on the next page from continuing it.
  pipeline::PageText page;
  page.summary.number = 3;
  page.summary.width = 595;
  page.summary.height = 842;
  auto run = [](const std::string &text, Rect box) {
    TextRun r;
    r.text = text;
    r.bbox = box;
    r.font_size = box.height();
    return r;
  };
  page.runs = {run("本机关全年共收到申请。", {60, 100, 300, 112}), run("（三）不予公开", {70, 300, 160, 311}),
               run("-3-", {285, 800, 310, 812}), run("第 3 页 共 8 页", {250, 20, 340, 30})};
  layout::Table t;
  t.parts.push_back({3, {60, 200, 540, 780}, 0, 20});
  std::vector<Rect> body = pipeline::body_text(page, {t});
  ASSERT_EQ(body.size(), 1u) << "the paragraph only: not the table's row, the page number or the running head";
  EXPECT_DOUBLE_EQ(body[0].y0, 100);
}

TEST(Tables, AnEnglishTableIsReadFromItsTextLayer) {
  // Another agency's annex, or any PDF: a ruled table of English words and numbers in
  // Helvetica. Its text layer is text (not sent to OCR for want of Chinese), its words keep
  // their spaces.
  std::string content = "0.5 w ";
  for (double y : {700.0, 680.0, 660.0, 640.0})
    content += "72 " + std::to_string(y) + " m 372 " + std::to_string(y) + " l S ";
  for (double x : {72.0, 222.0, 372.0}) content += std::to_string(x) + " 640 m " + std::to_string(x) + " 700 l S ";
  auto text = [](double x, double y, const std::string &s) {
    return "BT /F1 10 Tf " + std::to_string(x) + " " + std::to_string(y) + " Td (" + s + ") Tj ET ";
  };
  content += text(78, 686, "State") + text(228, 686, "Pooled rate") + text(78, 666, "Tamil Nadu") +
             text(228, 666, "5.9%") + text(78, 646, "Andhra Pradesh") + text(228, 646, "12,410");
  test::TempDir dir;
  test::write_file(dir.path() / "english.pdf",
                   test::one_page_pdf(595, 842, content, "<< /Font << /F1 5 0 R >> >>",
                                      {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}));
  auto doc = extract::PdfDocument::open(dir.path() / "english.pdf");
  std::vector<report::Warning> warnings;
  pipeline::ExtractOptions extract;  // --ocr auto: a page judged garbled would be OCR'd
  pipeline::ReadDocument read = pipeline::read_document(doc, extract, {}, warnings);
  ASSERT_EQ(read.pages.size(), 1u);
  EXPECT_EQ(read.pages[0].summary.read_from, "text_layer");
  const layout::Table *t = table_with(read.tables.tables, "Tamil Nadu");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows, 3);
  EXPECT_EQ(t->cols, 2);
  EXPECT_TRUE(cell_with(*t, "Andhra Pradesh"));
  EXPECT_TRUE(cell_with(*t, "5.9%"));
}

TEST(Tables, SampleApplicationsTableIsOneGridAcrossTwoPages) {
  auto found = tables_of("sample-report.pdf");
  EXPECT_EQ(found.tables.size(), 3u);
  const layout::Table *apps = table_with(found.tables, "申请人情况");
  ASSERT_TRUE(apps);
  EXPECT_EQ(apps->parts.size(), 2u);
  EXPECT_EQ(apps->cols, 10);
  EXPECT_EQ(apps->rows, 3 + 25) << "header once, all 25 rows of the 2021 form";
  EXPECT_EQ(cell_with(*apps, "申请人情况")->colspan, 7);
  EXPECT_EQ(cell_with(*apps, "法人或其他组织")->colspan, 5);
  EXPECT_EQ(cell_with(*apps, "自然人")->rowspan, 2);
  EXPECT_EQ(cell_with(*apps, "三、本年度办理结果")->rowspan, 22);
  EXPECT_EQ(cell_with(*apps, "（三）不予公开")->rowspan, 8);
  EXPECT_EQ(cell_with(*apps, "（六）其他处理")->rowspan, 3);
  const layout::Cell *total = cell_with(*apps, "（七）总计");
  ASSERT_TRUE(total);
  EXPECT_EQ(apps->at(total->row, 9)->text, "102");
}

TEST(Tables, ReviewTableHasThreeHeaderLevelsAndFifteenValues) {
  auto found = tables_of("sample-report.pdf");
  const layout::Table *review = table_with(found.tables, "行政复议");
  ASSERT_TRUE(review);
  EXPECT_EQ(review->rows, 4);
  EXPECT_EQ(review->cols, 15);
  EXPECT_EQ(cell_with(*review, "行政诉讼")->colspan, 10);
  EXPECT_EQ(cell_with(*review, "未经复议直接起诉")->colspan, 5);
  int values = 0;
  for (int c = 0; c < 15; ++c) values += review->at(3, c)->colspan == 1;
  EXPECT_EQ(values, 15);
}

TEST(Tables, LandscapePageStoredRotatedComesOutUpright) {
  auto found = tables_of("landscape-table.pdf");
  ASSERT_EQ(found.tables.size(), 1u);
  const auto &t = found.tables[0];
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 15);
  EXPECT_EQ(t.at(0, 0)->text, "行政复议");
  EXPECT_EQ(t.at(3, 14)->text, "1");
  EXPECT_GT(t.parts[0].bbox.width(), t.parts[0].bbox.height()) << "wide, as displayed";
}

TEST(Tables, DebugOverlayWritesOnePngPerPage) {
  test::TempDir dir;
  pipeline::TableOptions options;
  options.debug_dir = dir.path() / "debug";
  tables_of("sample-report.pdf", options);
  for (int page = 1; page <= 3; ++page) {
    std::string png = test::read_file(options.debug_dir / ("page-" + std::to_string(page) + ".png"));
    ASSERT_GT(png.size(), 1000u) << page;
    EXPECT_EQ(png.substr(1, 3), "PNG");
  }
}

TEST(Tables, DebugOverlayOfAScannedPageIsTheDeskewedScan) {
  // The scan's prepared images are freed as soon as read; the overlay prepares its own.
  test::TempDir dir;
  pipeline::TableOptions options;
  options.debug_dir = dir.path() / "debug";
  auto doc = extract::PdfDocument::open(test::fixture("sealed-scan.pdf"));
  std::vector<report::Warning> warnings;
  pipeline::ExtractOptions extract;
  extract.ocr_dpi = 150;
  pipeline::read_document(doc, extract, options, warnings);
  layout::PixPtr png(pixRead((options.debug_dir / "page-1.png").c_str()));
  ASSERT_TRUE(png);
  EXPECT_NEAR(pixGetWidth(png.get()), doc.page(1).width * 150 / 72, 3);
  EXPECT_NEAR(pixGetHeight(png.get()), doc.page(1).height * 150 / 72, 3);
}

TEST(Tables, CsvLeavesOrRepeatsSpannedSlots) {
  auto found = tables_of("sample-report.pdf");
  const layout::Table *review = table_with(found.tables, "行政复议");
  std::string empty = report::to_csv(*review, report::SpanFill::empty);
  std::string repeat = report::to_csv(*review, report::SpanFill::repeat);
  EXPECT_EQ(empty.substr(0, empty.find("\r\n")), "行政复议,,,,,行政诉讼,,,,,,,,,");
  EXPECT_EQ(
      repeat.substr(0, repeat.find("\r\n")),
      "行政复议,行政复议,行政复议,行政复议,行政复议,行政诉讼,行政诉讼,行政诉讼,行政诉讼,行政诉讼,行政诉讼,行政诉讼,"
      "行政诉讼,行政诉讼,行政诉讼");
  EXPECT_EQ(std::count(empty.begin(), empty.end(), '\n'), 4);
}

TEST(Tables, CliWritesJsonAndCsv) {
  auto json = test::run_xxgk({"tables", test::fixture("sample-report.pdf").string()});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["tables"].size(), 3u);
  EXPECT_EQ(j["tables"][1]["pages"], nlohmann::json({1, 2}));
  test::TempDir dir;
  auto csv = test::run_xxgk({"tables", test::fixture("sample-report.pdf").string(), "--format", "csv", "-o",
                             (dir.path() / "csv").string(), "--spans", "repeat"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "csv" / "table-3.csv"));
  EXPECT_EQ(test::run_xxgk({"tables", test::fixture("sample-report.pdf").string(), "--format", "csv"}).exit_code, 2)
      << "csv needs an output directory";
}

TEST(SecondOpinion, TwoReadingsOfANumberConfirmOrDisputeIt) {
  // r011-004 printed at 200 DPI: the page read an 8 as 3 at 0.92, the cell alone reads 8.
  EXPECT_LT(pipeline::second_opinion("3", 0.92, "8", 0.96), 0.85) << "disputed: below the report's doubt";
  EXPECT_DOUBLE_EQ(pipeline::second_opinion("3", 0.92, "3", 0.97), 0.97) << "confirmed";
  EXPECT_DOUBLE_EQ(pipeline::second_opinion("3", 0.92, "", 0.2), 0.92) << "no second value: as it was";
  EXPECT_DOUBLE_EQ(pipeline::second_opinion("3", 0.92, "吕", 0.4), 0.92) << "no second value: as it was";
  EXPECT_LT(pipeline::second_opinion("12", 0.9, "—", 0.9), 0.85) << "a zero mark disputes a number";
}

TEST(CellReading, OneGlyphLeftOfARowOfValuesIsAMisreadValue) {
  // The review table's row at 300 DPI, bitonal: its first 1 read as 工 in the label column.
  layout::Table t;
  const char *texts[] = {"工", "—", "—", "四", "1"};
  for (int col = 0; col < 5; ++col) t.cells.push_back({5, col, 1, 1, 3, {}, texts[col], 1, ""});
  EXPECT_TRUE(pipeline::lone_glyph_before_values(t, t.cells[0]));
  EXPECT_FALSE(pipeline::lone_glyph_before_values(t, t.cells[3])) << "not the first of its row";
  t.cells[0].text = "总计";
  EXPECT_FALSE(pipeline::lone_glyph_before_values(t, t.cells[0])) << "a label";
  // A zero dash read as 一 before a row of values alone; 一 before words is a label's numbering.
  t.cells[0].text = "一";
  t.cells[3].text = "—";
  EXPECT_TRUE(pipeline::lone_glyph_before_values(t, t.cells[0]));
  t.cells[3].text = "四";
  EXPECT_FALSE(pipeline::lone_glyph_before_values(t, t.cells[0])) << "一 before a word";
  // A wrapped label's last glyph beside a row of words is no value.
  layout::Table words;
  for (const char *text : {"请", "其他", "合计"})
    words.cells.push_back({2, static_cast<int>(words.cells.size()), 1, 1, 1, {}, text, 1, ""});
  EXPECT_FALSE(pipeline::lone_glyph_before_values(words, words.cells[0]));
}

TEST(CellReading, AnEmptySlotIsReadClearOfTheWordsReachingIntoIt) {
  TextRun bracket;
  bracket.text = "）";
  bracket.bbox = {95, 100, 104, 110};  // a wide header's closing bracket over the slot's left edge
  std::optional<Rect> clear = pipeline::clear_of_words({100, 100, 130, 110}, {bracket});
  ASSERT_TRUE(clear);
  EXPECT_DOUBLE_EQ(clear->x0, 104.5);
  EXPECT_DOUBLE_EQ(clear->x1, 130);
  TextRun wide = bracket;
  wide.bbox = {90, 100, 140, 110};
  EXPECT_FALSE(pipeline::clear_of_words({100, 100, 130, 110}, {wide})) << "nothing of the slot left";
}

}  // namespace
}  // namespace xxgk
