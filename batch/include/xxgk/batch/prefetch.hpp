#pragma once
// The URLs of a batch fetched into the cache before their workers start: one thread per host
// (up to a limit), each host one request at a time with the delay between, so politeness holds
// however many workers extract. A worker then reads its URL from the cache.

#include <ostream>
#include <string>
#include <vector>

#include "xxgk/batch/records.hpp"
#include "xxgk/fetch/fetcher.hpp"

namespace xxgk::batch {

// What the cache already holds for a URL input (sha256 and bytes; empty when nothing), so
// --resume can skip it without a request.
InputFile describe_url(const std::string &url, const fetch::Fetcher &fetcher);

struct PrefetchResult {
  std::vector<InputFile> fetched;                         // in the order given, with their content's sha256 and bytes
  std::vector<std::pair<InputFile, std::string>> failed;  // and why
  double seconds = 0;
};

PrefetchResult prefetch(const std::vector<InputFile> &urls, fetch::Fetcher &fetcher, std::ostream &log);

}  // namespace xxgk::batch
