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
