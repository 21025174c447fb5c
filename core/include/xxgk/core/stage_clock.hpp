#pragma once
// Time spent per pipeline stage, for the benchmark (bench/). A run given no clock pays nothing.

#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace xxgk {

// Seconds per stage, summed over calls and over the threads that ran the stage (pages read in
// parallel add up: with one thread the sums are the run's wall time per stage).
class StageClock {
 public:
  void add(const std::string &stage, double seconds);
  // Stages in the order first seen, with their totals.
  std::vector<std::pair<std::string, double>> totals() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, double>> totals_;
};

// Adds the time from construction to destruction to `stage` of `clock`, if there is a clock.
class StageTimer {
 public:
  StageTimer(StageClock *clock, const char *stage)
      : clock_(clock), stage_(stage), start_(std::chrono::steady_clock::now()) {}
  ~StageTimer() {
    if (clock_) clock_->add(stage_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }
  StageTimer(const StageTimer &) = delete;
  StageTimer &operator=(const StageTimer &) = delete;

 private:
  StageClock *clock_;
  const char *stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace xxgk
