// Web pages and Word files: told by content, decoded in the charsets Chinese sites use, their
// tables read into grids with spans, the site's chrome left out.

#include <gtest/gtest.h>

#include <iconv.h>

#include "test_support.hpp"
#include "xxgk/core/sha256.hpp"
#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/markup/charset.hpp"
#include "xxgk/markup/docx_document.hpp"
#include "xxgk/markup/html_document.hpp"
#include "xxgk/markup/input_format.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::markup {
namespace {

std::string gbk(const std::string &utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char *in = const_cast<char *>(utf8.data()), *dst = out.data();
  size_t in_left = utf8.size(), out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::vector<GridTable> tables_of(const MarkupDocument &doc) {
  std::vector<GridTable> out;
  for (const auto &item : doc.items)
    if (const auto *g = std::get_if<GridTable>(&item)) out.push_back(*g);
  return out;
}

std::vector<std::string> blocks_of(const MarkupDocument &doc) {
  std::vector<std::string> out;
  for (const auto &item : doc.items)
    if (const auto *b = std::get_if<TextBlock>(&item)) out.push_back(b->text);
  return out;
}

const layout::Cell *cell_with(const GridTable &t, const std::string &text) {
  for (const auto &c : t.cells)
    if (c.text == text) return &c;
  return nullptr;
}

TEST(InputFormat, ToldByContentNotByName) {
  EXPECT_EQ(format_of_bytes("%PDF-1.7\n%\xe2\xe3"), InputFormat::pdf);
  EXPECT_EQ(format_of_bytes("\r\n  junk before it %PDF-1.4"), InputFormat::pdf);
  EXPECT_EQ(format_of_bytes("<!DOCTYPE html>\n<html><body>"), InputFormat::html);
  EXPECT_EQ(format_of_bytes("\n\n<HTML>\n<HEAD><META http-equiv=Content-Type content=\"text/html; charset=gb2312\">"),
            InputFormat::html);
  EXPECT_EQ(
      format_of_bytes(std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml word/document.xml"),
      InputFormat::docx);
  EXPECT_EQ(format_of_bytes(std::string("PK\x03\x04", 4) + "an ordinary zip"), InputFormat::unknown);
  EXPECT_EQ(format_of_bytes("\x89PNG\r\n\x1a\n...."), InputFormat::image);
  EXPECT_EQ(format_of_bytes("\xff\xd8\xff\xe0...."), InputFormat::image);
  EXPECT_EQ(format_of_bytes(std::string("II*\0", 4)), InputFormat::image);
  EXPECT_EQ(format_of_bytes("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc"), InputFormat::unknown);
  EXPECT_EQ(format_of_bytes(""), InputFormat::unknown);
}

TEST(Charset, DeclaredInMetaTagXmlPrologOrByteOrderMark) {
  EXPECT_EQ(declared_charset("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">"),
            "gb2312");
  EXPECT_EQ(declared_charset("<meta charset='gbk'><title>"), "gbk");
  EXPECT_EQ(declared_charset("<?xml version=\"1.0\" encoding=\"GB18030\"?><html>"), "gb18030");
  EXPECT_EQ(declared_charset("\xEF\xBB\xBF<html>"), "utf-8");
  EXPECT_EQ(declared_charset("<html><body>no declaration</body></html>"), "");
}

TEST(Charset, GbkPagesBecomeUtf8DeclaredOrNot) {
  std::string text = "<p>本报告根据《中华人民共和国政府信息公开条例》要求编制。全年共收到政府信息公开申请二十件。</p>";
  EXPECT_EQ(to_utf8("<meta charset=\"gbk\">" + gbk(text)), "<meta charset=\"gbk\">" + text);
  // Undeclared: the bytes are judged (uchardet).
  std::string judged = to_utf8("<html><body>" + gbk(text) + gbk(text) + "</body></html>");
  EXPECT_NE(judged.find(text), std::string::npos);
  // Declared UTF-8 but served as GBK (a site template's meta tag): the bytes win.
  EXPECT_NE(to_utf8("<meta charset=\"utf-8\">" + gbk(text) + gbk(text)).find(text), std::string::npos);
  EXPECT_EQ(to_utf8("<p>" + text + "</p>"), "<p>" + text + "</p>");
  EXPECT_TRUE(is_valid_utf8(to_utf8(std::string("\x81\x30\xff\xfe broken", 11))));
}

TEST(Charset, TheServersDeclarationComesBeforeThePagesAndTheGuess) {
  EXPECT_EQ(charset_of_content_type("text/html; charset=GBK"), "gbk");
  EXPECT_EQ(charset_of_content_type("text/html;charset=\"gb2312\"; q=1"), "gb2312");
  EXPECT_EQ(charset_of_content_type("application/pdf"), "");
  // Two characters are too few for a guess; the server said what they are.
  std::string short_gbk = gbk("年报");
  EXPECT_EQ(to_utf8(short_gbk, "gbk"), "年报");
  std::string text = "<p>全年共收到政府信息公开申请二十件。</p>";
  EXPECT_EQ(to_utf8("<meta charset=\"utf-8\">" + gbk(text), "gbk"), "<meta charset=\"utf-8\">" + text)
      << "a site template's meta tag loses to the server";
  EXPECT_EQ(to_utf8(text, "gbk"), text) << "bytes that are not GBK as served but valid UTF-8 are taken as UTF-8";
}

TEST(HtmlTables, RowAndColumnSpansEmptyRowsAndWrappedLabels) {
  // An office suite's export: an empty <tr></tr> after each row that its rowspans do not count,
  // a label wrapped over paragraphs, header cells as <th>.
  std::string page = R"(<html><body><table><thead>
      <tr><th rowspan="2" colspan="2">（本列数据的勾稽关系为：……）</th><th colspan="3">申请人情况</th></tr><tr></tr>
      <tr><th>自然人</th><th colspan="2">法人或其他组织</th></tr><tr></tr></thead>
      <tbody><tr><td rowspan="2">三、本年度办理结果</td><td><p>社会</p><p>公益</p></td><td>1</td><td>2</td><td>3</td></tr>
      <tr><td>（二）部分公开</td><td>4</td><td>5</td><td>6</td></tr></tbody></table></body></html>)";
  auto tables = tables_of(read_html(page));
  ASSERT_EQ(tables.size(), 1u);
  const GridTable &t = tables[0];
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 5);
  const layout::Cell *group = cell_with(t, "三、本年度办理结果");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->row, 2);
  EXPECT_EQ(group->rowspan, 2);
  const layout::Cell *wrapped = cell_with(t, "社会公益");
  ASSERT_NE(wrapped, nullptr) << "a label wrapped over two paragraphs is one word";
  EXPECT_EQ(wrapped->col, 1);
  const layout::Cell *person = cell_with(t, "自然人");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->row, 1);
  EXPECT_EQ(person->col, 2) << "beside the header spanning two rows";
  const layout::Cell *six = cell_with(t, "6");
  ASSERT_NE(six, nullptr);
  EXPECT_EQ(six->row, 3);
  EXPECT_EQ(six->col, 4);
}

