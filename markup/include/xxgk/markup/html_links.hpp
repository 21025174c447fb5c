#pragma once
// The links and pictures of a web page, for following a site: a list page's reports and its
// next pages, a report page's attachment, the pictures a page shows its tables as.

#include <string>
#include <vector>

namespace xxgk::markup {

struct HtmlLink {
  std::string href;  // as written (relative or absolute)
  std::string text;  // the anchor's text, spaces collapsed; else its title attribute
};

struct HtmlImage {
  std::string src;
  int width = 0, height = 0;  // from the attributes; 0 when not given
};

struct PageLinks {
  std::vector<HtmlLink> links;    // in document order
  std::vector<HtmlImage> images;  // in the body, in document order
  std::string title;              // <title>
};

// Any charset the page declares or uchardet guesses (as read_html). The tree is walked
// without recursion: a page nested a million deep costs time, not the stack.
PageLinks read_links(const std::string &bytes, const std::string &served_charset = "");

}  // namespace xxgk::markup
