// Real published reports (shared/corpus/real, and real-web: report pages exactly as their sites
// serve them), each held to its hand-checked truth in full: the title facts, every scored key,
// the section headings as printed, and the failed checks exactly the truth's rule_violations (an
// agency's arithmetic slip is reported, never repaired). Files are discovered, not listed, so a
// report added to the folder is tested without code changes; scanned ones go through OCR.

#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "test_support.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/report/report_text.hpp"
#include "xxgk/report/similarity.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

bool is_real(const nlohmann::json &truth) {
  return truth["variant"].is_object() && truth["variant"].value("real", false);
}

// The reports of shared/corpus/real (PDFs) and real-web (pages as their sites serve them).
std::vector<test::CorpusReport> real_reports() {
  std::vector<test::CorpusReport> out = test::corpus_reports(is_real, {"real"});
  auto web = test::shared_dir() / "corpus" / "real-web";
  if (std::filesystem::exists(web))
    for (const auto &entry : std::filesystem::directory_iterator(web)) {
      auto p = entry.path();
      if (p.extension() != ".html") continue;
      out.push_back({p, nlohmann::json::parse(test::read_file(p.parent_path() / (p.stem().string() + ".truth.json")))});
    }
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.pdf < b.pdf; });
  return out;
}

// A section heading as printed, without its number: what a truth's `sections` lists.
std::string heading_words(const std::string &heading) {
  std::u32string h = report::compact(heading);
  report::HeadingNumber n = report::split_heading_number(h);
  return to_utf8(n.number > 0 ? n.rest : h);
}

TEST(CorpusReal, EveryKeyTitleFactSectionAndExactlyTheTruthsRuleViolations) {
  XXGK_REQUIRE_SHARED();
  auto files = real_reports();
  ASSERT_GE(files.size(), 6u) << "shared/corpus/real and real-web should hold their reports";
  int fully_right = 0, doubtful = 0;
  long stated = 0;
  for (const auto &[path, truth] : files) {
    SCOPED_TRACE(path.filename().string());
    report::Report r = pipeline::extract_report(path, {}, {});
    EXPECT_TRUE(schema::validate_report(report::to_json(r)).empty());
    bool meta = r.meta.agency == truth["agency"] && r.meta.year == truth["year"].get<int>() &&
                r.meta.edition == truth["edition"];
    EXPECT_EQ(r.meta.agency, truth["agency"]);
    EXPECT_EQ(r.meta.year, truth["year"].get<int>());
    EXPECT_EQ(r.meta.edition, truth["edition"]);
    long wrong = 0;
    for (const auto &[key, expected] : truth["values"].items()) {
      bool ok = test::value_is(r, key, expected.get<double>());
      EXPECT_TRUE(ok) << key << " = " << test::printed_value(r, key) << ", truth " << expected;
      wrong += !ok;
    }
    std::vector<std::string> headings;
    for (const auto &s : r.sections) headings.push_back(heading_words(s.heading));
    EXPECT_EQ(headings, truth["sections"].get<std::vector<std::string>>());
    std::set<std::string> failed = test::failed_checks(r), expected = test::truth_violations(truth);
    EXPECT_EQ(failed, expected);
    EXPECT_EQ(test::prose_against_truth(r, truth, stated), std::vector<std::string>{}) << "no false prose alarm";
    fully_right += meta && wrong == 0 && failed == expected && headings == truth["sections"];
    doubtful += r.doubtful_values();
  }
  std::cout << "[real] reports fully right: " << fully_right << " of " << files.size() << "; doubtful values "
            << doubtful << "; numbers the text states for a cell " << stated << "\n";
  EXPECT_GT(stated, 0);
  // Exactly: hongze-2024's row with the agency's typo (label_uncertain); nothing else.
  EXPECT_EQ(doubtful, 7);
}

}  // namespace
}  // namespace xxgk
