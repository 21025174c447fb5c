// Reports straight from websites (fetch/): URLs and links, robots.txt, and the fetcher against
// a real HTTP server on 127.0.0.1 (tests/test_site.py) that fails the ways government sites do.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "options.hpp"
#include "test_support.hpp"
#include "xxgk/fetch/crawl.hpp"
#include "xxgk/fetch/robots.hpp"
#include "xxgk/fetch/url.hpp"

namespace xxgk {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_xxgk;
using test::shell_quote;
using test::TempDir;
using test::write_file;

TEST(Urls, LinksResolveAgainstTheirPage) {
  const std::string base = "http://www.example.gov.cn/zwgk/ndbg/index_2.html?x=1";
  EXPECT_EQ(fetch::resolve(base, "t2024.html"), "http://www.example.gov.cn/zwgk/ndbg/t2024.html");
  EXPECT_EQ(fetch::resolve(base, "../files/a.pdf"), "http://www.example.gov.cn/zwgk/files/a.pdf");
  EXPECT_EQ(fetch::resolve(base, "/a/./b/../c.html"), "http://www.example.gov.cn/a/c.html");
  EXPECT_EQ(fetch::resolve(base, "?page=3"), "http://www.example.gov.cn/zwgk/ndbg/index_2.html?page=3");
  EXPECT_EQ(fetch::resolve(base, "//other.gov.cn/x"), "http://other.gov.cn/x");
  EXPECT_EQ(fetch::resolve(base, "HTTPS://Other.gov.cn:8443/y#top"), "https://other.gov.cn:8443/y");
  for (const char *not_a_page : {"mailto:a@b.cn", "javascript:void(0)", "#top", "  "})
    EXPECT_FALSE(fetch::resolve(base, not_a_page)) << not_a_page;
  EXPECT_TRUE(fetch::is_url("HTTP://a.cn"));
  EXPECT_FALSE(fetch::is_url("ftp://a.cn/x.pdf"));
  EXPECT_FALSE(fetch::is_url("reports/http-note.pdf"));
}

TEST(Crawl, TheFormsOfAListsPagesAreOneListAndReportTitlesAreKnown) {
  const std::string list = fetch::list_key("http://a.gov.cn/zwgk/ndbg/index.html");
  for (const char *page : {"http://a.gov.cn/zwgk/ndbg/index_2.html", "http://a.gov.cn/zwgk/ndbg/index_13.html",
                           "http://a.gov.cn/zwgk/ndbg/", "http://a.gov.cn/zwgk/ndbg/index.html?page=3"})
    EXPECT_EQ(fetch::list_key(page), list) << page;
  EXPECT_EQ(fetch::list_key("http://a.gov.cn/list.jsp?col=12&page=2"),
            fetch::list_key("http://a.gov.cn/list.jsp?col=12"));
  EXPECT_NE(fetch::list_key("http://a.gov.cn/list.jsp?col=12&page=2"),
            fetch::list_key("http://a.gov.cn/list.jsp?col=13"));
  EXPECT_EQ(fetch::list_key("http://a.gov.cn/ndbg/page_2.html"), fetch::list_key("http://a.gov.cn/ndbg/page_3.html"));
  EXPECT_NE(fetch::list_key("http://a.gov.cn/zwgk/ndbg/index_2.html"),
            fetch::list_key("http://a.gov.cn/zwgk/tzgg/index_2.html"));
  EXPECT_TRUE(fetch::names_a_report("某区人民政府2023年政府信息公开工作年度报告"));
  EXPECT_TRUE(fetch::names_a_report("2021年度政务公开年报"));
  EXPECT_FALSE(fetch::names_a_report("关于印发2024年政务公开工作要点的通知"));
  EXPECT_FALSE(fetch::names_a_report("政府信息公开工作年度报告")) << "no year: a column's heading";
  EXPECT_EQ(fetch::year_named("某局2019年政府信息公开工作年度报告"), 2019);
  EXPECT_FALSE(fetch::year_named("第12345号"));
}

TEST(Robots, TheGroupNamingUsWinsAndTheLongestRuleDecides) {
  auto rules = fetch::RobotsRules::parse(
      "User-agent: *\nDisallow: /\n\nUser-agent: xxgk\nUser-agent: other\nDisallow: /private/\n"
      "Allow: /private/reports/\nDisallow: /*.zip$\n",
      "xxgk");
  EXPECT_TRUE(rules.allows("/zwgk/t2024.html"));
  EXPECT_FALSE(rules.allows("/private/x.html"));
  EXPECT_TRUE(rules.allows("/private/reports/2024.pdf"));
  EXPECT_FALSE(rules.allows("/files/all.zip"));
  EXPECT_TRUE(rules.allows("/files/all.zip.html"));
  auto anyone = fetch::RobotsRules::parse("User-agent: *\nDisallow: /admin\nDisallow:\n", "xxgk");
  EXPECT_FALSE(anyone.allows("/admin/x"));
  EXPECT_TRUE(anyone.allows("/zwgk/"));
  EXPECT_TRUE(fetch::RobotsRules().allows("/anything"));
  // A hostile pattern of many stars is matched in time proportional to pattern and path.
  auto stars = fetch::RobotsRules::parse("User-agent: *\nDisallow: /" + std::string(5000, '*') + "x$\n", "xxgk");
  EXPECT_TRUE(stars.allows("/" + std::string(5000, 'a')));
  EXPECT_FALSE(stars.allows("/" + std::string(5000, 'a') + "x"));
}

// The test website, from the shared corpus, served by tests/test_site.py until scope exit.
class TestSite {
 public:
  TestSite() {
    auto synth = test::shared_dir() / "corpus" / "synth";
    fs::create_directories(root() / "reports");
    fs::create_directories(root() / "files");
    fs::create_directories(root() / "private");
    fs::copy_file(synth / "r011-001-text.html", root() / "reports" / "a.html");
    fs::copy_file(synth / "r011-004-text.gbk.html", root() / "reports" / "b.gbk.html");
    fs::copy_file(synth / "r011-003-text.pdf", root() / "files" / "c.pdf");
    fs::copy_file(synth / "r011-003-text.pdf", root() / "private" / "d.pdf");
    std::string gbk = read_file(root() / "reports" / "b.gbk.html");
    const std::string meta = "<meta http-equiv=\"content-type\" content=\"text/html; charset=gbk\"/>";
    if (size_t at = gbk.find(meta); at != std::string::npos) gbk.erase(at, meta.size());
    write_file(root() / "reports" / "nometa.gbk.html", gbk);  // its charset said by the server only
    write_file(root() / "robots.txt", "User-agent: *\nDisallow: /private/\n");
    write_list_pages();
    std::string cmd = "python3 " + shell_quote((test::source_dir() / "tests" / "test_site.py").string()) + " " +
                      shell_quote(root().string()) + " " + shell_quote(port_file().string()) + " " +
                      shell_quote(log_file().string()) + " >/dev/null 2>&1 & echo $! > " +
                      shell_quote((dir_.path() / "pid").string());
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!fs::exists(port_file()) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    base_ = "http://127.0.0.1:" + read_file(port_file());
  }
  ~TestSite() { ::kill(std::stoi(read_file(dir_.path() / "pid")), SIGTERM); }
  fs::path root() const { return dir_.path() / "site"; }

