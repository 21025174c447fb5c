// The same reports as web pages and Word files: every born-digital report of shared/corpus/synth
// also comes as NAME.html, NAME.docx and some as NAME.gbk.html (GBK-encoded), with the PDF's
// truth. Each form must give every value of the truth and exactly its rule_violations, and the
// same `tables` and `validation` as the PDF wherever the PDF's own reading is right.

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <set>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

// The truth is what the document prints: a value is right only when it is exactly that.
long wrong_values(const report::Report &r, const nlohmann::json &truth, const std::string &name) {
  long wrong = 0;
  for (const auto &[key, expected] : truth["values"].items()) {
    bool ok = test::value_is(r, key, expected.get<double>());
    if (!ok)
      std::cout << "[markup] " << name << ": " << key << " = " << test::printed_value(r, key) << ", truth " << expected
                << "\n";
    wrong += !ok;
  }
  return wrong;
}

TEST(CorpusMarkup, WebPagesAndWordFilesGiveThePdfsValues) {
  XXGK_REQUIRE_SHARED();
  auto files = test::corpus_reports(test::is_born_digital);
  long forms = 0, values = 0, right = 0, same_as_pdf = 0, compared = 0, doubtful = 0;
  for (const auto &[pdf, truth] : files) {
    std::set<std::string> expected = test::truth_violations(truth);
    report::Report from_pdf = pipeline::extract_report(pdf, {}, {});
    nlohmann::json pdf_json = report::to_json(from_pdf);
    bool pdf_right = wrong_values(from_pdf, truth, pdf.filename().string()) == 0;
    for (const char *suffix : {".html", ".gbk.html", ".docx"}) {
      auto form = pdf.parent_path() / (pdf.stem().string() + suffix);
      if (!std::filesystem::exists(form)) continue;
      SCOPED_TRACE(form.filename().string());
      ++forms;
      report::Report r = pipeline::extract_report(form, {}, {});
      nlohmann::json j = report::to_json(r);
      EXPECT_TRUE(schema::validate_report(j).empty());
      EXPECT_EQ(j["source"]["format"], std::string(suffix) == ".docx" ? "docx" : "html");
      EXPECT_EQ(r.meta.agency, truth["agency"]);
      EXPECT_EQ(r.meta.year, truth["year"].get<int>());
      EXPECT_EQ(r.meta.edition, truth["edition"]);
      std::vector<std::string> titles;
      for (const auto &s : r.sections) titles.push_back(s.title);
      EXPECT_EQ(titles, truth["sections"].get<std::vector<std::string>>());
      long keys = static_cast<long>(truth["values"].size());
      long wrong = wrong_values(r, truth, form.filename().string());
      EXPECT_EQ(wrong, 0);
      EXPECT_EQ(test::failed_checks(r), expected);
      doubtful += r.doubtful_values();
      values += keys;
      right += keys - wrong;
      if (pdf_right) {
        ++compared;
        bool same = j["tables"] == pdf_json["tables"] && j["validation"] == pdf_json["validation"];
        EXPECT_TRUE(same) << "tables and validation differ from the PDF's";
        same_as_pdf += same;
      }
    }
  }
  ASSERT_GE(forms, 40) << "the shared corpus should hold the .html and .docx forms";
  EXPECT_EQ(doubtful, 0) << "a web page's or Word file's values are what it prints, every one found surely";
  std::cout << "[markup] " << forms << " web pages and Word files: values right " << right << " of " << values
            << "; tables and validation identical to the PDF's in " << same_as_pdf << " of " << compared
            << " (forms of PDFs read fully right)\n";
}

}  // namespace
}  // namespace xxgk
