// The text layer of a real 2021 report (shared/seeds), as a PDF text extractor returns it,
// Kangxi radicals and CJK Radicals Supplement forms included.

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/report/report_text.hpp"

namespace xxgk {
namespace {

std::vector<std::string> seed_lines() {
  std::istringstream in(test::read_file(test::shared_dir() / "seeds" / "report-2021-text-layer.txt"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Seed, NormalizedTextHasNoRadicalCodePoints) {
  XXGK_REQUIRE_SHARED();
  std::vector<std::string> lines = seed_lines();
  ASSERT_GT(lines.size(), 50u);
  int radicals_before = 0;
  for (const auto &raw : lines) {
    for (char32_t c : to_u32(raw)) radicals_before += c >= 0x2E80 && c <= 0x2FDF;
    for (char32_t c : to_u32(normalize::clean_text(raw)))
      EXPECT_FALSE(c >= 0x2E80 && c <= 0x2FDF) << "U+" << std::hex << static_cast<unsigned>(c) << " in " << raw;
  }
  EXPECT_GT(radicals_before, 100) << "the seed should exercise the folding";
}

TEST(Seed, KnownPhrasesComeOutClean) {
  XXGK_REQUIRE_SHARED();
  std::string all;
  for (const auto &raw : seed_lines()) all += normalize::clean_text(raw) + "\n";
  for (const char *phrase : {"局长担任组长", "便民", "齐抓共管", "一、本年新收政府信息公开申请数量"})
    EXPECT_NE(all.find(phrase), std::string::npos) << phrase;
}

TEST(Seed, AllSixSectionHeadingsAreFound) {
  XXGK_REQUIRE_SHARED();
  report::PageLines page{1, {}};
  double y = 0;
  for (const auto &raw : seed_lines()) {
    y += 20;
    if (normalize::clean_text(raw).empty()) continue;
    layout::TextLine line;
    line.text = raw;
    line.font_size = 12;
    size_t indent = raw.find_first_not_of(' ');
    line.bbox = {60 + 6.0 * static_cast<double>(indent), y, 500, y + 12};
    page.lines.push_back(line);
  }
  auto spec = report::official_template_spec().edition("2021");
  std::vector<report::Section> sections = report::find_sections({page}, spec.sections);
  ASSERT_EQ(sections.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(sections[i].id, spec.sections[i].id);
    EXPECT_EQ(sections[i].number, static_cast<int>(i) + 1);
  }
  EXPECT_EQ(sections[3].heading, "四、政府信息公开行政复议、行政诉讼情况");
  EXPECT_NE(sections[0].text.find("局长担任组长"), std::string::npos);
  EXPECT_EQ(sections[5].text, "无");
}

}  // namespace
}  // namespace xxgk
