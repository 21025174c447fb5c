// The dataset (dataset/): batch records in SQLite, agencies matched across reports, the checks
// across one agency's years; and the CLI around it (extract --sqlite, db, check). The database
// is read back by Python's sqlite3 module, a reader that shares no code with the writer.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <set>
#include <thread>

#include "options.hpp"
#include "test_support.hpp"
#include "xxgk/dataset/cross_checks.hpp"
#include "xxgk/dataset/database.hpp"

namespace xxgk {
namespace {

namespace fs = std::filesystem;
using dataset::CrossCheck;
using dataset::CrossCheckKind;
using dataset::CrossCheckResult;
using dataset::ReportFacts;
using test::fixture;
using test::read_file;
using test::run_xxgk;
using test::shell_quote;
using test::TempDir;
using test::write_file;

// Runs `python3 -c SCRIPT DB` and parses what it prints as JSON.
nlohmann::json query(const fs::path &db, const std::string &script) {
  TempDir dir;
  write_file(dir.path() / "q.py", "import json, sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\n" + script);
  std::string cmd = "python3 " + shell_quote((dir.path() / "q.py").string()) + " " + shell_quote(db.string()) + " >" +
                    shell_quote((dir.path() / "out").string());
  EXPECT_EQ(std::system(cmd.c_str()), 0) << script;
  return nlohmann::json::parse(read_file(dir.path() / "out"));
}

nlohmann::json table_counts(const fs::path &db) {
  return query(db,
               "print(json.dumps({t: db.execute('SELECT COUNT(*) FROM ' + t).fetchone()[0] for t in "
               "['reports', 'report_values', 'warnings', 'failed_checks', 'sections', 'prose_checks', "
               "'cross_checks']}))\n");
}

ReportFacts facts(long long id, const std::string &agency, int year, int forward, int over,
                  std::vector<std::string> aliases = {}) {
  ReportFacts f;
  f.id = id;
  f.file = "r" + std::to_string(id) + ".pdf";
  f.status = "ok";
  f.agency = agency;
  f.aliases = std::move(aliases);
  f.year = year;
  for (const std::string &c : dataset::carry_over_columns()) {
    f.values["applications.carried_forward." + c] = c == "natural_person" || c == "total" ? forward : 0;
    f.values["applications.carried_over." + c] = c == "natural_person" || c == "total" ? over : 0;
  }
  return f;
}

std::vector<const CrossCheck *> of_kind(const std::vector<CrossCheck> &checks, CrossCheckKind kind,
                                        CrossCheckResult result) {
  std::vector<const CrossCheck *> out;
  for (const CrossCheck &c : checks)
    if (c.kind == kind && c.result == result) out.push_back(&c);
  return out;
}

TEST(AgencyGroups, ANameWithAndWithoutItsCityIsOneAgency) {
  auto groups =
      dataset::agency_groups({facts(1, "淮安市洪泽区人民政府", 2021, 0, 0), facts(2, "洪泽区人民政府", 2022, 0, 0),
                              facts(3, "淮安市人民政府", 2022, 0, 0)});
  EXPECT_EQ(groups[0], "淮安市洪泽区人民政府");
  EXPECT_EQ(groups[1], "淮安市洪泽区人民政府");
  EXPECT_EQ(groups[2], "淮安市人民政府");
}

TEST(AgencyGroups, AShortNameTwoCitiesWouldClaimStaysApart) {
  auto groups =
      dataset::agency_groups({facts(1, "福州市鼓楼区商务局", 2021, 0, 0), facts(2, "南京市鼓楼区商务局", 2022, 0, 0),
                              facts(3, "鼓楼区商务局", 2023, 0, 0)});
  EXPECT_EQ(std::set<std::string>(groups.begin(), groups.end()).size(), 3u);
}

TEST(AgencyGroups, TheNamesAReportGivesItselfDecideWhichCityItIs) {
  // 示范县人民政府 alone could be either city's; its text names it 甲市示范县人民政府.
  auto groups = dataset::agency_groups({facts(1, "示范县人民政府", 2021, 0, 0, {"甲市示范县人民政府"}),
                                        facts(2, "甲市示范县人民政府", 2022, 0, 0),
                                        facts(3, "乙市示范县人民政府", 2022, 0, 0), facts(4, "", 2022, 0, 0)});
  EXPECT_EQ(groups[0], "甲市示范县人民政府");
  EXPECT_EQ(groups[1], "甲市示范县人民政府");
  EXPECT_EQ(groups[2], "乙市示范县人民政府");
  EXPECT_EQ(groups[3], "");
}

TEST(CrossChecks, CarriedForwardMustBeNextYearsCarriedOverPerColumn) {
  auto checks = dataset::cross_checks({facts(1, "示例市统计局", 2021, 3, 0), facts(2, "示例市统计局", 2022, 1, 3),
                                       facts(3, "示例市统计局", 2023, 0, 2)});
  auto failed = of_kind(checks, CrossCheckKind::carry_over, CrossCheckResult::fail);
  ASSERT_EQ(failed.size(), 2u);  // 2022 -> 2023: natural_person and total
  for (const CrossCheck *c : failed) {
    EXPECT_EQ(c->year, 2022);
    EXPECT_EQ(*c->carried_forward, 1);
    EXPECT_EQ(*c->carried_over, 2);
  }
  EXPECT_EQ(of_kind(checks, CrossCheckKind::carry_over, CrossCheckResult::pass).size(), 2 * 7u - 2);
}

TEST(CrossChecks, NoChainAcrossAMissingYearAndAnUnknownValueIsNotAPass) {
  ReportFacts unknown = facts(2, "示例市统计局", 2020, 0, 0);
  unknown.values["applications.carried_over.total"] = std::nullopt;
  unknown.flagged.insert("applications.carried_over.natural_person");
  auto checks =
      dataset::cross_checks({facts(1, "示例市统计局", 2019, 0, 0), unknown, facts(3, "示例市统计局", 2023, 9, 5)});
  auto gaps = of_kind(checks, CrossCheckKind::year_missing, CrossCheckResult::note);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0]->year, 2020);
  EXPECT_EQ(gaps[0]->next_year, 2023);
  EXPECT_TRUE(of_kind(checks, CrossCheckKind::carry_over, CrossCheckResult::fail).empty());
  auto unknowns = of_kind(checks, CrossCheckKind::carry_over, CrossCheckResult::unknown);
  ASSERT_EQ(unknowns.size(), 1u);
  EXPECT_EQ(unknowns[0]->column, "total");
  bool doubtful_pass = false;
  for (const CrossCheck &c : checks) doubtful_pass |= c.column == "natural_person" && c.doubtful;
  EXPECT_TRUE(doubtful_pass) << "a flagged value's check says so";
}

