#pragma once
// Following a government site: an agency's list page (信息公开年报) to its reports, page by
// page; a report page to the attachment that is the report.

#include <optional>
#include <string>
#include <vector>

#include "xxgk/fetch/fetcher.hpp"
#include "xxgk/markup/html_links.hpp"

namespace xxgk::fetch {

// A link title that names an annual report of information disclosure: 信息公开 or 政务公开 with
// 年度报告 or 年报, and a year.
bool names_a_report(const std::string &text);
// The report year a title names (2008, when the regulation began, to 2099), or nullopt.
std::optional<int> year_named(const std::string &text);

// The list a page URL belongs to: digits of page numbers and page parameters taken out
// (index.html, index_2.html, index_3.html and ?page=4 are one list).
std::string list_key(const std::string &url);
// A link to another page of the same list: 下一页 (next), or a page number, on the list's path.
bool is_list_page_link(const markup::HtmlLink &link, const std::string &page_url, const std::string &target);

struct FoundReport {
  std::string url;
  std::string title;
  std::optional<int> year;
  std::string list_page;  // where it was linked
};

struct CrawlResult {
  std::vector<FoundReport> reports;     // in the order found, each URL once
  std::vector<std::string> list_pages;  // read, in order
  std::vector<std::string> problems;    // list pages that could not be read, and why
};

// From `list_url` through its next pages (same host only; up to max_pages list pages, each
// fetched fresh), the links that name reports.
CrawlResult crawl(Fetcher &fetcher, const std::string &list_url, int max_pages);

// What a report URL gives to read: the document itself, or, for a page whose body is short
// and that links an attachment (.pdf, .doc, .docx, .wps) named like the report (or its only
// one, on a page titled as a report), that attachment; or, for a page titled as a report that
// has no table but pictures, the page and its pictures (up to a limit; icons left out).
struct ReportSource {
  Fetched page;
  std::optional<Fetched> attachment;
  std::vector<Fetched> pictures;
  const Fetched &read() const { return attachment ? *attachment : page; }
};
ReportSource fetch_report(Fetcher &fetcher, const std::string &url);

}  // namespace xxgk::fetch
