// Real published reports (shared/corpus/real), each held to its hand-checked truth in full: the
// title facts, every scored key, and the failed checks exactly the truth's rule_violations (an
// agency's arithmetic slip is reported, never repaired). Files are discovered, not listed, so a
// report added to the folder is tested without code changes; scanned ones go through OCR.

#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

bool is_real(const nlohmann::json &truth) {
  return truth["variant"].is_object() && truth["variant"].value("real", false);
}

TEST(CorpusReal, EveryKeyRightAndExactlyTheTruthsRuleViolations) {
  XXGK_REQUIRE_SHARED();
  auto files = test::corpus_reports(is_real);
  ASSERT_GE(files.size(), 1u) << "shared/corpus/real should hold at least one report";
  int fully_right = 0;
  for (const auto &[pdf, truth] : files) {
    SCOPED_TRACE(pdf.filename().string());
    report::Report r = pipeline::extract_report(pdf, {}, {});
    EXPECT_TRUE(schema::validate_report(report::to_json(r)).empty());
    EXPECT_EQ(r.meta.agency, truth["agency"]);
    EXPECT_EQ(r.meta.year, truth["year"].get<int>());
    EXPECT_EQ(r.meta.edition, truth["edition"]);
    long wrong = 0;
    for (const auto &[key, expected] : truth["values"].items()) {
      bool ok = test::value_is(r, key, expected.get<double>());
      EXPECT_TRUE(ok) << key << " = " << test::printed_value(r, key) << ", truth " << expected;
      wrong += !ok;
    }
    std::set<std::string> failed = test::failed_checks(r), expected = test::truth_violations(truth);
    EXPECT_EQ(failed, expected);
    fully_right += wrong == 0 && failed == expected;
  }
  std::cout << "[real] reports fully right: " << fully_right << " of " << files.size() << "\n";
}

}  // namespace
}  // namespace xxgk