TEST(HtmlTables, APageLaidOutWithATableIsWalkedForTheTablesInside) {
  std::string page = R"(<table><tr><td><ul><li><a href="/">首页</a></li><li><a href="/x">政务公开</a></li></ul></td>
      <td><h1>某某局2023年政府信息公开工作年度报告</h1><p>一、总体情况</p>
      <table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>
      </td></tr></table>)";
  MarkupDocument doc = read_html(page);
  auto tables = tables_of(doc);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 2);
  EXPECT_NE(cell_with(tables[0], "规章"), nullptr);
  auto blocks = blocks_of(doc);
  EXPECT_EQ(blocks, (std::vector<std::string>{"某某局2023年政府信息公开工作年度报告", "一、总体情况"}))
      << "the menu's links are no text of the report";
}

TEST(HtmlText, ChromeIsLeftOutAndPrintSizesKept) {
  std::string page = R"(<html><head><title>站点</title><script>var x = "一、总体情况";</script></head><body>
      <nav>首页 | 政务公开</nav><p align="center"><font style="font-size: 18pt">某某局2023年政府信息公开工作年度报告</font></p>
      <p>本报告由某某局编制。</p><form><select><option>请选择</option></select></form>
      <footer>主办单位：某某局 版权所有</footer></body></html>)";
  MarkupDocument doc = read_html(page);
  ASSERT_EQ(doc.items.size(), 2u);
  const auto &title = std::get<TextBlock>(doc.items[0]);
  EXPECT_EQ(title.text, "某某局2023年政府信息公开工作年度报告");
  EXPECT_DOUBLE_EQ(title.font_size, 18);
  EXPECT_DOUBLE_EQ(std::get<TextBlock>(doc.items[1]).font_size, 12);
}

