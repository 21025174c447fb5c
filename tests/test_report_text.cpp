#include <gtest/gtest.h>

#include "xxgk/report/report_text.hpp"

namespace xxgk::report {
namespace {

layout::TextLine line(const std::string &text, double y, double size = 12, double x0 = 60) {
  layout::TextLine l;
  l.text = text;
  l.font_size = size;
  l.bbox = {x0, y, 500, y + size};
  return l;
}

std::vector<SectionSpec> sections_2021() {
  return official_template_spec().edition("2021").sections;
}

TEST(HeadingNumber, ChineseArabicAndParenthesisedForms) {
  struct Case {
    std::u32string text;
    int number;
    std::u32string rest;
  } cases[] = {
      {U"一、总体情况", 1, U"总体情况"},
      {U"六、其他需要报告的事项", 6, U"其他需要报告的事项"},
      {U"（三）不予公开", 3, U"不予公开"},
      {U"(四)无法提供", 4, U"无法提供"},
      {U"3、总体情况", 3, U"总体情况"},
      {U"2.主动公开", 2, U"主动公开"},
      {U"十二、附录", 12, U"附录"},
      {U"第五部分：存在的问题", 5, U"存在的问题"},
      {U"总体情况", 0, U"总体情况"},
      {U"一是加强领导", 0, U"一是加强领导"},
      {U"2023年", 0, U"2023年"},
      {U"21014100123456789、电话", 0, U"21014100123456789、电话"},  // regression: overflowed int
  };
  for (const auto &c : cases) {
    HeadingNumber h = split_heading_number(c.text);
    EXPECT_EQ(h.number, c.number);
    EXPECT_TRUE(h.rest == c.rest);
  }
}

TEST(ParseTitle, AgencyBeforeYear) {
  ReportTitle t{"盐城市农业农村局2023年政府信息公开工作年度报告", "", std::nullopt, 1};
  parse_title(t);
  EXPECT_EQ(t.agency, "盐城市农业农村局");
  EXPECT_EQ(t.year, 2023);
}

TEST(ParseTitle, YearBeforeAgency) {
  ReportTitle t{"2022年度杭州市西湖区审计局政府信息公开工作年度报告", "", std::nullopt, 1};
  parse_title(t);
  EXPECT_EQ(t.agency, "杭州市西湖区审计局");
  EXPECT_EQ(t.year, 2022);
}

TEST(ParseTitle, AgencyBeforeGuanyu) {
  // "…局关于2023年…": 关于 ("on") is no part of the agency's name.
  ReportTitle t{"某市统计局关于2023年政府信息公开工作年度报告", "", std::nullopt, 1};
  parse_title(t);
  EXPECT_EQ(t.agency, "某市统计局");
  EXPECT_EQ(t.year, 2023);
}

TEST(StrayMarks, LatinDigitsAndMarksAreNoPartOfAnAgencysName) {
  EXPECT_EQ(without_stray_marks("平江县东关44街道办事处"), "平江县东关街道办事处");
  EXPECT_EQ(without_stray_marks("率川县人民政府7办公室"), "率川县人民政府办公室");
  EXPECT_EQ(without_stray_marks("某市 l.统计局"), "某市统计局");
  EXPECT_EQ(without_stray_marks("某市统计局"), "某市统计局");
}

TEST(TitleYear, CheckedAgainstTheYearsTheTextNamesAndItsDate) {
  std::vector<PageLines> pages = {
      {1,
       {line("某市统计局2026年政府信息公开工作年度报告", 60, 18), line("2020年，本机关认真贯彻落实《条例》。", 100),
        line("2020年共收到申请10件。", 120)}},
      {2, {line("某市统计局", 700), line("2021 年 1 月 20 日", 720)}}};
  YearEvidence e = year_evidence(pages);
  EXPECT_EQ(e.named[2020], 2);
  EXPECT_EQ(e.named.count(2026), 0u) << "the title's own line is not evidence";
  ASSERT_TRUE(e.dated);
  EXPECT_EQ(*e.dated, 2021);
  // OCR read 2020 as 2026: after the document's date, impossible; the text's year is taken.
  YearCheck after_date = check_title_year(2026, e);
  EXPECT_EQ(after_date.year, 2020);
  EXPECT_NE(after_date.doubt.find("impossible"), std::string::npos);
  // Possible, but named nowhere while another year is named twice: kept, with the doubt said.
  YearCheck unnamed = check_title_year(2019, e);
  EXPECT_EQ(unnamed.year, 2019);
  EXPECT_FALSE(unnamed.doubt.empty());
  // Before the first reports: impossible.
  EXPECT_EQ(check_title_year(2002, e).year, 2020);
  // The text agrees: nothing to say.
  EXPECT_TRUE(check_title_year(2020, e).doubt.empty());
  // A title OCR left without a year (212020年): the text's year, said so.
  std::optional<YearCheck> found = year_in_text(e);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->year, 2020);
  EXPECT_NE(found->doubt.find("names no year"), std::string::npos);
  // A year named once is no report's year: nothing taken, unless the report is dated.
  YearEvidence once;
  once.named[2020] = 1;
  EXPECT_FALSE(year_in_text(once));
  once.dated = 2021;
  ASSERT_TRUE(year_in_text(once));
  EXPECT_EQ(year_in_text(once)->year, 2020);
  EXPECT_NE(year_in_text(once)->doubt.find("dated 2021"), std::string::npos);
}

TEST(FindTitle, AWebPagesTitleAmongItsSiteChrome) {
  // A government site's page: a menu that names 政府信息公开 and 政府工作报告, a breadcrumb, a
  // metadata table's 标题 label, then the article.
  std::vector<PageLines> pages = {
      {1,
       {line("网站支持IPV6政府信息公开领导之窗政府机构要闻政府会议最新文件政策文件库政府工作报告公示公告规划信息", 20),
        line("当前位置：首页>政务公开>政府信息公开年报>某市统计局2023年政府信息公开工作年度报告", 40),
        line("标题：某市统计局2023年政府信息公开工作年度报告", 60), line("索引号：11320000MB0000000X/2024-00012", 80),
        line("某市统计局2023年政府信息公开工作年度报告", 100), line("一、总体情况", 130)}}};
  std::optional<ReportTitle> t = find_title(pages);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "某市统计局2023年政府信息公开工作年度报告");
  EXPECT_EQ(t->agency, "某市统计局");
  EXPECT_EQ(t->year, 2023);
  // A page title with the site's suffix.
  std::vector<PageLines> titled = {
      {1, {line("某市统计局2023年度政府信息公开工作年度报告_政府信息公开年报_某市人民政府", 20)}}};
  ASSERT_TRUE(find_title(titled));
  EXPECT_EQ(find_title(titled)->title, "某市统计局2023年度政府信息公开工作年度报告");
}

