#pragma once
// robots.txt (RFC 9309): the rules of the group that names our product token, else of "*";
// the longest matching Allow or Disallow wins, Allow on a tie; '*' and a final '$' in patterns.

#include <string>
#include <vector>

namespace xxgk::fetch {

class RobotsRules {
 public:
  RobotsRules() = default;  // allows everything (no robots.txt, or a 4xx for it)
  static RobotsRules parse(const std::string &text, const std::string &product_token);
  bool allows(const std::string &path) const;

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
};

}  // namespace xxgk::fetch
