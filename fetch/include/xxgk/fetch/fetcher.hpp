#pragma once
// Fetching reports from government websites (libcurl), politely and once: every body goes
// into a content-addressed cache (DIR/objects/<sha256>, and DIR/urls/<sha256 of the URL>.json
// with the URL, final URL, status, headers and time), so re-runs and --resume read the cache.
// robots.txt is honoured, one host gets one request at a time with a delay between them,
// redirects are followed by hand (each hop counted, delayed and checked against robots.txt;
// loops caught), timeouts, 429 and 5xx are retried with exponential backoff (Retry-After
// honoured), and a body larger than the limit is refused.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "xxgk/fetch/robots.hpp"

namespace xxgk::fetch {

struct FetchOptions {
  std::string cache_dir;              // empty: default_cache_dir()
  std::string contact;                // added to the User-Agent (an e-mail or URL), as sites ask
  double delay_seconds = 1.0;         // between two requests to one host
  double connect_timeout = 20;        // seconds
  double timeout = 120;               // seconds for one request, body included
  long long max_bytes = 256LL << 20;  // a body larger than this is refused
  int max_redirects = 10;
  int retries = 3;                // further tries after a timeout, a 429 or a 5xx
  double backoff_seconds = 2;     // the wait before the first retry, doubled for each next
  double max_wait_seconds = 300;  // the most a Retry-After is waited for
  bool refresh = false;           // fetch again even what the cache holds
};

// ~/.cache/xxgk (or $XDG_CACHE_HOME/xxgk).
std::string default_cache_dir();
// "xxgk/VERSION (+https://…; CONTACT)": names the tool and whom to tell.
std::string user_agent(const FetchOptions &options);

struct Fetched {
  std::string url;        // as asked for
  std::string final_url;  // after redirects
  long http_status = 0;
  std::string content_type;
  std::string fetched_at;  // UTC, ISO 8601
  std::string sha256;      // of the body
  long long bytes = 0;
  std::string path;                                          // the body in the cache
  std::vector<std::pair<std::string, std::string>> headers;  // of the final response
  bool from_cache = false;
};

// A URL that could not be fetched: the reason names the HTTP status or the network error.
class FetchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a run of fetches did, for the batch summary and the notes.
struct FetchCounts {
  long requests = 0, retries = 0, cache_hits = 0, failures = 0;
  long long bytes = 0;
};

// Thread-safe: hosts are fetched in parallel, one request at a time per host.
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();
  Fetcher(const Fetcher &) = delete;
  Fetcher &operator=(const Fetcher &) = delete;

  // The URL's body, from the cache unless `refresh` (or `fresh`: a list page, which changes),
  // else fetched. Throws FetchError.
  Fetched get(const std::string &url, bool fresh = false);
  // What the cache holds for the URL, without fetching.
  std::optional<Fetched> cached(const std::string &url) const;
  FetchCounts counts() const;

  struct Host;      // defined in fetcher.cpp
  struct Response;  // defined in fetcher.cpp

 private:
  Host &host_of(const std::string &origin);
  Response request(Host &host, const std::string &url);
  Response request_with_retries(Host &host, const std::string &url);
  bool allowed(Host &host, const std::string &origin, const std::string &path);
  Fetched store(const std::string &url, const Response &final_response);

  FetchOptions options_;
  std::string cache_;
  mutable std::mutex mutex_;  // hosts_ and counts_
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  FetchCounts counts_;
};

}  // namespace xxgk::fetch
