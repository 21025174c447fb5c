#pragma once
// One way to parse a page with gumbo, after its bytes are made UTF-8 (markup/src only).

#include <gumbo.h>

#include <memory>
#include <string>

#include "xxgk/markup/charset.hpp"

namespace xxgk::markup {

using ParsedHtml = std::unique_ptr<GumboOutput, void (*)(GumboOutput *)>;

inline ParsedHtml parse_html(const std::string &bytes, const std::string &served_charset) {
  std::string utf8 = to_utf8(bytes, served_charset);
  return ParsedHtml(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()),
                    [](GumboOutput *o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
}

}  // namespace xxgk::markup
