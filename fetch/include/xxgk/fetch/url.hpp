#pragma once
// URLs as xxgk meets them: inputs (http and https only) and the links of a page.

#include <optional>
#include <string>

namespace xxgk::fetch {

// http:// or https:// (any case): an input to fetch rather than a file.
bool is_url(const std::string &text);

struct Url {
  std::string scheme;  // lower case
  std::string host;    // lower case, without the port
  std::string port;    // as written; empty for the scheme's default
  std::string path;    // from the first '/' on, query included ("/" when empty); no fragment
};

std::optional<Url> parse_url(const std::string &text);

// scheme://host[:port]: one site, for politeness and robots.txt.
std::string origin_of(const Url &url);

// A link of the page at `base` as an absolute URL (relative paths, ../, //host, ?query);
// nullopt for what is not http(s) (mailto:, javascript:, a fragment alone).
std::optional<std::string> resolve(const std::string &base, const std::string &link);

}  // namespace xxgk::fetch
