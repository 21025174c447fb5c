#include "xxgk/batch/run_batch.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "xxgk/batch/prefetch.hpp"
#include "xxgk/fetch/url.hpp"

namespace xxgk::batch {
namespace {

namespace fs = std::filesystem;

// A folder for the workers' outputs, removed when the batch ends.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = fs::temp_directory_path() / ("xxgk-batch-" + std::to_string(::getpid()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path file(int job, const char *suffix) const { return path_ / (std::to_string(job) + suffix); }

 private:
  fs::path path_;
};

std::string read_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Outcome {
  std::string record;  // one line of JSON
  std::string status;  // ok / review / partial / failed
  bool rules_failed = false;
};

// What a worker left: the report it wrote (exit 0 ok, 5 partial, 8 review), else an error record.
Outcome outcome_of(const InputFile &input, const WorkerExit &exit, const fs::path &json_path,
                   const WorkerLimits &limits) {
  bool wrote =
      !exit.timed_out && exit.signal == 0 && (exit.exit_code == 0 || exit.exit_code == 5 || exit.exit_code == 8);
  if (wrote) {
    std::string text = read_file(json_path);
    nlohmann::json report = nlohmann::json::parse(text, nullptr, false);
    if (!report.is_discarded() && report.is_object()) {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      // The worker's own bytes when already one line (identical to a single-file run).
      if (text.find('\n') != std::string::npos)
        text = report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      bool rules = report.contains("validation") && report["validation"].contains("failed") &&
                   !report["validation"]["failed"].empty();
      return {text, report.value("status", "ok"), rules};
    }
  }
  std::string reason = wrote ? "the worker wrote no readable JSON" : failure_reason(exit, limits);
  return {failure_record(input, exit, reason).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "failed",
          false};
}

std::vector<std::string> worker_argv(const BatchOptions &o, const std::string &input, const fs::path &out) {
  // The batch holds each worker to the limits: the worker does not fork a limited child again.
  std::vector<std::string> argv{o.executable, "extract",   input, "-o",           out.string(), "--threads",
                                "1",          "--timeout", "0",   "--max-memory", "0"};
  argv.insert(argv.end(), o.worker_args.begin(), o.worker_args.end());
  return argv;
}

}  // namespace

BatchSummary run_batch(const BatchOptions &o, ResultSink &sink, ProgressReporter &progress) {
  auto started = std::chrono::steady_clock::now();
  BatchSummary sum;
  sum.inputs = static_cast<int>(o.inputs.size());
  std::deque<InputFile> todo;
  std::vector<InputFile> urls;
  std::optional<fetch::Fetcher> fetcher;
  for (const std::string &path : o.inputs) {
    if (fetch::is_url(path) && !fetcher) fetcher.emplace(o.fetch);
    InputFile in = fetch::is_url(path) ? describe_url(path, *fetcher) : describe_input(path);
    if (sink.has(in))
      ++sum.skipped;
    else if (fetch::is_url(path))
      urls.push_back(std::move(in));
    else
      todo.push_back(std::move(in));
  }
  // URLs are fetched here, politely, before any worker reads one (from the cache); one that
  // cannot be fetched gets its error record at once.
  std::vector<std::pair<InputFile, std::string>> unfetched;
  if (!urls.empty()) {
    PrefetchResult got = prefetch(urls, *fetcher, std::cerr);
    for (InputFile &in : got.fetched) {
      if (sink.has(in))
        ++sum.skipped;
      else
        todo.push_back(std::move(in));
    }
    unfetched = std::move(got.failed);
  }
  ProgressState state{0, static_cast<int>(todo.size()), 0, 0};
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  ScratchDir scratch;
  WorkerPool pool(o.limits);
  std::map<int, InputFile> running;
  int next_job = 0;
  auto finish = [&](int job, const WorkerExit &exit) {
    InputFile in = std::move(running[job]);
    running.erase(job);
    Outcome out = outcome_of(in, exit, scratch.file(job, ".json"), o.limits);
    sink.write(in, out.record);
    (out.status == "failed"    ? sum.failed
     : out.status == "partial" ? sum.partial
     : out.status == "review"  ? sum.review
                               : sum.ok)++;
    sum.rules_failed += out.rules_failed;
    std::error_code ec;
    fs::remove(scratch.file(job, ".json"), ec);
    fs::remove(scratch.file(job, ".err"), ec);
    ++state.done;
    state.failed = sum.failed;
  };
  auto start_workers = [&] {
    while (!todo.empty() && pool.running() < std::max(1, o.jobs)) {
      int job = next_job++;
      running[job] = std::move(todo.front());
      todo.pop_front();
      auto argv = worker_argv(o, running[job].path, scratch.file(job, ".json"));
      if (!pool.start(job, argv, scratch.file(job, ".err").string())) {
        WorkerExit exit;
        exit.exit_code = 127;
        finish(job, exit);
      }
    }
  };
  for (const auto &[in, reason] : unfetched) {
    WorkerExit exit;
    exit.exit_code = 3;  // unreadable input, as `xxgk extract URL` exits
    sink.write(in, failure_record(in, exit, reason).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    ++sum.failed;
    ++state.done;
    state.failed = sum.failed;
  }
  state.total += static_cast<int>(unfetched.size());
  progress.update(state);
  while (!todo.empty() || pool.running() > 0) {
    start_workers();
    if (auto ended = pool.wait_any()) {
      // The next input starts before this one's record is written: a slow sink (a database's
      // transaction) then costs the batch nothing while workers are busy.
      start_workers();
      finish(ended->first, ended->second);
    }
    state.elapsed_seconds = elapsed();
    progress.update(state);
  }
  state.elapsed_seconds = sum.seconds = elapsed();
  progress.finish(state);
  return sum;
}

std::string summary_line(const BatchSummary &s) {
  std::ostringstream out;
  out << s.inputs << " input" << (s.inputs == 1 ? "" : "s") << ": " << s.ok << " ok, " << s.review << " to review, "
      << s.partial << " partial, " << s.failed << " failed";
  if (s.skipped) out << " (" << s.skipped << " skipped as already done)";
  out << "; " << s.rules_failed << " report" << (s.rules_failed == 1 ? "" : "s")
      << " fail a check of the form's arithmetic; " << std::lround(s.seconds) << " s";
  return out.str();
}

}  // namespace xxgk::batch
