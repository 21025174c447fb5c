// Tables continued over pages, built by hand: a 3-column table part is a list of cells on a
// uniform grid (columns at x = 0, 100, 200, 300; rows 20 pt high from `top`).

#include <gtest/gtest.h>

#include <algorithm>

#include "xxgk/layout/stitch.hpp"

namespace xxgk::layout {
namespace {

struct Spec {
  int row, col, rowspan, colspan;
  std::string text;
};

Table part(int page, double top, int rows, const std::vector<Spec> &specs,
           std::vector<double> edges = {0, 100, 200, 300}) {
  Table t;
  t.method = "lattice";
  t.rows = rows;
  t.cols = static_cast<int>(edges.size()) - 1;
  t.col_edges = edges;
  for (const Spec &s : specs) {
    Cell c;
    c.row = s.row;
    c.col = s.col;
    c.rowspan = s.rowspan;
    c.colspan = s.colspan;
    c.page = page;
    c.text = s.text;
    c.bbox = {edges[s.col], top + 20.0 * s.row, edges[s.col + s.colspan], top + 20.0 * (s.row + s.rowspan)};
    t.cells.push_back(c);
  }
  t.parts.push_back({page, {edges.front(), top, edges.back(), top + 20.0 * rows}, 0, rows});
  return t;
}

std::vector<Table> stitch(Table a, Table b, std::vector<Rect> text_after_a = {}, std::vector<Rect> text_before_b = {}) {
  return stitch_tables({{1, {a}, text_after_a}, {2, {b}, text_before_b}});
}

const std::vector<Spec> header = {{0, 0, 1, 1, "信息内容"}, {0, 1, 1, 1, "本年"}, {0, 2, 1, 1, "上年"}};

TEST(Stitch, ContinuationBecomesOneTable) {
  auto a =
      part(1, 600, 2, {header[0], header[1], header[2], {1, 0, 1, 1, "规章"}, {1, 1, 1, 1, "1"}, {1, 2, 1, 1, "2"}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "行政规范性文件"}, {0, 1, 1, 1, "3"}, {0, 2, 1, 1, "4"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows, 3);
  EXPECT_EQ(out[0].at(2, 0)->text, "行政规范性文件");
  EXPECT_EQ(out[0].at(2, 0)->page, 2);
  ASSERT_EQ(out[0].parts.size(), 2u);
  EXPECT_EQ(out[0].parts[1].first_row, 2);
}

TEST(Stitch, RepeatedHeaderIsDropped) {
  auto a =
      part(1, 600, 2, {header[0], header[1], header[2], {1, 0, 1, 1, "规章"}, {1, 1, 1, 1, "1"}, {1, 2, 1, 1, "2"}});
  auto b =
      part(2, 60, 2, {header[0], header[1], header[2], {1, 0, 1, 1, "行政许可"}, {1, 1, 1, 1, "5"}, {1, 2, 1, 1, "6"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows, 3);
  EXPECT_EQ(out[0].at(2, 0)->text, "行政许可");
}

TEST(Stitch, BodyTextBetweenKeepsTablesApart) {
  auto a = part(1, 600, 1, {{0, 0, 1, 3, "甲"}});
  auto b = part(2, 100, 1, {{0, 0, 1, 3, "乙"}});
  EXPECT_EQ(stitch(a, b, {{60, 700, 500, 712}}).size(), 2u) << "a paragraph after the first table";
  EXPECT_EQ(stitch(a, b, {}, {{60, 50, 500, 62}}).size(), 2u) << "a heading before the second";
}

TEST(Stitch, DifferentColumnsKeepTablesApart) {
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "a"}, {0, 1, 1, 1, "b"}, {0, 2, 1, 1, "c"}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "a"}, {0, 1, 1, 1, "b"}}, {0, 150, 300});
  EXPECT_EQ(stitch(a, b).size(), 2u);
}

TEST(Stitch, PartWithFewerColumnsIsReindexed) {
  // Below the break only a row whose label spans the first two columns.
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "（七）"}, {0, 1, 1, 1, "总计"}, {0, 2, 1, 1, "6"}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "四、结转下年度继续办理"}, {0, 1, 1, 1, "3"}}, {0, 200, 300});
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].cols, 3);
  EXPECT_EQ(out[0].at(1, 0)->colspan, 2);
  EXPECT_EQ(out[0].at(1, 2)->text, "3");
}

