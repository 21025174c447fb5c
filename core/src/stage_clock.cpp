#include "xxgk/core/stage_clock.hpp"

#include <algorithm>

namespace xxgk {

void StageClock::add(const std::string &stage, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find_if(totals_.begin(), totals_.end(), [&](const auto &t) { return t.first == stage; });
  if (it == totals_.end())
    totals_.emplace_back(stage, seconds);
  else
    it->second += seconds;
}

std::vector<std::pair<std::string, double>> StageClock::totals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return totals_;
}

}  // namespace xxgk
