// The corpus runner: where time and memory go, per stage and per report, beside the tools a
// user would otherwise run on the same files in the same run.
//
// For every PDF of the corpus folders given:
//   - xxgk in this process, one thread, with a StageClock: seconds per stage (open, text runs,
//     render, preprocess, rulings, grid, page OCR, cell OCR, mapping, JSON);
//   - `xxgk extract FILE --threads 1` as its own process: end-to-end wall time and peak RSS;
//   - `pdftotext FILE` and `pdftotext -layout FILE`: the floor of reading the text with Poppler;
//   - for each page xxgk read by OCR: `tesseract PAGE.png - -l chi_sim` on that page rendered by
//     pdftoppm at the same DPI (rendering not counted), one thread.
// Then reports of 1, 10 and 100 pages built from the corpus's pages (pdfunite): time and peak
// RSS against page count; and a bulk run of many inputs (`xxgk extract --jsonl`), its RSS
// sampled from start to end.
// Writes a markdown summary (stdout or --markdown FILE) and one CSV row per report (--csv FILE).

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "xxgk/core/stage_clock.hpp"
#include "xxgk/pipeline/extract_report.hpp"

namespace fs = std::filesystem;
using namespace xxgk;

namespace {

const std::vector<std::string> stages = {"open", "text",     "render",    "preprocess", "rulings",
                                         "grid", "ocr_page", "ocr_cells", "mapping",    "json"};

struct Options {
  std::vector<fs::path> corpora;
  fs::path xxgk = "build/cli/xxgk";
  fs::path markdown, csv;
  double dpi = 300;
  int limit = 0;        // reports per corpus folder; 0: all
  int max_pages = 100;  // the largest report built for the page-count series
  int bulk = 1000;      // inputs of the bulk run; 0: none
  bool peers = true;    // pdftotext and tesseract beside xxgk
};

struct ProcessRun {
  double seconds = 0;
  long peak_rss_kb = 0;
  int exit_code = -1;
};

// Runs argv with stdout to /dev/null (or `out`), waits, and reports wall time and peak RSS.
ProcessRun run(const std::vector<std::string> &argv, const fs::path &out = "/dev/null",
               const std::vector<std::string> &env = {}) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    FILE *sink = std::fopen(out.c_str(), "w");
    FILE *null = std::fopen("/dev/null", "w");
    if (sink) dup2(fileno(sink), 1);
    if (null) dup2(fileno(null), 2);
    for (const auto &e : env) putenv(const_cast<char *>(e.c_str()));
    std::vector<char *> args;
    for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  ProcessRun r;
  int status = 0;
  rusage usage{};
  if (pid > 0 && wait4(pid, &status, 0, &usage) == pid) {
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.peak_rss_kb = usage.ru_maxrss;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

struct ReportRun {
  fs::path pdf;
  std::string kind;  // text, scanned, mixed (some pages OCR'd)
  int pages = 0;
  std::vector<int> ocr_pages;
  std::map<std::string, double> stage_seconds;
  double in_process = 0;  // extract_report + JSON, this process
  ProcessRun xxgk, pdftotext, pdftotext_layout;
  double tesseract = 0;  // over the OCR'd pages
  bool failed = false;
};

ReportRun measure_in_process(const fs::path &pdf, const Options &o) {
  ReportRun r;
  r.pdf = pdf;
  StageClock clock;
  pipeline::ExtractOptions extract;
  extract.threads = 1;
  extract.ocr_dpi = o.dpi;
  extract.clock = &clock;
  auto start = std::chrono::steady_clock::now();
  try {
    report::Report report = pipeline::extract_report(pdf, extract, {});
    {
      StageTimer timer(&clock, "json");
      std::string json = report::to_json(report).dump();
      if (json.empty()) r.failed = true;
    }
    r.pages = static_cast<int>(report.pages.size());
    for (const auto &p : report.pages)
      if (p.read_from == "ocr") r.ocr_pages.push_back(p.number);
  } catch (const std::exception &e) {
    std::cerr << pdf.string() << ": " << e.what() << "\n";
    r.failed = true;
  }
  r.in_process = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto &[stage, seconds] : clock.totals()) r.stage_seconds[stage] = seconds;
  r.kind = r.ocr_pages.empty() ? "text" : static_cast<int>(r.ocr_pages.size()) == r.pages ? "scanned" : "mixed";
  return r;
}

double tesseract_seconds(const fs::path &pdf, const std::vector<int> &pages, double dpi, const fs::path &tmp) {
  double total = 0;
  for (int page : pages) {
    fs::path stem = tmp / ("page-" + std::to_string(page));
    std::string n = std::to_string(page), d = std::to_string(static_cast<int>(dpi));
    run({"pdftoppm", "-r", d, "-f", n, "-l", n, "-png", "-singlefile", pdf.string(), stem.string()});
    total +=
        run({"tesseract", stem.string() + ".png", "-", "-l", "chi_sim"}, "/dev/null", {"OMP_THREAD_LIMIT=1"}).seconds;
    fs::remove(stem.string() + ".png");
  }
  return total;
}

// The in-process run happens in a child: the library's memory (Tesseract's model) must not stay
// in this process, whose forks would carry it into the peak RSS of every tool measured after.
ReportRun measure_in_child(const fs::path &pdf, const Options &o) {
  int fds[2];
  if (pipe(fds) != 0) return measure_in_process(pdf, o);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    ReportRun r = measure_in_process(pdf, o);
    std::ostringstream out;
    out << "kind " << r.kind << "\npages " << r.pages << "\nin_process " << r.in_process << "\nfailed " << r.failed
        << "\n";
    for (int page : r.ocr_pages) out << "ocr_page " << page << "\n";
    for (const auto &[stage, seconds] : r.stage_seconds) out << "stage " << stage << " " << seconds << "\n";
    std::string text = out.str();
    ssize_t written = write(fds[1], text.data(), text.size());
    _exit(written == static_cast<ssize_t>(text.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  if (pid > 0) waitpid(pid, nullptr, 0);
  ReportRun r;
  r.pdf = pdf;
  r.failed = true;  // unless the child says otherwise
  std::istringstream in(text);
  for (std::string key; in >> key;) {
    if (key == "kind")
      in >> r.kind;
    else if (key == "pages")
      in >> r.pages;
    else if (key == "in_process")
      in >> r.in_process;
    else if (key == "failed")
      in >> r.failed;
    else if (key == "ocr_page")
      r.ocr_pages.emplace_back(), in >> r.ocr_pages.back();
    else if (key == "stage") {
      std::string stage;
      in >> stage >> r.stage_seconds[stage];
    }
  }
  return r;
}

ReportRun measure(const fs::path &pdf, const Options &o, const fs::path &tmp) {
  ReportRun r = measure_in_child(pdf, o);
  std::string dpi = std::to_string(static_cast<int>(o.dpi));
  r.xxgk = run({o.xxgk.string(), "extract", pdf.string(), "--threads", "1", "--dpi", dpi}, "/dev/null",
               {"OMP_THREAD_LIMIT=1"});
  if (o.peers) {
    r.pdftotext = run({"pdftotext", pdf.string(), "-"});
    r.pdftotext_layout = run({"pdftotext", "-layout", pdf.string(), "-"});
    r.tesseract = tesseract_seconds(pdf, r.ocr_pages, o.dpi, tmp);
  }
  return r;
}

std::vector<fs::path> corpus_pdfs(const fs::path &dir, int limit) {
  std::vector<fs::path> out;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  if (limit > 0 && static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
  return out;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string fixed(double v, int digits = 2) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

void write_csv(const std::vector<ReportRun> &runs, const fs::path &path) {
  std::ofstream out(path);
  out << "file,kind,pages,ocr_pages";
  for (const auto &s : stages) out << "," << s << "_s";
  out << ",in_process_s,xxgk_s,xxgk_peak_rss_mb,pdftotext_s,pdftotext_layout_s,tesseract_s,failed\n";
  for (const ReportRun &r : runs) {
    out << r.pdf.filename().string() << "," << r.kind << "," << r.pages << "," << r.ocr_pages.size();
    for (const auto &s : stages) out << "," << fixed(r.stage_seconds.count(s) ? r.stage_seconds.at(s) : 0, 4);
    out << "," << fixed(r.in_process, 4) << "," << fixed(r.xxgk.seconds, 4) << ","
        << fixed(r.xxgk.peak_rss_kb / 1024.0, 1) << "," << fixed(r.pdftotext.seconds, 4) << ","
        << fixed(r.pdftotext_layout.seconds, 4) << "," << fixed(r.tesseract, 4) << ","
        << (r.failed || r.xxgk.exit_code > 5 ? 1 : 0) << "\n";
  }
}

// Stage seconds per page, summed over the reports of one kind.
void stage_table(std::ostream &md, const std::vector<ReportRun> &runs) {
  md << "\n### Where the time goes (one thread, seconds per page)\n\n| stage | born-digital | scanned pages "
        "|\n|---|---:|---:|\n";
  std::map<std::string, double> text, scanned;
  double text_pages = 0, scanned_pages = 0;
  for (const ReportRun &r : runs) {
    if (r.kind == "mixed") continue;  // its stages mix both kinds of page
    auto &into = r.kind == "text" ? text : scanned;
    (r.kind == "text" ? text_pages : scanned_pages) += r.pages;
    for (const auto &[s, v] : r.stage_seconds) into[s] += v;
  }
  double text_total = 0, scanned_total = 0;
  for (const auto &s : stages) {
    double t = text_pages ? text[s] / text_pages : 0, c = scanned_pages ? scanned[s] / scanned_pages : 0;
    text_total += t, scanned_total += c;
    md << "| " << s << " | " << fixed(t, 4) << " | " << fixed(c, 3) << " |\n";
  }
  md << "| **all** | **" << fixed(text_total, 4) << "** | **" << fixed(scanned_total, 3) << "** |\n";
}

void summary(std::ostream &md, const std::vector<ReportRun> &runs, const Options &o) {
  std::vector<double> text_ratio, layout_ratio, scan_ratio;
  double text_pages = 0, text_seconds = 0, ocr_pages = 0, ocr_seconds = 0, tess_seconds = 0, pdftotext_total = 0;
  long peak = 0;
  int failed = 0;
  for (const ReportRun &r : runs) {
    peak = std::max(peak, r.xxgk.peak_rss_kb);
    failed += r.failed;
    if (r.kind == "text") {
      text_pages += r.pages, text_seconds += r.xxgk.seconds, pdftotext_total += r.pdftotext.seconds;
      if (r.pdftotext.seconds > 0) text_ratio.push_back(r.xxgk.seconds / r.pdftotext.seconds);
      if (r.pdftotext_layout.seconds > 0) layout_ratio.push_back(r.xxgk.seconds / r.pdftotext_layout.seconds);
    } else if (r.kind == "scanned") {
      ocr_pages += static_cast<double>(r.ocr_pages.size()), ocr_seconds += r.xxgk.seconds, tess_seconds += r.tesseract;
      if (r.tesseract > 0) scan_ratio.push_back(r.xxgk.seconds / r.tesseract);
    }
  }
  md << "\n### Reports of the corpus (" << runs.size() << " files, " << failed << " failed)\n\n";
  md << "| measure | figure | target |\n|---|---:|---|\n";
  md << "| born-digital: xxgk / `pdftotext`, median per report | " << fixed(median(text_ratio)) << "x | <= 4x |\n";
  md << "| born-digital: xxgk / `pdftotext -layout`, median per report | " << fixed(median(layout_ratio)) << "x | |\n";
  md << "| born-digital: xxgk s per report (median) | "
     << fixed(text_pages ? text_seconds / std::max<double>(1, static_cast<double>(text_ratio.size())) : 0, 3)
     << " | |\n";
  md << "| born-digital pages/s (xxgk, one thread) | " << fixed(text_seconds ? text_pages / text_seconds : 0, 1)
     << " | |\n";
  md << "| born-digital pages/s (`pdftotext`) | " << fixed(pdftotext_total ? text_pages / pdftotext_total : 0, 1)
     << " | |\n";
  md << "| scanned: xxgk s per page at " << static_cast<int>(o.dpi) << " DPI (whole report / pages) | "
     << fixed(ocr_pages ? ocr_seconds / ocr_pages : 0) << " | |\n";
  md << "| scanned: `tesseract` s per page, same images | " << fixed(ocr_pages ? tess_seconds / ocr_pages : 0)
     << " | |\n";
  md << "| scanned: xxgk / `tesseract`, median per report | " << fixed(median(scan_ratio)) << "x | <= 1.0x |\n";
  md << "| scanned pages/s (xxgk, one thread) | " << fixed(ocr_seconds ? ocr_pages / ocr_seconds : 0, 2) << " | |\n";
  md << "| peak RSS of `xxgk extract`, largest report | " << fixed(peak / 1024.0, 0) << " MB | |\n";
  stage_table(md, runs);
}

// Reports of 1, 10, ... max_pages pages made of the corpus's own pages, in order, repeated.
void page_series(std::ostream &md, const std::vector<ReportRun> &runs, const Options &o, const fs::path &tmp) {
  md << "\n### Time and memory against pages (`xxgk extract`, one thread)\n\n"
     << "| kind | pages | seconds | s/page | peak RSS MB | `pdftotext` s |\n|---|---:|---:|---:|---:|---:|\n";
  for (const std::string kind : {"text", "scanned"}) {
    std::vector<fs::path> sources;
    for (const ReportRun &r : runs)
      if (r.kind == kind && !r.failed) sources.push_back(r.pdf);
    if (sources.empty()) continue;
    // The pages, one file each, from as many reports as it takes.
    std::vector<fs::path> pages;
    for (const fs::path &src : sources) {
      fs::path dir = tmp / ("pages-" + src.stem().string());
      fs::create_directories(dir);
      run({"pdfseparate", src.string(), (dir / "p-%03d.pdf").string()});
      std::vector<fs::path> these;
      for (const auto &e : fs::directory_iterator(dir)) these.push_back(e.path());
      std::sort(these.begin(), these.end());
      pages.insert(pages.end(), these.begin(), these.end());
      if (static_cast<int>(pages.size()) >= o.max_pages) break;
    }
    for (int n = 1; n <= o.max_pages; n *= 10) {
      std::vector<std::string> argv = {"pdfunite"};
      for (int i = 0; i < n; ++i) argv.push_back(pages[static_cast<size_t>(i) % pages.size()].string());
      fs::path doc = tmp / (kind + "-" + std::to_string(n) + ".pdf");
      argv.push_back(doc.string());
      if (n == 1) argv = {"cp", pages.front().string(), doc.string()};
      run(argv);
      ProcessRun x =
          run({o.xxgk.string(), "extract", doc.string(), "--threads", "1"}, "/dev/null", {"OMP_THREAD_LIMIT=1"});
      ProcessRun p = run({"pdftotext", doc.string(), "-"});
      md << "| " << kind << " | " << n << " | " << fixed(x.seconds) << " | " << fixed(x.seconds / n, 3) << " | "
         << fixed(x.peak_rss_kb / 1024.0, 0) << " | " << fixed(p.seconds, 3) << " |\n";
      std::cerr << "[bench] " << kind << " " << n << " pages: " << fixed(x.seconds) << " s\n";
    }
  }
}

long rss_kb_of(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// A batch of `count` inputs (the corpus's born-digital reports under many names): the batch
// process's RSS sampled through the run, and the largest of any process in it.
void bulk_run(std::ostream &md, const std::vector<ReportRun> &runs, const Options &o, const fs::path &tmp) {
  std::vector<fs::path> sources;
  for (const ReportRun &r : runs)
    if (r.kind == "text" && !r.failed) sources.push_back(fs::absolute(r.pdf));
  if (sources.empty() || o.bulk <= 0) return;
  fs::path dir = tmp / "bulk";
  fs::create_directories(dir);
  for (int i = 0; i < o.bulk; ++i)
    fs::create_symlink(sources[static_cast<size_t>(i) % sources.size()], dir / ("r" + std::to_string(i) + ".pdf"));
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    FILE *null = std::fopen("/dev/null", "w");
    if (null) dup2(fileno(null), 2);
    std::string jsonl = (tmp / "bulk.jsonl").string(), in = dir.string();
    execl(o.xxgk.c_str(), o.xxgk.c_str(), "extract", in.c_str(), "--jsonl", jsonl.c_str(), "--jobs", "2",
          static_cast<char *>(nullptr));
    _exit(127);
  }
  std::vector<long> samples;
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    samples.push_back(rss_kb_of(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto tenth = [&](bool last) {
    size_t n = std::max<size_t>(1, samples.size() / 10);
    auto b = last ? samples.end() - static_cast<long>(n) : samples.begin();
    return samples.empty() ? 0L : *std::max_element(b, b + static_cast<long>(n));
  };
  md << "\n### Bulk run: " << o.bulk << " inputs, `xxgk extract DIR --jsonl --jobs 2`\n\n"
     << "| measure | figure |\n|---|---:|\n"
     << "| wall time | " << fixed(seconds, 1) << " s (" << fixed(o.bulk / seconds, 1) << " files/s) |\n"
     << "| batch process RSS, first tenth of the run | " << fixed(tenth(false) / 1024.0, 1) << " MB |\n"
     << "| batch process RSS, last tenth of the run | " << fixed(tenth(true) / 1024.0, 1) << " MB |\n"
     << "| largest RSS of any process of the batch (a worker) | " << fixed(usage.ru_maxrss / 1024.0, 0) << " MB |\n";
}

void machine(std::ostream &md) {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(cpu, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  md << "Machine: " << model << ", " << std::thread::hardware_concurrency() << " cores.\n";
}

int usage(const char *argv0) {
  std::cerr << "usage: " << argv0
            << " CORPUS_DIR... [--xxgk PATH] [--markdown FILE] [--csv FILE] [--dpi N] [--limit N]\n"
               "       [--max-pages N] [--bulk N] [--no-peers]\n"
               "Times xxgk per stage and end to end on every PDF of the folders, beside pdftotext and\n"
               "tesseract on the same files; then 1..N-page reports and a bulk run. Markdown to stdout.\n";
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--xxgk")
        o.xxgk = next();
      else if (a == "--markdown")
        o.markdown = next();
      else if (a == "--csv")
        o.csv = next();
      else if (a == "--dpi")
        o.dpi = std::stod(next());
      else if (a == "--limit")
        o.limit = std::stoi(next());
      else if (a == "--max-pages")
        o.max_pages = std::stoi(next());
      else if (a == "--bulk")
        o.bulk = std::stoi(next());
      else if (a == "--no-peers")
        o.peers = false;
      else if (a == "-h" || a == "--help")
        return usage(argv[0]), 0;
      else if (!a.empty() && a[0] == '-')
        return usage(argv[0]);
      else
        o.corpora.push_back(a);
    } catch (const std::exception &e) {
      std::cerr << e.what() << "\n";
      return usage(argv[0]);
    }
  }
  if (o.corpora.empty()) return usage(argv[0]);
  if (!fs::exists(o.xxgk)) {
    std::cerr << "no xxgk binary at " << o.xxgk << " (--xxgk PATH)\n";
    return 2;
  }
  // Tesseract here and in every tool measured: one thread each. libgomp reads the limit when
  // it is loaded, so this process sets it and starts itself again (as xxgk does).
  if (!std::getenv("OMP_THREAD_LIMIT")) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);
  }
  char pattern[] = "/tmp/xxgk-bench-XXXXXX";
  fs::path tmp = mkdtemp(pattern);
  std::vector<ReportRun> runs;
  for (const fs::path &dir : o.corpora)
    for (const fs::path &pdf : corpus_pdfs(dir, o.limit)) {
      runs.push_back(measure(pdf, o, tmp));
      const ReportRun &r = runs.back();
      std::cerr << "[bench] " << pdf.filename().string() << " (" << r.kind << ", " << r.pages << " pages): xxgk "
                << fixed(r.xxgk.seconds) << " s, pdftotext " << fixed(r.pdftotext.seconds, 3) << " s, tesseract "
                << fixed(r.tesseract) << " s\n";
    }
  std::ostringstream md;
  md << "## xxgk benchmark\n\n";
  machine(md);
  summary(md, runs, o);
  page_series(md, runs, o, tmp);
  bulk_run(md, runs, o, tmp);
  if (!o.csv.empty()) write_csv(runs, o.csv);
  if (o.markdown.empty())
    std::cout << md.str();
  else
    std::ofstream(o.markdown) << md.str();
  fs::remove_all(tmp);
  return 0;
}
