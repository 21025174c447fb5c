#pragma once
// Paths and helpers shared by the tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <stdlib.h>
#include <sys/wait.h>

#include "xxgk/report/report.hpp"

namespace xxgk::test {

inline std::filesystem::path source_dir() {
  return XXGK_SOURCE_DIR;
}
inline std::filesystem::path fixture(const std::string &name) {
  return source_dir() / "fixtures" / name;
}

// ../shared beside the project (CI has it), or $XXGK_SHARED_DIR.
inline std::filesystem::path shared_dir() {
  const char *env = std::getenv("XXGK_SHARED_DIR");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path(XXGK_DEFAULT_SHARED_DIR);
}

// Tests over the shared corpus skip on a machine without it, but never in CI.
#define XXGK_REQUIRE_SHARED()                                                                 \
  do {                                                                                        \
    if (!std::filesystem::exists(::xxgk::test::shared_dir())) {                               \
      if (std::getenv("CI")) FAIL() << "shared data missing: " << ::xxgk::test::shared_dir(); \
      GTEST_SKIP() << "shared data not found at " << ::xxgk::test::shared_dir();              \
    }                                                                                         \
  } while (0)

std::string read_file(const std::filesystem::path &p);

// The value a report gives a truth's key; null when it gives none.
inline const report::MappedValue *value_for(const report::Report &r, const std::string &key) {
  auto it = r.values.values.find(key);
  return it != r.values.values.end() && it->second.value ? &it->second : nullptr;
}

inline bool value_is(const report::Report &r, const std::string &key, double truth) {
  const report::MappedValue *v = value_for(r, key);
  return v && std::abs(*v->value - truth) < 1e-9;
}

// Keys that carry a warning of their own: the only way a wrong value counts as flagged (a
// failed sum elsewhere does not say which of its cells is wrong).
inline std::set<std::string> warned_keys(const report::Report &r) {
  std::set<std::string> out;
  for (const auto &w : r.warnings)
    if (!w.key.empty()) out.insert(w.key);
  return out;
}

// Title-fact warnings: a wrong agency, year or edition counts as flagged only with one of these.
inline bool meta_flagged(const report::Report &r, const std::string &field) {
  std::set<std::string> codes;
  for (const auto &w : r.warnings) codes.insert(w.code);
  auto any = [&](std::initializer_list<const char *> list) {
    return std::any_of(list.begin(), list.end(), [&](const char *c) { return codes.count(c) > 0; });
  };
  if (field == "agency")
    return any({"agency_missing", "agency_from_text", "agency_from_metadata", "agency_uncertain", "title_missing"});
  if (field == "year") return any({"year_missing", "year_uncertain", "title_missing"});
  return any({"edition_uncertain"});
}

// What the report printed for a key, for a message.
inline std::string printed_value(const report::Report &r, const std::string &key) {
  auto it = r.values.values.find(key);
  return it != r.values.values.end() ? it->second.raw : std::string("(not found)");
}

// The failed checks as a truth file lists them: RULE:ON.
inline std::set<std::string> failed_checks(const report::Report &r) {
  std::set<std::string> out;
  for (const auto &f : r.validation.failed) out.insert(f.rule + ":" + f.on);
  return out;
}

inline std::set<std::string> truth_violations(const nlohmann::json &truth) {
  std::set<std::string> out;
  for (const auto &v : truth["rule_violations"]) out.insert(v.get<std::string>());
  return out;
}

// A corpus report: its PDF and its truth file's content.
struct CorpusReport {
  std::filesystem::path pdf;
  nlohmann::json truth;
};

// The reports of shared/corpus/synth, synth-hard and real whose truth `keep` accepts,
// discovered on disk (a report added to the corpus is tested without code changes), sorted.
template <typename Keep>
std::vector<CorpusReport> corpus_reports(Keep keep, std::initializer_list<const char *> folders = {
                                                        "synth", "synth-hard", "real"}) {
  std::vector<CorpusReport> out;
  for (const char *folder : folders) {
    auto dir = shared_dir() / "corpus" / folder;
    if (!std::filesystem::exists(dir)) continue;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
      auto p = entry.path();
      if (p.extension() != ".pdf") continue;
      auto truth = nlohmann::json::parse(read_file(p.parent_path() / (p.stem().string() + ".truth.json")));
      if (keep(truth)) out.push_back({p, std::move(truth)});
    }
  }
  std::sort(out.begin(), out.end(), [](const CorpusReport &a, const CorpusReport &b) { return a.pdf < b.pdf; });
  return out;
}

// The numbers `r`'s text states (prose_checks) that are not what the truth's values give: a
// sentence taken for a cell it does not state, which would be a false prose_mismatch. Counts
// the statements into `stated`.
inline std::vector<std::string> prose_against_truth(const report::Report &r, const nlohmann::json &truth,
                                                    long &stated) {
  std::vector<std::string> out;
  for (const report::ProseCheck &c : r.prose_checks) {
    ++stated;
    bool agrees = false;
    for (const auto &keys : c.statement.alternatives) {
      double sum = 0;
      bool known = true;
      for (const std::string &k : keys) {
        known = known && truth["values"].contains(k);
        if (known) sum += truth["values"][k].get<double>();
      }
      agrees = agrees || (known && sum == c.statement.stated);
    }
    if (!agrees)
      out.push_back(c.statement.keys.front() + " stated " + std::to_string(c.statement.stated) + ": " +
                    c.statement.sentence);
  }
  return out;
}

inline bool is_born_digital(const nlohmann::json &truth) {
  const auto &variant = truth["variant"];
  return !variant.value("scanned", false) && !variant.value("mixed", false);
}

inline std::string read_file(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path &p, const std::string &bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xxgk-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string &s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs the xxgk binary with `args`, capturing stdout and stderr.
inline CommandResult run_xxgk(const std::vector<std::string> &args) {
  TempDir dir;
  std::string cmd = shell_quote(XXGK_BINARY);
  for (const auto &a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote((dir.path() / "out").string()) + " 2>" + shell_quote((dir.path() / "err").string()) +
         " </dev/null";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(dir.path() / "out");
  r.err = read_file(dir.path() / "err");
  return r;
}

}  // namespace xxgk::test