TEST(DocxTables, GridSpanAcrossAndVMergeDown) {
  auto tc = [](const std::string &text, const std::string &props = "") {
    return "<w:tc><w:tcPr>" + props + "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
  };
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>)"
      R"(<w:p><w:r><w:rPr><w:sz w:val="36"/></w:rPr><w:t>某某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:tbl>)"
      "<w:tr>" +
      tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>") + tc("（一）予以公开") + tc("1") + "</w:tr><w:tr>" +
      tc("", "<w:vMerge/>") + tc("（二）部分公开") + tc("2") + "</w:tr><w:tr>" +
      tc("四、结转下年度继续办理", "<w:gridSpan w:val=\"2\"/>") + tc("3") +
      "</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + tc("4") + "</w:tr></w:tbl></w:body></w:document>";
  MarkupDocument doc = read_docx_xml(xml);
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_DOUBLE_EQ(std::get<TextBlock>(doc.items[0]).font_size, 18) << "w:sz is in half points";
  const GridTable &t = std::get<GridTable>(doc.items[1]);
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 3);
  const layout::Cell *group = cell_with(t, "三、本年度办理结果");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->rowspan, 2);
  const layout::Cell *carried = cell_with(t, "四、结转下年度继续办理");
  ASSERT_NE(carried, nullptr);
  EXPECT_EQ(carried->colspan, 2);
  EXPECT_EQ(cell_with(t, "3")->col, 2);
  EXPECT_EQ(cell_with(t, "4")->col, 2) << "after the row's gridBefore";
  EXPECT_EQ(t.cells.size(), 8u) << "a continued merge is no cell of its own";
}

// Found by fuzz_docx: a negative gridBefore put a cell left of the grid.
TEST(DocxTables, HostileSpansStayInsideTheGrid) {
  std::string xml =
      R"(<w:document><w:body><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr>)"
      R"(<w:tr><w:trPr><w:gridBefore w:val="-1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>)";
  MarkupDocument doc = read_docx_xml(xml);
  const GridTable &t = std::get<GridTable>(doc.items.at(0));
  EXPECT_LE(t.cols, 1000);
  for (const auto &c : t.cells) {
    EXPECT_GE(c.col, 0);
    EXPECT_LE(c.col + c.colspan, t.cols);
    EXPECT_LE(c.row + c.rowspan, t.rows);
  }
  std::string wide = "<table><tr>";
  for (int i = 0; i < 50; ++i) wide += "<td colspan=\"999\">x</td>";
  auto tables = tables_of(read_html(wide + "</tr></table>"));
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_LE(tables[0].cols, 1000);
}

// A page nesting its elements deeper than browsers do is read flattened, its text kept, and
// said so; the sloppy markup real sites serve (cells, paragraphs and list items never closed,
// formatting tags left open in every cell, spans closed by their div) is no deep nesting.
TEST(HtmlText, NestingBeyondBrowsersIsFlattenedSloppyMarkupIsNot) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 2000; ++i) deep += "<div><span>";
  MarkupDocument flattened = read_html(deep + "最深处的文字");
  ASSERT_EQ(flattened.notes.size(), 1u);
  EXPECT_NE(flattened.notes[0].find("4000 deep"), std::string::npos) << flattened.notes[0];
  auto blocks = blocks_of(flattened);
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(blocks.back(), "最深处的文字");
  std::string tables = "<html><body>";
  for (int i = 0; i < 1000; ++i) tables += "<table><tr><td>";
  MarkupDocument nested = read_html(tables + "7");
  EXPECT_EQ(nested.notes.size(), 1u);
  std::string sloppy = "<html><body><table>";
  for (int r = 0; r < 2000; ++r) sloppy += "<tr><td><font color=red><b>行" + std::to_string(r) + "<td><font>1";
  sloppy += "</table>";
  for (int p = 0; p < 2000; ++p) sloppy += "<p>段落<li>条目<div><span>文字</div>";
  std::string icon = "<svg>";
  for (int p = 0; p < 2000; ++p) icon += "<path d='M0 0'/>";
  MarkupDocument read = read_html(sloppy + icon + "</svg>");
  EXPECT_TRUE(read.notes.empty()) << read.notes.front();
  auto grids = tables_of(read);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows, 2000);
  EXPECT_EQ(grids[0].cols, 2);
}

// Word files nest tables in cells and runs in hyperlinks without end: read without recursion.
TEST(DocxTables, TablesNestedAHundredThousandDeepAreRead) {
  constexpr int depth = 100'000;
  std::string open, close;
  for (int i = 0; i < depth; ++i) open += "<w:tbl><w:tr><w:tc>", close += "</w:tc></w:tr></w:tbl>";
  std::string links;
  for (int i = 0; i < depth; ++i) links += "<w:hyperlink>";
  std::string link_ends;
  for (int i = 0; i < depth; ++i) link_ends += "</w:hyperlink>";
  MarkupDocument doc =
      read_docx_xml("<w:document><w:body>" + open + "<w:p><w:r><w:t>内</w:t></w:r></w:p>" + close + "<w:p>" + links +
                    "<w:r><w:t>链接</w:t></w:r>" + link_ends + "</w:p></w:body></w:document>");
  ASSERT_EQ(doc.items.size(), 2u);
  const GridTable &t = std::get<GridTable>(doc.items[0]);
  ASSERT_EQ(t.cells.size(), 1u);
  EXPECT_EQ(t.cells[0].text, "内") << "the inner tables' text is the outer cell's";
  EXPECT_EQ(std::get<TextBlock>(doc.items[1]).text, "链接");
}

