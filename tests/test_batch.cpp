// Batch building blocks: inputs and shards, worker processes, result sinks, CSV.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "test_support.hpp"
#include "xxgk/batch/csv_export.hpp"
#include "xxgk/batch/inputs.hpp"
#include "xxgk/batch/progress.hpp"
#include "xxgk/batch/result_sink.hpp"
#include "xxgk/batch/worker.hpp"
#include "xxgk/markup/input_format.hpp"

namespace xxgk {
namespace {

using test::TempDir;
using test::write_file;

TEST(Shard, ParsesIOfN) {
  auto s = batch::parse_shard("2/5");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 5);
  for (const char *bad : {"", "1", "5/5", "-1/3", "1/0", "a/b", "1/2/3", "1/", "/2", " 1/2"})
    EXPECT_FALSE(batch::parse_shard(bad)) << bad;
}

TEST(Shard, EveryInputFallsInExactlyOneShard) {
  std::vector<std::string> paths;
  for (int i = 0; i < 300; ++i) paths.push_back("reports/省" + std::to_string(i) + "/年度报告.pdf");
  for (int count = 1; count <= 5; ++count) {
    std::map<std::string, int> hits;
    std::vector<int> sizes(static_cast<size_t>(count));
    for (int index = 0; index < count; ++index)
      for (const auto &p : paths)
        if (batch::in_shard(p, {index, count})) ++hits[p], ++sizes[static_cast<size_t>(index)];
    for (const auto &p : paths) EXPECT_EQ(hits[p], 1) << p;
    // A hash split is near even: no shard gets less than half its share.
    for (int size : sizes) EXPECT_GT(size, 300 / count / 2);
  }
}

TEST(Inputs, FoldersGiveTheirReportsRecursivelySortedAndOnce) {
  TempDir dir;
  auto d = dir.path();
  std::filesystem::create_directories(d / "b" / "c");
  for (const char *f :
       {"b/2.pdf", "b/c/3.PDF", "a.pdf", "notes.txt", "b/c/report.html", "b/c/report.docx", "b/c/logo.png"})
    write_file(d / f, "x");
  auto inputs = batch::expand_inputs({(d / "b").string(), (d / "a.pdf").string(), (d / "b" / "2.pdf").string()});
  std::vector<std::string> want{(d / "b" / "2.pdf").string(), (d / "b" / "c" / "3.PDF").string(),
                                (d / "b" / "c" / "report.docx").string(), (d / "b" / "c" / "report.html").string(),
                                (d / "a.pdf").string()};
  EXPECT_EQ(inputs, want);
  // A missing file stays an input: it becomes an error record, not a silent gap.
  EXPECT_EQ(batch::expand_inputs({"no/such.pdf"}), std::vector<std::string>{"no/such.pdf"});
}

TEST(Inputs, AFolderOfPageImagesIsOneInput) {
  TempDir dir;
  auto d = dir.path();
  std::filesystem::create_directories(d / "crawl" / "scan-2023");
  for (const char *f : {"crawl/a.pdf", "crawl/scan-2023/page-10.png", "crawl/scan-2023/page-2.png"})
    write_file(d / f, "x");
  auto inputs = batch::expand_inputs({(d / "crawl").string()});
  EXPECT_EQ(inputs, (std::vector<std::string>{(d / "crawl" / "a.pdf").string(), (d / "crawl" / "scan-2023").string()}));
  EXPECT_EQ(batch::expand_inputs({(d / "crawl" / "scan-2023").string()}),
            std::vector<std::string>{(d / "crawl" / "scan-2023").string()});
  auto pages = markup::page_images(d / "crawl" / "scan-2023");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].filename(), "page-2.png") << "page numbers compared as numbers";
}

TEST(Inputs, PathListSkipsBlankLinesAndCarriageReturns) {
  std::istringstream list("a.pdf\r\n\nwith space.pdf\n报告.pdf");
  EXPECT_EQ(batch::read_path_list(list), (std::vector<std::string>{"a.pdf", "with space.pdf", "报告.pdf"}));
}

batch::WorkerExit run_one(const std::string &script, batch::WorkerLimits limits) {
  TempDir dir;
  batch::WorkerPool pool(limits);
  EXPECT_TRUE(pool.start(7, {"/bin/sh", "-c", script}, (dir.path() / "err").string()));
  auto ended = pool.wait_any();
  EXPECT_TRUE(ended);
  EXPECT_EQ(ended->first, 7);
  EXPECT_FALSE(pool.wait_any());
  return ended->second;
}

