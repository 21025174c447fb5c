#pragma once
// Judging a page's text layer before trusting it. A PDF can carry text that does not say what
// the page shows: a font with no Unicode map gives private-use code points, glyph names
// ("(cid:123)") or its glyph numbers as ASCII ("!\"#$%&"), a GBK document read as Latin-1 gives
// mojibake (ÕþÐÅÏ¢), and a scan has no text at all. Such pages are read from their image
// instead. Text in another script is judged as that script's text: an English or Russian
// table's words read like words (vowels among their letters, few accented ones), Arabic,
// Greek and the other alphabets are taken as written.

#include <string_view>
#include <vector>

#include "xxgk/core/text_run.hpp"

namespace xxgk::extract {

enum class TextLayer {
  usable,   // reads as Chinese, or another script's text (and digits and punctuation around it)
  none,     // nothing, or fewer characters than a heading: an image-only page
  garbled,  // characters that cannot be the page's Chinese text
};

struct TextLayerStats {
  int printable = 0;  // characters other than white space
  // CJK ideographs and punctuation, digits, letters of a script whose text reads like words,
  // ASCII punctuation as far as it stands among those (not a page of "!\"#$%")
  int plausible = 0;
  int broken = 0;  // private-use, replacement, control characters, "(cid:" / glyph-name marks
};

TextLayerStats text_layer_stats(const std::vector<TextRun> &runs);

// `min_chars`: below this many printable characters the page has no text layer to speak of.
TextLayer classify_text_layer(const TextLayerStats &stats, int min_chars);

const char *to_string(TextLayer layer);

}  // namespace xxgk::extract
