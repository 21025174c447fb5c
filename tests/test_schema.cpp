#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

nlohmann::json sample_json() {
  pipeline::ExtractOptions options;
  options.ocr = pipeline::OcrMode::never;
  return report::to_json(pipeline::extract_report(test::fixture("sample-report.pdf"), options, {}));
}

TEST(ReportSchema, IsValidJsonSchemaText) {
  auto schema = nlohmann::json::parse(schema::report_schema_text());
  EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

TEST(ReportSchema, SampleReportConforms) {
  nlohmann::json j = sample_json();
  EXPECT_EQ(schema::validate_report(j), std::vector<std::string>{});
}

TEST(ReportSchema, RejectsMissingAndMalformedFields) {
  nlohmann::json base = sample_json();
  auto expect_invalid = [](nlohmann::json j, const std::string &why) {
    EXPECT_FALSE(schema::validate_report(j).empty()) << why;
  };
  nlohmann::json j = base;
  j.erase("meta");
  expect_invalid(j, "no meta");
  j = base;
  j["source"]["sha256"] = "xyz";
  expect_invalid(j, "bad sha256");
  j = base;
  j["meta"]["edition"] = "2020";
  expect_invalid(j, "unknown edition");
  j = base;
  j["sections"][0]["id"] = "preface";
  expect_invalid(j, "unknown section id");
  j = base;
  j["unexpected"] = 1;
  expect_invalid(j, "unknown top-level field");
  j = base;
  j["warnings"].push_back({{"code", "Bad Code"}, {"message", "x"}});
  expect_invalid(j, "warning code not snake_case");
  j = base;
  j["tables"]["applications"]["other"] = j["tables"]["applications"]["other_misc"];
  j["tables"]["applications"].erase("other_misc");
  expect_invalid(j, "the 2019 form's row in a 2021 document");
  j = base;
  j["meta"]["edition"] = "2019";
  expect_invalid(j, "2021 values under the 2019 edition");
  j = base;
  j["tables"]["review_litigation"]["administrative_review"]["total"] = "4";
  expect_invalid(j, "a value that is text");
  j = base;
  j["tables"]["review_litigation"]["administrative_review"]["total"] = nullptr;
  EXPECT_TRUE(schema::validate_report(j).empty()) << "null: the cell could not be read";
}

}  // namespace
}  // namespace xxgk
