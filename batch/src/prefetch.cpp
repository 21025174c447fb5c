#include "xxgk/batch/prefetch.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "xxgk/fetch/crawl.hpp"
#include "xxgk/fetch/url.hpp"

namespace xxgk::batch {
namespace {

// Hosts fetched at once: enough to keep a crawl of many sites busy, few enough to be a
// considerate client and a small process.
constexpr size_t hosts_at_once = 8;

std::string origin(const std::string &url) {
  auto u = fetch::parse_url(url);
  return u ? fetch::origin_of(*u) : url;
}

}  // namespace

InputFile describe_url(const std::string &url, const fetch::Fetcher &fetcher) {
  InputFile in{url, "", std::nullopt};
  if (auto hit = fetcher.cached(url)) {
    in.sha256 = hit->sha256;
    in.bytes = static_cast<std::uintmax_t>(hit->bytes);
  }
  return in;
}

PrefetchResult prefetch(const std::vector<InputFile> &urls, fetch::Fetcher &fetcher, std::ostream &log) {
  auto started = std::chrono::steady_clock::now();
  std::map<std::string, std::vector<size_t>> by_host;
  for (size_t i = 0; i < urls.size(); ++i) by_host[origin(urls[i].path)].push_back(i);
  log << "xxgk: fetching " << urls.size() << " URL(s) from " << by_host.size()
      << " host(s): one request per host at a time" << std::endl;
  std::vector<InputFile> done(urls);
  std::vector<std::string> errors(urls.size());
  std::vector<std::vector<size_t>> hosts;
  for (auto &[host, list] : by_host) hosts.push_back(std::move(list));
  std::mutex next_mutex;
  size_t next = 0;
  auto work = [&] {
    for (;;) {
      size_t h;
      {
        std::lock_guard<std::mutex> lock(next_mutex);
        if (next >= hosts.size()) return;
        h = next++;
      }
      for (size_t i : hosts[h]) {
        try {
          const fetch::Fetched f = fetch::fetch_report(fetcher, urls[i].path).read();
          done[i].sha256 = f.sha256;
          done[i].bytes = static_cast<std::uintmax_t>(f.bytes);
        } catch (const fetch::FetchError &e) {
          errors[i] = e.what();
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 0; t < std::min(hosts_at_once, hosts.size()); ++t) threads.emplace_back(work);
  for (auto &t : threads) t.join();
  PrefetchResult result;
  for (size_t i = 0; i < urls.size(); ++i) {
    if (errors[i].empty())
      result.fetched.push_back(done[i]);
    else
      result.failed.push_back({urls[i], errors[i]});
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fetch::FetchCounts c = fetcher.counts();
  log << "xxgk: fetched " << result.fetched.size() << ", " << result.failed.size() << " failed; " << c.requests
      << " request(s), " << c.retries << " retry(ies), " << c.bytes << " bytes, " << c.cache_hits << " from the cache; "
      << static_cast<long>(result.seconds) << " s" << std::endl;
  return result;
}

}  // namespace xxgk::batch