TEST(Worker, ExitCodeAndErrorOutputAreKept) {
  auto exit = run_one("echo 'xxgk: error: not a PDF file' >&2; exit 3", {5, 0});
  EXPECT_EQ(exit.exit_code, 3);
  EXPECT_EQ(exit.signal, 0);
  EXPECT_EQ(batch::failure_reason(exit, {5, 0}), "not a PDF file");
}

TEST(Worker, ACrashIsReportedWithItsSignal) {
  auto exit = run_one("kill -SEGV $$", {5, 0});
  EXPECT_EQ(exit.signal, SIGSEGV);
  EXPECT_NE(batch::failure_reason(exit, {5, 0}).find("signal 11"), std::string::npos);
}

TEST(Worker, AHangIsKilledAtTheTimeout) {
  auto exit = run_one("sleep 30", {0.3, 0});
  EXPECT_TRUE(exit.timed_out);
  EXPECT_EQ(exit.signal, SIGKILL);
  EXPECT_LT(exit.seconds, 10);
  EXPECT_EQ(batch::failure_reason(exit, {0.3, 0}), "timed out after 0.3 s");
}

TEST(Worker, MemoryLimitIsSetOnTheChild) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "no address-space limit under AddressSanitizer";
#endif
  auto exit = run_one("ulimit -v >&2", {5, 300});
  EXPECT_NE(exit.error_output.find(std::to_string(300 * 1024)), std::string::npos) << exit.error_output;
  batch::WorkerExit oom;
  oom.exit_code = 1;
  oom.error_output = "xxgk: internal error: std::bad_alloc\n";
  EXPECT_EQ(batch::failure_reason(oom, {5, 300}), "out of memory (limit 300 MB)");
}

TEST(Worker, ManyAtOnceAllReportBack) {
  TempDir dir;
  batch::WorkerPool pool({10, 0});
  for (int i = 0; i < 6; ++i)
    ASSERT_TRUE(
        pool.start(i, {"/bin/sh", "-c", "exit " + std::to_string(i)}, (dir.path() / std::to_string(i)).string()));
  std::set<int> seen;
  while (auto ended = pool.wait_any()) {
    EXPECT_EQ(ended->second.exit_code, ended->first);
    seen.insert(ended->first);
  }
  EXPECT_EQ(seen.size(), 6u);
}

std::string record(const std::string &file, const std::string &sha) {
  return nlohmann::json{{"source", {{"file", file}, {"sha256", sha}}}, {"status", "ok"}}.dump();
}

TEST(JsonlSink, ResumeKeepsIntactRecordsOnceAndDropsATornLine) {
  TempDir dir;
  auto path = (dir.path() / "out.jsonl").string();
  write_file(path, record("a.pdf", "1") + "\n" + record("b.pdf", "2") + "\n" + record("a.pdf", "1") + "\n" +
                       record("c.pdf", "3").substr(0, 20));
  {
    auto sink = batch::jsonl_sink(path, true);
    EXPECT_TRUE(sink->has({"a.pdf", "1", 1}));
    EXPECT_TRUE(sink->has({"b.pdf", "2", 1}));
    EXPECT_FALSE(sink->has({"c.pdf", "3", 1}));
    EXPECT_FALSE(sink->has({"a.pdf", "changed", 1}));  // same name, new content: done again
    sink->write({"c.pdf", "3", 1}, record("c.pdf", "3"));
  }
  EXPECT_EQ(test::read_file(path),
            record("a.pdf", "1") + "\n" + record("b.pdf", "2") + "\n" + record("c.pdf", "3") + "\n");
  // Without resume the file starts afresh.
  batch::jsonl_sink(path, false);
  EXPECT_EQ(test::read_file(path), "");
}

TEST(DirectorySink, NamesFollowInputsAndClashesGetAHash) {
  auto names = batch::output_names({"x/report.pdf", "y/report.pdf", "z/other.pdf"});
  EXPECT_EQ(names[2], "other.json");
  EXPECT_NE(names[0], names[1]);
  EXPECT_EQ(names[0].rfind("report-", 0), 0u);
  TempDir dir;
  std::vector<std::string> all{"x/report.pdf", "z/other.pdf"};
  {
    auto sink = batch::directory_sink(dir.path().string(), all, false);
    sink->write({"z/other.pdf", "9", 1}, record("z/other.pdf", "9"));
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "other.json"));
  auto again = batch::directory_sink(dir.path().string(), all, true);
  EXPECT_TRUE(again->has({"z/other.pdf", "9", 1}));
  EXPECT_FALSE(again->has({"x/report.pdf", "8", 1}));
}

