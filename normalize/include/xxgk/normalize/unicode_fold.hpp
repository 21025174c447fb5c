#pragma once
// Unicode clean-up of text-layer strings.
//
// PDF producers (WPS and Word exports especially) emit look-alike code points: Kangxi radicals
// (⼀ U+2F00 for 一), CJK Radicals Supplement forms that NFKC leaves alone (⻓ ⺠ ⻬), CJK
// compatibility ideographs, full-width digits and letters, and spaces between Han characters.
// Folding is one code point to one code point so that glyph boxes stay aligned with the text.
// Full-width Chinese punctuation （），：。 is kept: it is the correct punctuation of the prose.

#include <string>
#include <string_view>

#include "xxgk/core/text_run.hpp"

namespace xxgk::normalize {

// The unified ideograph for a radical look-alike, ASCII for a full-width digit or letter,
// U+0020 for any space-like character; `c` itself otherwise.
char32_t fold_char(char32_t c);

// Folds every code point, removes white space between two CJK characters or between CJK and a
// digit (a producer artefact, never meaningful in Chinese), collapses remaining runs of white space to one ASCII space
// and trims the ends.
std::u32string clean(std::u32string_view text);
std::string clean_text(std::string_view utf8);

// The same clean-up applied to a run, keeping one glyph box per remaining code point.
TextRun clean_run(TextRun run);

}  // namespace xxgk::normalize
