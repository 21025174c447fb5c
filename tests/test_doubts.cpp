// Doubts said on the value they concern, and the report's status built from them: each test a
// small report made by hand (pages read from a text layer or by OCR, values, validation).

#include <gtest/gtest.h>

#include <algorithm>

#include "xxgk/report/report.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/validation.hpp"

namespace xxgk::report {
namespace {

const EditionSpec &edition_2021() {
  static const TemplateSpec spec = official_template_spec();
  return spec.edition("2021");
}

// A report whose page 1 was read by OCR and page 2 from its text layer; every key of the
// review table holds `value(key)` on `page`, each read with `confidence`.
Report review_table_report(int page, double confidence, int corrected_upheld) {
  Report r;
  r.pages = {{1, 595, 842, 0, 10, "scanned", "ocr", 0}, {2, 595, 842, 0, 10, "text", "text_layer", 0}};
  r.keys = template_keys(edition_2021());
  for (const char *row : {"administrative_review", "litigation_direct", "litigation_after_review"}) {
    double upheld = std::string(row) == "administrative_review" ? corrected_upheld : 1;
    std::map<std::string, double> v = {
        {"upheld", upheld}, {"corrected", 2}, {"other", 0}, {"pending", 0}, {"total", 3}};
    for (const auto &[column, number] : v) {
      MappedValue m;
      m.value = number;
      m.raw = std::to_string(static_cast<int>(number));
      m.kind = normalize::NumberKind::number;
      m.page = page;
      m.confidence = confidence;
      m.label_score = 1;
      r.values.values["review_litigation." + std::string(row) + "." + column] = m;
    }
  }
  ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  r.validation = validate(values, edition_2021());
  return r;
}

bool warned(const Report &r, const std::string &code, const std::string &key) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const Warning &w) { return w.code == code && w.key == key; });
}

TEST(Doubts, EveryOcrdValueInAFailedCheckCarriesAWarning) {
  // 行政复议's 结果维持 misread 1 as 7: its row's total no longer adds up.
  Report r = review_table_report(1, 0.95, 7);
  ASSERT_EQ(r.validation.failed.size(), 1u);
  add_doubts(r);
  for (const char *column : {"upheld", "corrected", "other", "pending", "total"})
    EXPECT_TRUE(warned(r, "check_failed", std::string("review_litigation.administrative_review.") + column)) << column;
  EXPECT_FALSE(warned(r, "check_failed", "review_litigation.litigation_direct.upheld")) << "its check passed";
  EXPECT_EQ(r.doubtful_values(), 5);
  EXPECT_EQ(r.status(), "review");
}

TEST(Doubts, ACheckMadeToHoldByAChosenReadingConfirmsNoneOfItsOtherValues) {
  // 行政复议's total misread 3 as 7, and its 结果维持 read 1 first and 5 at another
  // resolution: 5 makes the row hold, so it was chosen; the total it agrees with is no surer.
  Report r = review_table_report(1, 0.95, 5);
  r.values.values["review_litigation.administrative_review.total"].value = 7;
  ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  r.validation = validate(values, edition_2021());
  ASSERT_TRUE(r.validation.failed.empty());
  r.warnings.push_back({"chosen_by_check", "OCR read '1' first and '5' at another resolution", 1,
                        "review_litigation.administrative_review.upheld"});
  add_doubts(r);
  for (const char *column : {"corrected", "other", "pending", "total"})
    EXPECT_TRUE(warned(r, "unconfirmed", std::string("review_litigation.administrative_review.") + column)) << column;
  EXPECT_FALSE(warned(r, "unconfirmed", "review_litigation.administrative_review.upheld")) << "said chosen already";
  EXPECT_FALSE(warned(r, "unconfirmed", "review_litigation.litigation_direct.total")) << "its own check holds";
}

TEST(Doubts, AFailedCheckOnATextLayersNumbersIsTheAgencysSlip) {
  Report r = review_table_report(2, 1, 7);
  add_doubts(r);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.validation.failed.size(), 1u) << "still reported, never repaired";
  EXPECT_EQ(r.status(), "ok");
}

TEST(Doubts, AnOcrdValueNoCheckCoversNeedsASureReading) {
  Report r = review_table_report(1, 0.95, 1);
  MappedValue fees;
  fees.value = 8;
  fees.raw = "8";
  fees.kind = normalize::NumberKind::number;
  fees.page = 1;
  fees.confidence = 0.87;  // read fairly surely, but nothing could catch a 0 read as 8
  r.values.values["active_disclosure.licensing.decisions"] = fees;
  MappedValue sure = fees;
  sure.confidence = 0.96;
  r.values.values["active_disclosure.penalty.decisions"] = sure;
  ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  r.validation = validate(values, edition_2021());
  add_doubts(r);
  EXPECT_TRUE(warned(r, "unconfirmed", "active_disclosure.licensing.decisions"));
  EXPECT_FALSE(warned(r, "unconfirmed", "active_disclosure.penalty.decisions"));
  EXPECT_EQ(r.status(), "review");
}

