#pragma once
// One way to parse a page with gumbo, after its bytes are made UTF-8 (markup/src only).

#include <gumbo.h>

#include <memory>
#include <string>

#include "nesting_limit.hpp"
#include "xxgk/markup/charset.hpp"

namespace xxgk::markup {

using ParsedHtml = std::unique_ptr<GumboOutput, void (*)(GumboOutput *)>;

// The page's nesting is bounded first (nesting_limit.hpp); `limited`, when given, says how deep it
// went and how many tags were taken out.
inline ParsedHtml parse_html(const std::string &bytes, const std::string &served_charset,
                             NestingLimited *limited = nullptr) {
  NestingLimited page = limit_nesting(to_utf8(bytes, served_charset));
  const std::string &utf8 = page.html;
  if (limited) *limited = {std::string(), page.deepest, page.tags_removed};
  return ParsedHtml(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()),
                    [](GumboOutput *o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
}

}  // namespace xxgk::markup