TEST(CrossChecks, TwoReportsOfOneYearAreListedAndTheBetterOneIsChained) {
  ReportFacts partial = facts(1, "示例市统计局", 2022, 7, 0);
  partial.status = "partial";
  auto checks =
      dataset::cross_checks({partial, facts(2, "示例市统计局", 2022, 1, 0), facts(3, "示例市统计局", 2023, 0, 1)});
  auto duplicates = of_kind(checks, CrossCheckKind::duplicate, CrossCheckResult::note);
  ASSERT_EQ(duplicates.size(), 1u);
  EXPECT_EQ(duplicates[0]->report, 2);  // used: the complete one
  EXPECT_EQ(duplicates[0]->next_report, 1);
  EXPECT_TRUE(of_kind(checks, CrossCheckKind::carry_over, CrossCheckResult::fail).empty());
}

nlohmann::json sample_record() {
  return nlohmann::json::parse(run_xxgk({"extract", fixture("sample-report.pdf").string()}).out);
}

TEST(Database, StoringAReportTwiceReplacesItRowsAndAll) {
  TempDir dir;
  auto path = dir.path() / "d.db";
  nlohmann::json record = sample_record();
  {
    auto db = dataset::Database::open(path.string());
    db.store(record);
    record["warnings"].push_back({{"code", "test_note"}, {"message", "stored again"}});
    db.store(record);
    EXPECT_TRUE(db.has(record["source"]["file"], record["source"]["sha256"]));
    EXPECT_FALSE(db.has("elsewhere.pdf", record["source"]["sha256"]));
  }
  auto counts = table_counts(path);
  EXPECT_EQ(counts["reports"], 1);
  EXPECT_EQ(counts["report_values"], 200) << "every key of the 2021 edition once";
  EXPECT_EQ(counts["warnings"], 1);
  EXPECT_EQ(counts["sections"], record["sections"].size());
  auto row = query(path,
                   "r = db.execute(\"SELECT status, agency, year, edition, checks_passed, "
                   "(SELECT value FROM report_values WHERE key = 'applications.new_received.total') FROM reports\")"
                   ".fetchone()\nprint(json.dumps(r))\n");
  EXPECT_EQ(row, nlohmann::json::parse(R"(["ok", "示例市数据资源管理局", 2024, "2021", 42, 102])"));
}

