#pragma once
// Code-point level helpers over UTF-8 strings. Invalid sequences are replaced with U+FFFD
// rather than rejected: a text layer is untrusted input and must never stop the pipeline.

#include <string>
#include <string_view>

namespace xxgk {

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);
std::string to_utf8(char32_t c);

// Han ideographs and the CJK punctuation that sits between them without spaces.
bool is_cjk(char32_t c);
// A Han ideograph of the unified block or extension A: the glyphs OCR's Chinese print is made of.
bool is_ideograph(char32_t c);
bool is_space(char32_t c);

// Removes leading and trailing white space (ASCII and ideographic).
std::u32string trim(std::u32string_view text);

// ASCII letters in lower case, every other byte as it is (file extensions, HTML, charset names).
std::string ascii_lowercase(std::string_view text);

}  // namespace xxgk
