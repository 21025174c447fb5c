// Arbitrary bytes as a text layer's UTF-8: folding and cleaning never crash, and what they
// return is valid UTF-8 again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string cleaned = xxgk::normalize::clean_text(text);
  if (xxgk::to_utf8(xxgk::to_u32(cleaned)) != cleaned) __builtin_trap();  // not valid UTF-8
  xxgk::TextRun run;
  run.text = text;
  run.bbox = {0, 0, 10.0 * static_cast<double>(size), 10};
  run.glyph_boxes.assign(size % 7, run.bbox);  // glyph boxes that need not match the text
  xxgk::normalize::clean_run(run);
  return 0;
}