TEST(FindSections, HeadingsWordedOtherwiseAreKnownByTheirNumberAndWords) {
  EditionSpec spec = official_template_spec().edition("2021");
  std::vector<PageLines> pages = {
      {1,
       {line("一、总体情况", 100), line("二、主动公开政府信息情况", 200),
        line("三、收到和处理政府信息公开申请情况", 300), line("四、政府信息公开行政法复议、行政诉讼情况", 400),
        line("五、政府信息公开工作存在的主要问题及改进情况", 500),
        line("（五）问题整改。针对上年度存在的问题逐项整改", 520), line("六、其他需要报告的事项", 600)}}};
  std::vector<Section> found = find_sections(pages, spec.sections, {});
  ASSERT_EQ(found.size(), 6u);
  EXPECT_EQ(found[3].heading, "四、政府信息公开行政法复议、行政诉讼情况");
  EXPECT_EQ(found[4].heading, "五、政府信息公开工作存在的主要问题及改进情况");
  EXPECT_NE(found[4].text.find("问题整改"), std::string::npos) << "an item numbered （五） is text, not a heading";
  std::vector<PageLines> other = {{1, {line("五、存在的主要问题及整改措施", 100)}}};
  std::vector<SectionSpec> problems = {spec.sections[4]};
  EXPECT_EQ(find_sections(other, problems, {}).size(), 1u);
}

