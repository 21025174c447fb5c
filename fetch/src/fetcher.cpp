#include "xxgk/fetch/fetcher.hpp"

#include <curl/curl.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "xxgk/core/atomic_file.hpp"
#include "xxgk/core/sha256.hpp"
#include "xxgk/core/utc_time.hpp"
#include "xxgk/fetch/url.hpp"

#ifndef XXGK_VERSION
#define XXGK_VERSION "0"
#endif

namespace xxgk::fetch {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// One site: one request at a time, `delay` apart, and its robots.txt read once.
struct Fetcher::Host {
  std::mutex busy;  // held for the whole of one request
  Clock::time_point next_request{};
  std::once_flag robots_read;
  RobotsRules robots;
};

struct Fetcher::Response {
  CURLcode code = CURLE_OK;
  std::string error;  // curl's words for a failure
  long status = 0;
  std::string body;
  bool too_large = false;
  std::string content_type;
  std::string redirect_to;
  long long retry_after = 0;  // seconds
  std::vector<std::pair<std::string, std::string>> headers;
};

namespace {

// Statuses worth another try later: too many requests, and the server's passing troubles.
bool retry_status(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool retry_code(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_COULDNT_CONNECT || code == CURLE_GOT_NOTHING ||
         code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE;
}

std::string trimmed(const std::string &s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto *r = static_cast<std::pair<Fetcher::Response *, long long> *>(user);
  size_t n = size * count;
  if (static_cast<long long>(r->first->body.size() + n) > r->second) {
    r->first->too_large = true;
    return 0;  // stops the transfer
  }
  r->first->body.append(data, n);
  return n;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  auto *headers = static_cast<std::vector<std::pair<std::string, std::string>> *>(user);
  std::string line(data, size * count);
  if (line.starts_with("HTTP/")) headers->clear();  // a new response (after 100 Continue)
  size_t colon = line.find(':');
  if (colon != std::string::npos) headers->push_back({trimmed(line.substr(0, colon)), trimmed(line.substr(colon + 1))});
  return size * count;
}

std::string status_reason(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string describe_failure(const Fetcher::Response &r, const FetchOptions &o) {
  if (r.too_large)
    return "the response is larger than the limit of " + std::to_string(o.max_bytes >> 20) + " MB (--max-download)";
  if (r.code == CURLE_OPERATION_TIMEDOUT) return "timed out (" + r.error + ")";
  if (r.code != CURLE_OK) return "network error: " + r.error;
  std::string reason = status_reason(r.status);
  return "HTTP " + std::to_string(r.status) + (reason.empty() ? "" : " " + reason);
}

std::string cache_file_of_url(const std::string &cache, const std::string &url) {
  return (fs::path(cache) / "urls" / (sha256_hex(url) + ".json")).string();
}

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string default_cache_dir() {
  const char *xdg = std::getenv("XDG_CACHE_HOME");
  const char *home = std::getenv("HOME");
  fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home && *home ? home : "/tmp") / ".cache";
  return (base / "xxgk").string();
}

std::string user_agent(const FetchOptions &o) {
  std::string ua = std::string("xxgk/") + XXGK_VERSION + " (government report extractor";
  return ua + (o.contact.empty() ? "" : "; " + o.contact) + ")";
}

Fetcher::Fetcher(FetchOptions options)
    : options_(std::move(options)), cache_(options_.cache_dir.empty() ? default_cache_dir() : options_.cache_dir) {
  initialise_curl_once();
}

Fetcher::~Fetcher() = default;

Fetcher::Host &Fetcher::host_of(const std::string &origin) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto &h = hosts_[origin];
  if (!h) h = std::make_unique<Host>();
  return *h;
}

// One request, no redirect followed, when the host's turn comes.
Fetcher::Response Fetcher::request(Host &host, const std::string &url) {
  std::lock_guard<std::mutex> turn(host.busy);
  std::this_thread::sleep_until(host.next_request);
  Response r;
  std::unique_ptr<CURL, void (*)(CURL *)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw FetchError("cannot start libcurl");
  std::pair<Response *, long long> sink{&r, options_.max_bytes};
  std::string agent = user_agent(options_);
  char error[CURL_ERROR_SIZE] = {};
  CURL *c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, whatever libcurl decodes
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout * 1000));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  r.code = curl_easy_perform(c);
  host.next_request = Clock::now() + std::chrono::milliseconds(static_cast<long>(options_.delay_seconds * 1000));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++counts_.requests;
    counts_.bytes += static_cast<long long>(r.body.size());
  }
  if (r.code == CURLE_FILESIZE_EXCEEDED) r.too_large = true;
  r.error = error[0] ? error : curl_easy_strerror(r.code);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  const char *type = nullptr, *location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) r.content_type = type;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) r.redirect_to = location;
  curl_off_t wait = 0;
  if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK && wait > 0) r.retry_after = wait;
  return r;
}

