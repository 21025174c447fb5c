#pragma once
// The time now as records and caches write it: UTC, ISO 8601, to the second.

#include <ctime>
#include <string>

namespace xxgk {

inline std::string utc_now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

}  // namespace xxgk