TEST(Status, PartialOutranksReviewAndATitleDoubtAsksForReview) {
  Report r = review_table_report(2, 1, 1);
  add_doubts(r);
  EXPECT_EQ(r.status(), "ok");
  r.warnings.push_back({"year_uncertain", "the title's year 2026 is impossible", 1, ""});
  EXPECT_EQ(r.status(), "review");
  EXPECT_EQ(r.doubtful_values(), 0);
  r.warnings.push_back({"section_missing", "no heading for section 6", 0, "other_matters"});
  EXPECT_EQ(r.status(), "partial");
  EXPECT_EQ(to_json(r)["status"], "partial");
}

}  // namespace
}  // namespace xxgk::report

namespace xxgk::report {
namespace {

TEST(ChooseByChecks, TheOneReadingThatMakesTheChecksHoldIsChosen) {
  // 行政复议's 结果维持 read as 7 where 1 is printed: 7 + 2 + 0 + 0 is not its total 3.
  Report r = review_table_report(1, 0.95, 7);
  ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  const std::string upheld = "review_litigation.administrative_review.upheld";
  const std::string total = "review_litigation.administrative_review.total";
  // Read again: the misread cell as 1 (and once more as 7); a right cell as 8 at a poor size.
  std::vector<Alternative> readings = {
      {upheld, 1, "1", 0.9, "again"}, {upheld, 7, "7", 0.9, "again"}, {total, 8, "8", 0.6, "again"}};
  std::optional<Alternative> chosen = choose_by_checks(values, edition_2021(), readings);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->key, upheld);
  EXPECT_DOUBLE_EQ(chosen->value, 1);
  // Two cells whose other readings would each make the check hold: nothing tells which.
  readings.push_back({total, 9, "9", 0.9, "again"});
  EXPECT_FALSE(choose_by_checks(values, edition_2021(), readings));
  // No reading makes it hold (the agency's own slip): nothing is changed.
  EXPECT_FALSE(choose_by_checks(values, edition_2021(), {{upheld, 4, "4", 0.9, "again"}}));
  // Nothing fails: nothing to choose.
  values[upheld] = 1;
  EXPECT_FALSE(choose_by_checks(values, edition_2021(), {{upheld, 1, "1", 0.9, "again"}}));
}

TEST(Doubts, TheOtherSideOfADisputedReadingInAFailedCheckIsAnAlternative) {
  // 行政复议's 结果维持 read as 7 by one model and 1 by the other, where 1 is printed.
  Report r = review_table_report(1, 0.5, 7);
  const std::string upheld = "review_litigation.administrative_review.upheld";
  r.values.values.at(upheld).other_reading = "1";
  // A disputed reading in a check that holds is no candidate.
  r.values.values.at("review_litigation.litigation_direct.upheld").other_reading = "4";
  ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  r.validation = validate(values, edition_2021());
  std::vector<Alternative> others = other_readings_of(r, ocr_keys_in_failed_checks(r));
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].key, upheld);
  EXPECT_DOUBLE_EQ(others[0].value, 1);
  std::optional<Alternative> chosen = choose_by_checks(values, edition_2021(), others);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->key, upheld);
  // Read from a text layer, the number is what the report prints: no alternative.
  Report printed = review_table_report(2, 1, 7);
  printed.values.values.at(upheld).other_reading = "1";
  printed.validation = validate(values, edition_2021());
  EXPECT_TRUE(other_readings_of(printed, ocr_keys_in_failed_checks(printed)).empty());
}

TEST(Doubts, ABlankWhereATableOfAScanPrintsItsZerosIsDoubted) {
  // The review table's 15 values, zeros printed as "0", but two blank: a bitonal scan lost a
  // thin 1 and the row's blank total agrees with it. The blanks are doubted.
  auto zeros_but_two_blank = [](Report r) {
    for (auto &[key, v] : r.values.values) {
      bool lost =
          key == "review_litigation.litigation_direct.upheld" || key == "review_litigation.litigation_direct.total";
      v.value = 0, v.raw = lost ? "" : "0";
      v.kind = lost ? normalize::NumberKind::blank : normalize::NumberKind::number;
    }
    add_doubts(r);
    return r;
  };
  Report r = zeros_but_two_blank(review_table_report(1, 0.95, 1));
  EXPECT_TRUE(warned(r, "unconfirmed", "review_litigation.litigation_direct.total"));
  EXPECT_FALSE(warned(r, "unconfirmed", "review_litigation.administrative_review.total")) << "a printed 0";
  // Read from a text layer, the report's blank is what it prints.
  Report text = zeros_but_two_blank(review_table_report(2, 1, 1));
  EXPECT_FALSE(warned(text, "unconfirmed", "review_litigation.litigation_direct.total"));
}

TEST(Doubts, BlanksAreNoDoubtWhereATableLeavesItsZerosBlank) {
  Report r = review_table_report(1, 0.95, 1);
  for (auto &[key, v] : r.values.values) v.value = 0, v.raw.clear(), v.kind = normalize::NumberKind::blank;
  r.values.values["review_litigation.administrative_review.total"].raw = "0";
  r.values.values["review_litigation.administrative_review.total"].kind = normalize::NumberKind::number;
  add_doubts(r);
  EXPECT_FALSE(warned(r, "unconfirmed", "review_litigation.litigation_direct.total"));
}

}  // namespace
}  // namespace xxgk::report
