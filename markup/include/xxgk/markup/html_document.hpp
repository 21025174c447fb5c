#pragma once
// Web pages (often a Word document saved as HTML, in UTF-8 or GBK) read with gumbo, the HTML5
// parser: tables with rowspan/colspan become grids, paragraphs and headings become text
// blocks. Site chrome is left out: scripts, navigation, forms, footers, link lists.

#include <string>

#include "xxgk/markup/markup_document.hpp"

namespace xxgk::markup {

// The page's bytes, in whatever charset (see charset.hpp).
MarkupDocument read_html(const std::string &bytes, const std::string &served_charset = "");

}  // namespace xxgk::markup