TEST(PageMetadata, APagesPublisherAndDateAreEvidence) {
  // An information-index table and a byline above the article, as sites print them.
  std::vector<PageLines> pages = {
      {1,
       {line("索引号：11320000/2024-00012 发布机构：某市统计局 发文日期：2024-01-30", 20),
        line("来源：某市人民政府 时间：2024-01-31 15:22", 40), line("2023年政府信息公开工作年度报告", 60),
        line("2023年，本机关……", 100), line("2023年共收到申请10件。", 120)}}};
  EXPECT_EQ(agency_in_metadata(pages), "某市统计局");
  YearEvidence e = year_evidence(pages);
  ASSERT_TRUE(e.dated);
  EXPECT_EQ(*e.dated, 2024) << "the page's date, where no signature dates the report";
  EXPECT_EQ(check_title_year(2026, e).year, 2023) << "after the page's date: impossible";
  std::vector<PageLines> bare = {{1, {line("2023年政府信息公开工作年度报告", 60)}}};
  EXPECT_EQ(agency_in_metadata(bare), "");
}

TEST(ParseTitle, NoYear) {
  ReportTitle t{"某局政府信息公开工作年度报告", "", std::nullopt, 1};
  parse_title(t);
  EXPECT_FALSE(t.year.has_value());
  EXPECT_EQ(t.agency, "");
}

TEST(FindTitle, LargePrintTitleWrappedOverTwoLines) {
  PageLines page{
      1,
      {line("淮安市洪泽区人民政府", 60, 20), line("2024 年政府信息公开工作年度报告", 85, 20),
       line("本报告由淮安市洪泽区人民政府办公室根据条例编制。", 120), line("一、总体情况", 140), line("正文。", 160)}};
  auto t = find_title({page});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "淮安市洪泽区人民政府2024年政府信息公开工作年度报告");
  EXPECT_EQ(t->agency, "淮安市洪泽区人民政府");
  EXPECT_EQ(t->year, 2024);
}

TEST(FindTitle, BodySizeTitleWithWrappedLastCharacter) {
  PageLines page{1,
                 {line("宿迁市审计局 2020 年政府信息公开工作年度报", 60), line("告", 76),
                  line("本报告根据条例要求编制。", 100), line("一、总体情况", 120)}};
  auto t = find_title({page});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "宿迁市审计局2020年政府信息公开工作年度报告");
  EXPECT_EQ(t->agency, "宿迁市审计局");
}

TEST(FindTitle, NoTitle) {
  PageLines page{1, {line("会议纪要", 60), line("今天开会。", 80)}};
  EXPECT_FALSE(find_title({page}));
}

TEST(FindSections, AllSixAcrossPagesWithTextBetween) {
  std::vector<PageLines> pages = {
      {1, {line("一、总体情况", 100), line("全年主动公开信息。", 120, 12, 84), line("二、主动公开政府信息情况", 140)}},
      {2,
       {line("三、收到和处理政府信息公开申请情况", 60), line("四、政府信息公开行政复议、行政诉讼情况", 90),
        line("五、存在的主要问题及改进情况", 120), line("一是……", 140), line("-2-", 800),
        line("六、其他需要报告的事项", 160), line("无。", 180)}}};
  auto s = find_sections(pages, sections_2021());
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].text, "全年主动公开信息。");
  EXPECT_EQ(s[2].page, 2);
  EXPECT_EQ(s[4].text, "一是……") << "the page number line is dropped";
  EXPECT_EQ(s[5].text, "无。");
}

TEST(FindSections, AHeadingInsideATableCountsOnlyWhenItReadsSurely) {
  // A scan's stray ruling under a heading made it the table's last row; a table row of its own
  // begins like a heading (四、结转…) and is none; neither is any section's text.
  std::vector<PageLines> prose = {
      {1,
       {line("一、总体情况", 100), line("全年主动公开信息。", 120, 12, 84), line("二、主动公开政府信息情况", 140),
        line("三、收到和处理政府信息公开申请情况", 160)}},
      {2,
       {line("五、存在的主要问题及改进情况", 300), line("一是……", 320, 12, 84), line("六、其他需要报告的事项", 340)}}};
  std::vector<PageLines> in_tables = {
      {1, {line("一、本年新收政府信息公开申请数量 3 0 3", 180)}},
      {2,
       {line("四、结转下年度继续办理 0 0 0", 60), line("四、政府信息公开行政复议、行政诉讼情况", 80),
        line("结果维持 结果纠正", 100)}}};
  auto s = find_sections(prose, sections_2021(), in_tables);
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[3].id, "review_litigation");
  EXPECT_EQ(s[3].page, 2);
  EXPECT_EQ(s[3].text, "") << "the table's lines are no section's text";
  EXPECT_EQ(s[2].text, "");
  EXPECT_EQ(s[4].text, "一是……");
}