TEST(DocxTables, DamagedFilesAreRefusedClearly) {
  test::TempDir dir;
  test::write_file(dir.path() / "a.docx", std::string("PK\x03\x04", 4) + "word/document.xml" + std::string(100, '\0'));
  EXPECT_THROW(docx_document_xml(dir.path() / "a.docx"), DocxError);
  EXPECT_THROW(read_docx_xml("<w:document><w:body>"), DocxError);
}

// A report page as a site serves it: inside the site's layout, under its information-index
// table (索引号, 发布机构), beside its menu, above its footer. It must read as the bare page.
TEST(HtmlText, AReportInSiteChromeReadsAsTheBarePage) {
  XXGK_REQUIRE_SHARED();
  auto bare_path = test::shared_dir() / "corpus" / "synth" / "r011-001-text.html";
  std::string bare = test::read_file(bare_path);
  size_t body = bare.find("<body"), body_open = bare.find('>', body) + 1, body_close = bare.rfind("</body>");
  std::string chrome =
      bare.substr(0, body_open) +
      R"(<script>document.write("一、总体情况");</script><div class="header"><ul class="nav"><li><a href="/">首页</a></li>
      <li><a href="/zwgk">政务公开</a></li><li><a href="/xxgk">信息公开年报</a></li></ul></div>
      <table class="layout"><tr><td class="side"><ul><li><a href="/2022">盐城市应急管理局2021年政府信息公开工作年度报告</a></li>
      <li><a href="/2021">盐城市应急管理局2020年政府信息公开工作年度报告</a></li></ul></td><td class="main">
      <table class="index"><tr><td>索引号</td><td>014000319/2023-00012</td><td>分类</td><td>年度报告</td></tr>
      <tr><td>发布机构</td><td>盐城市应急管理局</td><td>发文日期</td><td>2023-01-20</td></tr></table>)" +
      bare.substr(body_open, body_close - body_open) +
      R"(</td></tr></table><div class="footer"><p>主办：盐城市应急管理局 地址：盐城市 电话：0515-1234567</p>
      <p>苏ICP备05012345号</p></div>)" +
      bare.substr(body_close);
  test::TempDir dir;
  test::write_file(dir.path() / "in-chrome.html", chrome);
  report::Report from_bare = pipeline::extract_report(bare_path, {}, {});
  report::Report from_chrome = pipeline::extract_report(dir.path() / "in-chrome.html", {}, {});
  nlohmann::json a = report::to_json(from_bare), b = report::to_json(from_chrome);
  EXPECT_EQ(b["meta"], a["meta"]);
  EXPECT_EQ(b["tables"], a["tables"]);
  EXPECT_EQ(b["validation"], a["validation"]);
  EXPECT_EQ(b["unmatched_rows"], a["unmatched_rows"]);
  ASSERT_EQ(b["sections"].size(), a["sections"].size());
  for (size_t i = 0; i < a["sections"].size(); ++i) EXPECT_EQ(b["sections"][i]["id"], a["sections"][i]["id"]);
}

}  // namespace
}  // namespace xxgk::markup

