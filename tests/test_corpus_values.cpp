// Cell values over whole corpora (synth, synth-hard, real): every key of every born-digital
// report's truth, exactly as printed, and the failed arithmetic checks, which must be exactly
// the truth's rule_violations. The goal is the bar: every value right, none in doubt.

#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>
#include <set>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"

namespace xxgk {
namespace {

TEST(CorpusValues, BornDigitalReportsValuesAndRuleViolations) {
  XXGK_REQUIRE_SHARED();
  auto files = test::corpus_reports(test::is_born_digital);
  ASSERT_GE(files.size(), 45u);
  pipeline::ExtractOptions options;
  options.ocr = pipeline::OcrMode::never;
  long cells = 0, right = 0, doubtful = 0, stated = 0;
  int fully_right = 0;
  for (const auto &[pdf, truth] : files) {
    SCOPED_TRACE(pdf.filename().string());
    report::Report r = pipeline::extract_report(pdf, options, {});
    EXPECT_EQ(r.meta.edition, truth["edition"]);
    long file_right = 0;
    for (const auto &[key, expected] : truth["values"].items()) {
      bool ok = test::value_is(r, key, expected.get<double>());
      if (!ok)
        std::cout << "[corpus] " << pdf.filename().string() << ": " << key << " = " << test::printed_value(r, key)
                  << ", truth " << expected << "\n";
      file_right += ok;
    }
    std::set<std::string> failed = test::failed_checks(r), expected = test::truth_violations(truth);
    EXPECT_EQ(failed, expected);
    EXPECT_EQ(test::prose_against_truth(r, truth, stated), std::vector<std::string>{}) << "no false prose alarm";
    long keys = static_cast<long>(truth["values"].size());
    if (!r.partial() && r.doubtful_values() == 0) {
      EXPECT_EQ(r.status(), "ok") << "a complete born-digital report with no doubtful value is ok";
    }
    doubtful += r.doubtful_values();
    cells += keys;
    right += file_right;
    fully_right += file_right == keys && failed == expected;
  }
  double accuracy = 100.0 * static_cast<double>(right) / static_cast<double>(cells);
  std::cout << "[corpus] cell values right: " << right << " of " << cells << " (" << std::fixed << std::setprecision(2)
            << accuracy << "%); reports fully right: " << fully_right << " of " << files.size() << "; doubtful values "
            << doubtful << "; numbers the text states for a cell " << stated << "\n";
  EXPECT_EQ(right, cells);
  EXPECT_GT(stated, 0) << "the corpora's texts state cells' numbers: they must be read";
  // Exactly: hongze-2024's row with the agency's typo (2.其他法律行政止公开), matched at 0.82
  // (label_uncertain, 7 values); nothing else in doubt.
  EXPECT_EQ(doubtful, 7);
}

}  // namespace
}  // namespace xxgk