TEST(Csv, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(batch::csv_field("黄山市统计局"), "黄山市统计局");
  EXPECT_EQ(batch::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(batch::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(batch::csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(Csv, WideHasOneRowPerRecordAndLongOneRowPerValue) {
  nlohmann::json ok = {{"source", {{"file", "a.pdf"}, {"sha256", "1"}}},
                       {"meta", {{"agency", "某局"}, {"year", 2023}, {"edition", "2021"}, {"title", "t"}}},
                       {"status", "ok"},
                       {"doubtful_values", 1},
                       {"tables", {{"active_disclosure", {{"regulations", {{"issued", 4}, {"repealed", nullptr}}}}}}},
                       {"warnings", nlohmann::json::array()}};
  ok["warnings"].push_back({{"code", "low_confidence"},
                            {"key", "active_disclosure.regulations.issued"},
                            {"message", "m"},
                            {"confidence", 0.7}});
  nlohmann::json failed = {{"source", {{"file", "b.pdf"}, {"sha256", "2"}}},
                           {"status", "failed"},
                           {"error", {{"reason", "not a PDF file"}}}};
  std::string wide = batch::wide_csv({ok, failed}, {true});
  EXPECT_EQ(wide.rfind("\xEF\xBB\xBF"
                       "file,sha256,status,error,title,agency,year,edition,",
                       0),
            0u);
  // Flags travel with the values: the wide row says which keys are in doubt and why.
  EXPECT_NE(wide.find("\r\na.pdf,1,ok,,t,某局,2023,2021,1,active_disclosure.regulations.issued:low_confidence,,,,4,"),
            std::string::npos);
  ok["validation"] = {{"passed", 3}, {"skipped", 0}, {"failed", nlohmann::json::array({{{"rule", "r"}}})}};
  ok["prose_checks"] = nlohmann::json::array({{{"agrees", true}}, {{"agrees", false}}, {{"agrees", nullptr}}});
  EXPECT_NE(batch::wide_csv({ok}).find(",active_disclosure.regulations.issued:low_confidence,1,3,2,4,"),
            std::string::npos)
      << "one failed check; three numbers stated, two the table does not give";
  EXPECT_NE(wide.find("\r\nb.pdf,2,failed,not a PDF file,"), std::string::npos);
  std::string lng = batch::long_csv({ok, failed});
  EXPECT_EQ(lng,
            "file,key,value,confidence,flags\r\n"
            "a.pdf,active_disclosure.regulations.issued,4,0.7,low_confidence\r\n"
            "a.pdf,active_disclosure.regulations.repealed,,,\r\n");
  // No provenance and no warning: the confidence is not known, and not written as 1.
  ok["warnings"] = nlohmann::json::array();
  EXPECT_NE(batch::long_csv({ok}).find("a.pdf,active_disclosure.regulations.issued,4,,\r\n"), std::string::npos);
}

TEST(Csv, LoadsJsonLinesJsonFilesAndFolders) {
  TempDir dir;
  write_file(dir.path() / "a.jsonl", record("a.pdf", "1") + "\n" + record("b.pdf", "2") + "\nnot json\n");
  std::filesystem::create_directories(dir.path() / "d");
  write_file(dir.path() / "d" / "c.json", nlohmann::json::parse(record("c.pdf", "3")).dump(2));
  std::vector<std::string> problems;
  auto records = batch::load_records({(dir.path() / "a.jsonl").string(), (dir.path() / "d").string()}, problems);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2]["source"]["file"], "c.pdf");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("a.jsonl:3"), std::string::npos);
}

TEST(Progress, LineSaysDoneFailedRateAndEta) {
  EXPECT_EQ(batch::progress_line({0, 10, 0, 0}), "0/10 done, 0 s elapsed");
  EXPECT_EQ(batch::progress_line({50, 100, 2, 25}), "50/100 done, 2 failed, 2 files/s, ETA 25 s, 25 s elapsed");
  EXPECT_EQ(batch::progress_line({100, 100, 0, 80}), "100/100 done, 1.2 files/s, 1m20s elapsed");
}

}  // namespace
}  // namespace xxgk