TEST(Database, AFileThatIsNoDatasetIsRefused) {
  TempDir dir;
  write_file(dir.path() / "results.jsonl", "{\"a\": 1}\n");
  EXPECT_THROW(dataset::Database::open((dir.path() / "results.jsonl").string()), dataset::DatabaseError);
  std::string other = (dir.path() / "other.db").string();
  ASSERT_EQ(
      std::system(
          ("python3 -c \"import sqlite3; sqlite3.connect('" + other + "').execute('CREATE TABLE t (x)')\"").c_str()),
      0);
  EXPECT_THROW(dataset::Database::open(other), dataset::DatabaseError);
  auto r = run_xxgk({"check", other});
  EXPECT_EQ(r.exit_code, cli::exit_unreadable);
  EXPECT_NE(r.err.find("not an xxgk dataset"), std::string::npos) << r.err;
}

TEST(DatasetCli, UsageErrorsSayWhatIsMissing) {
  for (const auto &args : std::vector<std::vector<std::string>>{{"db", "results.jsonl"},
                                                                {"db", "-o", "x.db"},
                                                                {"check"},
                                                                {"check", "x.db", "--format", "xml"},
                                                                {"extract", "a.pdf", "--sqlite", "-"},
                                                                {"csv", "r.jsonl", "--sqlite", "x.db"}}) {
    auto r = run_xxgk(args);
    EXPECT_EQ(r.exit_code, cli::exit_usage) << testing::PrintToString(args) << r.err;
  }
  auto help = run_xxgk({"--help"});
  for (const char *taught : {"xxgk db RESULT", "xxgk check", "--sqlite FILE"})
    EXPECT_NE(help.out.find(taught), std::string::npos) << taught;
}