namespace xxgk {
namespace {

// Page images of a scanned report, rendered from its PDF as a scanner would have saved them
// (one PNG per page, in a folder), read as one report: the PDF's values, key for key.
TEST(ImageInput, AFolderOfPageImagesGivesTheScannedPdfsValues) {
  XXGK_REQUIRE_SHARED();
  auto pdf = test::shared_dir() / "corpus" / "synth" / "r011-000-scanned.pdf";
  test::TempDir dir;
  auto pages = dir.path() / "pages";
  std::filesystem::create_directories(pages);
  std::string command = "pdftoppm -r 300 -png '" + pdf.string() + "' '" + (pages / "page").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  report::Report from_images = pipeline::extract_report(pages, {}, {});
  report::Report from_pdf = pipeline::extract_report(pdf, {}, {});
  nlohmann::json a = report::to_json(from_images), b = report::to_json(from_pdf);
  EXPECT_EQ(a["source"]["format"], "image");
  EXPECT_EQ(a["pages"].size(), 3u);
  EXPECT_EQ(a["tables"], b["tables"]);
  std::vector<std::filesystem::path> files;
  for (int n = 1; n <= 3; ++n) files.push_back(pages / ("page-" + std::to_string(n) + ".png"));
  EXPECT_EQ(a["source"]["sha256"], sha256_files_hex(files)) << "the pages' hash, the same on every run";
  // One page alone is a report's first page: read, with what is missing said.
  auto first = pipeline::extract_report(pages / "page-1.png", {}, {});
  EXPECT_EQ(first.source.format, "image");
  EXPECT_EQ(first.pages.size(), 1u);
  EXPECT_FALSE(first.warnings.empty());
}

TEST(ImageInput, AFolderOfPagesHashesTheSameUntilAPageChanges) {
  test::TempDir dir;
  test::write_file(dir.path() / "page-1.png", "first page");
  test::write_file(dir.path() / "page-2.png", "second page");
  std::vector<std::filesystem::path> pages = {dir.path() / "page-1.png", dir.path() / "page-2.png"};
  std::string hash = sha256_files_hex(pages);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash, sha256_files_hex(pages));
  EXPECT_NE(hash, sha256_files_hex({pages[1], pages[0]})) << "the pages' order is the report's";
  test::write_file(dir.path() / "page-2.png", "second page, rescanned");
  EXPECT_NE(hash, sha256_files_hex(pages));
}

TEST(ImageInput, AnImageThatCannotBeReadIsRefusedClearly) {
  test::TempDir dir;
  test::write_file(dir.path() / "broken.png", "\x89PNG\r\n\x1a\n" + std::string(64, '\x01'));
  try {
    pipeline::extract_report(dir.path() / "broken.png", {}, {});
    ADD_FAILURE() << "no error";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("image"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xxgk

namespace xxgk {
namespace {

TEST(MarkupCli, TablesAndExtractTakeAWebPageNamedAnything) {
  test::TempDir dir;
  auto page = dir.path() / "download.pdf";  // a site's link says .pdf; the content says HTML
  test::write_file(page, R"(<html><body><p style="font-size:18pt">某某局2023年政府信息公开工作年度报告</p>
      <table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table></body></html>)");
  auto tables = test::run_xxgk({"tables", page.string()});
  ASSERT_EQ(tables.exit_code, 0) << tables.err;
  auto j = nlohmann::json::parse(tables.out);
  ASSERT_EQ(j["tables"].size(), 1u);
  EXPECT_EQ(j["tables"][0]["rows"], 2);
  EXPECT_EQ(j["tables"][0]["method"], "markup");
  auto extract = test::run_xxgk({"extract", page.string()});
  auto report = nlohmann::json::parse(extract.out);
  EXPECT_EQ(report["source"]["format"], "html");
  EXPECT_EQ(report["meta"]["agency"], "某某局");
  EXPECT_EQ(report["tables"]["active_disclosure"]["regulations"]["repealed"], 2);
}

TEST(MarkupCli, AnEditionTheTablesDoNotTellIsSaidToBeGuessed) {
  test::TempDir dir;
  auto page = dir.path() / "no-tables.html";
  test::write_file(page, R"(<html><body><p>某某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>)");
  auto j = nlohmann::json::parse(test::run_xxgk({"extract", page.string()}).out);
  EXPECT_EQ(j["meta"]["edition"], "2021");
  EXPECT_EQ(j["meta"]["edition_basis"], "year");
  bool said = false;
  for (const auto &w : j["warnings"]) said = said || w["code"] == "edition_uncertain";
  EXPECT_TRUE(said);
}

TEST(MarkupCli, APageWhoseTitleNamesNoAgencyTakesItsPublisherFromTheMetadata) {
  test::TempDir dir;
  auto page = dir.path() / "metadata.html";
  test::write_file(page, R"(<html><body><table><tr><td>索引号：113200/2024-00012</td><td>发布机构：某某局</td>
      <td>发文日期：2024-01-30</td></tr></table><p>2023年政府信息公开工作年度报告</p><p>一、总体情况</p>
      </body></html>)");
  auto j = nlohmann::json::parse(test::run_xxgk({"extract", page.string()}).out);
  EXPECT_EQ(j["meta"]["agency"], "某某局");
  EXPECT_EQ(j["meta"]["year"], 2023);
  bool said = false;
  for (const auto &w : j["warnings"]) said = said || w["code"] == "agency_from_metadata";
  EXPECT_TRUE(said) << "taken from the metadata, and said so";
}

}  // namespace
}  // namespace xxgk
