#pragma once
// A page's element nesting bounded before gumbo parses it (markup/src only). Gumbo 0.10 has no
// depth limit of its own: a page of 300,000 nested <div>s costs it time quadratic in the depth
// (each start tag searches the stack of open elements), and walking the tree it builds for
// 200,000 nested tables overflows the stack. Browsers bound the depth instead: Chromium's HTML
// parser attaches an element deeper than 512 to the element above it, as a sibling. The same is
// done here on the markup itself: a start tag that would open an element deeper than the limit
// is taken out, with its end tag, so its content joins the element above; the text is kept.

#include <string>

namespace xxgk::markup {

// Chromium's kMaximumHTMLParserDOMTreeDepth: deeper than any page a person reads.
constexpr int max_element_depth = 512;

struct NestingLimited {
  std::string html;  // the page, its over-deep tags taken out (unchanged when none were)
  int deepest = 0;   // the deepest nesting of elements counted (see nesting_limit.cpp)
  long tags_removed = 0;
};

// Counts the nesting of elements that close only with their own end tag (a <p>, <li>, <td> or
// <tr> is closed by the next of its kind, and void elements never open), skipping comments,
// script and style; tags opening elements deeper than `limit` are removed with their end tags.
// The page is taken by value: it is handed back as it is (moved, not copied) when nothing is removed.
NestingLimited limit_nesting(std::string html, int limit = max_element_depth);

}  // namespace xxgk::markup