Fetcher::Response Fetcher::request_with_retries(Host &host, const std::string &url) {
  for (int attempt = 0;; ++attempt) {
    Response r = request(host, url);
    bool retry = !r.too_large && (retry_code(r.code) || (r.code == CURLE_OK && retry_status(r.status)));
    if (!retry || attempt >= options_.retries) return r;
    double wait = options_.backoff_seconds * std::pow(2.0, attempt);
    if (r.retry_after > 0) wait = std::min(static_cast<double>(r.retry_after), options_.max_wait_seconds);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++counts_.retries;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(wait * 1000)));
  }
}

// robots.txt is read once per host; a 4xx or none allows everything, as RFC 9309 says, and a
// server error or network failure for it too (the report's own request will say what is wrong).
bool Fetcher::allowed(Host &host, const std::string &origin, const std::string &path) {
  std::call_once(host.robots_read, [&] {
    Response r = request(host, origin + "/robots.txt");
    if (r.code == CURLE_OK && r.status >= 200 && r.status < 300) host.robots = RobotsRules::parse(r.body, "xxgk");
  });
  return host.robots.allows(path);
}

Fetched Fetcher::store(const std::string &url, const Response &r) {
  Fetched f;
  f.url = url;
  f.http_status = r.status;
  f.content_type = r.content_type;
  f.fetched_at = utc_now_iso8601();
  f.sha256 = sha256_hex(r.body);
  f.bytes = static_cast<long long>(r.body.size());
  f.headers = r.headers;
  fs::path object = fs::path(cache_) / "objects" / f.sha256;
  std::error_code ec;
  fs::create_directories(object.parent_path(), ec);
  fs::create_directories(fs::path(cache_) / "urls", ec);
  if (!fs::exists(object) && !write_file_atomically(object, r.body))
    throw FetchError("cannot write to the cache " + cache_);
  f.path = object.string();
  return f;
}

Fetched Fetcher::get(const std::string &url, bool fresh) {
  if (!options_.refresh && !fresh)
    if (auto hit = cached(url)) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++counts_.cache_hits;
      return *hit;
    }
  auto failed = [&](const std::string &reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++counts_.failures;
    return FetchError(reason);
  };
  std::vector<std::string> chain{url};
  std::string current = url;
  for (int hop = 0; hop <= options_.max_redirects; ++hop) {
    auto u = parse_url(current);
    if (!u) throw failed("not an http(s) URL: " + current);
    Host &host = host_of(origin_of(*u));
    if (!allowed(host, origin_of(*u), u->path))
      throw failed("robots.txt of " + origin_of(*u) + " disallows " + u->path);
    Response r = request_with_retries(host, current);
    if (r.too_large || r.code != CURLE_OK) throw failed(describe_failure(r, options_));
    if (r.status >= 300 && r.status < 400 && !r.redirect_to.empty()) {
      if (std::find(chain.begin(), chain.end(), r.redirect_to) != chain.end())
        throw failed("redirect loop: " + current + " -> " + r.redirect_to);
      chain.push_back(r.redirect_to);
      current = r.redirect_to;
      continue;
    }
    if (r.status < 200 || r.status >= 300) throw failed(describe_failure(r, options_) + " for " + current);
    Fetched f = store(url, r);
    f.final_url = current;
    nlohmann::json meta = {{"url", url},
                           {"final_url", current},
                           {"redirects", chain.size() - 1},
                           {"http_status", f.http_status},
                           {"content_type", f.content_type},
                           {"fetched_at", f.fetched_at},
                           {"sha256", f.sha256},
                           {"bytes", f.bytes},
                           {"headers", f.headers}};
    if (!write_file_atomically(cache_file_of_url(cache_, url), meta.dump(2) + "\n"))
      throw failed("cannot write to the cache " + cache_);
    return f;
  }
  throw failed("more than " + std::to_string(options_.max_redirects) + " redirects from " + url);
}

std::optional<Fetched> Fetcher::cached(const std::string &url) const {
  std::ifstream in(cache_file_of_url(cache_, url));
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json meta = nlohmann::json::parse(ss.str(), nullptr, false);
  if (meta.is_discarded() || !meta.is_object() || !meta.contains("sha256")) return std::nullopt;
  Fetched f;
  f.url = url;
  f.final_url = meta.value("final_url", url);
  f.http_status = meta.value("http_status", 0L);
  f.content_type = meta.value("content_type", "");
  f.fetched_at = meta.value("fetched_at", "");
  f.sha256 = meta.value("sha256", "");
  f.bytes = meta.value("bytes", 0LL);
  f.path = (fs::path(cache_) / "objects" / f.sha256).string();
  f.from_cache = true;
  std::error_code ec;
  if (!fs::exists(f.path, ec) || static_cast<long long>(fs::file_size(f.path, ec)) != f.bytes) return std::nullopt;
  return f;
}

FetchCounts Fetcher::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

}  // namespace xxgk::fetch
