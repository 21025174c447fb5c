// Random bytes as robots.txt, and as a path to check against it: no crash, and time in
// proportion to the rules times the path however many wildcards they hold.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xxgk/fetch/robots.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  size_t cut = text.find('\n') == std::string::npos ? 0 : text.find('\n');
  auto rules = xxgk::fetch::RobotsRules::parse(text.substr(cut), "xxgk");
  rules.allows("/" + text.substr(0, cut));
  return 0;
}
