#include "xxgk/fetch/crawl.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <variant>

#include "xxgk/fetch/url.hpp"
#include "xxgk/markup/charset.hpp"
#include "xxgk/markup/html_document.hpp"
#include "xxgk/markup/input_format.hpp"

namespace xxgk::fetch {
namespace {

// A report page's own body is long; one that only points to its attachment has little text
// (a title, a date, 附件：…) and no table.
constexpr size_t short_body_chars = 600;
// The first year of reports: the regulation on government information disclosure took effect
// in 2008.
constexpr int first_report_year = 2008;
constexpr int last_plausible_year = 2099;
// A picture given as smaller than this (either side, in CSS pixels) is an icon or a logo, not
// a table; one without a size may be either and is taken.
constexpr int smallest_table_picture = 200;
// A report's tables fill a few pages; more pictures than this are a gallery, not a report.
constexpr size_t most_table_pictures = 20;

bool contains(const std::string &s, const char *part) {
  return s.find(part) != std::string::npos;
}

std::string read_body(const Fetched &f) {
  std::ifstream in(f.path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_document_link(const std::string &url) {
  std::string path = lower(url.substr(0, url.find_first_of("?#")));
  for (const char *ext : {".pdf", ".doc", ".docx", ".wps"})
    if (path.ends_with(ext)) return true;
  return false;
}

bool is_picture_link(const std::string &url) {
  std::string path = lower(url.substr(0, url.find_first_of("?#")));
  for (const char *ext : {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"})
    if (path.ends_with(ext)) return true;
  return false;
}

bool same_host(const std::string &a, const std::string &b) {
  auto ua = parse_url(a), ub = parse_url(b);
  return ua && ub && origin_of(*ua) == origin_of(*ub);
}

// The page's readable text and whether it has a table, as the report reader sees it.
std::pair<size_t, bool> body_of(const std::string &bytes, const std::string &served) {
  markup::MarkupDocument doc = markup::read_html(bytes, served);
  size_t chars = 0;
  bool table = false;
  for (const auto &item : doc.items) {
    if (const auto *t = std::get_if<markup::TextBlock>(&item)) chars += t->text.size();
    if (const auto *g = std::get_if<markup::GridTable>(&item)) table = table || g->rows > 1;
  }
  return {chars, table};
}

}  // namespace

std::optional<int> year_named(const std::string &text) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
    if (!std::all_of(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(i) + 4,
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    if (i + 4 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 4]))) continue;
    int year = std::stoi(text.substr(i, 4));
    if (year >= first_report_year && year <= last_plausible_year) return year;
  }
  return std::nullopt;
}

bool names_a_report(const std::string &text) {
  bool disclosure = contains(text, "信息公开") || contains(text, "政务公开");
  bool annual = contains(text, "年度报告") || contains(text, "年报");
  return disclosure && annual && year_named(text).has_value();
}

std::string list_key(const std::string &url) {
  auto u = parse_url(url);
  if (!u) return url;
  std::string path = u->path, query;
  if (size_t q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path = path.substr(0, q);
  }
  // Page parameters go; other parameters (a column id) say which list it is and stay.
  std::string kept;
  std::istringstream params(query);
  for (std::string p; std::getline(params, p, '&');) {
    std::string name = lower(p.substr(0, p.find('=')));
    if (name == "page" || name == "p" || name == "pageno" || name == "pagenum" || name == "pageindex" ||
        name == "curpage")
      continue;
    kept += (kept.empty() ? "?" : "&") + p;
  }
  // In the last path segment, page numbers go with the _ or - before them.
  size_t slash = path.rfind('/');
  std::string dir = path.substr(0, slash + 1), name = path.substr(slash + 1), bare;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(name[i]))) continue;
    if ((name[i] == '_' || name[i] == '-') && i + 1 < name.size() &&
        std::isdigit(static_cast<unsigned char>(name[i + 1])))
      continue;
    bare += name[i];
  }
  // A folder's own page: /ndbg/, /ndbg/index.html, /ndbg/index_2.shtml, /ndbg/2.html.
  if (bare.empty() || bare.starts_with(".") || bare.starts_with("index.") || bare == "index") bare = "";
  return origin_of(*u) + dir + bare + kept;
}

