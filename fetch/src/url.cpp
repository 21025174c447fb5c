#include "xxgk/fetch/url.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace xxgk::fetch {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool starts_with_nocase(const std::string &s, const std::string &prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

// "/a/b/../c/./d" -> "/a/c/d"; a query is left alone.
std::string remove_dot_segments(const std::string &path) {
  size_t query = path.find('?');
  std::string p = path.substr(0, query), rest = query == std::string::npos ? "" : path.substr(query);
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    std::string seg = p.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (seg != ".") {
      parts.push_back(seg);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  bool trailing = !p.empty() && (p.back() == '/' || p.ends_with("/.") || p.ends_with("/.."));
  std::string out;
  for (const std::string &s : parts) out += "/" + s;
  if (out.empty() || (trailing && out.back() != '/')) out += "/";
  return out + rest;
}

}  // namespace

bool is_url(const std::string &text) {
  return starts_with_nocase(text, "http://") || starts_with_nocase(text, "https://");
}

std::optional<Url> parse_url(const std::string &text) {
  if (!is_url(text)) return std::nullopt;
  size_t scheme_end = text.find("://");
  Url u;
  u.scheme = lower(text.substr(0, scheme_end));
  size_t authority = scheme_end + 3;
  size_t path_start = text.find_first_of("/?#", authority);
  std::string host_port =
      text.substr(authority, path_start == std::string::npos ? std::string::npos : path_start - authority);
  if (size_t at = host_port.rfind('@'); at != std::string::npos) host_port = host_port.substr(at + 1);  // no userinfo
  size_t colon = host_port.rfind(':');
  if (colon != std::string::npos && host_port.find(']') == std::string::npos) {
    u.port = host_port.substr(colon + 1);
    host_port = host_port.substr(0, colon);
    if (u.port.empty() || !std::all_of(u.port.begin(), u.port.end(), ::isdigit)) return std::nullopt;
  }
  u.host = lower(host_port);
  if (u.host.empty()) return std::nullopt;
  std::string path = path_start == std::string::npos ? "/" : text.substr(path_start);
  if (size_t hash = path.find('#'); hash != std::string::npos) path = path.substr(0, hash);
  if (path.empty() || path[0] != '/') path = "/" + path;
  u.path = path;
  return u;
}

std::string origin_of(const Url &u) {
  return u.scheme + "://" + u.host + (u.port.empty() ? "" : ":" + u.port);
}

std::optional<std::string> resolve(const std::string &base, const std::string &link) {
  std::string l = link;
  l.erase(0, l.find_first_not_of(" \t\r\n"));
  l.erase(l.find_last_not_of(" \t\r\n") + 1);
  if (l.empty() || l[0] == '#') return std::nullopt;
  if (is_url(l)) {
    auto u = parse_url(l);
    return u ? std::optional(origin_of(*u) + remove_dot_segments(u->path)) : std::nullopt;
  }
  if (l.find(':') != std::string::npos && l.find(':') < l.find_first_of("/?")) return std::nullopt;  // mailto:
  auto b = parse_url(base);
  if (!b) return std::nullopt;
  if (size_t hash = l.find('#'); hash != std::string::npos) l = l.substr(0, hash);
  if (l.starts_with("//")) return resolve(base, b->scheme + ":" + l);
  std::string path;
  if (l[0] == '/') {
    path = l;
  } else if (l[0] == '?') {
    path = b->path.substr(0, b->path.find('?')) + l;
  } else {
    std::string dir = b->path.substr(0, b->path.find('?'));
    path = dir.substr(0, dir.rfind('/') + 1) + l;
  }
  return origin_of(*b) + remove_dot_segments(path);
}

}  // namespace xxgk::fetch