TEST(Stitch, RowBrokenAcrossPagesIsOneRow) {
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "（二）部分公开（区分处理的，只计"}, {0, 1, 1, 1, "5"}, {0, 2, 1, 1, "7"}});
  auto b = part(2, 60, 2,
                {{0, 0, 1, 1, "这一情形，不计其他情形）"},
                 {0, 1, 1, 1, ""},
                 {0, 2, 1, 1, ""},
                 {1, 0, 1, 1, "1.属于国家秘密"},
                 {1, 1, 1, 1, "0"},
                 {1, 2, 1, 1, "0"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows, 2);
  EXPECT_EQ(out[0].at(0, 0)->text, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
  EXPECT_EQ(out[0].at(0, 1)->text, "5");
  EXPECT_EQ(out[0].at(1, 0)->text, "1.属于国家秘密");
}

TEST(Stitch, LabelOnOnePageNumbersOnTheNext) {
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "3.其他"}, {0, 1, 1, 1, ""}, {0, 2, 1, 1, ""}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, ""}, {0, 1, 1, 1, "4"}, {0, 2, 1, 1, "9"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out[0].rows, 1);
  EXPECT_EQ(out[0].at(0, 1)->text, "4");
}

TEST(Stitch, NewItemBelowTheBreakIsANewRow) {
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "1.信访举报投诉类申请"}, {0, 1, 1, 1, "1"}, {0, 2, 1, 1, ""}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "2.重复申请"}, {0, 1, 1, 1, ""}, {0, 2, 1, 1, "3"}});
  EXPECT_EQ(stitch(a, b)[0].rows, 2);
}

TEST(Stitch, RowSpanningLabelCutByTheBreakIsJoined) {
  auto a = part(1, 600, 2,
                {{0, 0, 2, 1, "（三）不予"},
                 {0, 1, 1, 1, "1.属于国家秘密"},
                 {0, 2, 1, 1, "0"},
                 {1, 1, 1, 1, "2.其他法律行政法规禁止公开"},
                 {1, 2, 1, 1, "0"}});
  auto b = part(2, 60, 2,
                {{0, 0, 2, 1, "公开"},
                 {0, 1, 1, 1, "3.危及“三安全一稳定”"},
                 {0, 2, 1, 1, "0"},
                 {1, 1, 1, 1, "4.保护第三方合法权益"},
                 {1, 2, 1, 1, "1"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out[0].rows, 4);
  const Cell *group = out[0].at(3, 0);
  EXPECT_EQ(group->text, "（三）不予公开");
  EXPECT_EQ(group->row, 0);
  EXPECT_EQ(group->rowspan, 4);
}

TEST(Stitch, ValueRowIsNotJoinedIntoHeaderCells) {
  auto a = part(1, 600, 2, {{0, 0, 2, 1, "结果维持"}, {0, 1, 2, 1, "结果纠正"}, {0, 2, 2, 1, "总计"}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "1"}, {0, 1, 1, 1, "/"}, {0, 2, 1, 1, "1"}});
  auto out = stitch(a, b);
  ASSERT_EQ(out[0].rows, 3);
  EXPECT_EQ(out[0].at(0, 0)->text, "结果维持");
  EXPECT_EQ(out[0].at(2, 0)->text, "1");
}

TEST(Stitch, OneRowStreamFragmentFitsTheColumnsAbove) {
  auto a = part(1, 600, 2, {header[0], header[1], header[2], {1, 0, 1, 1, "行政许可"}, {1, 1, 1, 2, "5"}});
  a.method = "stream";
  // Its own edges end where its last number ends: they match nothing above.
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "行政事业性收费"}, {0, 1, 1, 1, "196.75"}}, {0, 130, 170});
  b.method = "stream";
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].cols, 3);
  EXPECT_EQ(out[0].at(2, 1)->text, "196.75");
  EXPECT_EQ(out[0].at(2, 0)->text, "行政事业性收费");
}

TEST(Stitch, ARowOfValuesUnderARuledTableStartsWithinItsFirstColumn) {
  // A ruled table's last row alone atop a scan's page, its column lines not found: a stream
  // row whose edges are its print's, inside the ruled cells (as r011-005's review table at
  // 150 DPI: 69 under 57, 12 pt in).
  auto a = part(1, 600, 2, {header[0], header[1], header[2], {1, 0, 1, 1, "1"}, {1, 1, 1, 1, "2"}, {1, 2, 1, 1, "3"}});
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "4"}, {0, 1, 1, 1, "5"}, {0, 2, 1, 1, "6"}}, {40, 140, 240, 260});
  b.method = "stream";
  for (Cell &c : b.cells) c.bbox = {c.bbox.x0 + 10, c.bbox.y0, c.bbox.x0 + 20, c.bbox.y1};
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].cols, 3);
  EXPECT_EQ(out[0].at(2, 0)->text, "4");
  EXPECT_EQ(out[0].at(2, 2)->text, "6");
  // Starting right of the first column, it is some other print: kept apart.
  auto c = part(2, 60, 1, {{0, 0, 1, 1, "4"}, {0, 1, 1, 1, "5"}}, {120, 200, 280});
  c.method = "stream";
  EXPECT_EQ(stitch(a, c).size(), 2u);
  // Under a borderless table, a stream part's left edge is its print's too: the same left edge.
  a.method = "stream";
  EXPECT_EQ(stitch(a, b).size(), 2u);
}