bool is_list_page_link(const markup::HtmlLink &link, const std::string &page_url, const std::string &target) {
  if (!same_host(page_url, target) || list_key(target) != list_key(page_url)) return false;
  static const char *const next_words[] = {"下一页", "下页", "后一页", "下一頁", ">", "›", "»", ">>", "next", "Next"};
  std::string text = link.text;
  if (std::any_of(std::begin(next_words), std::end(next_words), [&](const char *w) { return text == w; })) return true;
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

CrawlResult crawl(Fetcher &fetcher, const std::string &list_url, int max_pages) {
  CrawlResult result;
  std::vector<std::string> queue{list_url};
  std::set<std::string> queued{list_url}, found;
  for (size_t next = 0; next < queue.size() && static_cast<int>(result.list_pages.size()) < max_pages; ++next) {
    const std::string page_url = queue[next];  // a copy: the queue grows below
    Fetched page;
    try {
      page = fetcher.get(page_url, true);  // a list page changes: always read afresh
    } catch (const FetchError &e) {
      result.problems.push_back(page_url + ": " + e.what());
      continue;
    }
    result.list_pages.push_back(page_url);
    std::string base = page.final_url.empty() ? page_url : page.final_url;
    std::string served = markup::charset_of_content_type(page.content_type);
    for (const markup::HtmlLink &link : markup::read_links(read_body(page), served).links) {
      std::optional<std::string> target = resolve(base, link.href);
      if (!target || !same_host(list_url, *target)) continue;
      if (names_a_report(link.text)) {
        if (found.insert(*target).second)
          result.reports.push_back({*target, link.text, year_named(link.text), page_url});
      } else if (is_list_page_link(link, page_url, *target) && queued.insert(*target).second) {
        queue.push_back(*target);
      }
    }
  }
  return result;
}

ReportSource fetch_report(Fetcher &fetcher, const std::string &url) {
  ReportSource source{fetcher.get(url), std::nullopt, {}};
  std::string bytes = read_body(source.page);
  if (markup::format_of_bytes(bytes.substr(0, 4096)) != markup::InputFormat::html) return source;
  std::string served = markup::charset_of_content_type(source.page.content_type);
  auto [chars, has_table] = body_of(bytes, served);
  markup::PageLinks page = markup::read_links(bytes, served);
  std::string base = source.page.final_url.empty() ? url : source.page.final_url;
  std::vector<std::string> named, documents;
  for (const markup::HtmlLink &link : page.links) {
    std::optional<std::string> target = resolve(base, link.href);
    if (!target || !is_document_link(*target)) continue;
    documents.push_back(*target);
    if (names_a_report(link.text) || contains(link.text, "年度报告") || contains(link.text, "年报"))
      named.push_back(*target);
  }
  std::optional<std::string> chosen;
  // A page with a body of its own is the report (its attachments are annexes).
  bool short_body = !has_table && chars <= short_body_chars;
  if (short_body && !named.empty())
    chosen = named.front();
  else if (short_body && documents.size() == 1 && names_a_report(page.title))
    chosen = documents.front();
  if (chosen) {
    source.attachment = fetcher.get(*chosen);
    return source;
  }
  if (has_table || !names_a_report(page.title)) return source;
  std::vector<std::string> pictures;
  for (const markup::HtmlImage &img : page.images) {
    std::optional<std::string> target = resolve(base, img.src);
    bool icon = (img.width > 0 && img.width < smallest_table_picture) ||
                (img.height > 0 && img.height < smallest_table_picture);
    if (target && is_picture_link(*target) && !icon &&
        std::find(pictures.begin(), pictures.end(), *target) == pictures.end())
      pictures.push_back(*target);
  }
  if (pictures.size() > most_table_pictures) return source;
  for (const std::string &p : pictures) source.pictures.push_back(fetcher.get(p));
  return source;
}

}  // namespace xxgk::fetch
