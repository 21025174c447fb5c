// The page classifier's judgement of a text layer, on runs as Poppler would give them.

#include <gtest/gtest.h>

#include "xxgk/extract/text_layer.hpp"

namespace xxgk::extract {
namespace {

std::vector<TextRun> runs_of(std::initializer_list<const char *> texts) {
  std::vector<TextRun> out;
  for (const char *t : texts) {
    TextRun r;
    r.text = t;
    out.push_back(r);
  }
  return out;
}

TextLayer judge(std::initializer_list<const char *> texts) {
  return classify_text_layer(text_layer_stats(runs_of(texts)), 10);
}

TEST(TextLayer, ChineseReportTextIsUsable) {
  EXPECT_EQ(
      judge({"二、主动公开政府信息情况", "第二十条第（一）项", "规章", "5", "0", "8", "行政规范性文件（2024年）"}),
      TextLayer::usable);
}

TEST(TextLayer, NothingOrAPageNumberIsNoTextLayer) {
  EXPECT_EQ(judge({}), TextLayer::none);
  EXPECT_EQ(judge({"- 3 -"}), TextLayer::none);
}

TEST(TextLayer, GbkReadAsLatin1IsGarbled) {
  // "政府信息公开工作年度报告" in GBK bytes shown as Latin-1: what a font without a Unicode map
  // and a wrong encoding yield.
  EXPECT_EQ(judge({"Õþ¸®ÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ", "¶þ¡¢Ö÷¶¯¹«¿ª"}), TextLayer::garbled);
}

TEST(TextLayer, PrivateUseCodePointsAreGarbled) {
  EXPECT_EQ(judge({"\uE001\uE002\uE003\uE004\uE005\uE006", "\uE010\uE011\uE012\uE013\uE014\uE015"}),
            TextLayer::garbled);
}

TEST(TextLayer, GlyphNamesAreGarbled) {
  EXPECT_EQ(judge({"(cid:1234)(cid:87)(cid:3)", "信息公开年度报告"}), TextLayer::garbled);
}

TEST(TextLayer, AFewStrayMarksInChineseTextAreStillUsable) {
  EXPECT_EQ(judge({"本机关全年主动公开政府信息一千二百条，依申请公开四十四件。", "\uE001"}), TextLayer::usable);
}

TEST(TextLayer, TextInOtherScriptsIsUsable) {
  // A table of another agency's report, or any PDF given to `xxgk tables`: read as text, not
  // sent to OCR for want of Chinese.
  EXPECT_EQ(judge({"State", "Pooled data", "Tamil Nadu", "5.9%", "Idle capacity", "Andhra Pradesh", "12,410"}),
            TextLayer::usable);
  EXPECT_EQ(judge({"Übersicht der Anträge", "Städte und Gemeinden", "Région Île-de-France", "été 2023"}),
            TextLayer::usable);
  EXPECT_EQ(judge({"Количество запросов", "Удовлетворено", "Отказано в предоставлении", "12"}), TextLayer::usable);
  EXPECT_EQ(judge({"عدد الطلبات المقدمة", "الطلبات المقبولة", "٢٠٢٣"}), TextLayer::usable);
  EXPECT_EQ(judge({"政府信息公开 Government Information Disclosure", "2024年度报告 Annual Report"}), TextLayer::usable);
}

TEST(TextLayer, AFontsGlyphNumbersAndConsonantSoupAreGarbled) {
  // A subset font without a Unicode map: its glyph numbers come out as ASCII marks, or as
  // letters that spell nothing.
  EXPECT_EQ(judge({"!\"#$%&'()*+,-./", ":;<=>?@[\\]^_`{|}~", "#$%&!'()*"}), TextLayer::garbled);
  EXPECT_EQ(judge({"Xkqz Rtpw Vbnm", "Zrtx Mrst Klpq", "Wvbn Qzxc Drft"}), TextLayer::garbled);
}

}  // namespace
}  // namespace xxgk::extract