// Reports of the sample's kind made by the fixture generator: one agency over five years
// (named with and without its city, a break in the chain between 2021 and 2022, no 2024),
// another with two different reports of 2023, and a district name two cities share.
void make_agency_years(const fs::path &dir) {
  fs::create_directories(dir);
  struct Made {
    const char *file, *agency;
    int year;
    const char *over, *forward;
  };
  const Made made[] = {
      {"a2020", "示例市示例区数据资源管理局", 2020, "1,0,0,0,0,0", "2,1,0,0,0,0"},
      {"a2021", "示例区数据资源管理局", 2021, "2,1,0,0,0,0", "3,0,0,0,0,0"},
      {"a2022", "示例市示例区数据资源管理局", 2022, "2,0,0,0,0,0", "0,0,0,0,0,0"},  // 3 carried forward
      {"a2023", "示例市示例区数据资源管理局", 2023, "0,0,0,0,0,0", "4,0,0,0,0,0"},
      {"a2025", "示例市示例区数据资源管理局", 2025, "4,0,0,0,0,0", "0,0,0,0,0,0"},
      {"b2022", "乙市交通运输局", 2022, "0,0,0,0,0,0", "1,0,0,1,0,0"},
      {"b2023", "乙市交通运输局", 2023, "1,0,0,1,0,0", "0,0,0,0,0,0"},
      {"b2023-revised", "乙市交通运输局", 2023, "1,0,0,1,0,0", "1,0,0,0,0,0"},
      {"c2021", "甲市鼓楼区商务局", 2021, "0,0,0,0,0,0", "0,0,0,0,0,0"},
      {"c2022", "丙市鼓楼区商务局", 2022, "0,0,0,0,0,0", "0,0,0,0,0,0"},
      {"c2023", "鼓楼区商务局", 2023, "0,0,0,0,0,0", "0,0,0,0,0,0"},
  };
  for (const Made &m : made) {
    std::string cmd = shell_quote(XXGK_MAKE_FIXTURES) + " --report " + shell_quote((dir / m.file).string() + ".pdf") +
                      " --agency " + m.agency + " --year " + std::to_string(m.year) + " --carried-over " + m.over +
                      " --carried-forward " + m.forward;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
}

TEST(DatasetCli, OneAgencysYearsFindExactlyTheBreaks) {
  TempDir dir;
  make_agency_years(dir.path() / "in");
  auto db = dir.path() / "reports.db";
  auto r = run_xxgk({"extract", (dir.path() / "in").string(), "--sqlite", db.string(), "--jobs", "2"});
  ASSERT_EQ(r.exit_code, cli::exit_ok) << r.err;
  EXPECT_EQ(r.out, "") << "with --sqlite alone nothing goes to standard output";
  auto check = run_xxgk({"check", db.string(), "--format", "json"});
  EXPECT_EQ(check.exit_code, cli::exit_rules) << check.err;
  std::set<std::string> found;
  for (const auto &c : nlohmann::json::parse(check.out)) {
    if (c["result"] == "pass") continue;
    std::string what = c["kind"].get<std::string>() + " " + c["agency"].get<std::string>() + " " +
                       std::to_string(c["year"].get<int>()) + "-" + std::to_string(c["next_year"].get<int>());
    if (c.contains("column")) what += " " + c["column"].get<std::string>() + " " + c["result"].get<std::string>();
    found.insert(what);
  }
  EXPECT_EQ(found, (std::set<std::string>{"carry_over 示例市示例区数据资源管理局 2021-2022 natural_person fail",
                                          "carry_over 示例市示例区数据资源管理局 2021-2022 total fail",
                                          "year_missing 示例市示例区数据资源管理局 2023-2025",
                                          "duplicate 乙市交通运输局 2023-2023"}));
  auto csv = run_xxgk({"check", db.string(), "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("kind,agency,year,next_year,file,next_file,result,doubtful,message,column,", 0), 0u);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 28 + 2) << "a row per check: 28, a gap, a duplicate";
  auto text = run_xxgk({"check", db.string()});
  EXPECT_NE(text.out.find("28 carry-over checks: 26 pass, 2 fail"), std::string::npos) << text.out;
  auto years = query(db,
                     "print(json.dumps(db.execute('SELECT agency, year, reports_of_year FROM agency_years "
                     "ORDER BY agency, year').fetchall()))\n");
  EXPECT_EQ(years.size(), 10u) << years.dump();  // a: 5 years, b: 2, the three 鼓楼区 apart
  EXPECT_EQ(query(db,
                  "print(json.dumps(db.execute(\"SELECT COUNT(*) FROM report_wide WHERE "
                  "\\\"applications.carried_forward.total\\\" IS NOT NULL\").fetchone()[0]))\n"),
            11);
}

TEST(DatasetCli, OneDistrictsRealPagesAreOneAgencyWithNoChainAcrossMissingYears) {
  XXGK_REQUIRE_SHARED();
  auto web = test::shared_dir() / "corpus" / "real-web";
  std::vector<std::string> args{"check"};
  TempDir dir;
  for (const char *year : {"2019", "2021", "2024"}) {
    auto r = run_xxgk({"extract", (web / ("pingtan-gwh-" + std::string(year) + ".html")).string()});
    write_file(dir.path() / (std::string(year) + ".json"), r.out);
    args.push_back((dir.path() / (std::string(year) + ".json")).string());
  }
  args.insert(args.end(), {"--format", "json"});
  auto check = run_xxgk(args);
  EXPECT_EQ(check.exit_code, cli::exit_ok) << check.err;
  auto checks = nlohmann::json::parse(check.out);
  ASSERT_EQ(checks.size(), 2u) << checks.dump();
  for (const auto &c : checks) {
    EXPECT_EQ(c["kind"], "year_missing");
    EXPECT_EQ(c["agency"], "平潭综合实验区");
  }
}

// Every input of the shared corpora (scans left unread: --ocr never), as JSON Lines and SQLite
// in one batch, then `xxgk db` from those JSON Lines: the three agree.
TEST(DatasetCli, TheDatabaseHoldsWhatTheJsonLinesHold) {
  XXGK_REQUIRE_SHARED();
  TempDir dir;
  auto jsonl = dir.path() / "all.jsonl", db = dir.path() / "batch.db", rebuilt = dir.path() / "rebuilt.db";
  auto r = run_xxgk({"extract", (test::shared_dir() / "corpus").string(), "--ocr", "never", "--jsonl", jsonl.string(),
                     "--sqlite", db.string(), "--jobs", "2"});
  ASSERT_NE(r.exit_code, cli::exit_internal) << r.err;
  std::set<std::string> identities;
  long long values = 0, warnings = 0, sections = 0, failed_checks = 0, lines = 0;
  std::istringstream in(read_file(jsonl));
  for (std::string line; std::getline(in, line); ++lines) {
    auto record = nlohmann::json::parse(line);
    identities.insert(record["source"]["sha256"].is_string() ? record["source"]["sha256"].get<std::string>()
                                                             : "file:" + record["source"]["file"].get<std::string>());
    if (record.contains("tables"))
      for (const auto &[t, rows] : record["tables"].items())
        for (const auto &[row, columns] : rows.items()) values += static_cast<long long>(columns.size());
    warnings += record.contains("warnings") ? static_cast<long long>(record["warnings"].size()) : 0;
    sections += record.contains("sections") ? static_cast<long long>(record["sections"].size()) : 0;
    failed_checks += record.contains("validation") ? static_cast<long long>(record["validation"]["failed"].size()) : 0;
  }
  EXPECT_GT(lines, 150) << "every PDF, web page and Word file of the corpora";
  auto counts = table_counts(db);
  EXPECT_EQ(counts["reports"], identities.size()) << "one row per content";
  EXPECT_EQ(counts["report_values"], values);
  EXPECT_EQ(counts["warnings"], warnings);
  EXPECT_EQ(counts["sections"], sections);
  EXPECT_EQ(counts["failed_checks"], failed_checks);
  auto made = run_xxgk({"db", jsonl.string(), "-o", rebuilt.string()});
  ASSERT_EQ(made.exit_code, cli::exit_ok) << made.err;
  const std::string dump =
      "out = {}\n"
      "for t in ['reports', 'report_values', 'warnings', 'failed_checks', 'sections', 'prose_checks', "
      "'cross_checks']:\n"
      "    cols = [c[1] for c in db.execute('PRAGMA table_info(' + t + ')') if c[1] != 'stored_at']\n"
      "    out[t] = sorted(map(repr, db.execute('SELECT ' + ','.join(cols) + ' FROM ' + t).fetchall()))\n"
      "print(json.dumps(out))\n";
  EXPECT_TRUE(query(db, dump) == query(rebuilt, dump)) << "xxgk db gives the database --sqlite gave";
}

TEST(DatasetCli, AKilledBatchResumesToWholeReportsOnly) {
  TempDir dir;
  auto in = dir.path() / "in";
  fs::create_directories(in);
  const int inputs = 30;
  std::string sample = read_file(fixture("sample-report.pdf"));
  for (int i = 0; i < inputs; ++i)  // a comment after the end makes each file other content
    write_file(in / ("r" + std::to_string(i) + ".pdf"), sample + "% copy " + std::to_string(i) + "\n");
  auto db = dir.path() / "reports.db", pid_file = dir.path() / "pid";
  std::string cmd = shell_quote(XXGK_BINARY) + " extract " + shell_quote(in.string()) + " --sqlite " +
                    shell_quote(db.string()) + " --jobs 1 2>/dev/null & echo $! > " + shell_quote(pid_file.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  // Read while the batch writes: a reader sees whole reports, never a lock error.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  long long seen = 0;
  while (std::chrono::steady_clock::now() < deadline && seen < 5) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (fs::exists(db)) seen = table_counts(db)["reports"].get<long long>();
  }
  ASSERT_EQ(::kill(std::stoi(read_file(pid_file)), SIGKILL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  long long before = table_counts(db)["reports"];
  EXPECT_LT(before, inputs) << "killed before the end";
  auto r = run_xxgk({"extract", in.string(), "--sqlite", db.string(), "--resume"});
  EXPECT_EQ(r.exit_code, cli::exit_ok) << r.err;
  EXPECT_NE(r.err.find(std::to_string(before) + " skipped as already done"), std::string::npos) << r.err;
  auto whole =
      query(db,
            "rows = db.execute('SELECT id, record FROM reports').fetchall()\n"
            "def n(t, i): return db.execute('SELECT COUNT(*) FROM ' + t + ' WHERE report_id = ?', (i,))"
            ".fetchone()[0]\n"
            "print(json.dumps([len(rows), len(set(json.loads(r)['source']['file'] for _, r in rows)), "
            "all(n('report_values', i) == sum(len(c) for t in json.loads(r)['tables'].values() "
            "for c in t.values()) and n('sections', i) == len(json.loads(r)['sections']) for i, r in rows)]))\n");
  EXPECT_EQ(whole, nlohmann::json::parse("[30, 30, true]"));
}

}  // namespace
}  // namespace xxgk
