#include <gtest/gtest.h>

#include "xxgk/normalize/number.hpp"

namespace xxgk::normalize {
namespace {

void expect_number(const std::string &raw, double value, bool integer) {
  ParsedNumber p = parse_number(raw);
  EXPECT_EQ(p.kind, NumberKind::number) << raw;
  EXPECT_DOUBLE_EQ(p.value, value) << raw;
  EXPECT_EQ(p.integer, integer) << raw;
  EXPECT_EQ(p.raw, raw);
}

TEST(ParseNumber, PlainAndGroupedIntegers) {
  expect_number("0", 0, true);
  expect_number("12", 12, true);
  expect_number("1,234", 1234, true);
  expect_number("1,234,567", 1234567, true);
  expect_number(" 42 ", 42, true);
}

TEST(ParseNumber, AUnitPrintedAfterTheDigitsIsRecorded) {
  // Real pages print amounts with their unit in the cell: 75394432.52元, 251000元.
  ParsedNumber amount = parse_number("75394432.52元");
  EXPECT_EQ(amount.kind, NumberKind::number);
  EXPECT_DOUBLE_EQ(amount.value, 75394432.52);
  EXPECT_EQ(amount.unit, "元");
  EXPECT_EQ(parse_number("3.5 万元").unit, "万元");
  EXPECT_DOUBLE_EQ(parse_number("12件").value, 12);
  EXPECT_EQ(parse_number("12").unit, "");
  EXPECT_EQ(parse_number("元").kind, NumberKind::invalid) << "a unit alone is no number";
}

TEST(MoneyUnits, NamedByALabelAndConverted) {
  EXPECT_EQ(money_unit_in_label("本年收费金额（单位：万元）"), "万元");
  EXPECT_EQ(money_unit_in_label("本年收费金额(单位:元)"), "元");
  EXPECT_EQ(money_unit_in_label("采购总金额（元）"), "元");
  EXPECT_EQ(money_unit_in_label("采购总金额"), "");
  EXPECT_EQ(money_unit_in_label("单元格"), "") << "元 inside a word names no unit";
  EXPECT_DOUBLE_EQ(money_unit_factor("元", "万元"), 1e-4);
  EXPECT_DOUBLE_EQ(money_unit_factor("亿元", "万元"), 1e4);
  EXPECT_DOUBLE_EQ(money_unit_factor("件", "万元"), 0);
  EXPECT_DOUBLE_EQ(money_unit_factor("元", ""), 0);
}

TEST(ParseNumber, FullWidthDigits) {
  expect_number("１２", 12, true);
  expect_number("１，２３４", 1234, true);
}

TEST(ParseNumber, DecimalsAndSigns) {
  expect_number("0.0000", 0, false);
  expect_number("12.3456", 12.3456, false);
  expect_number("-3", -3, true);
  expect_number("+2", 2, true);
  expect_number("－5", -5, true);
}

TEST(ParseNumber, MarksForZero) {
  for (const char *mark : {"—", "-", "/", "无", "——", "－", "／"}) {
    ParsedNumber p = parse_number(mark);
    EXPECT_EQ(p.kind, NumberKind::zero_mark) << mark;
    EXPECT_EQ(p.value, 0) << mark;
  }
}

TEST(ParseNumber, BlankIsRecordedAsBlank) {
  EXPECT_EQ(parse_number("").kind, NumberKind::blank);
  EXPECT_EQ(parse_number(" \u3000 ").kind, NumberKind::blank);
}

TEST(ParseNumber, AnythingElseIsInvalid) {
  for (const char *raw : {"abc", "1 2", "12a", "1,2", "1.2.3", "五", "1,23", "--5", ".", "、", "三"}) {
    EXPECT_EQ(parse_number(raw).kind, NumberKind::invalid) << raw;
  }
}

}  // namespace
}  // namespace xxgk::normalize