TEST(FindSections, ToleratesNumberingVariantsAndSmallWordingDifferences) {
  std::vector<PageLines> pages = {
      {1,
       {line("（一）总体情况", 100), line("2.主动公开政府信息情况：", 120),
        line("三、收到和处理政府信息公开申请的情况", 140), line("四、政府信息公开行政复议，行政诉讼情况", 160),
        line("⼀、存在的主要问题及改进情况", 180), line("其他需要报告的事项", 200)}}};
  auto s = find_sections(pages, sections_2021());
  ASSERT_EQ(s.size(), 6u) << "the fifth heading's own title is read whole: its wrong number (一 for 五) is a misprint";
  EXPECT_EQ(s[4].id, "problems");
  EXPECT_EQ(s[5].id, "other_matters");
}

TEST(FindSections, AMisreadNumberOrAMarkBeforeItDoesNotHideAHeading) {
  // As read off scans: 三 read as 二, and a seal's edge read as 人 before 六.
  std::vector<PageLines> prose = {{1,
                                   {line("一、总体情况", 100), line("二 、 收到和 处 理 政府 信息 公开 申请 情况", 140),
                                    line("人 六、其 他 需要 报告 的 事项", 180)}}};
  auto s = find_sections(prose, sections_2021());
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].id, "applications");
  EXPECT_EQ(s[2].id, "other_matters");
  // Inside a table a misnumbered title is not sure enough; nor is a near title with another number.
  std::vector<PageLines> none = {{1, {line("一、总体情况", 100)}}};
  std::vector<PageLines> in_tables = {{1, {line("二、收到和处理政府信息公开申请情况", 140)}}};
  EXPECT_EQ(find_sections(none, sections_2021(), in_tables).size(), 1u);
  std::vector<PageLines> near = {{1, {line("一、总体情况", 100), line("二、收到政府信息公开申请", 140)}}};
  EXPECT_EQ(find_sections(near, sections_2021()).size(), 1u);
}

TEST(FindSections, AGarbledNumberOrOneSlipInAShortTitleDoesNotHideAHeading) {
  // As read off scans: 一、 as 站采约 before the title; 总 as 息 after its own number; 四 as 西
  // and 政 as 牙 in a heading a stray ruling drew into the table above it.
  std::vector<PageLines> garbled = {{1, {line("站采约 总体情况", 100), line("正文", 120)}}};
  ASSERT_EQ(find_sections(garbled, sections_2021()).size(), 1u);
  std::vector<PageLines> slip = {{1, {line("一、息 体 情 况", 100), line("正文", 120)}}};
  ASSERT_EQ(find_sections(slip, sections_2021()).size(), 1u);
  std::vector<PageLines> in_tables = {{1, {line("西、牙 府 信息 公开 行政复议、 行 政诉讼 情况", 140)}}};
  auto s = find_sections(slip, sections_2021(), in_tables);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].id, "review_litigation");
  // Not: the slip under another number, a long prefix, or prose ending in the title.
  std::vector<PageLines> not_headings = {
      {1, {line("二、息体情况", 100), line("本机关工作总体情况", 120), line("据此总体情况。", 140)}}};
  EXPECT_TRUE(find_sections(not_headings, sections_2021()).empty());
}

TEST(FindSections, ProseMentioningATitleIsNotAHeading) {
  std::vector<PageLines> pages = {
      {1, {line("本机关认真做好总体情况的梳理。", 100), line("总体情况", 120), line("正文", 140)}}};
  auto s = find_sections(pages, sections_2021());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].page, 1);
  EXPECT_EQ(s[0].text, "正文");
}

