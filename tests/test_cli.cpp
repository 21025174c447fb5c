#include <gtest/gtest.h>

#include <set>

#include "options.hpp"
#include "test_support.hpp"
#include "xxgk/report/template_key.hpp"
#include "xxgk/schema/report_schema.hpp"

namespace xxgk {
namespace {

using test::fixture;
using test::run_xxgk;

TEST(Cli, HelpDocumentsCommandsAndExitCodes) {
  auto r = run_xxgk({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char *needle :
       {"xxgk extract FILE", "web page", "Word file (.docx)", "--password", "--ocr", "Exit codes", "5  partial"})
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle;
  EXPECT_EQ(run_xxgk({"extract", "--help"}).exit_code, 0);
}

TEST(Cli, Version) {
  auto r = run_xxgk({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("xxgk ", 0), 0u);
}

TEST(Cli, UsageErrors) {
  for (const auto &args : std::vector<std::vector<std::string>>{{},
                                                                {"frobnicate"},
                                                                {"extract"},
                                                                {"extract", "a.pdf", "b.pdf", "-o", "x"},
                                                                {"extract", "a.pdf", "--bogus"},
                                                                {"extract", "a.pdf", "--ocr", "sometimes"},
                                                                {"extract", "a.pdf", "--dpi", "abc"},
                                                                {"extract", "a.pdf", "-o"}}) {
    auto r = run_xxgk(args);
    EXPECT_EQ(r.exit_code, cli::exit_usage) << testing::PrintToString(args);
    EXPECT_NE(r.err.find("usage error"), std::string::npos);
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(Cli, ExtractSamplePrintsSchemaValidJson) {
  auto r = run_xxgk({"extract", fixture("sample-report.pdf").string()});
  ASSERT_EQ(r.exit_code, cli::exit_ok) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(schema::validate_report(j).empty());
  EXPECT_EQ(j["meta"]["agency"], "示例市数据资源管理局");
  EXPECT_EQ(j["meta"]["year"], 2024);
  EXPECT_EQ(j["meta"]["edition"], "2021");
  EXPECT_EQ(j["sections"].size(), 6u);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["source"]["pages"], 3);
  for (const auto &section : j["sections"])
    for (const char *table_word : {"信息内容", "申请人情况", "行政复议"})
      EXPECT_EQ(section["text"].get<std::string>().find(table_word), std::string::npos)
          << "section text is prose; tables are under \"tables\"";
}

TEST(Cli, DebugDirSaysWhyEachValueIsWhereItIs) {
  test::TempDir dir;
  auto r = run_xxgk({"extract", fixture("sample-report.pdf").string(), "--debug-dir", dir.path().string()});
  ASSERT_EQ(r.exit_code, cli::exit_ok) << r.err;
  auto record = nlohmann::json::parse(r.out);
  size_t explained = 0;
  for (int page = 1; page <= 3; ++page) {
    auto j = nlohmann::json::parse(test::read_file(dir.path() / ("page-" + std::to_string(page) + ".json")));
    EXPECT_EQ(j["page"], page);
    for (const auto &[key, v] : j["values"].items()) {
      EXPECT_EQ(v["page"], page) << key;
      const nlohmann::json *in_record = report::json_at_key(record["tables"], key);
      ASSERT_TRUE(in_record) << key;
      EXPECT_EQ(v["value"], *in_record) << key;
      // A born-digital table whose every label is the form's: each value by its own labels.
      EXPECT_EQ(v["placed_by"], "label_match") << key;
      EXPECT_FALSE(v["row_labels"].empty() && v["column_labels"].empty()) << key;
      EXPECT_TRUE(v["warnings"].is_array()) << key;
      ++explained;
    }
  }
  size_t values = 0;
  for (const auto &table : record["tables"])
    for (const auto &row : table)
      for (const auto &cell : row) values += cell.is_null() ? 0 : 1;
  EXPECT_EQ(explained, values) << "every value found is explained on its page";
  // The table continued from page 1 says why it was joined; each page has its stream steps.
  std::string stitch = test::read_file(dir.path() / "stitch.txt");
  EXPECT_NE(stitch.find("page 2, first table: joined to the table before"), std::string::npos) << stitch;
  for (int page = 1; page <= 3; ++page) {
    std::string stem = "page-" + std::to_string(page) + ".stream";
    EXPECT_TRUE(std::filesystem::exists(dir.path() / (stem + ".png"))) << stem;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / (stem + ".txt"))) << stem;
  }
}

TEST(Cli, OutputFileAndPrettyPrinting) {
  test::TempDir dir;
  auto out = dir.path() / "report.json";
  auto r = run_xxgk({"extract", fixture("sample-report.pdf").string(), "-o", out.string(), "--pretty"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::string text = test::read_file(out);
  EXPECT_NE(text.find("\n  \"meta\""), std::string::npos) << "indented";
  EXPECT_NO_THROW(nlohmann::json::parse(text));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "no temp file left";
}

TEST(Cli, UnwritableOutputIsAnError) {
  auto r = run_xxgk({"extract", fixture("sample-report.pdf").string(), "-o", "/nonexistent-dir/x.json"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos);
}

struct BadInput {
  std::string name;
  std::vector<std::string> extra_args;
  int exit_code;
  std::string message;
};

TEST(Cli, BadInputsGetTheirOwnMessageAndExitCode) {
  test::TempDir dir;
  test::write_file(dir.path() / "empty.pdf", "");
  test::write_file(dir.path() / "page.pdf", "\x9c\x01 neither a PDF nor a web page");
  const std::vector<std::pair<std::filesystem::path, BadInput>> cases = {
      {dir.path() / "missing.pdf", {"missing", {}, cli::exit_unreadable, "no such file"}},
      {dir.path() / "empty.pdf", {"empty", {}, cli::exit_unreadable, "empty"}},
      {dir.path() / "page.pdf", {"junk", {}, cli::exit_unreadable, "not a PDF"}},
      {fixture("bad/damaged.pdf"), {"damaged", {}, cli::exit_unreadable, "damaged"}},
      {fixture("bad/zero-pages.pdf"), {"zero pages", {}, cli::exit_unreadable, "no pages"}},
      {fixture("bad/encrypted-user-password.pdf"), {"encrypted", {}, cli::exit_encrypted, "password is needed"}},
      {fixture("bad/encrypted-user-password.pdf"),
       {"wrong password", {"--password", "nope"}, cli::exit_encrypted, "password does not open"}},
  };
  for (const auto &[path, c] : cases) {
    std::vector<std::string> args = {"extract", path.string()};
    args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
    auto r = run_xxgk(args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.name;
  }
}

TEST(Cli, EncryptedWithPasswordExtracts) {
  auto r = run_xxgk({"extract", fixture("bad/encrypted-user-password.pdf").string(), "--password", "secret-user"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["meta"]["year"], 2024);
}

TEST(Cli, AReportWithDoubtfulValuesExitsForReview) {
  XXGK_REQUIRE_SHARED();
  // A complete web page whose fee column is headed in 元 where the form counts 万元: the amount
  // is converted and said so, and the report is one to review.
  auto page = test::shared_dir() / "corpus" / "synth" / "r011-001-text.html";
  std::string html = test::read_file(page);
  size_t unit = html.find("单位：万元");
  ASSERT_NE(unit, std::string::npos);
  html.replace(unit, std::string("单位：万元").size(), "单位：元");
  test::TempDir dir;
  test::write_file(dir.path() / "in-yuan.html", html);
  auto r = run_xxgk({"extract", (dir.path() / "in-yuan.html").string()});
  EXPECT_EQ(r.exit_code, cli::exit_review) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "review");
  EXPECT_EQ(j["doubtful_values"], 1);
  EXPECT_EQ(run_xxgk({"extract", page.string()}).exit_code, cli::exit_ok) << "as published: ok";
}

TEST(Cli, ATitleWithoutAYearTakesTheTextsAndSaysSo) {
  XXGK_REQUIRE_SHARED();
  // A report whose title lost its year (OCR ran a mark into it: 212020年): the year before the
  // document's date is taken, flagged on the year.
  std::string html = test::read_file(test::shared_dir() / "corpus" / "synth" / "r011-001-text.html");
  size_t year = html.find("<b>2022</b>");
  ASSERT_NE(year, std::string::npos);
  html.erase(year, std::string("<b>2022</b>").size());
  test::TempDir dir;
  test::write_file(dir.path() / "no-year.html", html);
  auto j = nlohmann::json::parse(run_xxgk({"extract", (dir.path() / "no-year.html").string()}).out);
  EXPECT_EQ(j["meta"]["year"], 2022);
  std::set<std::string> codes;
  for (const auto &w : j["warnings"]) codes.insert(w["code"]);
  EXPECT_TRUE(codes.count("year_uncertain"));
  EXPECT_FALSE(codes.count("year_missing"));
}

TEST(Cli, PdfThatIsNoReportGivesPartialResult) {
  auto r = run_xxgk({"extract", fixture("not-a-report.pdf").string()});
  EXPECT_EQ(r.exit_code, cli::exit_partial) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "partial");
  EXPECT_TRUE(schema::validate_report(j).empty());
  std::set<std::string> codes;
  for (const auto &w : j["warnings"]) codes.insert(w["code"]);
  EXPECT_TRUE(codes.count("title_missing"));
  EXPECT_TRUE(codes.count("section_missing"));
  EXPECT_NE(r.err.find("warning"), std::string::npos);
}

TEST(Cli, ExtractValuesProvenanceAndValidate) {
  test::TempDir dir;
  auto out = dir.path() / "sample.json";
  auto r = run_xxgk({"extract", fixture("sample-report.pdf").string(), "--provenance", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(test::read_file(out));
  auto expected = nlohmann::json::parse(test::read_file(fixture("sample-report.expected.json")));
  for (const auto &[key, value] : expected["values"].items()) {
    size_t a = key.find('.'), b = key.find('.', a + 1);
    EXPECT_EQ(j["tables"][key.substr(0, a)][key.substr(a + 1, b - a - 1)][key.substr(b + 1)], value) << key;
  }
  EXPECT_EQ(j["cells"]["active_disclosure"]["licensing"]["decisions"]["raw"], "1,532");
  EXPECT_EQ(j["cells"]["active_disclosure"]["coercion"]["decisions"]["kind"], "zero_mark");
  EXPECT_EQ(j["validation"]["failed"].size(), 0u);
  auto ok = run_xxgk({"validate", out.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["passed"], j["validation"]["passed"]);

  // An edited file whose numbers no longer add up: reported, with the rule and the column.
  j["tables"]["applications"]["new_received"]["natural_person"] = 44;
  test::write_file(out, j.dump());
  auto slip = run_xxgk({"validate", out.string()});
  EXPECT_EQ(slip.exit_code, cli::exit_rules);
  auto failed = nlohmann::json::parse(slip.out)["failed"];
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0]["rule"], "applications.balance");
  EXPECT_EQ(failed[0]["on"], "natural_person");

  j.erase("meta");
  test::write_file(out, j.dump());
  EXPECT_EQ(run_xxgk({"validate", out.string()}).exit_code, cli::exit_rules) << "schema violation";
  test::write_file(out, "{not json");
  EXPECT_EQ(run_xxgk({"validate", out.string()}).exit_code, cli::exit_unreadable);
}

TEST(Cli, SchemaCommandPrintsTheSchema) {
  auto r = run_xxgk({"schema"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["title"], "xxgk report");
}

TEST(CliOptions, ParsesExtractOptions) {
  auto parsed = cli::parse_options({"extract", "a.pdf", "--ocr", "never", "--dpi", "200", "--password", "pw", "--lang",
                                    "chi_sim+eng", "--pretty", "-o", "x.json"});
  ASSERT_TRUE(std::holds_alternative<cli::Options>(parsed));
  const auto &o = std::get<cli::Options>(parsed);
  EXPECT_EQ(o.command, cli::Command::extract);
  EXPECT_EQ(o.inputs, std::vector<std::string>{"a.pdf"});
  EXPECT_EQ(o.extract.ocr, pipeline::OcrMode::never);
  EXPECT_DOUBLE_EQ(o.extract.ocr_dpi, 200);
  EXPECT_EQ(o.extract.password, "pw");
  EXPECT_EQ(o.extract.ocr_options.languages, "chi_sim+eng");
  EXPECT_TRUE(o.pretty);
  EXPECT_EQ(o.output, "x.json");
}

// One option table makes the parser, the workers' pass-through and --help: each option
// parsed is passed on to a batch's workers exactly when it is one of extract's own.
TEST(CliOptions, WorkersGetTheExtractOptionsAndNoneOfTheBatchs) {
  auto parsed = cli::parse_options({"extract", "a.pdf", "b.pdf", "--jobs", "2", "--dpi", "200", "--pretty", "--jsonl",
                                    "out.jsonl", "--refresh", "--cache", "c", "--timeout", "5", "--corrections", "d"});
  ASSERT_TRUE(std::holds_alternative<cli::Options>(parsed));
  const auto &o = std::get<cli::Options>(parsed);
  EXPECT_EQ(o.worker_args,
            (std::vector<std::string>{"--dpi", "200", "--pretty", "--cache", "c", "--corrections", "d"}));
  EXPECT_EQ(o.jobs, 2);
  EXPECT_TRUE(o.fetch.refresh) << "the batch fetches; its workers read the cache";
  EXPECT_DOUBLE_EQ(o.timeout, 5);
}

// The options README's usage block names are the option table's, no more and no fewer, and
// --help describes each one.
TEST(CliOptions, TheReadmeUsageAndHelpNameEveryOption) {
  std::string readme = test::read_file(test::source_dir() / "README.md");
  size_t start = readme.find("## Usage");
  ASSERT_NE(start, std::string::npos);
  start = readme.find("```sh\n", start);
  size_t end = readme.find("```", start + 5);
  ASSERT_NE(end, std::string::npos);
  std::string usage = readme.substr(start, end - start);
  std::set<std::string> in_readme;
  // Options stand after "[", a space or "|": "[-o OUT.json]", "[--jsonl FILE | --out-dir DIR]".
  for (size_t at = usage.find('-'); at != std::string::npos; at = usage.find('-', at + 1)) {
    bool starts = at > 0 && (usage[at - 1] == '[' || usage[at - 1] == ' ' || usage[at - 1] == '|');
    size_t name = usage.find_first_not_of('-', at);
    if (!starts || name - at > 2 || name >= usage.size() || usage[name] < 'a' || usage[name] > 'z') continue;
    size_t stop = usage.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", name);
    in_readme.insert(usage.substr(at, stop - at));
    at = stop - 1;
  }
  in_readme.erase("--help");
  in_readme.erase("--version");
  std::vector<std::string> names = cli::option_names();
  EXPECT_EQ(in_readme, std::set<std::string>(names.begin(), names.end()));
  std::string help = cli::help_text();
  for (const std::string &name : names) EXPECT_NE(help.find("  " + name), std::string::npos) << name;
}

}  // namespace
}  // namespace xxgk
