// Prose against tables: which wordings state a table cell's number, which do not (another
// scope, a change, a part), and what a disagreement does to the report.

#include <gtest/gtest.h>

#include "xxgk/report/prose_checks.hpp"
#include "xxgk/report/report.hpp"
#include "xxgk/report/template_mapping.hpp"

namespace xxgk::report {
namespace {

// key(s) = stated, one string per statement: "applications.new_received.total=70".
std::vector<std::string> stated(const std::string &text) {
  std::vector<std::string> out;
  for (const ProseStatement &s : stated_numbers({{1, "overview", "总体情况", "一、总体情况", 1, text}})) {
    std::string keys;
    for (const std::string &k : s.keys) keys += (keys.empty() ? "" : "+") + k;
    out.push_back(keys + "=" + std::to_string(static_cast<long long>(s.stated)));
  }
  return out;
}

using Stated = std::vector<std::string>;

TEST(ProseStatements, TheApplicationsOfTheYearInTheUsualWordings) {
  EXPECT_EQ(stated("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"),
            (Stated{"applications.new_received.total=70", "applications.total.total=69",
                    "applications.carried_forward.total=1"}));
  EXPECT_EQ(stated("2022年，本机关共收到政府信息公开申请997件，上年结转76件。"),
            (Stated{"applications.new_received.total=997", "applications.carried_over.total=76"}));
  EXPECT_EQ(stated("答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。"),
            (Stated{"applications.total.total=805", "applications.carried_over.total=18",
                    "applications.carried_forward.total=72"}));
  EXPECT_EQ(stated("全年新收政府信息公开申请共计1，206件。"), (Stated{"applications.new_received.total=1206"}))
      << "a full-width comma between thousands";
}

TEST(ProseStatements, ReviewAndLitigationWithTheirOutcomes) {
  EXPECT_EQ(stated("信息公开类行政复议7件，诉讼9件，均获维持。"),
            (Stated{"review_litigation.administrative_review.total=7",
                    "review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total=9"}));
  EXPECT_EQ(
      stated("政府信息公开行政复议351件，其中结果维持72件，尚未审结37件；政府信息公开行政诉讼46件，其中结果纠正5件。"),
      (Stated{"review_litigation.administrative_review.total=351", "review_litigation.administrative_review.upheld=72",
              "review_litigation.administrative_review.pending=37",
              "review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total=46",
              "review_litigation.litigation_direct.corrected+review_litigation.litigation_after_review.corrected=5"}));
}

TEST(ProseStatements, CountsOfAnotherScopeOrOfAChangeAreNotTheTables) {
  for (const char *text : {
           "区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。",  // one office's
           "收到政府信息公开申请同比增加12件。",                                      // a change
           "其中自然人申请30件。",                                                    // a part
           "当场答复5件。",                                                           // a part
           "行政复议和行政诉讼共3件。",                                               // two rows at once
           "全年办理政府信息公开申请218件。",                                         // 办理: received or handled
           "全年收取政府信息公开信息处理费3940元。",                                  // no table holds it
           "主动公开政府信息1,206条。",
           "2024年，本机关未发生行政复议和行政诉讼。",
       })
    EXPECT_EQ(stated(text), Stated{}) << text;
}

Report report_with(const std::string &text, const char *read_from) {
  static const TemplateSpec spec = official_template_spec();
  Report r;
  r.pages = {{1, 595, 842, 0, 10, "text", read_from, 0}};
  r.keys = template_keys(spec.edition("2021"));
  r.sections = {{1, "overview", "总体情况", "一、总体情况", 1, text}};
  MappedValue received;
  received.value = 12;
  received.raw = "12";
  received.page = 1;
  r.values.values["applications.new_received.total"] = received;
  return r;
}

TEST(ProseChecks, ADisagreementIsWarnedOnTheKeyAndNothingIsChanged) {
  Report r = report_with("本年共收到政府信息公开申请13件，上年结转2件。", "text_layer");
  check_prose(r);
  ASSERT_EQ(r.prose_checks.size(), 2u);
  EXPECT_FALSE(r.prose_checks[0].agrees);
  EXPECT_EQ(*r.prose_checks[0].table, 12);
  EXPECT_EQ(*r.values.values["applications.new_received.total"].value, 12) << "reported, never fixed";
  EXPECT_FALSE(r.prose_checks[1].table) << "the carried-over value is unknown";
  EXPECT_FALSE(r.values.values.count("applications.carried_over.total")) << "never filled in from the text";
  std::vector<std::string> keys;
  for (const Warning &w : r.warnings)
    if (w.code == "prose_mismatch") keys.push_back(w.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"applications.new_received.total", "applications.carried_over.total"}));
  EXPECT_EQ(r.doubtful_values(), 0) << "a text layer's value is what the report prints";
  nlohmann::json j = to_json(r.prose_checks[1]);
  EXPECT_TRUE(j["agrees"].is_null());
  EXPECT_TRUE(j["table"].is_null());
}

TEST(ProseChecks, OnAScanADisagreementMakesTheValueDoubtful) {
  Report r = report_with("本年共收到政府信息公开申请13件。", "ocr");
  check_prose(r);
  EXPECT_EQ(r.doubtful_values(), 1);
  EXPECT_EQ(r.status(), "review");
  Report agreeing = report_with("本年共收到政府信息公开申请12件。", "ocr");
  check_prose(agreeing);
  EXPECT_TRUE(agreeing.prose_checks.at(0).agrees);
  EXPECT_TRUE(agreeing.warnings.empty());
}

TEST(ProseChecks, AcceptedApplicationsMayCountTheCarriedOverToo) {
  Report r = report_with("全年共受理政府信息公开申请15件。", "text_layer");
  MappedValue over;
  over.value = 3;
  r.values.values["applications.carried_over.total"] = over;
  check_prose(r);
  ASSERT_EQ(r.prose_checks.size(), 1u);
  EXPECT_TRUE(r.prose_checks[0].agrees) << "12 new and 3 carried over";
}

}  // namespace
}  // namespace xxgk::report
