// xxgk command-line entry point: parses options, runs the pipeline, writes validated JSON.

#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <optional>
#include <sstream>
#include <thread>

#include "options.hpp"
#include "xxgk/batch/csv_export.hpp"
#include "xxgk/batch/inputs.hpp"
#include "xxgk/batch/run_batch.hpp"
#include "xxgk/batch/worker.hpp"
#include "xxgk/core/atomic_file.hpp"
#include "xxgk/dataset/database.hpp"
#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/fetch/crawl.hpp"
#include "xxgk/fetch/fetcher.hpp"
#include "xxgk/fetch/url.hpp"
#include "xxgk/markup/charset.hpp"
#include "xxgk/markup/input_format.hpp"
#include "xxgk/report/table_output.hpp"
#include "xxgk/report/template_spec.hpp"
#include "xxgk/report/validation.hpp"
#include "xxgk/review/corrections.hpp"
#include "xxgk/review/review_server.hpp"
#include "xxgk/schema/report_schema.hpp"
#include "xxgk/spreadsheet/workbook.hpp"

namespace {

using namespace xxgk;
using namespace xxgk::cli;

int fail(int code, const std::string &message) {
  std::cerr << "xxgk: " << message << "\n";
  return code;
}

int exit_code_for(InputErrorKind kind) {
  using K = InputErrorKind;
  return kind == K::encrypted || kind == K::wrong_password ? exit_encrypted : exit_unreadable;
}

// Warnings about the document, one line each; warnings about values (one per key, possibly
// hundreds on a poor scan) one line per kind, with a few keys as examples. The JSON has them all.
void print_warnings(const std::string &input, const std::vector<report::Warning> &warnings) {
  std::map<std::string, std::vector<const report::Warning *>> by_code;
  for (const auto &w : warnings) {
    if (w.key.empty())
      std::cerr << "xxgk: warning: " << input << (w.page ? ":p" + std::to_string(w.page) : "") << ": " << w.message
                << "\n";
    else
      by_code[w.code].push_back(&w);
  }
  for (const auto &[code, list] : by_code) {
    std::cerr << "xxgk: warning: " << input << ": " << list.size() << " × " << code << " (";
    for (size_t i = 0; i < list.size() && i < 3; ++i) std::cerr << (i ? ", " : "") << list[i]->key;
    std::cerr << (list.size() > 3 ? ", …" : "") << "): " << list.front()->message << "\n";
  }
}

// A URL input fetched into the cache (or found there), its attachment followed: the file to
// read, and where it came from.
std::optional<fetch::ReportSource> fetched_input(const Options &o, std::string &path) {
  if (!fetch::is_url(path)) return std::nullopt;
  fetch::Fetcher fetcher(o.fetch);
  fetch::ReportSource got = fetch::fetch_report(fetcher, path);
  path = got.read().path;
  return got;
}

void describe_fetch(report::SourceInfo &source, const std::string &url, const fetch::ReportSource &got) {
  const fetch::Fetched &read = got.read();
  source.file = source.url = url;
  source.final_url = read.final_url;
  source.fetched_at = read.fetched_at;
  source.http_status = read.http_status;
  source.content_type = read.content_type;
  if (got.attachment) source.linked_from = got.page.final_url;
  for (const fetch::Fetched &p : got.pictures) source.pictures.push_back(p.final_url);
}

// The report a fetched URL gives: its document, or a page with its tables in pictures.
report::Report extract_fetched(const Options &o, const std::string &path, const fetch::ReportSource *got) {
  if (!got) return pipeline::extract_report(path, o.extract, o.tables);
  pipeline::ExtractOptions options = o.extract;
  options.served_charset = markup::charset_of_content_type(got->read().content_type);
  if (got->pictures.empty()) return pipeline::extract_report(path, options, o.tables);
  std::vector<std::filesystem::path> pictures;
  for (const fetch::Fetched &p : got->pictures) pictures.push_back(p.path);
  return pipeline::extract_page_with_pictures(path, pictures, options, o.tables);
}

// A person's corrections for this source (xxgk review), applied to its record; those made on
// another version of the file only reported.
void apply_person_corrections(const Options &o, nlohmann::json &j) {
  review::CorrectionsFound found = review::find_corrections(o.corrections_dir, j);
  if (found.file) {
    review::Applied applied = review::apply_corrections(j, *found.file, found.path, report::official_template_spec());
    std::cerr << "xxgk: " << o.inputs[0] << ": " << applied.keys.size() << " correction(s) applied from "
              << found.path.string() << (applied.not_applied.empty() ? "" : ", ")
              << (applied.not_applied.empty() ? "" : std::to_string(applied.not_applied.size()) + " not applied")
              << "\n";
  }
  if (!found.stale.empty()) {
    review::note_stale_corrections(j, found.stale);
    std::cerr << "xxgk: warning: " << o.inputs[0] << ": corrections in " << found.stale.front().string()
              << " were made on another version of this file: not applied\n";
  }
}

// --debug-dir's page-N.json beside the page's overlay: why each value of the page is where it is.
bool write_explained_pages(const std::filesystem::path &dir, const report::Report &r) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (int page = 1; page <= std::max(r.source.pages, 1); ++page) {
    auto path = dir / ("page-" + std::to_string(page) + ".json");
    if (!write_file_atomically(
            path.string(),
            report::page_explained(r, page).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"))
      return false;
  }
  return true;
}

int run_extract(const Options &o) {
  std::error_code ec;
  if (!o.corrections_dir.empty() && !std::filesystem::is_directory(o.corrections_dir, ec))
    return fail(exit_usage, "usage error: --corrections " + o.corrections_dir + " is not a folder");
  report::Report r;
  std::string path = o.inputs[0];
  try {
    std::optional<fetch::ReportSource> got = fetched_input(o, path);
    r = extract_fetched(o, path, got ? &*got : nullptr);
    if (got) describe_fetch(r.source, o.inputs[0], *got);
    r.provenance = o.provenance;
  } catch (const InputError &e) {
    return fail(exit_code_for(e.kind()), std::string("error: ") + e.what());
  } catch (const fetch::FetchError &e) {
    return fail(exit_unreadable, "error: " + o.inputs[0] + ": " + e.what());
  }
  if (!o.tables.debug_dir.empty() && !write_explained_pages(o.tables.debug_dir, r))
    return fail(exit_unreadable, "error: cannot write to --debug-dir " + o.tables.debug_dir.string());
  nlohmann::json j = report::to_json(r);
  try {
    if (!o.corrections_dir.empty()) apply_person_corrections(o, j);
  } catch (const review::CorrectionError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  }
  std::vector<std::string> problems = schema::validate_report(j);
  if (!problems.empty())
    return fail(exit_internal, "internal error: output does not match the schema: " + problems.front());
  std::string text = j.dump(o.pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (o.output.empty()) {
    std::cout << text << std::flush;
  } else if (!write_file_atomically(o.output, text)) {
    return fail(exit_unreadable, "error: cannot write '" + o.output + "'");
  }
  print_warnings(o.inputs[0], r.warnings);
  size_t failed_checks = j["validation"]["failed"].size();
  if (failed_checks)
    std::cerr << "xxgk: note: " << o.inputs[0] << ": " << failed_checks
              << " of the form's arithmetic checks fail on the printed numbers (see \"validation\")\n";
  std::string status = j["status"];
  return status == "partial" ? exit_partial : status == "review" ? exit_review : exit_ok;
}

int write_csv_tables(const Options &o, const std::vector<layout::Table> &tables) {
  std::error_code ec;
  std::filesystem::create_directories(o.output, ec);
  auto fill = o.repeat_spans ? report::SpanFill::repeat : report::SpanFill::empty;
  for (size_t i = 0; i < tables.size(); ++i) {
    auto path = std::filesystem::path(o.output) / ("table-" + std::to_string(i + 1) + ".csv");
    if (!write_file_atomically(path.string(), report::to_csv(tables[i], fill)))
      return fail(exit_unreadable, "error: cannot write '" + path.string() + "'");
  }
  std::cerr << "xxgk: wrote " << tables.size() << " CSV file(s) to " << o.output << "\n";
  return exit_ok;
}

int run_tables(const Options &o) {
  std::vector<report::Warning> warnings;
  pipeline::DocumentTables found;
  std::string sha256;
  int pages = 0;
  std::string path = o.inputs[0];
  try {
    fetched_input(o, path);
    if (auto other = pipeline::tables_of_non_pdf(path, o.extract, o.tables, warnings)) {
      found.tables = std::move(*other);
      for (const auto &t : found.tables)
        for (const auto &part : t.parts) pages = std::max(pages, part.page);
    } else {
      auto doc = extract::PdfDocument::open(path, {o.extract.password});
      pages = doc.page_count();
      found = pipeline::read_document(doc, o.extract, o.tables, warnings).tables;
    }
  } catch (const InputError &e) {
    return fail(exit_code_for(e.kind()), std::string("error: ") + e.what());
  } catch (const fetch::FetchError &e) {
    return fail(exit_unreadable, "error: " + o.inputs[0] + ": " + e.what());
  }
  if (o.format == TableFormat::csv) return write_csv_tables(o, found.tables);
  if (o.format == TableFormat::xlsx) {
    try {
      spreadsheet::write_tables_workbook(found.tables, o.output);
    } catch (const spreadsheet::WorkbookError &e) {
      return fail(exit_unreadable, std::string("error: ") + e.what());
    }
    std::cerr << "xxgk: wrote " << found.tables.size() << " table(s) to " << o.output << "\n";
    return exit_ok;
  }
  nlohmann::json j = {{"source", {{"file", o.inputs[0]}, {"pages", pages}}}, {"tables", nlohmann::json::array()}};
  for (const auto &t : found.tables) j["tables"].push_back(report::to_json(t));
  std::string text = j.dump(o.pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (o.output.empty())
    std::cout << text << std::flush;
  else if (!write_file_atomically(o.output, text))
    return fail(exit_unreadable, "error: cannot write '" + o.output + "'");
  return exit_ok;
}

// Re-checks a JSON file written by `xxgk extract` (perhaps edited since): its schema, then the
// form's arithmetic on its values.
int run_validate(const Options &o) {
  std::ifstream in(o.inputs[0]);
  if (!in) return fail(exit_unreadable, "error: cannot read '" + o.inputs[0] + "'");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception &e) {
    return fail(exit_unreadable, "error: '" + o.inputs[0] + "' is not JSON: " + e.what());
  }
  std::vector<std::string> problems = schema::validate_report(j);
  if (!problems.empty()) {
    for (const auto &p : problems) std::cerr << "xxgk: schema: " << p << "\n";
    return fail(exit_rules, "'" + o.inputs[0] + "' does not match the report schema");
  }
  const report::TemplateSpec official = report::official_template_spec();
  report::Validation v = report::validate(report::values_from_json(j["tables"]),
                                          official.edition(j["meta"]["edition"].get<std::string>()));
  std::cout << report::to_json(v).dump(o.pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  std::cerr << "xxgk: " << v.passed << " checks passed, " << v.failed.size() << " failed, " << v.skipped
            << " skipped (a value unknown)\n";
  return v.failed.empty() ? exit_ok : exit_rules;
}

// One file read alone is held to the limits a batch's worker is (--timeout, --max-memory): the
// rest of the work runs in a child. The child, and this process when it could not fork, get
// nothing and go on; this process, once the child ended, its exit code, having said why when
// the child could not say it itself.
std::optional<int> exit_of_limited_child(const Options &o) {
  batch::WorkerLimits limits{o.timeout, o.max_memory_mb};
  if (limits.timeout_seconds <= 0 && limits.memory_mb <= 0) return std::nullopt;
  std::optional<batch::WorkerExit> ended = batch::run_rest_in_limited_child(limits);
  if (!ended) return std::nullopt;
  const std::string &input = o.inputs.empty() ? std::string("input") : o.inputs[0];
  if (ended->timed_out) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", limits.timeout_seconds);
    return fail(exit_unreadable,
                "error: " + input + ": stopped after " + seconds + " s (--timeout S sets the limit; 0: none)");
  }
  // A closed pipe or an interruption ends this process as it ended the child, silently.
  if (ended->signal == SIGPIPE || ended->signal == SIGINT || ended->signal == SIGTERM || ended->signal == SIGHUP) {
    ::signal(ended->signal, SIG_DFL);
    ::raise(ended->signal);
  }
  if (ended->signal == SIGKILL)
    return fail(exit_unreadable, "error: " + input + ": the reading was killed (signal 9), most likely for memory");
  // Poppler and Leptonica abort when an allocation fails: under a memory limit, that is the
  // likely cause.
  std::string memory = limits.memory_mb > 0 ? " (within --max-memory " + std::to_string(limits.memory_mb) +
                                                  " MB: most likely memory ran out; 0: no limit)"
                                            : "";
  if (ended->signal != 0)
    return fail(exit_internal, "internal error: " + input + ": the reading crashed (signal " +
                                   std::to_string(ended->signal) + ": " + ::strsignal(ended->signal) + ")" + memory +
                                   "; if not, please report it with the file");
  return ended->exit_code;
}

bool is_batch(const Options &o) {
  std::error_code ec;
  // A folder is a batch, but a folder of page images is one report.
  return o.batch_flags || (o.inputs.size() == 1 && std::filesystem::is_directory(o.inputs[0], ec) &&
                           !markup::is_page_folder(o.inputs[0]));
}

// The inputs of a batch: arguments and the --files-from list, folders expanded, then the shard.
std::vector<std::string> batch_inputs(const Options &o, std::vector<std::string> &all) {
  std::vector<std::string> arguments = o.inputs;
  if (!o.files_from.empty()) {
    std::ifstream file;
    if (o.files_from != "-") {
      file.open(o.files_from);
      if (!file) throw InputError(InputErrorKind::file_missing, "cannot read list " + o.files_from);
    }
    auto listed = batch::read_path_list(o.files_from == "-" ? std::cin : file);
    arguments.insert(arguments.end(), listed.begin(), listed.end());
  }
  all = batch::expand_inputs(arguments);
  if (o.shard.empty()) return all;
  batch::Shard shard = *batch::parse_shard(o.shard);
  std::vector<std::string> mine;
  for (const auto &p : all)
    if (batch::in_shard(p, shard)) mine.push_back(p);
  return mine;
}

// Where a batch's records go: --out-dir or --jsonl (standard output when neither is given and
// there is no --sqlite), and the --sqlite dataset beside it.
std::unique_ptr<batch::ResultSink> batch_sink(const Options &o, const std::vector<std::string> &all) {
  std::vector<std::unique_ptr<batch::ResultSink>> sinks;
  if (!o.out_dir.empty())
    sinks.push_back(batch::directory_sink(o.out_dir, all, o.resume));
  else if (!o.jsonl.empty() || o.sqlite.empty())
    sinks.push_back(batch::jsonl_sink(o.jsonl.empty() ? "-" : o.jsonl, o.resume));
  if (!o.sqlite.empty()) sinks.push_back(batch::sqlite_sink(o.sqlite, o.resume));
  return batch::all_of(std::move(sinks));
}

int run_batch_extract(const Options &o) {
  if (!o.output.empty())
    return fail(exit_usage, "usage error: -o is for one file; for many, give --jsonl FILE or --out-dir DIR");
  std::vector<std::string> all;
  batch::BatchOptions b;
  try {
    b.inputs = batch_inputs(o, all);
  } catch (const InputError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  }
  if (all.empty()) return fail(exit_unreadable, "error: no inputs (no PDF in the folders given?)");
  b.jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  b.limits = {o.timeout, o.max_memory_mb};
  b.executable = std::filesystem::read_symlink("/proc/self/exe").string();
  b.worker_args = o.worker_args;
  b.fetch = o.fetch;
  // JSON Lines are one line each: a worker's --pretty would only be undone.
  if (o.out_dir.empty()) std::erase(b.worker_args, std::string("--pretty"));
  std::unique_ptr<batch::ResultSink> sink;
  try {
    sink = batch_sink(o, all);
  } catch (const batch::SinkError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  }
  bool terminal = ::isatty(2);
  batch::ProgressReporter progress(std::cerr, terminal, terminal ? 0.2 : 10);
  batch::BatchSummary sum = batch::run_batch(b, *sink, progress);
  sink.reset();  // a dataset's checks across reports are brought up to date here
  std::cerr << "xxgk: " << batch::summary_line(sum) << "\n";
  if (sum.failed) return exit_some_failed;
  return sum.partial ? exit_partial : sum.review ? exit_review : exit_ok;
}

int run_csv(const Options &o) {
  std::vector<std::string> problems;
  std::vector<nlohmann::json> records = batch::load_records(o.inputs, problems);
  for (const auto &p : problems) std::cerr << "xxgk: warning: " << p << "\n";
  if (records.empty()) return fail(exit_unreadable, "error: no records found in the files given");
  batch::CsvOptions options{o.byte_order_mark};
  std::string text = o.long_csv ? batch::long_csv(records, options) : batch::wide_csv(records, options);
  if (o.output.empty())
    std::cout << text << std::flush;
  else if (!write_file_atomically(o.output, text))
    return fail(exit_unreadable, "error: cannot write '" + o.output + "'");
  std::cerr << "xxgk: " << records.size() << " record(s) as CSV\n";
  return exit_ok;
}

std::string counts_line(const dataset::DatasetCounts &c) {
  return std::to_string(c.reports) + " report(s) (" + std::to_string(c.failed) + " failed), " +
         std::to_string(c.values) + " values, " + std::to_string(c.warnings) + " warnings, " +
         std::to_string(c.cross_checks) + " carry-over checks across years (" + std::to_string(c.cross_checks_failed) +
         " fail), " + std::to_string(c.duplicates) + " duplicate(s)";
}

// Stores records in the dataset; a record that cannot be stored is reported and skipped.
int store_records(dataset::Database &db, const std::vector<nlohmann::json> &records) {
  int stored = 0;
  for (const auto &r : records) {
    try {
      db.store(r);
      ++stored;
    } catch (const dataset::DatabaseError &e) {
      std::cerr << "xxgk: warning: a record not stored: " << e.what() << "\n";
    }
  }
  return stored;
}

int run_db(const Options &o) {
  std::vector<std::string> problems;
  std::vector<nlohmann::json> records = batch::load_records(o.inputs, problems);
  for (const auto &p : problems) std::cerr << "xxgk: warning: " << p << "\n";
  if (records.empty()) return fail(exit_unreadable, "error: no records found in the files given");
  dataset::Database db = dataset::Database::open(o.output);
  int stored = store_records(db, records);
  db.refresh_cross_checks();
  std::cerr << "xxgk: stored " << stored << " record(s) in " << o.output << ": " << counts_line(db.counts()) << "\n";
  return stored == static_cast<int>(records.size()) ? exit_ok : exit_partial;
}

// The checks as CSV, one row each, the columns of their JSON.
std::string cross_checks_csv(const nlohmann::json &checks, bool byte_order_mark) {
  static const char *const columns[] = {
      "kind",     "agency",  "year",   "next_year",       "file",        "next_file", "result",
      "doubtful", "message", "column", "carried_forward", "carried_over"};
  std::string out = byte_order_mark ? "\xEF\xBB\xBF" : "";
  for (const char *c : columns) out += std::string(c == columns[0] ? "" : ",") + c;
  out += "\r\n";
  for (const auto &check : checks) {
    for (const char *c : columns) {
      const nlohmann::json &v = check.contains(c) ? check[c] : nlohmann::json();
      std::string text = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump();
      out += (c == columns[0] ? "" : ",") + batch::csv_field(text);
    }
    out += "\r\n";
  }
  return out;
}

int run_check(const Options &o) {
  bool stored_dataset = o.inputs.size() == 1 && dataset::is_sqlite_file(o.inputs[0]);
  dataset::Database db = dataset::Database::open(stored_dataset ? o.inputs[0] : ":memory:");
  if (!stored_dataset) {
    std::vector<std::string> problems;
    std::vector<nlohmann::json> records = batch::load_records(o.inputs, problems);
    for (const auto &p : problems) std::cerr << "xxgk: warning: " << p << "\n";
    if (records.empty()) return fail(exit_unreadable, "error: no records found in the files given");
    store_records(db, records);
  }
  db.refresh_cross_checks();
  std::vector<dataset::CrossCheck> checks = db.stored_cross_checks();
  auto file_of = [&](long long id) { return db.file_of(id); };
  if (o.check_format == "json")
    std::cout << dataset::to_json(checks, file_of).dump(o.pretty ? 2 : -1) << "\n";
  else if (o.check_format == "csv")
    std::cout << cross_checks_csv(dataset::to_json(checks, file_of), o.byte_order_mark) << std::flush;
  else
    std::cout << dataset::describe(checks, file_of);
  bool failed = std::any_of(checks.begin(), checks.end(),
                            [](const auto &c) { return c.result == dataset::CrossCheckResult::fail; });
  return failed ? exit_rules : exit_ok;
}

int run_crawl(const Options &o) {
  fetch::Fetcher fetcher(o.fetch);
  std::string list;
  size_t reports = 0;
  int problems = 0;
  for (const std::string &url : o.inputs) {
    fetch::CrawlResult found = fetch::crawl(fetcher, url, o.max_pages);
    for (const std::string &p : found.problems) std::cerr << "xxgk: warning: " << p << "\n";
    problems += static_cast<int>(found.problems.size());
    for (const fetch::FoundReport &r : found.reports)
      list += r.url + "\t" + (r.year ? std::to_string(*r.year) : "") + "\t" + r.title + "\n";
    reports += found.reports.size();
    std::cerr << "xxgk: " << url << ": " << found.reports.size() << " report(s) on " << found.list_pages.size()
              << " list page(s)\n";
  }
  bool extract_now = o.batch_flags;
  if (!o.output.empty() && !write_file_atomically(o.output, list))
    return fail(exit_unreadable, "error: cannot write '" + o.output + "'");
  if (o.output.empty() && !extract_now) std::cout << list << std::flush;
  fetch::FetchCounts c = fetcher.counts();
  std::cerr << "xxgk: " << reports << " report(s); " << c.requests << " request(s), " << c.retries << " retry(ies), "
            << c.bytes << " bytes\n";
  if (extract_now) {
    Options batch = o;
    batch.command = Command::extract;
    batch.output.clear();
    batch.inputs.clear();
    std::istringstream lines(list);
    for (const std::string &url : batch::read_path_list(lines)) batch.inputs.push_back(url);
    if (batch.inputs.empty()) return fail(exit_partial, "error: no reports found to extract");
    return run_batch_extract(batch);
  }
  return problems ? exit_partial : exit_ok;
}

int run_xlsx(const Options &o) {
  std::vector<std::string> problems;
  std::vector<nlohmann::json> records = batch::load_records(o.inputs, problems);
  for (const auto &p : problems) std::cerr << "xxgk: warning: " << p << "\n";
  if (records.empty()) return fail(exit_unreadable, "error: no records found in the files given");
  try {
    if (records.size() == 1)
      spreadsheet::write_report_workbook(records.front(), report::official_template_spec(), o.output);
    else
      spreadsheet::write_reports_workbook(records, o.output);
  } catch (const spreadsheet::WorkbookError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  }
  std::cerr << "xxgk: wrote " << o.output << " (" << records.size()
            << (records.size() == 1 ? " report as the form)\n" : " reports, wide and long)\n");
  return exit_ok;
}

// The records to review, each with the result file it came from (sources are looked for
// beside it).
int load_review_records(const Options &o, std::vector<nlohmann::json> &records,
                        std::vector<std::filesystem::path> &origins) {
  for (const std::string &input : o.inputs) {
    std::vector<std::string> problems;
    std::vector<nlohmann::json> got = batch::load_records({input}, problems);
    for (const auto &p : problems) std::cerr << "xxgk: warning: " << p << "\n";
    std::error_code ec;
    std::filesystem::path origin =
        std::filesystem::is_directory(input, ec) ? std::filesystem::path(input) / "." : std::filesystem::path(input);
    for (auto &r : got) {
      records.push_back(std::move(r));
      origins.push_back(origin);
    }
  }
  return static_cast<int>(records.size());
}

int run_review(const Options &o) {
  std::vector<nlohmann::json> records;
  std::vector<std::filesystem::path> origins;
  if (load_review_records(o, records, origins) == 0)
    return fail(exit_unreadable, "error: no records found in the files given");
  review::SessionOptions so;
  so.corrections_dir = o.corrections_dir.empty() ? origins.front().parent_path() / "corrections"
                                                 : std::filesystem::path(o.corrections_dir);
  for (const auto &d : o.source_dirs) so.source_dirs.push_back(d);
  // Ctrl-C and SIGTERM stop the server from a thread of their own: every thread started from
  // here on has them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  review::ReviewSession session(std::move(records), std::move(origins), so);
  std::unique_ptr<review::ReviewServer> server;
  try {
    server = std::make_unique<review::ReviewServer>(session, review::ServerOptions{o.host, o.port, ""});
  } catch (const review::ReviewError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  }
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server->stop();
  });
  int flagged = 0;
  for (const auto &r : session.list()) flagged += r["flagged"].get<int>();
  std::cout << server->url() << std::endl;
  std::cerr << "xxgk: reviewing " << session.size() << " report(s), " << flagged << " flagged value(s), at "
            << server->url() << "\nxxgk: corrections are saved in " << so.corrections_dir.string()
            << "; apply them with: xxgk extract FILE --corrections " << so.corrections_dir.string()
            << "\nxxgk: Ctrl-C stops the server\n";
  server->run();
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return exit_ok;
}

// Tesseract runs its LSTM on up to four OpenMP threads per call; on a small machine these spin
// against each other and triple the wall time of a scanned page (42 s vs 12 s for four pages on
// two cores). libgomp reads the limit once, when it is loaded, so the process sets it and starts
// itself again. A limit the user set is respected.
void limit_openmp_threads(char **argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then run unlimited
}

// Page rasters are a few MB each and made and freed many times per file. glibc gives such
// blocks their own mapping and returns it at once, and every page pays for fresh pages of
// memory again (a tenth of a born-digital report's time, bench/): they are kept in the heap for
// reuse instead. Peak memory is unchanged.
void reuse_large_blocks() {
  ::mallopt(M_MMAP_THRESHOLD, 64 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

}  // namespace

int main(int argc, char **argv) {
  limit_openmp_threads(argv);
  reuse_large_blocks();
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parse_options(args);
  if (auto *error = std::get_if<UsageError>(&parsed)) return fail(exit_usage, "usage error: " + error->message);
  const Options &o = std::get<Options>(parsed);
  try {
    switch (o.command) {
      case Command::help: std::cout << help_text(); return exit_ok;
      case Command::version: std::cout << "xxgk " << XXGK_VERSION << "\n"; return exit_ok;
      case Command::schema: std::cout << schema::report_schema_text(); return exit_ok;
      case Command::extract:
        if (is_batch(o)) return run_batch_extract(o);
        if (std::optional<int> code = exit_of_limited_child(o)) return *code;
        return run_extract(o);
      case Command::csv: return run_csv(o);
      case Command::db: return run_db(o);
      case Command::check: return run_check(o);
      case Command::crawl: return run_crawl(o);
      case Command::tables:
        if (std::optional<int> code = exit_of_limited_child(o)) return *code;
        return run_tables(o);
      case Command::review: return run_review(o);
      case Command::xlsx: return run_xlsx(o);
      case Command::validate: return run_validate(o);
    }
  } catch (const dataset::DatabaseError &e) {
    return fail(exit_unreadable, std::string("error: ") + e.what());
  } catch (const std::bad_alloc &) {
    return fail(exit_unreadable,
                "error: out of memory (std::bad_alloc) reading the input (--max-memory MB sets the limit)");
  } catch (const std::exception &e) {
    return fail(exit_internal, std::string("internal error: ") + e.what());
  }
  return exit_internal;
}
