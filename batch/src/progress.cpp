#include "xxgk/batch/progress.hpp"

#include <cmath>
#include <cstdio>

namespace xxgk::batch {
namespace {

std::string duration(double seconds) {
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld s", s);
  return buf;
}

}  // namespace

std::string progress_line(const ProgressState &st) {
  std::string line = std::to_string(st.done) + "/" + std::to_string(st.total) + " done";
  if (st.failed) line += ", " + std::to_string(st.failed) + " failed";
  if (st.done > 0 && st.elapsed_seconds > 0) {
    double rate = st.done / st.elapsed_seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, rate >= 10 ? "%.0f" : "%.2g", rate);
    line += std::string(", ") + buf + " files/s";
    if (st.done < st.total) line += ", ETA " + duration((st.total - st.done) / rate);
  }
  line += ", " + duration(st.elapsed_seconds) + " elapsed";
  return line;
}

ProgressReporter::ProgressReporter(std::ostream &out, bool terminal, double period_seconds)
    : out_(out), terminal_(terminal), period_(period_seconds) {}

void ProgressReporter::show(const std::string &line, bool final_line) {
  if (line == last_line_ && !(terminal_ && final_line)) return;
  last_line_ = line;
  if (terminal_)
    out_ << "\r\x1b[Kxxgk: " << line << (final_line ? "\n" : "") << std::flush;
  else
    out_ << "xxgk: progress: " << line << "\n" << std::flush;
}

void ProgressReporter::update(const ProgressState &state) {
  auto now = std::chrono::steady_clock::now();
  if (shown_ && std::chrono::duration<double>(now - last_).count() < period_) return;
  last_ = now;
  shown_ = true;
  show(progress_line(state), false);
}

void ProgressReporter::finish(const ProgressState &state) {
  show(progress_line(state), true);
}

}  // namespace xxgk::batch