  // An agency's 信息公开年报 column over three pages (the last in GBK), with the links such
  // pages carry besides reports; and a report page that only links its attachment.
  void write_list_pages() {
    fs::create_directories(root() / "ndbg");
    auto page = [](const std::string &body, const char *charset = "utf-8") {
      return std::string("<html><head><meta charset=\"") + charset + "\"><title>政府信息公开年报</title></head><body>" +
             "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a></div><ul>" + body +
             "</ul></body></html>";
    };
    write_file(
        root() / "ndbg" / "index.html",
        page("<li><a href=\"../reports/a.html\" title=\"示例市数据局2023年政府信息公开工作年度报告\">示例市数据局2023年"
             "政府信息公开…</a></li><li><a href=\"t2022.html\">示例市数据局2022年政府信息公开工作年度报告</a></li>"
             "<li><a href=\"/zwgk/yd.html\">关于印发2024年政务公开工作要点的通知</a></li>"
             "<li><a href=\"http://other.example/x.html\">他市2021年政府信息公开工作年度报告</a></li>"
             "<a href=\"index_1.html\">2</a> <a href=\"index_2.html\">3</a> <a href=\"index_1.html\">下一页</a>"));
    write_file(root() / "ndbg" / "index_1.html",
               page("<li><a href=\"/files/c.pdf\">示例市数据局2021年度政府信息公开年报</a></li>"
                    "<li><a href=\"/reports/a.html\">示例市数据局2023年政府信息公开工作年度报告</a></li>"
                    "<a href=\"index.html\">1</a> <a href=\"index_2.html\">下一页</a>"));
    write_file(root() / "ndbg" / "index_2.html",
               to_gbk(page("<li><a href=\"/reports/b.gbk.html\">示例市数据局2020年政府信息公开工作年度报告</a></li>"
                           "<a href=\"index_1.html\">上一页</a>",
                           "gbk")));
    write_file(
        root() / "ndbg" / "t2022.html",
        "<html><head><meta charset=\"utf-8\"><title>示例市数据局2022年政府信息公开工作年度报告</title></head><body>"
        "<h1>示例市数据局2022年政府信息公开工作年度报告</h1><p>发布日期：2023-01-20</p>"
        "<p>附件：<a href=\"/files/c.pdf\">2022年年度报告.pdf</a></p></body></html>");
  }

