#include "xxgk/markup/html_document.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "parse_html.hpp"
#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::markup {
namespace {

// Columns beyond this are no table a report prints (and a colspan of millions would be laid out).
constexpr int max_columns = 1000;

bool is_element(const GumboNode *n, GumboTag tag) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

const char *attribute(const GumboNode *n, const char *name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

int span_of(const GumboNode *cell, const char *name) {
  const char *v = attribute(cell, name);
  int n = v ? std::atoi(v) : 1;
  return std::clamp(n, 1, max_columns);
}

bool is_chrome(const GumboNode *n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_TEMPLATE: return true;
    default: return false;
  }
}

bool is_block(const GumboNode *n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY: return true;
    default: return false;
  }
}

// The print size an element sets for its text, in points; 0 when it sets none.
double size_set_by(const GumboNode *n) {
  if (n->type != GUMBO_NODE_ELEMENT) return 0;
  if (const char *style = attribute(n, "style")) {
    const char *at = std::strstr(style, "font-size");
    if (at && (at = std::strchr(at, ':'))) {
      char *end = nullptr;
      double v = std::strtod(at + 1, &end);
      if (v > 0 && end) {
        while (*end == ' ') ++end;
        if (std::strncmp(end, "px", 2) == 0) return v * 0.75;
        if (std::strncmp(end, "pt", 2) == 0) return v;
      }
    }
  }
  static const double font_sizes[] = {0, 7.5, 10, 12, 13.5, 18, 24, 36};  // <font size=1..7>
  if (is_element(n, GUMBO_TAG_FONT))
    if (const char *v = attribute(n, "size"); v && std::atoi(v) >= 1 && std::atoi(v) <= 7)
      return font_sizes[std::atoi(v)];
  switch (n->v.element.tag) {
    case GUMBO_TAG_H1: return 22;
    case GUMBO_TAG_H2: return 18;
    case GUMBO_TAG_H3: return 16;
    case GUMBO_TAG_H4: return 14;
    default: return 0;
  }
}

bool contains(const GumboNode *n, GumboTag tag) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector &kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto *k = static_cast<const GumboNode *>(kids.data[i]);
    if (is_element(k, tag) || contains(k, tag)) return true;
  }
  return false;
}

// A list most of whose items are links: a site's menu or a "related articles" box.
bool is_link_list(const GumboNode *n) {
  if (!is_element(n, GUMBO_TAG_UL) && !is_element(n, GUMBO_TAG_OL)) return false;
  int items = 0, links = 0;
  const GumboVector &kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto *k = static_cast<const GumboNode *>(kids.data[i]);
    if (!is_element(k, GUMBO_TAG_LI)) continue;
    ++items;
    links += contains(k, GUMBO_TAG_A);
  }
  return items >= 2 && 10 * links >= 7 * items;
}

// All the text under a node, a space where blocks meet (a label wrapped over <p>s or <br>s).
void text_of(const GumboNode *n, std::string &out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT || is_chrome(n)) return;
  bool block = is_block(n);
  if (block) out += ' ';
  const GumboVector &kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) text_of(static_cast<const GumboNode *>(kids.data[i]), out);
  if (block) out += ' ';
}

bool has_cells(const GumboNode *tr) {
  const GumboVector &kids = tr->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto *k = static_cast<const GumboNode *>(kids.data[i]);
    if (is_element(k, GUMBO_TAG_TD) || is_element(k, GUMBO_TAG_TH)) return true;
  }
  return false;
}

// The rows of a table, not of tables inside it. A row without cells is none: office suites
// write an empty <tr></tr> after rows and do not count it in their rowspans.
void rows_of(const GumboNode *n, std::vector<const GumboNode *> &rows) {
  const GumboVector &kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto *k = static_cast<const GumboNode *>(kids.data[i]);
    if (is_element(k, GUMBO_TAG_TR)) {
      if (has_cells(k)) rows.push_back(k);
    } else if (is_element(k, GUMBO_TAG_THEAD) || is_element(k, GUMBO_TAG_TBODY) || is_element(k, GUMBO_TAG_TFOOT)) {
      rows_of(k, rows);
    }
  }
}

GridTable grid_of(const GumboNode *table) {
  std::vector<const GumboNode *> rows;
  rows_of(table, rows);
  GridTable g;
  SpanGrid grid;
  for (size_t r = 0; r < rows.size(); ++r) {
    const GumboVector &kids = rows[r]->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      auto *k = static_cast<const GumboNode *>(kids.data[i]);
      if (!is_element(k, GUMBO_TAG_TD) && !is_element(k, GUMBO_TAG_TH)) continue;
      layout::Cell c;
      c.row = static_cast<int>(r);
      c.rowspan = std::min(span_of(k, "rowspan"), static_cast<int>(rows.size() - r));
      c.colspan = span_of(k, "colspan");
      if (grid.width(c.row) + c.colspan > max_columns) break;  // beyond any table a report prints
      std::string text;
      text_of(k, text);
      c.text = normalize::clean_text(text);
      c.col = grid.place(c.row, c.rowspan, c.colspan, static_cast<int>(g.cells.size()));
      g.cells.push_back(std::move(c));
    }
  }
  g.rows = static_cast<int>(grid.slots.size());
  for (const auto &line : grid.slots) g.cols = std::max(g.cols, static_cast<int>(line.size()));
  drop_empty_rows(g);
  return g;
}

// Walks the page in reading order: text runs gather into the current block until a block
// boundary; tables become grids, but a table of tables (a page laid out with one) is walked.
class Walker {
 public:
  MarkupDocument doc;

  void walk(const GumboNode *n, double size) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      text_ += n->v.text.text;
      size_ = std::max(size_, size);
      return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      text_ += ' ';
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
    if (is_chrome(n) || is_link_list(n)) return;
    if (is_element(n, GUMBO_TAG_TABLE) && !contains(n, GUMBO_TAG_TABLE)) {
      flush();
      doc.items.emplace_back(grid_of(n));
      return;
    }
    double own = size_set_by(n);
    bool block = is_block(n);
    if (block) flush();
    const GumboVector &kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) walk(static_cast<const GumboNode *>(kids.data[i]), own > 0 ? own : size);
    if (block) flush();
  }

  void flush() {
    std::string text = normalize::clean_text(text_);
    if (!text.empty()) doc.items.emplace_back(TextBlock{text, size_ > 0 ? size_ : 12});
    text_.clear();
    size_ = 0;
  }

 private:
  std::string text_;
  double size_ = 0;
};

}  // namespace

MarkupDocument read_html(const std::string &bytes, const std::string &served_charset) {
  NestingLimited limited;
  ParsedHtml parsed = parse_html(bytes, served_charset, &limited);
  Walker walker;
  if (parsed) walker.walk(parsed->document, 12);
  walker.flush();
  if (limited.tags_removed > 0)
    walker.doc.notes.push_back("the page nests its elements " + std::to_string(limited.deepest) + " deep; beyond " +
                               std::to_string(max_element_depth) + " (as browsers do) " +
                               std::to_string(limited.tags_removed) +
                               " tags were left out and their content read with the element above");
  return std::move(walker.doc);
}

}  // namespace xxgk::markup
