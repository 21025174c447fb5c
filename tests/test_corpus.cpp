// Accuracy over whole corpora: every born-digital report of shared/corpus/synth and every
// report of shared/corpus/real must yield the title facts and the six sections its truth gives.
// Files are discovered, not listed, so a report added to the corpus is tested without code changes.

#include <gtest/gtest.h>

#include <iostream>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

TEST(Corpus, BornDigitalReportsYieldTitleFactsAndAllSections) {
  XXGK_REQUIRE_SHARED();
  auto files = test::corpus_reports(test::is_born_digital);
  ASSERT_GE(files.size(), 20u) << "the shared corpus should hold the born-digital reports";
  pipeline::ExtractOptions options;
  options.ocr = pipeline::OcrMode::never;
  int fully_right = 0;
  for (const auto &[pdf, truth] : files) {
    SCOPED_TRACE(pdf.filename().string());
    report::Report r = pipeline::extract_report(pdf, options, {});
    nlohmann::json j = report::to_json(r);
    EXPECT_TRUE(schema::validate_report(j).empty());
    std::vector<std::string> titles;
    for (const auto &s : r.sections) titles.push_back(s.title);
    bool right = r.meta.agency == truth["agency"] && r.meta.year == truth["year"].get<int>() &&
                 r.meta.edition == truth["edition"] && titles == truth["sections"].get<std::vector<std::string>>();
    EXPECT_EQ(r.meta.agency, truth["agency"]);
    EXPECT_EQ(r.meta.year, truth["year"].get<int>());
    EXPECT_EQ(r.meta.edition, truth["edition"]);
    EXPECT_EQ(titles, truth["sections"].get<std::vector<std::string>>());
    for (const auto &w : r.warnings)
      EXPECT_TRUE(w.code != "section_missing" && w.code != "title_missing" && w.code != "year_missing" &&
                  w.code != "agency_missing")
          << w.code << ": " << w.message;
    fully_right += right;
  }
  std::cout << "[corpus] title, agency, year, edition and six sections right: " << fully_right << " of " << files.size()
            << " born-digital reports\n";
}

}  // namespace
}  // namespace xxgk
