// The corpus runner of bench/ runs end to end on a small folder and writes what it promises:
// every stage in its table, one CSV row per report, the page series and the bulk run. Its
// figures are not asserted (speed is measured, never tested).

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"

namespace xxgk {
namespace {

using test::shell_quote;

int run_bench(const std::vector<std::string> &args, const std::filesystem::path &err) {
  std::string cmd = shell_quote(XXGK_CORPUS_BENCH);
  for (const auto &a : args) cmd += " " + shell_quote(a);
  cmd += " 2>" + shell_quote(err.string());
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CorpusBench, WritesEveryStageARowPerReportThePageSeriesAndTheBulkRun) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "corpus");
  std::filesystem::create_symlink(test::fixture("sample-report.pdf"), dir.path() / "corpus" / "sample.pdf");
  auto md = dir.path() / "bench.md", csv = dir.path() / "bench.csv";
  ASSERT_EQ(run_bench({(dir.path() / "corpus").string(), "--xxgk", XXGK_BINARY, "--markdown", md.string(), "--csv",
                       csv.string(), "--no-peers", "--max-pages", "10", "--bulk", "4"},
                      dir.path() / "err"),
            0)
      << test::read_file(dir.path() / "err");
  std::string text = test::read_file(md);
  for (const char *stage : {"open", "text", "render", "rulings", "grid", "ocr_page", "ocr_cells", "mapping", "json"})
    EXPECT_NE(text.find("| " + std::string(stage) + " |"), std::string::npos) << stage;
  EXPECT_NE(text.find("| text | 1 |"), std::string::npos) << text;
  EXPECT_NE(text.find("| text | 10 |"), std::string::npos) << text;
  EXPECT_NE(text.find("Bulk run: 4 inputs"), std::string::npos) << text;
  EXPECT_NE(text.find("(1 files, 0 failed)"), std::string::npos) << text;

  std::istringstream rows(test::read_file(csv));
  std::string header, row, extra;
  ASSERT_TRUE(std::getline(rows, header));
  ASSERT_TRUE(std::getline(rows, row));
  EXPECT_FALSE(std::getline(rows, extra));
  EXPECT_EQ(header.rfind("file,kind,pages,ocr_pages,open_s", 0), 0u) << header;
  EXPECT_EQ(row.rfind("sample.pdf,text,", 0), 0u) << row;
  EXPECT_NE(row.substr(row.size() - 2), ",1") << "the run failed: " << row;
}

TEST(CorpusBench, UsageErrors) {
  test::TempDir dir;
  EXPECT_EQ(run_bench({}, dir.path() / "err"), 2);
  EXPECT_EQ(run_bench({"--no-such-option"}, dir.path() / "err"), 2);
  EXPECT_EQ(run_bench({"--help"}, dir.path() / "err"), 0);
  EXPECT_NE(test::read_file(dir.path() / "err").find("CORPUS_DIR"), std::string::npos);
}

}  // namespace
}  // namespace xxgk
