#include <gtest/gtest.h>

#include "xxgk/layout/text_lines.hpp"

namespace xxgk::layout {
namespace {

TextRun run(const std::string &text, double x0, double y0, double x1, double size = 10) {
  TextRun r;
  r.text = text;
  r.bbox = {x0, y0, x1, y0 + size};
  r.font_size = size;
  return r;
}

TEST(BuildLines, GroupsRunsByBaselineTopToBottom) {
  std::vector<TextRun> runs = {run("第二行", 10, 30, 40), run("第一行", 10, 10, 40), run("右", 50, 11, 60)};
  auto lines = build_lines(runs);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].runs, (std::vector<size_t>{1, 2}));
  EXPECT_EQ(lines[1].text, "第二行");
}

TEST(BuildLines, OrdersRunsLeftToRightAndSpacesWideGaps) {
  std::vector<TextRun> runs = {run("58", 100, 10, 110), run("规章", 10, 10, 30), run("0", 60, 10, 65)};
  auto lines = build_lines(runs);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "规章 0 58");
  EXPECT_DOUBLE_EQ(lines[0].bbox.x0, 10);
  EXPECT_DOUBLE_EQ(lines[0].bbox.x1, 110);
}

TEST(BuildLines, AdjacentRunsJoinWithoutSpace) {
  std::vector<TextRun> runs = {run("政府信息", 10, 10, 50), run("公开", 50.5, 10, 70)};
  EXPECT_EQ(build_lines(runs)[0].text, "政府信息公开");
}

TEST(BuildLines, ProducerWordBreakIsKept) {
  std::vector<TextRun> runs = {run("WPS", 10, 10, 30), run("Office", 30.5, 10, 60)};
  runs[0].space_after = true;
  EXPECT_EQ(build_lines(runs)[0].text, "WPS Office");
}

TEST(BuildLines, SlightlyOffsetBaselinesStayOnOneLine) {
  std::vector<TextRun> runs = {run("总", 10, 10, 20), run("计", 40, 12, 50)};
  EXPECT_EQ(build_lines(runs).size(), 1u);
}

TEST(BuildLines, EmptyInput) {
  EXPECT_TRUE(build_lines({}).empty());
}

}  // namespace
}  // namespace xxgk::layout
