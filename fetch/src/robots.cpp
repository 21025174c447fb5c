#include "xxgk/fetch/robots.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace xxgk::fetch {
namespace {

std::string trimmed(const std::string &s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// '*' matches any run of characters; a final '$' anchors the end. Iterative, so a hostile
// pattern of many stars costs time in proportion to pattern x path, not more.
bool matches(const std::string &pattern, const std::string &path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  std::string p = anchored ? pattern.substr(0, pattern.size() - 1) : pattern;
  size_t pi = 0, si = 0, star = std::string::npos, mark = 0;
  while (si < path.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.size() && p[pi] == path[si]) {
      ++pi;
      ++si;
    } else if (pi == p.size() && !anchored) {
      return true;  // the pattern is a prefix of the rest
    } else if (star != std::string::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

RobotsRules RobotsRules::parse(const std::string &text, const std::string &product_token) {
  // Groups: consecutive user-agent lines, then their rules. Ours if it names our token.
  std::vector<Rule> ours, anyone;
  bool found_ours = false;
  std::vector<std::string> agents;
  bool in_rules = false;
  std::istringstream in(text);
  std::string token = lower(product_token);
  for (std::string line; std::getline(in, line);) {
    line = trimmed(line.substr(0, line.find('#')));
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string field = lower(trimmed(line.substr(0, colon))), value = trimmed(line.substr(colon + 1));
    if (field == "user-agent") {
      if (in_rules) agents.clear();
      in_rules = false;
      agents.push_back(lower(value));
      continue;
    }
    if (field != "allow" && field != "disallow") continue;
    in_rules = true;
    if (field == "disallow" && value.empty()) continue;  // "Disallow:" allows all
    Rule rule{field == "allow", value};
    for (const std::string &a : agents) {
      if (a == "*") anyone.push_back(rule);
      if (a != "*" && !token.empty() && token.find(a) != std::string::npos) {
        ours.push_back(rule);
        found_ours = true;
      }
    }
  }
  RobotsRules r;
  r.rules_ = found_ours ? ours : anyone;
  return r;
}

bool RobotsRules::allows(const std::string &path) const {
  const Rule *best = nullptr;
  for (const Rule &rule : rules_) {
    if (!matches(rule.pattern, path)) continue;
    if (!best || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow))
      best = &rule;
  }
  return !best || best->allow;
}

}  // namespace xxgk::fetch
