#pragma once
// Progress of a batch on stderr: one line redrawn in place on a terminal, plain lines now and
// then otherwise (a log file or CI).

#include <chrono>
#include <ostream>
#include <string>

namespace xxgk::batch {

struct ProgressState {
  int done = 0;   // finished this run (ok, partial or failed)
  int total = 0;  // to do this run
  int failed = 0;
  double elapsed_seconds = 0;
};

// "120/312 done, 3 failed, 4.1 files/s, ETA 47 s"
std::string progress_line(const ProgressState &state);

class ProgressReporter {
 public:
  ProgressReporter(std::ostream &out, bool terminal, double period_seconds);
  void update(const ProgressState &state);  // shown if the period has passed
  void finish(const ProgressState &state);  // the final state, always shown

 private:
  std::ostream &out_;
  bool terminal_;
  double period_;
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
  std::string last_line_;  // not shown twice in a row
  void show(const std::string &line, bool final_line);
};

}  // namespace xxgk::batch