TEST(FindSections, OcrLettersInAHeadingDoNotHideIt) {
  // As read off scans: 一、 read as "Se", letters from strokes Tesseract could not place.
  std::vector<PageLines> pages = {{1,
                                   {line("Se 总体情况", 100), line("正文", 120),
                                    line("四、政府信一息AN公开行人am 政复议SA 、mm行政诉AN讼情况SS", 140)}}};
  auto s = find_sections(pages, sections_2021());
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].id, "overview");
  EXPECT_EQ(s[0].text, "正文");
  EXPECT_EQ(s[1].id, "review_litigation");
}

TEST(FindSections, MissingSectionIsSkippedNotInvented) {
  std::vector<PageLines> pages = {{1, {line("一、总体情况", 100), line("六、其他需要报告的事项", 120)}}};
  auto s = find_sections(pages, sections_2021());
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].number, 6);
}

TEST(AgencyAliases, TheNameWithOrWithoutItsCityInTheText) {
  // The title's 洪泽区人民政府 is 淮安市洪泽区人民政府 in the text and in the signature; its
  // office, another body, is no alias, nor is the bare 人民政府.
  std::vector<PageLines> pages = {
      {1,
       {line("洪泽区人民政府2024年政府信息公开工作年度报告", 60, 18),
        line("本报告由淮安市洪泽区人民政府办公室根据《条例》编制。如有疑问，请与淮安市洪", 100),
        line("泽区人民政府办公室联系。", 120), line("各级人民政府应当……", 140)}},
      {2, {line("淮安市洪泽区人民政府", 700), line("2025年1月15日", 720)}}};
  EXPECT_EQ(agency_aliases(pages, "洪泽区人民政府"), std::vector<std::string>{"淮安市洪泽区人民政府"});
  // The reverse: the title names the city, the text often not.
  std::vector<PageLines> reverse = {{1,
                                     {line("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", 60, 18),
                                      line("2024年，洪泽区人民政府坚持……洪泽区人民政府网站", 100)}}};
  EXPECT_EQ(agency_aliases(reverse, "淮安市洪泽区人民政府"), std::vector<std::string>{"洪泽区人民政府"});
  // Named alike everywhere: none.
  std::vector<PageLines> alike = {{1,
                                   {line("合肥市蜀山区商务局2024年政府信息公开工作年度报告", 60, 18),
                                    line("本报告由合肥市蜀山区商务局编制。", 100)}}};
  EXPECT_TRUE(agency_aliases(alike, "合肥市蜀山区商务局").empty());
}

TEST(AgencyInText, OneCharacterOfTheTitleMisreadWhereTheTextNamesItsAuthor) {
  std::vector<PageLines> pages = {{1,
                                   {line("合肥市哆山区商务局2024年政府信息公开工作年度报告", 60, 18),
                                    line("本报告根据《条例》要求，由合肥市蜀山区商务局编制。", 100)}},
                                  {3, {line("合肥市蜀山区商务局", 700), line("2025 年 1 月 20 日", 720)}}};
  EXPECT_EQ(agency_in_text(pages, "合肥市哆山区商务局"), "合肥市蜀山区商务局");
  // The title's reading found again in the text: it stands.
  pages[1].lines[0].text = "合肥市哆山区商务局";
  EXPECT_EQ(agency_in_text(pages, "合肥市哆山区商务局"), "");
  // Another body's name (two characters apart) is no reading of it.
  std::vector<PageLines> other = {
      {1, {line("合肥市蜀山区商务局2024年政府信息公开工作年度报告", 60, 18), line("由合肥市庐阳区商务局编制。", 100)}}};
  EXPECT_EQ(agency_in_text(other, "合肥市蜀山区商务局"), "");
}

