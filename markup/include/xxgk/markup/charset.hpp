#pragma once
// The character set of a web page as government sites serve it: UTF-8, GBK, GB2312 or GB18030,
// declared by a byte-order mark, an XML prolog or a meta tag, or not at all.

#include <string>
#include <string_view>

namespace xxgk::markup {

// The charset the page declares (lower case, e.g. "gbk"), or empty.
std::string declared_charset(std::string_view bytes);

// The page as UTF-8. The declaration is believed when the bytes bear it out (a page declared
// UTF-8 that is not valid UTF-8 is not); otherwise uchardet judges the bytes. GBK and GB2312
// are read as GB18030, their superset. Bytes no charset maps become U+FFFD.
std::string to_utf8(const std::string &bytes);

bool is_valid_utf8(std::string_view bytes);

}  // namespace xxgk::markup
