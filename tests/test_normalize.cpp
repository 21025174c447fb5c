#include <gtest/gtest.h>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::normalize {
namespace {

TEST(FoldChar, KangxiRadicalsBecomeUnifiedIdeographs) {
  EXPECT_EQ(fold_char(U'\u2F00'), U'一');  // ⼀
  EXPECT_EQ(fold_char(U'\u2F08'), U'人');  // ⼈
  EXPECT_EQ(fold_char(U'\u2FD5'), U'龠');  // last Kangxi radical
}

TEST(FoldChar, RadicalsSupplementThatNfkcLeavesAlone) {
  EXPECT_EQ(fold_char(U'\u2ED3'), U'长');  // ⻓
  EXPECT_EQ(fold_char(U'\u2EA0'), U'民');  // ⺠
  EXPECT_EQ(fold_char(U'\u2EEC'), U'齐');  // ⻬
  EXPECT_EQ(fold_char(U'\u2E80'), U'冫');  // the one radical Unicode gives no equivalent for
}

TEST(FoldChar, EveryAssignedRadicalIsFolded) {
  for (char32_t c = 0x2E80; c <= 0x2FD5; ++c) {
    bool unassigned = c == 0x2E9A || (c > 0x2EF3 && c < 0x2F00);
    if (unassigned) continue;
    char32_t f = fold_char(c);
    bool ideograph = (f >= 0x4E00 && f <= 0x9FFF) || (f >= 0x3400 && f <= 0x4DBF) || (f >= 0x20000 && f <= 0x3134F);
    EXPECT_TRUE(ideograph) << std::hex << static_cast<unsigned>(c) << " -> " << static_cast<unsigned>(f);
  }
}

TEST(FoldChar, FullWidthDigitsAndLettersBecomeAscii) {
  EXPECT_EQ(fold_char(U'１'), U'1');
  EXPECT_EQ(fold_char(U'０'), U'0');
  EXPECT_EQ(fold_char(U'Ａ'), U'A');
  EXPECT_EQ(fold_char(U'ｚ'), U'z');
  EXPECT_EQ(fold_char(U'－'), U'-');
}

TEST(FoldChar, ChinesePunctuationIsKept) {
  EXPECT_EQ(fold_char(U'（'), U'（');
  EXPECT_EQ(fold_char(U'，'), U'，');
  EXPECT_EQ(fold_char(U'、'), U'、');
}

TEST(FoldChar, SpaceLikeCharactersBecomeSpace) {
  EXPECT_EQ(fold_char(U'\u3000'), U' ');
  EXPECT_EQ(fold_char(U'\u00A0'), U' ');
}

TEST(CleanText, RemovesSpacesBetweenHanCharacters) {
  EXPECT_EQ(clean_text("总 计"), "总计");
  EXPECT_EQ(clean_text("三 、本 年 度办 理 结果"), "三、本年度办理结果");
  EXPECT_EQ(clean_text("盐城市农业农村局 2023 年政府"), "盐城市农业农村局2023年政府");
}

TEST(CleanText, KeepsSpacesBetweenNumbersAndLatinWords) {
  EXPECT_EQ(clean_text("0 58 0"), "0 58 0");
  EXPECT_EQ(clean_text("WPS Office"), "WPS Office");
}

TEST(CleanText, TrimsAndCollapsesWhiteSpace) {
  EXPECT_EQ(clean_text("  \u3000 12   34 \t"), "12 34");
  EXPECT_EQ(clean_text(""), "");
  EXPECT_EQ(clean_text("   "), "");
}

TEST(CleanText, FoldsKangxiText) {
  EXPECT_EQ(clean_text("局⻓担任组⻓"), "局长担任组长");
  EXPECT_EQ(clean_text("便⺠"), "便民");
  EXPECT_EQ(clean_text("⻬抓共管"), "齐抓共管");
  EXPECT_EQ(clean_text("⼀、"), "一、");
}

TEST(CleanText, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(clean_text(std::string("a\xff"
                                   "b",
                                   3)),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(CleanRun, KeepsOneGlyphBoxPerRemainingCharacter) {
  TextRun run;
  run.text = "总 ⼀";
  run.glyph_boxes = {{0, 0, 10, 10}, {10, 0, 14, 10}, {14, 0, 24, 10}};
  run.bbox = {0, 0, 24, 10};
  TextRun c = clean_run(run);
  EXPECT_EQ(c.text, "总一");
  ASSERT_EQ(c.glyph_boxes.size(), 2u);
  EXPECT_DOUBLE_EQ(c.glyph_boxes[1].x0, 14);
}

TEST(CleanRun, DropsBoxesWhenTheProducerGaveTooFew) {
  TextRun run;
  run.text = "abc";
  run.glyph_boxes = {{0, 0, 1, 1}};
  run.bbox = {0, 0, 3, 1};
  TextRun c = clean_run(run);
  EXPECT_EQ(c.text, "abc");
  EXPECT_TRUE(c.glyph_boxes.empty());
  EXPECT_DOUBLE_EQ(c.bbox.x1, 3);
}

}  // namespace
}  // namespace xxgk::normalize