  static std::string to_gbk(const std::string &utf8) {
    TempDir t;
    write_file(t.path() / "in", utf8);
    std::string cmd = "iconv -f UTF-8 -t GBK " + shell_quote((t.path() / "in").string()) + " > " +
                      shell_quote((t.path() / "out").string());
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return read_file(t.path() / "out");
  }
  std::string url(const std::string &path) const { return base_ + path; }
  // The requests the site has had: path and time of arrival; and the User-Agents they gave.
  std::vector<std::pair<std::string, double>> requests() const {
    std::vector<std::pair<std::string, double>> out;
    for (const auto &j : log()) out.push_back({j["path"], j["t"]});
    return out;
  }
  std::set<std::string> agents() const {
    std::set<std::string> out;
    for (const auto &j : log()) out.insert(j["agent"].get<std::string>());
    return out;
  }
  long count(const std::string &path) const {
    auto r = requests();
    return std::count_if(r.begin(), r.end(), [&](const auto &p) { return p.first == path; });
  }

 private:
  std::vector<nlohmann::json> log() const {
    std::vector<nlohmann::json> out;
    std::istringstream in(fs::exists(log_file()) ? read_file(log_file()) : "");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
  fs::path port_file() const { return dir_.path() / "port"; }
  fs::path log_file() const { return dir_.path() / "requests.jsonl"; }
  TempDir dir_;
  std::string base_;
};

// A report's JSON without `source`: what must not depend on where the file came from.
nlohmann::json without_source(const std::string &json) {
  nlohmann::json j = nlohmann::json::parse(json);
  j.erase("source");
  return j;
}

TEST(FetchCli, AFetchedReportIsTheLocalFilesReportAndIsFetchedOnce) {
  XXGK_REQUIRE_SHARED();
  TestSite site;
  TempDir cache;
  const std::map<std::string, std::string> same_as = {{"/gzip/a.html", "reports/a.html"},
                                                      {"/reports/nometa.gbk.html", "reports/b.gbk.html"}};
  for (const char *path :
       {"/reports/a.html", "/reports/b.gbk.html", "/files/c.pdf", "/gzip/a.html", "/reports/nometa.gbk.html"}) {
    SCOPED_TRACE(path);
    std::string local = (site.root() / (same_as.count(path) ? same_as.at(path) : std::string(path + 1))).string();
    auto fetched = run_xxgk({"extract", site.url(path), "--cache", cache.path().string(), "--delay", "0"});
    auto from_disk = run_xxgk({"extract", local});
    ASSERT_EQ(fetched.exit_code, from_disk.exit_code) << fetched.err;
    EXPECT_EQ(without_source(fetched.out), without_source(from_disk.out));
    nlohmann::json source = nlohmann::json::parse(fetched.out)["source"];
    EXPECT_EQ(source["file"], site.url(path));
    EXPECT_EQ(source["url"], site.url(path));
    EXPECT_EQ(source["http_status"], 200);
    if (std::string(path) != "/reports/nometa.gbk.html") {  // the same report, less its meta tag
      EXPECT_EQ(source["sha256"], nlohmann::json::parse(from_disk.out)["source"]["sha256"]) << "the bytes as served";
    }
    EXPECT_FALSE(source["fetched_at"].get<std::string>().empty());
  }
  EXPECT_EQ(site.count("/robots.txt"), 5) << "each run reads robots.txt once";
  auto again = run_xxgk({"extract", site.url("/reports/a.html"), "--cache", cache.path().string()});
  EXPECT_EQ(again.exit_code, cli::exit_ok) << again.err;
  EXPECT_EQ(site.count("/reports/a.html"), 1) << "read from the cache";
  auto refreshed = run_xxgk({"extract", site.url("/reports/a.html"), "--cache", cache.path().string(), "--refresh"});
  EXPECT_EQ(site.count("/reports/a.html"), 2);
  for (const auto &[path, t] : site.requests()) EXPECT_NE(path, "/private/d.pdf");
  auto private_pdf = run_xxgk({"extract", site.url("/private/d.pdf"), "--cache", cache.path().string()});
  EXPECT_EQ(private_pdf.exit_code, cli::exit_unreadable);
  EXPECT_NE(private_pdf.err.find("robots.txt"), std::string::npos) << private_pdf.err;
  EXPECT_EQ(site.count("/private/d.pdf"), 0);
}

TEST(FetchCli, ABatchOfUrlsGivesEachFailureItsRecordPolitelyAndResumesWithoutFetching) {
  XXGK_REQUIRE_SHARED();
  TestSite site;
  TempDir out;
  const double delay = 0.3;
  std::map<std::string, std::string> expect_failure = {{"/loop/a", "redirect loop"},
                                                       {"/missing.html", "HTTP 404"},
                                                       {"/slow", "timed out"},
                                                       {"/huge", "larger than the limit"},
                                                       {"/private/d.pdf", "robots.txt"}};
  std::vector<std::string> args{"extract"};
  for (const char *ok : {"/reports/a.html", "/redirect/3", "/flaky/a.html", "/busy/a.html", "/files/c.pdf"})
    args.push_back(site.url(ok));
  for (const auto &[path, reason] : expect_failure) args.push_back(site.url(path));
  auto jsonl = out.path() / "all.jsonl";
  args.insert(args.end(), {"--jsonl", jsonl.string(), "--cache", (out.path() / "cache").string(), "--delay", "0.3",
                           "--fetch-timeout", "1", "--retries", "2", "--retry-wait", "0.2", "--max-download", "1",
                           "--contact", "ops@example.org"});
  auto r = run_xxgk(args);
  EXPECT_EQ(r.exit_code, cli::exit_some_failed) << r.err;
  std::map<std::string, nlohmann::json> records;
  std::istringstream lines(read_file(jsonl));
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    records[j["source"]["file"]] = j;
  }
  ASSERT_EQ(records.size(), 10u);
  auto local = without_source(run_xxgk({"extract", (site.root() / "reports" / "a.html").string()}).out);
  for (const char *same : {"/reports/a.html", "/redirect/3", "/flaky/a.html", "/busy/a.html"}) {
    nlohmann::json j = records[site.url(same)];
    EXPECT_EQ(j["status"], "ok") << same;
    EXPECT_EQ(j["source"]["final_url"],
              std::string(same).starts_with("/redirect") ? site.url("/reports/a.html") : site.url(same));
    j.erase("source");
    EXPECT_EQ(j, local) << same;
  }
  for (const auto &[path, reason] : expect_failure) {
    const nlohmann::json &j = records[site.url(path)];
    EXPECT_EQ(j["status"], "failed") << path;
    EXPECT_NE(j["error"]["reason"].get<std::string>().find(reason), std::string::npos) << path << ": " << j.dump();
  }
  EXPECT_EQ(site.count("/flaky/a.html"), 3) << "503 twice, then the report";
  EXPECT_EQ(site.count("/busy/a.html"), 2) << "429, then the report after Retry-After";
  EXPECT_EQ(site.count("/slow"), 3) << "a timeout is retried";
  EXPECT_EQ(site.count("/missing.html"), 1) << "a 404 is not";
  EXPECT_EQ(site.count("/private/d.pdf"), 0) << "robots.txt forbids it";
  EXPECT_EQ(site.count("/robots.txt"), 1);
  std::set<std::string> agents = site.agents();
  ASSERT_EQ(agents.size(), 1u) << "one User-Agent for every request";
  EXPECT_TRUE(agents.begin()->starts_with("xxgk/")) << *agents.begin();
  EXPECT_NE(agents.begin()->find("ops@example.org"), std::string::npos) << "the contact travels with each request";
  auto requests = site.requests();
  for (size_t i = 1; i < requests.size(); ++i)
    EXPECT_GE(requests[i].second - requests[i - 1].second, delay - 0.05)
        << requests[i - 1].first << " then " << requests[i].first << ": one host, one request at a time, 0.3 s apart";
  size_t before = requests.size();
  args.push_back("--resume");
  auto resumed = run_xxgk(args);
  EXPECT_NE(resumed.err.find("(10 skipped as already done)"), std::string::npos) << resumed.err;
  EXPECT_EQ(site.requests().size(), before) << "--resume fetches nothing again";
  std::cerr << "[fetch] test crawl: " << before << " requests; " << r.err.substr(r.err.find("xxgk: fetched"));
}

TEST(FetchCli, ACrawlOfAListFindsExactlyItsReportsAndExtractsThem) {
  XXGK_REQUIRE_SHARED();
  TestSite site;
  TempDir out;
  auto list = out.path() / "reports.tsv";
  std::string cache = (out.path() / "cache").string();
  auto r = run_xxgk({"crawl", site.url("/ndbg/index.html"), "-o", list.string(), "--cache", cache, "--delay", "0"});
  ASSERT_EQ(r.exit_code, cli::exit_ok) << r.err;
  EXPECT_EQ(read_file(list), site.url("/reports/a.html") + "\t2023\t示例市数据局2023年政府信息公开工作年度报告\n" +
                                 site.url("/ndbg/t2022.html") + "\t2022\t示例市数据局2022年政府信息公开工作年度报告\n" +
                                 site.url("/files/c.pdf") + "\t2021\t示例市数据局2021年度政府信息公开年报\n" +
                                 site.url("/reports/b.gbk.html") +
                                 "\t2020\t示例市数据局2020年政府信息公开工作年度报告\n");
  EXPECT_NE(r.err.find("4 report(s) on 3 list page(s)"), std::string::npos) << r.err;
  EXPECT_EQ(site.count("/ndbg/index_1.html"), 1) << "each list page read once";
  auto two = run_xxgk({"crawl", site.url("/ndbg/index.html"), "--max-pages", "2", "--cache", cache, "--delay", "0"});
  EXPECT_EQ(std::count(two.out.begin(), two.out.end(), '\n'), 3) << two.out;
  EXPECT_EQ(site.count("/ndbg/index.html"), 2) << "a list page is read afresh, not from the cache";

  auto db = out.path() / "reports.db";
  auto extracted = run_xxgk({"extract", "--files-from", list.string(), "--sqlite", db.string(), "--jsonl",
                             (out.path() / "all.jsonl").string(), "--cache", cache, "--delay", "0"});
  ASSERT_EQ(extracted.exit_code, cli::exit_ok) << extracted.err;
  std::map<std::string, nlohmann::json> records;
  std::istringstream lines(read_file(out.path() / "all.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    records[j["source"]["file"]] = j;
  }
  ASSERT_EQ(records.size(), 4u);
  nlohmann::json attachment = records[site.url("/ndbg/t2022.html")];
  EXPECT_EQ(attachment["source"]["linked_from"], site.url("/ndbg/t2022.html"));
  EXPECT_EQ(attachment["source"]["final_url"], site.url("/files/c.pdf"));
  attachment.erase("source");
  EXPECT_EQ(attachment, without_source(run_xxgk({"extract", (site.root() / "files" / "c.pdf").string()}).out))
      << "the page's attachment is the report read";
  auto at_once = out.path() / "at-once.db";
  auto crawled =
      run_xxgk({"crawl", site.url("/ndbg/index.html"), "--sqlite", at_once.string(), "--cache", cache, "--delay", "0"});
  EXPECT_EQ(crawled.exit_code, cli::exit_ok) << crawled.err;
  EXPECT_EQ(crawled.out, "") << "extracted, not listed";
  EXPECT_NE(crawled.err.find("4 inputs: 4 ok"), std::string::npos) << crawled.err;
}

// A report page that shows its tables as pictures (a scan of the sample's last page) beside
// an icon: the pictures are read by OCR as a scan's pages, the rest from the page.
TEST(FetchCli, APageWhoseTablesArePicturesIsReadThroughThem) {
  XXGK_REQUIRE_SHARED();
  TestSite site;
  TempDir out;
  fs::create_directories(site.root() / "img");
  std::string render = "pdftoppm -r 200 -f 3 -l 3 -png -singlefile " +
                       shell_quote(test::fixture("sample-report.pdf").string()) + " " +
                       shell_quote((site.root() / "img" / "p3").string());
  ASSERT_EQ(std::system(render.c_str()), 0);
  write_file(
      site.root() / "reports" / "pictures.html",
      "<html><head><meta charset=\"utf-8\"><title>示例市数据资源管理局2024年政府信息公开工作年度报告</title></head>"
      "<body><img src=\"/img/logo.png\" width=\"32\" "
      "height=\"32\"><h1>示例市数据资源管理局2024年政府信息公开工作年度报告</h1>"
      "<p>一、总体情况</p><p>2024年，本局坚持以公开为常态、不公开为例外。</"
      "p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
      "<p><img src=\"../img/p3.png\"></p></body></html>");
  auto r = run_xxgk(
      {"extract", site.url("/reports/pictures.html"), "--cache", (out.path() / "cache").string(), "--delay", "0"});
  ASSERT_NE(r.exit_code, cli::exit_internal) << r.err;
  ASSERT_NE(r.exit_code, cli::exit_unreadable) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"]["pictures"], nlohmann::json::array({site.url("/img/p3.png")}));
  EXPECT_EQ(j["meta"]["title"], "示例市数据资源管理局2024年政府信息公开工作年度报告");
  EXPECT_EQ(site.count("/img/logo.png"), 0) << "an icon is no table";
  auto scan = nlohmann::json::parse(run_xxgk({"extract", (site.root() / "img" / "p3.png").string()}).out);
  EXPECT_EQ(j["tables"]["review_litigation"], scan["tables"]["review_litigation"]) << "read as the picture alone is";
  EXPECT_EQ(j["tables"]["review_litigation"]["administrative_review"]["total"], 4);
  bool said = false;
  for (const auto &w : j["warnings"]) said = said || w["code"] == "tables_from_pictures";
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace xxgk
