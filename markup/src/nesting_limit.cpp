#include "nesting_limit.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace xxgk::markup {
namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that hold no content: their start tag opens nothing.
bool is_void(std::string_view name) {
  return is_one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
                          "source", "track", "wbr", "basefont", "bgsound", "frame"});
}

// Elements the next of their kind, or their parent's end, closes without an end tag (and the
// document's own): they never make a page deep, and sloppy pages leave them open by the thousand.
bool closes_implicitly(std::string_view name) {
  return is_one_of(name,
                   {"html", "head",  "body",  "p",     "li",      "dt",       "dd", "option", "optgroup", "tr", "td",
                    "th",   "thead", "tbody", "tfoot", "caption", "colgroup", "rb", "rt",     "rtc",      "rp"});
}

// Start and end tags that close a table's open cell, and with it all the cell holds (formatting
// tags a sloppy page leaves open in each cell).
bool closes_cell(std::string_view name) {
  return is_one_of(name, {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup"});
}

// Elements whose content is text up to their own end tag: no tags inside count.
bool holds_raw_text(std::string_view name) {
  return is_one_of(name, {"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe"});
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// Where `</name` next begins (any case) at or after `from`; npos when never.
size_t find_end_tag(const std::string &html, size_t from, std::string_view name) {
  for (size_t at = html.find("</", from); at != std::string::npos; at = html.find("</", at + 2)) {
    if (at + 2 + name.size() > html.size()) return std::string::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(html[at + 2 + k])) == name[k];
    if (same) return at;
  }
  return std::string::npos;
}

// The end of a tag that begins at `from` (one past its '>'), past quoted attribute values.
size_t tag_end(const std::string &html, size_t from) {
  char quote = 0, last = 0;
  for (size_t j = from; j < html.size(); ++j) {
    char c = html[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if ((c == '"' || c == '\'') && last == '=') {
      quote = c;
    } else if (c == '>') {
      return j + 1;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) last = c;
  }
  return html.size();
}

struct Tag {
  std::string name;  // lowercase
  bool closing = false, self_closing = false;
  size_t begin = 0, end = 0;
};

// The nesting as the tags go: open elements that need their end tag, and the start tags taken
// out for opening deeper than the limit (by name, so that their end tags go too).
class Nesting {
 public:
  explicit Nesting(int limit) : limit_(limit) {}

  // True when the tag is to be taken out.
  bool remove(const Tag &t) {
    if (t.closing) return close(t.name);
    // The rows and cells of a table taken out go with it.
    if (closes_cell(t.name) && inside_removed_table()) return true;
    if (closes_cell(t.name)) pop_to_table();
    if (is_void(t.name) || closes_implicitly(t.name) || (t.self_closing && in_foreign())) return false;
    deepest_ = std::max(deepest_, static_cast<int>(open_.size()) + removed_open_ + 1);
    if (static_cast<int>(open_.size()) < limit_) {
      open_.push_back(t.name);
      return false;
    }
    ++pending_[t.name];
    ++removed_open_;
    return true;
  }

  int deepest() const { return deepest_; }

 private:
  bool close(const std::string &name) {
    if (auto it = pending_.find(name); it != pending_.end() && it->second > 0) {
      --it->second;
      --removed_open_;
      return true;
    }
    if (closes_cell(name)) {
      if (inside_removed_table()) return true;
      pop_to_table();
      return false;
    }
    // An end tag closes its element and all still open inside it; one with no such element
    // open is ignored, as by the parser.
    auto match = std::find(open_.rbegin(), open_.rend(), name);
    if (match != open_.rend()) {
      open_.erase(std::prev(match.base()), open_.end());
      forget_removed();
    }
    return false;
  }

  // Inside <svg> or <math>, where "/>" closes an element as in XML.
  bool in_foreign() const {
    return std::any_of(open_.begin(), open_.end(), [](const std::string &n) { return n == "svg" || n == "math"; });
  }

  bool inside_removed_table() const {
    auto table = pending_.find("table");
    return table != pending_.end() && table->second > 0;
  }

  void pop_to_table() {
    auto table = std::find(open_.rbegin(), open_.rend(), std::string("table"));
    if (table == open_.rend()) return;
    open_.erase(table.base(), open_.end());
    forget_removed();
  }

  // Elements closed from below close the removed ones inside them too.
  void forget_removed() {
    pending_.clear();
    removed_open_ = 0;
  }

  int limit_;
  std::vector<std::string> open_;
  std::map<std::string, int> pending_;
  int removed_open_ = 0;
  int deepest_ = 0;
};

// The next tag at or after `i`, skipping comments, doctypes and the text of raw-text elements;
// nullopt past the last.
std::optional<Tag> next_tag(const std::string &html, size_t &i) {
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      i = e == std::string::npos ? html.size() : e + 3;
      continue;
    }
    Tag t;
    t.begin = i;
    size_t j = i + 1;
    t.closing = j < html.size() && html[j] == '/';
    if (t.closing) ++j;
    if (j >= html.size() || !std::isalpha(static_cast<unsigned char>(html[j]))) {
      i = (j < html.size() && (html[j] == '!' || html[j] == '?')) ? tag_end(html, j) : j;
      continue;
    }
    size_t name_start = j;
    while (j < html.size() && is_name_char(html[j])) ++j;
    for (size_t k = name_start; k < j; ++k)
      t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k])));
    t.end = tag_end(html, j);
    t.self_closing = t.end >= 2 && html[t.end - 1] == '>' && html[t.end - 2] == '/';
    i = t.end;
    if (!t.closing && holds_raw_text(t.name)) {
      size_t close = find_end_tag(html, i, t.name);
      i = close == std::string::npos ? html.size() : close;
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace

NestingLimited limit_nesting(std::string html, int limit) {
  NestingLimited out;
  Nesting nesting(limit);
  std::vector<std::pair<size_t, size_t>> removed;  // byte ranges of the tags taken out
  size_t i = 0;
  while (std::optional<Tag> t = next_tag(html, i))
    if (nesting.remove(*t)) removed.push_back({t->begin, t->end});
  out.deepest = nesting.deepest();
  out.tags_removed = static_cast<long>(removed.size());
  if (removed.empty()) {
    out.html = std::move(html);
    return out;
  }
  size_t kept_from = 0;
  for (const auto &[begin, end] : removed) {
    out.html.append(html, kept_from, begin - kept_from);
    kept_from = end;
  }
  out.html.append(html, kept_from, std::string::npos);
  return out;
}

}  // namespace xxgk::markup