TEST(Stitch, AHeaderAloneAtAPageFootTakesTheRowsOverleaf) {
  // A borderless header at the foot of page 1, its columns from the leaf words OCR read (one
  // of them missed); its row of numbers on page 2, in columns the header's do not all match.
  auto a = part(1, 740, 2, {{0, 0, 1, 2, "行政复议"}, {1, 0, 1, 1, "维持"}, {1, 1, 1, 1, "纠正"}}, {0, 90, 190});
  a.method = "stream";
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "1"}, {0, 1, 1, 1, "0"}, {0, 2, 1, 1, "1"}});
  b.method = "stream";
  auto out = stitch(a, b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows, 3);
  ASSERT_EQ(out[0].parts.size(), 2u);
  // Not where the part above holds numbers of its own, nor past a paragraph between.
  auto numbers = part(1, 740, 2, {{0, 0, 1, 2, "行政复议"}, {1, 0, 1, 1, "4"}, {1, 1, 1, 1, "0"}}, {0, 90, 190});
  numbers.method = "stream";
  EXPECT_EQ(stitch(numbers, b).size(), 2u);
  EXPECT_EQ(stitch(a, b, {}, {{0, 40, 300, 52}}).size(), 2u);
}

// A stroke of a stacked header glyph found as a dash by its ink is one value in a header alone:
// still a header, joined, and the mark blanked, so that no row of the header passes for a row
// of values (which would move where the values begin).
TEST(Stitch, AHeaderAloneWithAStrayMarkIsJoinedWithoutIt) {
  auto a = part(1, 740, 2, {{0, 0, 1, 2, "行政复议"}, {1, 0, 1, 1, "维持"}, {1, 1, 1, 1, "--"}}, {0, 90, 190});
  a.method = "stream";
  auto b = part(2, 60, 1, {{0, 0, 1, 1, "1"}, {0, 1, 1, 1, "0"}, {0, 2, 1, 1, "1"}});
  b.method = "stream";
  StitchedTables out = stitch_tables_explained({{1, {a}, {}}, {2, {b}, {}}});
  ASSERT_EQ(out.tables.size(), 1u);
  ASSERT_EQ(out.decisions.size(), 1u);
  EXPECT_TRUE(out.decisions[0].stray_values_blanked);
  const Table &t = out.tables[0];
  EXPECT_EQ(t.rows, 3);
  for (const Cell &c : t.cells)
    if (c.row < 2) {
      EXPECT_NE(c.text, "--");
    }
  EXPECT_EQ(std::count_if(t.cells.begin(), t.cells.end(), [](const Cell &c) { return c.row == 2 && !c.text.empty(); }),
            3);
}

// Each page's first table says why it was joined or kept apart: the test that decided.
TEST(Stitch, EachDecisionSaysWhy) {
  auto a = part(1, 600, 1, {{0, 0, 1, 1, "a"}, {0, 1, 1, 1, "b"}, {0, 2, 1, 1, "c"}});
  auto same = part(2, 60, 1, {{0, 0, 1, 1, "d"}, {0, 1, 1, 1, "e"}, {0, 2, 1, 1, "f"}});
  auto other = part(2, 60, 1, {{0, 0, 1, 1, "a"}, {0, 1, 1, 1, "b"}}, {0, 150, 300});
  auto decision = [](const std::vector<PageTables> &pages) {
    StitchedTables out = stitch_tables_explained(pages);
    EXPECT_EQ(out.decisions.size(), 1u);
    return out.decisions.empty() ? StitchDecision{} : out.decisions.front();
  };
  StitchDecision joined = decision({{1, {a}, {}}, {2, {same}, {}}});
  EXPECT_TRUE(joined.joined);
  EXPECT_EQ(joined.page, 2);
  EXPECT_NE(joined.reason.find("column edges agree"), std::string::npos) << joined.reason;
  StitchDecision edges = decision({{1, {a}, {}}, {2, {other}, {}}});
  EXPECT_FALSE(edges.joined);
  EXPECT_NE(edges.reason.find("above [0 100 200 300], here [0 150 300]"), std::string::npos) << edges.reason;
  StitchDecision text = decision({{1, {a}, {{60, 700, 500, 712}}}, {2, {same}, {}}});
  EXPECT_FALSE(text.joined);
  EXPECT_NE(text.reason.find("text follows the table on page 1"), std::string::npos) << text.reason;
  StitchDecision heading = decision({{1, {a}, {}}, {2, {same}, {{60, 20, 500, 32}}}});
  EXPECT_NE(heading.reason.find("text stands above it"), std::string::npos) << heading.reason;
  StitchDecision gap = decision({{1, {a}, {}}, {2, {}, {}}, {3, {same}, {}}});
  EXPECT_FALSE(gap.joined);
  EXPECT_NE(gap.reason.find("page 2 ends with no table"), std::string::npos) << gap.reason;
  // The tables are the same as stitch_tables gives.
  EXPECT_EQ(stitch_tables_explained({{1, {a}, {}}, {2, {same}, {}}}).tables.size(), 1u);
}

}  // namespace
}  // namespace xxgk::layout