TEST(AgencyWithPlace, ATitleReadWithoutItsPlaceTakesTheAuthorsName) {
  // OCR lost 盐城 before the title's 市应急管理局; the text names its author in full.
  std::vector<PageLines> pages = {{1,
                                   {line("市应急管理局2022年政府信息公开工作年度报告", 60, 18),
                                    line("本报告根据《条例》要求，由盐城市应急管理局编制。", 100)}},
                                  {3, {line("盐城市应急管理局", 700), line("2023 年 1 月 20 日", 720)}}};
  EXPECT_EQ(agency_with_place(pages, "市应急管理局"), "盐城市应急管理局");
  // A reading that names its place stands, as does one no author's name ends with.
  EXPECT_EQ(agency_with_place(pages, "盐城市应急管理局"), "");
  EXPECT_EQ(agency_with_place(pages, "市统计局"), "");
}

TEST(ReadingConfidence, TheLeastSureCharacterOfAPartOfThePage) {
  // A scanned title read as words: 涞 read as 汪 at 0.81; the rest of the title surely.
  std::vector<TextRun> runs(4);
  const char *texts[] = {"汪", "源县公安局", "2019 年", "政府信息公开工作年度报告"};
  double sureness[] = {0.81, 0.97, 0.93, 0.96};
  layout::TextLine title;
  for (size_t i = 0; i < runs.size(); ++i) {
    runs[i].text = texts[i];
    runs[i].confidence = sureness[i];
    title.runs.push_back(i);
  }
  EXPECT_DOUBLE_EQ(reading_confidence({title}, runs, "汪源县公安局"), 0.81);
  EXPECT_DOUBLE_EQ(reading_confidence({title}, runs, "源县公安局"), 0.97);
  EXPECT_DOUBLE_EQ(reading_confidence({title}, runs, "2019年政府"), 0.93) << "spaces are no characters";
  EXPECT_DOUBLE_EQ(reading_confidence({title}, runs, "涞源县公安局"), 1) << "not read on the page";
}

TEST(ReadingLeavesGap, WhiteWiderThanAGlyphInsideTheAgencyIsPrintNotRead) {
  // A bitonal scan's title: 麓区 dropped between 岳 and 税务, two ems of white.
  struct Read {
    const char *text;
    Rect box;
  };
  const Read read[] = {{"柳州", {80.6, 77.8, 130.0, 97.0}},
                       {"市岳", {130.8, 76.1, 169.0, 102.5}},
                       {"税务局", {208.3, 77.8, 266.2, 97.0}},
                       {"2021 年", {266.7, 79.9, 334.8, 97.0}}};
  std::vector<TextRun> runs;
  layout::TextLine title;
  for (const Read &r : read) {
    TextRun run;
    run.text = r.text;
    run.bbox = r.box;
    run.font_size = 18.96;
    title.runs.push_back(runs.size());
    runs.push_back(run);
  }
  EXPECT_TRUE(reading_leaves_gap({title}, runs, "柳州市岳税务局"));
  EXPECT_FALSE(reading_leaves_gap({title}, runs, "柳州市岳")) << "the gap lies outside the part";
  runs[2].bbox.x0 = 180;  // under an em of white: spacing
  EXPECT_FALSE(reading_leaves_gap({title}, runs, "柳州市岳税务局"));
  EXPECT_FALSE(reading_leaves_gap({title}, runs, "不在此处")) << "not read here";
}

TEST(GuessEdition, FromTableLabelsBeforeYear) {
  PageLines with_2019_labels{1, {line("信息内容 本年新制作数量 本年新公开数量 对外公开总数量", 100)}};
  EXPECT_EQ(guess_edition({with_2019_labels}, 2023).edition, "2019");
  EXPECT_EQ(guess_edition({with_2019_labels}, 2023).basis, "table_labels");
  PageLines with_2021_labels{1, {line("信息内容 本年制发件数 本年废止件数 现行有效件数", 100)}};
  EXPECT_EQ(guess_edition({with_2021_labels}, 2020).edition, "2021");
}

TEST(GuessEdition, FallsBackToYear) {
  PageLines plain{1, {line("正文", 100)}};
  EXPECT_EQ(guess_edition({plain}, 2020).edition, "2019");
  EXPECT_EQ(guess_edition({plain}, 2021).edition, "2021");
  EXPECT_EQ(guess_edition({plain}, 2021).basis, "year");
  EXPECT_EQ(guess_edition({plain}, std::nullopt).basis, "default");
}

}  // namespace
}  // namespace xxgk::report
