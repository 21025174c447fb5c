// Arbitrary bytes as a table cell's printed value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "xxgk/normalize/number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char *>(data), size);
  auto parsed = xxgk::normalize::parse_number(raw);
  if (parsed.kind == xxgk::normalize::NumberKind::number && !std::isfinite(parsed.value)) __builtin_trap();
  (void)xxgk::normalize::to_string(parsed.kind);
  return 0;
}
