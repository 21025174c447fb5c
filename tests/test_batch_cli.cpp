// `xxgk extract` on many inputs: worker processes, error records, resume after SIGKILL, CSV.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "options.hpp"
#include "pdf_builder.hpp"
#include "test_support.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk {
namespace {

namespace fs = std::filesystem;
using test::fixture;
using test::read_file;
using test::run_xxgk;
using test::TempDir;
using test::write_file;

std::vector<nlohmann::json> jsonl_records(const fs::path &path) {
  std::vector<nlohmann::json> out;
  std::istringstream lines(read_file(path));
  std::string line;
  while (std::getline(lines, line)) out.push_back(nlohmann::json::parse(line));  // throws if torn
  return out;
}

std::map<std::string, std::string> lines_by_file(const fs::path &path) {
  std::map<std::string, std::string> out;
  std::istringstream lines(read_file(path));
  std::string line;
  while (std::getline(lines, line)) out[nlohmann::json::parse(line)["source"]["file"]] = line;
  return out;
}

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char &c : s) c = static_cast<char>(gen() & 0xff);
  return s;
}

// The poisonous inputs a crawler brings home, written into `dir`; their paths.
std::vector<std::string> poison_files(const fs::path &dir, const std::string &a_pdf) {
  fs::create_directories(dir);
  std::string pdf = read_file(a_pdf);
  std::map<std::string, std::string> files{
      {"zero-bytes.pdf", ""},
      {"random-1.pdf", random_bytes(4096, 1)},
      {"random-2.pdf", random_bytes(100000, 2)},
      {"truncated-100.pdf", pdf.substr(0, 100)},
      {"truncated-half.pdf", pdf.substr(0, pdf.size() / 2)},
      {"truncated-last-kb.pdf", pdf.substr(0, pdf.size() - 1024)},
      {"word.docx.pdf", "PK\x03\x04" + random_bytes(2000, 3)},
      {"header-only.pdf", "%PDF-1.7\n"},
      {"header-then-noise.pdf", "%PDF-1.4\n" + random_bytes(5000, 4)},
      {"archive.gz.pdf", "\x1f\x8b\x08" + random_bytes(3000, 5)},
  };
  std::vector<std::string> out;
  for (const auto &[name, bytes] : files) {
    write_file(dir / name, bytes);
    out.push_back((dir / name).string());
  }
  for (const char *bad : {"encrypted-user-password.pdf", "damaged.pdf", "zero-pages.pdf"}) {
    fs::copy_file(fixture(std::string("bad/") + bad), dir / bad);
    out.push_back((dir / bad).string());
  }
  fs::create_symlink(dir / "gone.pdf", dir / "dangling-link.pdf");
  out.push_back((dir / "dangling-link.pdf").string());
  return out;
}

// A huge page count of nothing: not an error, but a partial report of blank pages, quickly.
std::string two_thousand_blank_pages(const fs::path &dir) {
  auto path = dir / "two-thousand-pages.pdf";
  write_file(path, test::blank_pages_pdf(2000));
  return path.string();
}

TEST(BatchCli, UsageErrors) {
  for (const auto &args : std::vector<std::vector<std::string>>{{"extract", "a.pdf", "b.pdf", "-o", "x.json"},
                                                                {"extract", "a.pdf", "--resume"},
                                                                {"extract", "a.pdf", "--jsonl", "-", "--resume"},
                                                                {"extract", "a.pdf", "--jsonl", "x", "--out-dir", "y"},
                                                                {"extract", "a.pdf", "--shard", "3/3"},
                                                                {"extract", "a.pdf", "--jobs", "-1"},
                                                                {"extract", "a.pdf", "--max-memory", "10"},
                                                                {"extract", "a.pdf", "b.pdf", "--debug-dir", "d"},
                                                                {"tables", "a.pdf", "--jsonl", "x"},
                                                                {"csv"}}) {
    auto r = run_xxgk(args);
    EXPECT_EQ(r.exit_code, cli::exit_usage) << testing::PrintToString(args) << r.err;
  }
}

