#include "xxgk/markup/html_links.hpp"

#include <gumbo.h>

#include <cstdlib>
#include <memory>
#include <utility>

#include "parse_html.hpp"

namespace xxgk::markup {
namespace {

const char *attribute(const GumboNode *n, const char *name) {
  const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

// Text under a node, whitespace runs as one space, trimmed.
std::string text_under(const GumboNode *root) {
  std::string out;
  std::vector<const GumboNode *> stack{root};
  while (!stack.empty()) {
    const GumboNode *n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector &kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode *>(kids.data[i]));
  }
  std::string collapsed;
  for (char c : out) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += space ? ' ' : c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

int number_attribute(const GumboNode *n, const char *name) {
  const char *v = attribute(n, name);
  return v ? std::atoi(v) : 0;
}

}  // namespace

PageLinks read_links(const std::string &bytes, const std::string &served_charset) {
  ParsedHtml parsed = parse_html(bytes, served_charset);
  PageLinks page;
  if (!parsed) return page;
  std::vector<const GumboNode *> stack{parsed->document};
  while (!stack.empty()) {
    const GumboNode *n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    if (n->type == GUMBO_NODE_ELEMENT) {
      GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
      if (tag == GUMBO_TAG_TITLE && page.title.empty()) page.title = text_under(n);
      if (tag == GUMBO_TAG_A && attribute(n, "href")) {
        // List pages cut long titles short ("…2023年政府信息…") and give them whole in title=.
        std::string text = text_under(n);
        const char *title = attribute(n, "title");
        if (title && std::string(title).size() > text.size()) text = title;
        page.links.push_back({attribute(n, "href"), text});
      }
      if (tag == GUMBO_TAG_IMG && attribute(n, "src"))
        page.images.push_back({attribute(n, "src"), number_attribute(n, "width"), number_attribute(n, "height")});
    }
    const GumboVector &kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode *>(kids.data[i]));
  }
  return page;
}

}  // namespace xxgk::markup
