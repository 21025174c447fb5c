// Scanned and mixed reports of the shared corpora (synth, synth-hard), read with OCR (--ocr
// auto, 300 DPI): cell values over each whole set, scored strictly (right is exactly what the
// report prints), and the rule that no wrong value goes out without a warning on its own key,
// and no wrong title fact without a warning about it.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "test_support.hpp"
#include "xxgk/pipeline/extract_report.hpp"

namespace xxgk {
namespace {

struct ScanResult {
  long keys = 0, right = 0, silent = 0, doubtful = 0;
  int meta_right = 0, meta_silent = 0;
  size_t sections = 0;
  std::vector<std::string> silent_keys, wrong_meta;
};

ScanResult score(const test::CorpusReport &file) {
  report::Report r = pipeline::extract_report(file.pdf, {}, {});
  ScanResult s;
  std::set<std::string> warned = test::warned_keys(r);
  for (const auto &[key, expected] : file.truth["values"].items()) {
    bool ok = test::value_is(r, key, expected.get<double>());
    ++s.keys;
    s.right += ok;
    if (!ok && !warned.count(key)) {
      ++s.silent;
      s.silent_keys.push_back(key + " = " + test::printed_value(r, key) + ", truth " + expected.dump());
    }
  }
  auto meta = [&](const std::string &field, bool right) {
    s.meta_right += right;
    bool flagged = test::meta_flagged(r, field);
    s.meta_silent += !right && !flagged;
    if (!right) s.wrong_meta.push_back(field + (flagged ? " (flagged)" : " (SILENT)"));
  };
  meta("agency", r.meta.agency == file.truth["agency"].get<std::string>());
  meta("year", r.meta.year && *r.meta.year == file.truth["year"].get<int>());
  meta("edition", r.meta.edition == file.truth["edition"].get<std::string>());
  s.doubtful = r.doubtful_values();
  s.sections = r.sections.size();
  return s;
}

// Every file on its own thread pool slot: OCR is the slow part of the suite.
std::vector<ScanResult> score_all(const std::vector<test::CorpusReport> &files) {
  std::vector<ScanResult> results(files.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned w = 0; w < n; ++w)
    workers.emplace_back([&] {
      for (size_t i = next++; i < files.size(); i = next++) results[i] = score(files[i]);
    });
  for (auto &t : workers) t.join();
  return results;
}

struct CorpusTotals {
  long keys = 0, right = 0, silent = 0, doubtful = 0;
  int reports = 0, meta_right = 0, meta_silent = 0;
  size_t sections = 0;
  double accuracy() const { return 100.0 * static_cast<double>(right) / static_cast<double>(keys); }
};

TEST(CorpusScans, ValuesOfScannedAndMixedReportsAndNoWrongValueUnflagged) {
  XXGK_REQUIRE_SHARED();
#ifdef XXGK_SANITIZED
  GTEST_SKIP() << "OCR of the whole corpus takes too long under sanitizers; OcrPipeline covers the path";
#endif
  auto files = test::corpus_reports([](const nlohmann::json &t) { return !test::is_born_digital(t); });
  ASSERT_GE(files.size(), 25u);
  std::vector<ScanResult> results = score_all(files);
  std::map<std::string, CorpusTotals> by_corpus;
  for (size_t i = 0; i < files.size(); ++i) {
    const ScanResult &s = results[i];
    std::string corpus = files[i].pdf.parent_path().filename().string();
    std::cout << "[scans] " << corpus << "/" << files[i].pdf.filename().string() << ": " << s.right << "/" << s.keys
              << " right, " << s.silent << " wrong without a warning, " << s.doubtful << " doubtful, sections "
              << s.sections << "/6\n";
    for (const auto &k : s.silent_keys) std::cout << "[scans]   SILENT: " << k << "\n";
    for (const auto &m : s.wrong_meta) std::cout << "[scans]   wrong " << m << "\n";
    CorpusTotals &t = by_corpus[corpus];
    t.keys += s.keys, t.right += s.right, t.silent += s.silent, t.doubtful += s.doubtful;
    t.meta_right += s.meta_right, t.meta_silent += s.meta_silent, t.sections += s.sections, ++t.reports;
  }
  for (const auto &[corpus, t] : by_corpus) {
    std::cout << "[scans] " << corpus << ": values right " << t.right << " of " << t.keys << " (" << std::fixed
              << std::setprecision(2) << t.accuracy() << "%), wrong without a warning " << t.silent
              << "; doubtful values " << t.doubtful << "; title facts right " << t.meta_right << " of " << 3 * t.reports
              << ", wrong unflagged " << t.meta_silent << "; sections " << t.sections << "/" << 6 * t.reports << "\n";
    SCOPED_TRACE(corpus);
    // The goal everywhere: no wrong value or title fact without a warning on it.
    EXPECT_EQ(t.silent, 0);
    EXPECT_EQ(t.meta_silent, 0);
  }
  // Every section heading of synth's scans (issue 5); synth-hard's r021-035 loses one to OCR
  // running it into a table row (flagged section_missing).
  EXPECT_EQ(by_corpus["synth"].sections, 6 * static_cast<size_t>(by_corpus["synth"].reports));
  // synth: issue 5's bar; synth-hard: issue 18's.
  EXPECT_GE(by_corpus["synth"].accuracy(), 99.5);
  EXPECT_GE(by_corpus["synth-hard"].accuracy(), 99.5);
  // How many values carry a warning, exactly: a flood of warnings shows here as a change to
  // review, as does a fix that makes values sure.
  // synth 547 -> 498 when a table part that lost its header took the columns its values stand
  // under in the part above, instead of the form's order (label_inferred). synth-hard 545 ->
  // 549 when a row of digits page OCR dropped was read by its ink, and a label no longer took
  // the next row's words (22 values found, 4 of them unsure); 548 when a header line reaching
  // out beyond the group header above it was no longer taken for its wrapped tail. synth 500
  // when a borderless table's cell the page's OCR read unsurely and that the two models read
  // differently when it was read again came to carry both readings (right values, doubted).
  // synth 503 when a check that holds only with a reading chosen to make it hold stopped
  // confirming its other values (r011-021: three right values of the row it was chosen in).
  // synth-hard 508 when digits whose look-alikes in the report read otherwise took their
  // reading (r021-026: four zeros read as 3, 4 and 5 taken as 0, doubted; the checks their
  // misreadings broke hold now, and the other 40 OCR'd values of those checks are no longer
  // in a failed one). synth 502, synth-hard 505 when a glyph's own print was weighed (a zero's
  // hole, a minus sign): r012-000's dropped minus (-1, wrong and flagged) now read; and when
  // values left of a row's words, as many as its words or more, counted as values again
  // (r011-021, r021-002: four right values no longer label_uncertain).
  EXPECT_EQ(by_corpus["synth"].doubtful, 502);
  EXPECT_EQ(by_corpus["synth-hard"].doubtful, 505);
}

}  // namespace
}  // namespace xxgk
