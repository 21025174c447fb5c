// Stream tables from hand-placed text runs: each test one rule of the analyzer.

#include <gtest/gtest.h>

#include <algorithm>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/stream.hpp"

namespace xxgk::layout {
namespace {

constexpr double kSize = 10;

// A run of `text` with its left edge at x and top at y, 10 pt glyphs.
TextRun run(const std::string &text, double x, double y) {
  TextRun r;
  r.text = text;
  r.font_size = kSize;
  size_t n = to_u32(text).size();
  for (size_t i = 0; i < n; ++i) r.glyph_boxes.push_back({x + i * kSize, y, x + (i + 1) * kSize, y + kSize});
  r.bbox = {x, y, x + n * kSize, y + kSize};
  return r;
}

// Value columns at x = 200, 250, 300 (numbers 1 glyph wide).
void row(std::vector<TextRun> &runs, const std::string &label, double label_x, double y,
         std::vector<std::string> values) {
  if (!label.empty()) runs.push_back(run(label, label_x, y));
  for (size_t i = 0; i < values.size(); ++i) runs.push_back(run(values[i], 200 + 50.0 * i, y));
}

const Cell *find(const Table &t, const std::string &text) {
  for (const Cell &c : t.cells)
    if (c.text == text) return &c;
  return nullptr;
}

TEST(Stream, RowsAndColumnsFromAlignedText) {
  std::vector<TextRun> runs;
  row(runs, "规章", 60, 100, {"1", "0", "5"});
  row(runs, "行政规范性文件", 60, 125, {"12", "—", "48"});
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  const Table &t = tables[0];
  EXPECT_EQ(t.method, "stream");
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.cols, 4);
  EXPECT_EQ(t.at(1, 0)->text, "行政规范性文件");
  EXPECT_EQ(t.at(1, 2)->text, "—") << "a zero mark is a value";
  EXPECT_EQ(t.at(1, 3)->text, "48");
}

// The trace of the analyzer's steps (for --debug-dir) is what it did: the same grid as the
// table it made, and for a region it turned down, the reason.
TEST(Stream, ItsTraceSaysWhatEachStepFound) {
  std::vector<TextRun> runs = {run("本年", 200, 75), run("上年", 250, 75), run("增减", 300, 75)};
  row(runs, "规章", 60, 100, {"1", "0", "5"});
  row(runs, "行政规范性文件", 60, 125, {"12", "—", "48"});
  // Lower down, a signature and its date: one row, and none of a table continued overleaf.
  runs.push_back(run("某市统计局", 60, 400));
  runs.push_back(run("2023", 300, 400));
  std::vector<Table> tables = stream_tables(1, 842, runs, {});
  std::vector<StreamRegionTrace> trace = stream_trace(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(trace.size(), 2u);
  const StreamRegionTrace &table = trace[0];
  EXPECT_EQ(table.column_edges, tables[0].col_edges);
  EXPECT_EQ(table.value_columns.size(), 3u);
  EXPECT_EQ(table.bands.size(), 3u);
  EXPECT_EQ(table.header_rows, 1);
  EXPECT_NEAR(table.header_bottom, 85, 1);
  EXPECT_EQ(table.outcome.rfind("a table: 3 rows x 4 columns", 0), 0u) << table.outcome;
  EXPECT_EQ(std::count_if(table.segments.begin(), table.segments.end(), [](const Segment &s) { return s.value; }), 6);
  EXPECT_EQ(trace[1].outcome, "no table: one row, not at the top of the page");
  EXPECT_TRUE(trace[1].column_edges.empty());
}

TEST(Stream, ALabelledNumberAloneAtThePageTopIsTheRestOfATable) {
  // r011-018: the fees table's last row carried over, a heading under it.
  std::vector<TextRun> runs = {run("行政事业性收费", 60, 60), run("196.75", 300, 60),
                               run("三、收到和处理政府信息公开申请情况", 60, 100)};
  auto tables = stream_tables(2, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 1);
  EXPECT_NE(find(tables[0], "196.75"), nullptr);
  // The same line lower on the page, after text, is a sentence's number, not a table's row.
  std::vector<TextRun> later = {run("本机关全年主动公开政府信息。", 60, 60), run("行政事业性收费", 60, 300),
                                run("196.75", 300, 300)};
  EXPECT_TRUE(stream_tables(2, 842, later, {}).empty());
}

TEST(Stream, NumbersInOneRowAreATableOnlyWhenMany) {
  // A signature block: the agency, and the date under it; and a title with its year.
  std::vector<TextRun> runs = {run("某市统计局", 60, 100), run("2023", 300, 100), run("年", 340, 100),
                               run("报告", 60, 400),       run("2024", 300, 400), run("1", 350, 400),
                               run("26", 400, 400)};
  EXPECT_TRUE(stream_tables(1, 842, runs, {}).empty());
  // One row of many numbers under its header is a table (the review and litigation table).
  std::vector<TextRun> review = {run("维持", 200, 80), run("纠正", 250, 80), run("其他", 300, 80),
                                 run("总计", 350, 80)};
  for (int i = 0; i < 4; ++i) review.push_back(run(std::to_string(i), 205 + 50.0 * i, 105));
  EXPECT_EQ(stream_tables(1, 842, review, {}).size(), 1u);
}

TEST(Stream, CentredGroupHeaderSpansTheColumnsOfItsChildren) {
  std::vector<TextRun> runs = {run("申请人", 235, 60), run("甲", 200, 80), run("乙", 250, 80), run("丙", 300, 80)};
  row(runs, "一、新收", 60, 105, {"1", "2", "3"});
  row(runs, "二、结转", 60, 130, {"0", "0", "0"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  const Cell *group = find(t, "申请人");
  ASSERT_TRUE(group);
  EXPECT_EQ(group->col, 1);
  EXPECT_EQ(group->colspan, 3);
  EXPECT_EQ(find(t, "乙")->colspan, 1);
}

TEST(Stream, StackedHeaderWordsAreOneCellAndALeafSpansDown) {
  // As typeset: 自然/人 and 总计 beside the group 法人组织, whose leaves are stacked below it.
  std::vector<TextRun> runs = {run("自然", 145, 50), run("法人组织", 205, 50), run("总计", 295, 50),
                               run("人", 150, 63),   run("商业", 195, 75),     run("科研", 245, 75),
                               run("企业", 195, 88), run("机构", 245, 88)};
  row(runs, "一、新收", 60, 110, {"1", "2", "3"});
  runs.push_back(run("4", 150, 110));
  row(runs, "二、结转", 60, 135, {"0", "0", "0"});
  runs.push_back(run("0", 150, 135));
  auto t = stream_tables(1, 842, runs, {}).at(0);
  ASSERT_TRUE(find(t, "自然人"));
  EXPECT_EQ(find(t, "自然人")->rowspan, 2);
  EXPECT_TRUE(find(t, "商业企业"));
  ASSERT_TRUE(find(t, "总计"));
  EXPECT_EQ(find(t, "总计")->rowspan, 2) << "a leaf beside a two-level group spans both header rows";
  ASSERT_TRUE(find(t, "法人组织"));
  EXPECT_EQ(find(t, "法人组织")->colspan, 2);
  EXPECT_EQ(t.rows, 4);
}

TEST(Stream, ANumberedRowWhoseValuesOcrMissedIsNoHeader) {
  // A borderless scan: the first rows' dashes went unread, the stacked header above them must
  // not reach down into those rows (they are read again cell by cell later).
  std::vector<TextRun> runs = {run("甲", 200, 50), run("乙", 250, 50), run("组", 300, 50), run("织", 300, 63)};
  runs.push_back(run("一、本年新收申请", 60, 90));
  runs.push_back(run("（一）部分公开（区分处理的", 60, 115));  // reaches over the first value column
  row(runs, "二、上年结转", 60, 140, {"0", "0", "0"});
  row(runs, "（二）予以公开", 60, 165, {"1", "0", "1"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  const Cell *label = find(t, "一、本年新收申请");
  ASSERT_NE(label, nullptr);
  const Cell *leaf = find(t, "组织");
  ASSERT_NE(leaf, nullptr);
  EXPECT_LT(leaf->row + leaf->rowspan - 1, label->row);
  const Cell *slot = t.at(label->row, leaf->col);
  ASSERT_NE(slot, nullptr);
  EXPECT_TRUE(slot->text.empty());
  EXPECT_EQ(slot->rowspan, 1);
}

TEST(Stream, WrappedLabelIsOneCellAndItsTailRowIsDropped) {
  std::vector<TextRun> runs;
  row(runs, "（二）部分公开（区分", 60, 100, {"5", "0", "5"});
  runs.push_back(run("处理的）", 60, 113));
  row(runs, "1.属于国家秘密", 60, 135, {"0", "0", "0"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.at(0, 0)->text, "（二）部分公开（区分处理的）");
  EXPECT_EQ(t.at(1, 0)->text, "1.属于国家秘密") << "a new item never continues the label above";
}

TEST(Stream, ARowOfNumbersKeepsItsLabelFromTheWrappedLabelAbove) {
  // The label above wraps into a tail line of its own; the next row's label, which page OCR
  // cut in two, has its second part under that tail: it is that row's, for the row has its
  // own numbers and the label above has its. (A sub-item's label starts where both parts do.)
  std::vector<TextRun> runs;
  row(runs, "5.要求确认或重新出具已", 60, 100, {"0", "0", "0"});
  runs.push_back(run("获取信息", 135, 113));
  row(runs, "1.申请", 60, 126, {"0", "1", "1"});
  runs.push_back(run("无正当理由", 135, 126));
  row(runs, "3.其他", 135, 150, {"0", "0", "0"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  const Cell *above = find(t, "5.要求确认或重新出具已获取信息");
  ASSERT_TRUE(above);
  EXPECT_EQ(above->rowspan, 1);
  const Cell *tail = find(t, "无正当理由");
  ASSERT_TRUE(tail) << "not joined to the label above";
  EXPECT_EQ(tail->row, above->row + 1);
}

TEST(Stream, AHeaderLineReachingOutBeyondTheLineAboveIsNoWrappedTail) {
  // Tight print: a group header read short (its first words lost) over a row of column
  // headers a line's height below; the header under it starts well left of it, so it is a
  // header of its own, not the group header's wrapped tail.
  std::vector<TextRun> runs = {run("一项", 200, 75), run("信息内容", 60, 86), run("制发件数", 180, 86),
                               run("废止件数", 230, 86), run("有效件数", 280, 86)};
  row(runs, "规章", 60, 97, {"0", "2", "0"});
  row(runs, "行政规范性文件", 60, 108, {"1", "0", "1"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  const Cell *group = find(t, "一项"), *issued = find(t, "制发件数");
  ASSERT_TRUE(group);
  ASSERT_TRUE(issued);
  EXPECT_EQ(issued->row, group->row + 1);
}

TEST(Stream, GroupLabelPrintedOnceCoversItsRows) {
  std::vector<TextRun> runs;
  row(runs, "1.属于国家秘密", 110, 100, {"0", "0", "0"});
  runs.push_back(run("（三）不予公开", 20, 100));
  row(runs, "2.其他法律禁止", 110, 125, {"0", "1", "1"});
  row(runs, "3.危及稳定", 110, 150, {"0", "0", "0"});
  row(runs, "（四）无法提供", 20, 175, {"0", "0", "0"});
  auto t = stream_tables(1, 842, runs, {}).at(0);
  const Cell *group = find(t, "（三）不予公开");
  ASSERT_TRUE(group);
  EXPECT_EQ(group->rowspan, 3);
}

TEST(Stream, HeadingInLargerPrintSeparatesTables) {
  std::vector<TextRun> runs;
  row(runs, "规章", 60, 100, {"1", "0", "5"});
  row(runs, "规范性文件", 60, 125, {"2", "0", "5"});
  TextRun heading = run("三、收到和处理申请情况", 40, 150);
  heading.font_size = 12;
  runs.push_back(heading);
  row(runs, "新收", 60, 175, {"1", "1", "2"});
  row(runs, "结转", 60, 200, {"0", "0", "0"});
  EXPECT_EQ(stream_tables(1, 842, runs, {}).size(), 2u);
}

TEST(Stream, AStackedHeaderWordGivenALargerSizeIsNoHeading) {
  // OCR measures a word or two of a stacked header larger than its line (a mark beside it):
  // the header and its rows stay one table; a heading of that size, as wide as a title, does not.
  std::vector<TextRun> runs = {run("商业", 195, 75), run("科研", 245, 75), run("企业", 195, 88), run("机构", 245, 88)};
  TextRun odd = run("组织", 195, 101);
  odd.font_size = 14;
  runs.push_back(odd);
  row(runs, "一、新收", 60, 120, {"1", "2", "3"});
  row(runs, "二、结转", 60, 145, {"0", "0", "0"});
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_TRUE(find(tables[0], "商业企业组织"));
  EXPECT_EQ(tables[0].rows, 3);
}

TEST(Stream, ARowOfNumbersInLargerPrintIsNoHeading) {
  // OCR sizes digits by their height (seven tenths of the print): a row of numbers it read
  // alone (missed by the page's layout, found by its ink) measures larger than the header above
  // it, and still belongs to it.
  std::vector<TextRun> runs = {run("结果", 195, 75), run("结果", 245, 75), run("其他", 295, 75), run("总计", 345, 75)};
  row(runs, "", 0, 100, {"8", "—", "12", "20"});
  for (size_t i = 4; i < runs.size(); ++i) runs[i].font_size = 1.3 * kSize;
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 2);
  EXPECT_EQ(find(tables[0], "20")->col, find(tables[0], "总计")->col);
}

TEST(Stream, ALabelWithItsNumbersInLargerPrintIsNoHeading) {
  // A number page OCR missed, read alone from its ink, is sized by its own height: the row of
  // 规章 and its numbers measures larger than the header above, and is still the table's.
  std::vector<TextRun> runs = {run("信息内容", 60, 75), run("制发", 195, 75), run("废止", 245, 75),
                               run("有效", 295, 75)};
  row(runs, "规章", 60, 100, {"0", "0", "0"});
  row(runs, "规范性文件", 60, 125, {"3127", "233", "1"});
  for (size_t i = 4; i < 8; ++i) runs[i].font_size = 1.2 * kSize;
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 3);
  EXPECT_EQ(find(tables[0], "3127")->col, find(tables[0], "制发")->col);
}

TEST(Stream, ALineOfColumnHeadersInLargerPrintIsNoHeading) {
  // OCR stretched the boxes of a line of stacked headers (结果 over 维持) over both lines: the
  // line measures larger than the group headers above it, and stays in the table with them.
  std::vector<TextRun> runs = {run("行政复议", 195, 50), run("行政诉讼", 345, 50)};
  for (int i = 0; i < 5; ++i) {
    TextRun header = run(i % 2 ? "结果" : "尚未", 195 + 50.0 * i, 75);
    header.font_size = 1.5 * kSize;
    runs.push_back(header);
  }
  runs.push_back(run("维持", 195, 88));
  row(runs, "", 0, 110, {"0", "2", "163", "165", "0"});
  runs.push_back(run("五、存在的主要问题及改进情况", 40, 160));
  runs.back().font_size = 1.5 * kSize;
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_TRUE(find(tables[0], "行政复议"));
  EXPECT_TRUE(find(tables[0], "165"));
  EXPECT_FALSE(find(tables[0], "五、存在的主要问题及改进情况")) << "a heading that runs on is one";
}

TEST(Stream, TwoZeroDashesReadAsOneWordMakeNoColumnOfTwo) {
  // Page OCR read two dashes of neighbouring columns as one word ("一一", over both): the
  // table keeps its three columns of values, as its other rows show them.
  std::vector<TextRun> runs;
  for (int r = 0; r < 5; ++r) row(runs, "项目" + std::to_string(r), 60, 100 + 25.0 * r, {"—", "—", "—"});
  TextRun both = run("——", 200, 225);
  both.bbox.x1 = 260;
  runs.push_back(run("项目5", 60, 225));
  runs.push_back(both);
  runs.push_back(run("—", 300, 225));
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].cols, 4);
}

TEST(Segments, ALone一RightOfTheLabelIsTheZeroDash) {
  // The Chinese model reads a zero dash as 一, surely: right of the line's first words it is a
  // value (its column is a column of numbers), never at a line's start (一、 is numbering).
  std::vector<TextRun> runs = {run("（三）国家秘密", 40, 100), run("一", 200, 100), run("2", 250, 100),
                               run("一", 300, 100)};
  auto segments = line_segments(runs, build_lines(runs));
  ASSERT_EQ(segments[0].size(), 4u);
  EXPECT_FALSE(segments[0][0].value);
  EXPECT_TRUE(segments[0][1].value);
  EXPECT_TRUE(segments[0][3].value);
  std::vector<TextRun> numbering = {run("一", 40, 100), run("本年新收", 80, 100)};
  EXPECT_FALSE(line_segments(numbering, build_lines(numbering))[0][0].value);
}

TEST(Stream, NeighbouringColumnHeadersOcrJoinedAreCutAtTheColumnEdge) {
  // 商业 and 科研 read into one segment (their gap under an em) over two columns of numbers;
  // the group header 申请人情况 above, its glyphs set close, stays whole over all three.
  std::vector<TextRun> runs = {run("申请人情况", 225, 62), run("自然人", 190, 75), run("商业", 245, 75),
                               run("科研", 282, 75)};
  runs[2].font_size = runs[3].font_size = 2 * kSize;  // their gap, 17 pt, under an em of OCR's size
  row(runs, "一、新收", 60, 100, {"1", "2", "3"});
  row(runs, "二、结转", 60, 125, {"0", "0", "0"});
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  const Table &t = tables[0];
  const Cell *business = find(t, "商业"), *research = find(t, "科研");
  ASSERT_NE(business, nullptr);
  ASSERT_NE(research, nullptr);
  EXPECT_EQ(business->col, find(t, "2")->col);
  EXPECT_EQ(research->col, find(t, "3")->col);
  const Cell *group = find(t, "申请人情况");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->colspan, 3);
}

TEST(Stream, ProseIsNoTable) {
  std::vector<TextRun> runs = {run("本年度共收到申请44件，均在法定期限内答复，无行政复议和行政诉讼。", 40, 100),
                               run("二是政策解读形式还不够丰富。", 40, 125)};
  EXPECT_TRUE(stream_tables(1, 842, runs, {}).empty());
}

TEST(Stream, ExcludedAreasAreLeftAlone) {
  std::vector<TextRun> runs;
  row(runs, "规章", 60, 100, {"1", "0", "5"});
  row(runs, "规范性文件", 60, 125, {"2", "0", "5"});
  EXPECT_TRUE(stream_tables(1, 842, runs, {{0, 90, 400, 140}}).empty());
}

TEST(Segments, NumbersAreSeparateCellsAtAnyVisibleGap) {
  std::vector<TextRun> runs = {run("4.保护权益", 60, 100), run("—", 165, 100), run("—", 180, 100)};
  std::vector<TextLine> lines = build_lines(runs);
  auto segments = line_segments(runs, lines);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].size(), 3u);
}

TEST(Segments, AShortUnsureReadingAmongValuesStandsAsAValue) {
  // r011-029: OCR read the middle 2 of "2 2 0" as 芝, unsure of the whole word.
  std::vector<TextRun> runs = {run("0", 100, 100), run("2", 150, 100), run("芝", 200, 100), run("0", 250, 100)};
  runs[2].confidence = 0.3;
  auto segments = line_segments(runs, build_lines(runs));
  ASSERT_EQ(segments.size(), 1u);
  ASSERT_EQ(segments[0].size(), 4u);
  EXPECT_TRUE(segments[0][2].value);
  // Read surely, or a label left of the values, or long: words.
  runs[2].confidence = 1;
  EXPECT_FALSE(line_segments(runs, build_lines(runs))[0][2].value);
  std::vector<TextRun> labelled = {run("规章", 40, 100), run("1", 150, 100), run("0", 200, 100)};
  labelled[0].confidence = 0.3;
  EXPECT_FALSE(line_segments(labelled, build_lines(labelled))[0][0].value);
}

TEST(Stream, AMisreadValueKeepsItsOwnColumn) {
  // The middle column's only entry is a misread value: it still makes the column.
  std::vector<TextRun> runs = {run("规章", 60, 100), run("1", 200, 100), run("5", 300, 100)};
  row(runs, "规范性文件", 60, 125, {"2", "呈", "7"});
  for (size_t i = runs.size() - 3; i < runs.size(); ++i) runs[i].confidence = 0.4;
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  const Table &t = tables[0];
  EXPECT_EQ(t.cols, 4);
  const Cell *misread = find(t, "呈");
  ASSERT_NE(misread, nullptr);
  EXPECT_EQ(misread->colspan, 1);
  EXPECT_EQ(misread->col, find(t, "2")->col + 1);
  EXPECT_EQ(misread->col, find(t, "7")->col - 1);
}

TEST(Stream, ARowLabelRightUnderAHeaderRowIsARowOfItsOwn) {
  // A borderless 主动公开 table: the header's 信息内容 and the first row's 规章 are as close as
  // a wrapped label's lines, but each row has its own words or numbers in the value columns.
  std::vector<TextRun> runs = {run("信息内容", 60, 100), run("甲", 200, 100), run("乙", 250, 100), run("丙", 300, 100)};
  row(runs, "规章", 60, 112, {"0", "3", "5"});
  row(runs, "行政规范性文件", 60, 124, {"1", "2", "4"});
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  const Table &t = tables[0];
  ASSERT_NE(find(t, "规章"), nullptr) << "not joined to 信息内容 above it";
  EXPECT_EQ(find(t, "规章")->row, find(t, "3")->row);
  EXPECT_EQ(find(t, "信息内容")->rowspan, 1);
  // A label wrapped onto a line without numbers still joins (its values on the first line).
  std::vector<TextRun> wrapped;
  row(wrapped, "（二）部分公开（区分处理的", 60, 100, {"0", "1", "2"});
  wrapped.push_back(run("不计其他情形）", 60, 112));
  row(wrapped, "（三）不予公开", 60, 124, {"3", "4", "5"});
  auto joined = stream_tables(1, 842, wrapped, {});
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_NE(find(joined[0], "（二）部分公开（区分处理的不计其他情形）"), nullptr);
}

TEST(Stream, AnEmptySlotRightOfARowsOwnLabelIsPartOfIt) {
  // （七）总计 spans the group and sub-row label columns; the sub-row label above it (3.其他)
  // must not fill down into its row, or the total row would be read as another 3.其他.
  std::vector<TextRun> runs;
  row(runs, "（六）其他处理", 60, 100, {"1", "2", "3"});
  runs.push_back(run("2.其他", 130, 112));
  row(runs, "", 60, 112, {"4", "5", "6"});
  runs.push_back(run("3.其他", 130, 124));
  row(runs, "", 60, 124, {"7", "8", "9"});
  row(runs, "（七）总计", 60, 136, {"12", "15", "18"});
  auto tables = stream_tables(1, 842, runs, {});
  ASSERT_EQ(tables.size(), 1u);
  const Table &t = tables[0];
  const Cell *other = find(t, "3.其他"), *total = find(t, "（七）总计");
  ASSERT_NE(other, nullptr);
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(other->rowspan, 1);
  EXPECT_EQ(total->col + total->colspan, find(t, "12")->col) << "the total's label reaches its values";
}

}  // namespace
}  // namespace xxgk::layout
