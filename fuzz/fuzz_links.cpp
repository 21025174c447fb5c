// Random bytes as a list page or a report page: links, pictures and title, and what a crawl
// makes of each link (resolved against a page URL, a report title or a next page or neither).
#include <cstddef>
#include <cstdint>
#include <string>

#include "xxgk/fetch/crawl.hpp"
#include "xxgk/fetch/url.hpp"
#include "xxgk/markup/html_links.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  const std::string page = "http://www.example.gov.cn/zwgk/ndbg/index_2.html";
  for (const auto &link : xxgk::markup::read_links(bytes).links) {
    auto target = xxgk::fetch::resolve(page, link.href);
    xxgk::fetch::names_a_report(link.text);
    if (target) xxgk::fetch::is_list_page_link(link, page, *target);
  }
  xxgk::fetch::parse_url(bytes);
  return 0;
}
