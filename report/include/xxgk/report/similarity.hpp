#pragma once

#include <string>
#include <string_view>

namespace xxgk::report {

// 1 - edit distance / length of the longer string, over code points: 1 for equal strings.
double similarity(std::u32string_view a, std::u32string_view b);

// Label comparison form: folded, with all white space removed (stray spaces inside words are
// common in text layers and never distinguish two labels).
std::u32string compact(std::string_view utf8);

}  // namespace xxgk::report
