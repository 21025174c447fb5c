#pragma once
// The character set of a web page as government sites serve it: UTF-8, GBK, GB2312 or GB18030,
// declared by a byte-order mark, an XML prolog or a meta tag, or not at all.

#include <string>
#include <string_view>

namespace xxgk::markup {

// The charset the page declares (lower case, e.g. "gbk"), or empty.
std::string declared_charset(std::string_view bytes);

// The page as UTF-8. Bytes that are valid UTF-8 are taken as such, whatever is declared;
// otherwise the declaration (the server's, `served`, before the page's own, as browsers rank
// them) decides, unless it says UTF-8, and else uchardet judges the bytes. GBK and GB2312 are read as
// GB18030, their superset. Bytes no charset maps become U+FFFD.
std::string to_utf8(const std::string &bytes, const std::string &served = "");

// The charset a Content-Type header names ("text/html; charset=GBK" -> "gbk"), or empty.
std::string charset_of_content_type(const std::string &content_type);

bool is_valid_utf8(std::string_view bytes);

}  // namespace xxgk::markup