TEST(BatchCli, PoisonFilesBecomeErrorRecordsAndGoodFilesMatchTheirSingleRun) {
  TempDir dir;
  auto good = dir.path() / "good";
  fs::create_directories(good);
  for (const char *f : {"sample-report.pdf", "sample-rotated.pdf", "landscape-table.pdf"})
    fs::copy_file(fixture(f), good / f);
  auto bad = poison_files(dir.path() / "bad", fixture("sample-report.pdf").string());
  auto blank = two_thousand_blank_pages(good);
  auto out = dir.path() / "out.jsonl";
  auto r = run_xxgk({"extract", good.string(), (dir.path() / "bad").string(), "--jsonl", out.string(), "--jobs", "2",
                     "--timeout", "60"});
  EXPECT_EQ(r.exit_code, cli::exit_some_failed) << r.err;
  auto records = jsonl_records(out);
  std::map<std::string, nlohmann::json> by_file;
  for (const auto &rec : records) by_file[rec["source"]["file"]] = rec;
  EXPECT_EQ(records.size(), 4 + bad.size());
  EXPECT_EQ(by_file.size(), records.size()) << "one record per input";
  for (const auto &path : bad) {
    ASSERT_TRUE(by_file.count(path)) << path;
    EXPECT_EQ(by_file[path]["status"], "failed") << path;
    EXPECT_FALSE(by_file[path]["error"]["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(by_file[blank]["status"], "partial");
  EXPECT_EQ(by_file[blank]["pages"].size(), 2000u);
  auto lines = lines_by_file(out);
  for (const auto &entry : fs::directory_iterator(good)) {
    auto single = run_xxgk({"extract", entry.path().string()});
    EXPECT_EQ(lines[entry.path().string()] + "\n", single.out) << entry.path();
  }
  EXPECT_NE(r.err.find("18 inputs: 1 ok, 0 to review, 3 partial, 14 failed"), std::string::npos) << r.err;
}

TEST(BatchCli, KilledBatchResumesToExactlyOneRecordPerInput) {
  TempDir dir;
  auto in = dir.path() / "in";
  fs::create_directories(in);
  const int inputs = 40;
  for (int i = 0; i < inputs; ++i) fs::copy_file(fixture("sample-report.pdf"), in / ("r" + std::to_string(i) + ".pdf"));
  auto out = dir.path() / "out.jsonl";
  auto pid_file = dir.path() / "pid";
  std::string cmd = test::shell_quote(XXGK_BINARY) + " extract " + test::shell_quote(in.string()) + " --jsonl " +
                    test::shell_quote(out.string()) + " --jobs 2 2>/dev/null & echo $! > " +
                    test::shell_quote(pid_file.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline && (!fs::exists(out) || fs::file_size(out) < 3000))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  pid_t pid = std::stoi(read_file(pid_file));
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::string partial = read_file(out);
  size_t before = static_cast<size_t>(std::count(partial.begin(), partial.end(), '\n'));
  EXPECT_LT(before, static_cast<size_t>(inputs)) << "killed before the end";
  auto r = run_xxgk({"extract", in.string(), "--jsonl", out.string(), "--resume"});
  EXPECT_EQ(r.exit_code, cli::exit_ok) << r.err;
  auto records = jsonl_records(out);
  std::set<std::string> files;
  for (const auto &rec : records) {
    files.insert(rec["source"]["file"]);
    EXPECT_EQ(rec["status"], "ok");
  }
  EXPECT_EQ(records.size(), static_cast<size_t>(inputs));
  EXPECT_EQ(files.size(), static_cast<size_t>(inputs));
  EXPECT_NE(r.err.find("skipped as already done"), std::string::npos) << r.err;
}

TEST(BatchCli, ShardsSplitTheInputsAndOutDirHoldsOneFilePerInput) {
  TempDir dir;
  auto in = dir.path() / "in";
  fs::create_directories(in);
  for (int i = 0; i < 6; ++i) fs::copy_file(fixture("sample-report.pdf"), in / ("r" + std::to_string(i) + ".pdf"));
  std::set<std::string> written;
  for (const char *shard : {"0/2", "1/2"}) {
    auto r = run_xxgk({"extract", in.string(), "--out-dir", (dir.path() / "out").string(), "--shard", shard});
    EXPECT_EQ(r.exit_code, cli::exit_ok) << r.err;
  }
  for (const auto &e : fs::directory_iterator(dir.path() / "out")) written.insert(e.path().filename().string());
  EXPECT_EQ(written.size(), 6u);
  EXPECT_TRUE(written.count("r0.json"));
}

TEST(BatchCli, InputListFromStandardInput) {
  TempDir dir;
  fs::copy_file(fixture("sample-report.pdf"), dir.path() / "报告 one.pdf");
  auto out = dir.path() / "out.jsonl";
  std::string cmd = "printf '%s\\n\\n' " + test::shell_quote((dir.path() / "报告 one.pdf").string()) + " | " +
                    test::shell_quote(XXGK_BINARY) + " extract --files-from - --jsonl " +
                    test::shell_quote(out.string()) + " 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  auto records = jsonl_records(out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["source"]["file"], (dir.path() / "报告 one.pdf").string());
  // A folder is a batch: -o (one file) is refused there too.
  EXPECT_EQ(run_xxgk({"extract", dir.path().string(), "-o", "x.json"}).exit_code, cli::exit_usage);
}

// The acceptance batch: the shared corpus's born-digital reports under 15 names each, and the
// poisonous files; then its wide CSV read back by Python's csv module.
TEST(BatchCli, CorpusBatchOfThreeHundredInputs) {
#ifdef XXGK_SANITIZED
  GTEST_SKIP() << "a 330-file batch is for the optimised build";
#endif
  XXGK_REQUIRE_SHARED();
  TempDir dir;
  auto reports = test::corpus_reports(test::is_born_digital);
  ASSERT_GE(reports.size(), 20u);
  std::vector<std::string> inputs, first_copy;
  for (const auto &rep : reports)
    for (int copy = 0; copy < 15; ++copy) {
      auto folder = dir.path() / "in" / ("copy-" + std::to_string(copy));
      fs::create_directories(folder);
      auto path = folder / rep.pdf.filename();
      fs::copy_file(rep.pdf, path);
      inputs.push_back(path.string());
      if (copy == 0) first_copy.push_back(path.string());
    }
  auto bad = poison_files(dir.path() / "in" / "bad", reports.front().pdf.string());
  inputs.insert(inputs.end(), bad.begin(), bad.end());
  inputs.push_back(two_thousand_blank_pages(dir.path() / "in" / "bad"));
  ASSERT_GE(inputs.size(), 300u);
  std::string list;
  for (const auto &p : inputs) list += p + "\n";
  write_file(dir.path() / "list.txt", list);
  auto out = dir.path() / "all.jsonl";
  auto r = run_xxgk({"extract", "--files-from", (dir.path() / "list.txt").string(), "--jsonl", out.string(), "--jobs",
                     "2", "--timeout", "20"});
  EXPECT_EQ(r.exit_code, cli::exit_some_failed) << r.err;
  auto lines = lines_by_file(out);
  EXPECT_EQ(lines.size(), inputs.size());
  size_t failed = 0;
  for (const auto &[file, line] : lines) failed += nlohmann::json::parse(line)["status"] == "failed";
  EXPECT_EQ(failed, bad.size());
  // Each report's JSON is that of a single-file run (checked on one copy of each; the copies
  // differ from it only in source.file).
  for (const auto &path : first_copy) {
    auto single = run_xxgk({"extract", path});
    EXPECT_EQ(lines[path] + "\n", single.out) << path;
    auto expected = nlohmann::json::parse(single.out);
    for (int copy = 1; copy < 15; ++copy) {
      std::string other = path;
      other.replace(other.find("/copy-0/"), 8, "/copy-" + std::to_string(copy) + "/");
      expected["source"]["file"] = other;
      EXPECT_EQ(nlohmann::json::parse(lines[other]), expected) << other;
    }
  }
  auto csv = dir.path() / "wide.csv";
  ASSERT_EQ(run_xxgk({"csv", out.string(), "-o", csv.string()}).exit_code, cli::exit_ok);
  const report::TemplateSpec spec = report::official_template_spec();
  std::string keys;
  std::set<std::string> seen;
  for (const char *edition : {"2021", "2019"})
    for (const auto &k : report::template_keys(spec.edition(edition)))
      if (seen.insert(k).second) keys += k + "\n";
  write_file(dir.path() / "keys.txt", keys);
  std::string check =
      "import csv,sys\n"
      "rows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
      "keys=open(sys.argv[2],encoding='utf-8').read().split()\n"
      "assert rows[0][8:13]==['doubtful_values','flags','checks_failed','prose_stated','prose_disagreeing'], "
      "'flag columns'\n"
      "assert rows[0][13:]==keys, 'key columns'\n"
      "assert len(rows)-1==int(sys.argv[3]), (len(rows)-1, sys.argv[3])\n"
      "assert all(len(r)==len(rows[0]) for r in rows), 'ragged'\n"
      "assert len({r[0] for r in rows[1:]})==len(rows)-1, 'one row per report'\n";
  write_file(dir.path() / "check.py", check);
  std::string cmd = "python3 " + test::shell_quote((dir.path() / "check.py").string()) + " " +
                    test::shell_quote(csv.string()) + " " + test::shell_quote((dir.path() / "keys.txt").string()) +
                    " " + std::to_string(inputs.size());
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

}  // namespace
}  // namespace xxgk
