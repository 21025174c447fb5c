#include "options.hpp"

#include <algorithm>
#include <charconv>

#include "xxgk/batch/inputs.hpp"
#include "xxgk/fetch/url.hpp"

namespace xxgk::cli {
namespace {

std::optional<double> parse_positive(const std::string &s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<pipeline::OcrMode> parse_ocr_mode(const std::string &s) {
  if (s == "auto") return pipeline::OcrMode::auto_;
  if (s == "always") return pipeline::OcrMode::always;
  if (s == "never") return pipeline::OcrMode::never;
  return std::nullopt;
}

bool takes_value(const std::string &option) {
  static const char *const options[] = {
      "-o",          "--output",        "--password",     "--ocr",     "--dpi",        "--lang",       "--tessdata",
      "--debug-dir", "--format",        "--spans",        "--threads", "--jobs",       "--files-from", "--jsonl",
      "--out-dir",   "--timeout",       "--max-memory",   "--shard",   "--sqlite",     "--cache",      "--delay",
      "--contact",   "--fetch-timeout", "--max-download", "--retries", "--retry-wait", "--max-pages",  "--corrections",
      "--host",      "--port",          "--sources"};
  return std::any_of(std::begin(options), std::end(options), [&](const char *o) { return option == o; });
}

// Options a batch passes on to each worker's `xxgk extract`.
bool passed_to_workers(const std::string &option) {
  static const char *const options[] = {"--password", "--ocr",     "--dpi",           "--lang",
                                        "--tessdata", "--threads", "--provenance",    "--pretty",
                                        "--cache",    "--delay",   "--fetch-timeout", "--max-download",
                                        "--retries",  "--contact", "--retry-wait",    "--corrections"};
  return std::any_of(std::begin(options), std::end(options), [&](const char *o) { return option == o; });
}

std::optional<UsageError> apply_batch_value(Options &o, const std::string &name, const std::string &value) {
  // The limits hold for one file read alone too; the other options make a batch.
  if (name != "--timeout" && name != "--max-memory") o.batch_flags = true;
  if (name == "--files-from") {
    o.files_from = value;
  } else if (name == "--jsonl") {
    o.jsonl = value;
  } else if (name == "--out-dir") {
    o.out_dir = value;
  } else if (name == "--sqlite") {
    o.sqlite = value;
  } else if (name == "--shard") {
    o.shard = value;
  } else if (name == "--jobs") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n || *n > 1024 || *n != static_cast<int>(*n))
      return UsageError{"--jobs takes a whole number from 0 (one per core) to 1024"};
    o.jobs = static_cast<int>(*n);
  } else if (name == "--timeout") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n) return UsageError{"--timeout takes seconds (0: no limit)"};
    o.timeout = *n;
  } else if (name == "--max-memory") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n || *n != static_cast<long>(*n) || (*n > 0 && *n < 64))
      return UsageError{"--max-memory takes megabytes, at least 64 (0: no limit)"};
    o.max_memory_mb = static_cast<long>(*n);
  }
  return std::nullopt;
}

// Options for inputs that are URLs.
std::optional<UsageError> apply_fetch_value(Options &o, const std::string &name, const std::string &value) {
  auto seconds = parse_positive(value);
  if (value == "0") seconds = 0;
  if (name == "--cache") {
    o.fetch.cache_dir = value;
  } else if (name == "--contact") {
    o.fetch.contact = value;
  } else if (name == "--delay") {
    if (!seconds || *seconds > 3600)
      return UsageError{"--delay takes seconds between requests to one host (0 to 3600)"};
    o.fetch.delay_seconds = *seconds;
  } else if (name == "--fetch-timeout") {
    if (!seconds || *seconds == 0) return UsageError{"--fetch-timeout takes seconds, more than 0"};
    o.fetch.timeout = *seconds;
    o.fetch.connect_timeout = std::min(o.fetch.connect_timeout, *seconds);
  } else if (name == "--max-download") {
    if (!seconds || *seconds < 1 || *seconds != static_cast<long>(*seconds))
      return UsageError{"--max-download takes whole megabytes, at least 1"};
    o.fetch.max_bytes = static_cast<long long>(*seconds) << 20;
  } else if (name == "--retry-wait") {
    if (!seconds || *seconds > 3600) return UsageError{"--retry-wait takes seconds (0 to 3600)"};
    o.fetch.backoff_seconds = *seconds;
  } else if (name == "--retries") {
    if (!seconds || *seconds > 10 || *seconds != static_cast<int>(*seconds))
      return UsageError{"--retries takes a whole number from 0 to 10"};
    o.fetch.retries = static_cast<int>(*seconds);
  }
  return std::nullopt;
}

bool is_fetch_option(const std::string &name) {
  static const char *const options[] = {"--cache",        "--contact", "--delay",     "--fetch-timeout",
                                        "--max-download", "--retries", "--retry-wait"};
  return std::any_of(std::begin(options), std::end(options), [&](const char *o) { return name == o; });
}

// Sets the option `name` to `value`; a UsageError if the value is not one it takes.
std::optional<UsageError> apply_value(Options &o, const std::string &name, const std::string &value) {
  static const char *const batch[] = {"--files-from", "--jsonl",   "--out-dir",    "--shard",
                                      "--jobs",       "--timeout", "--max-memory", "--sqlite"};
  if (std::any_of(std::begin(batch), std::end(batch), [&](const char *b) { return name == b; }))
    return apply_batch_value(o, name, value);
  if (passed_to_workers(name)) o.worker_args.insert(o.worker_args.end(), {name, value});
  if (is_fetch_option(name)) return apply_fetch_value(o, name, value);
  if (name == "-o" || name == "--output") {
    o.output = value;
  } else if (name == "--password") {
    o.extract.password = value;
  } else if (name == "--lang") {
    o.extract.ocr_options.languages = value;
  } else if (name == "--tessdata") {
    o.extract.ocr_options.tessdata_dir = value;
  } else if (name == "--debug-dir") {
    o.tables.debug_dir = value;
  } else if (name == "--ocr") {
    auto mode = parse_ocr_mode(value);
    if (!mode) return UsageError{"--ocr takes auto, always or never, not '" + value + "'"};
    o.extract.ocr = *mode;
  } else if (name == "--dpi") {
    auto dpi = parse_positive(value);
    if (!dpi || *dpi < 50 || *dpi > 1200) return UsageError{"--dpi takes a number from 50 to 1200"};
    o.extract.ocr_dpi = *dpi;
  } else if (name == "--threads") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n || *n > 256 || *n != static_cast<int>(*n))
      return UsageError{"--threads takes a whole number from 0 (one per core) to 256"};
    o.extract.threads = static_cast<int>(*n);
  } else if (name == "--format" && o.command == Command::check) {
    if (value != "json" && value != "text" && value != "csv")
      return UsageError{"check --format takes text, json or csv, not '" + value + "'"};
    o.check_format = value;
  } else if (name == "--format") {
    if (value != "json" && value != "csv" && value != "xlsx")
      return UsageError{"--format takes json, csv or xlsx, not '" + value + "'"};
    o.format = value == "csv" ? TableFormat::csv : value == "xlsx" ? TableFormat::xlsx : TableFormat::json;
  } else if (name == "--max-pages") {
    auto n = parse_positive(value);
    if (!n || *n > 10000 || *n != static_cast<int>(*n))
      return UsageError{"--max-pages takes a whole number from 1 to 10000"};
    o.max_pages = static_cast<int>(*n);
  } else if (name == "--corrections") {
    o.corrections_dir = value;
  } else if (name == "--host") {
    o.host = value;
  } else if (name == "--port") {
    auto n = parse_positive(value);
    if (value == "0") n = 0;
    if (!n || *n > 65535 || *n != static_cast<int>(*n))
      return UsageError{"--port takes a port from 1 to 65535 (0: any free one)"};
    o.port = static_cast<int>(*n);
  } else if (name == "--sources") {
    o.source_dirs.push_back(value);
  } else if (name == "--spans") {
    if (value != "empty" && value != "repeat") return UsageError{"--spans takes empty or repeat, not '" + value + "'"};
    o.repeat_spans = value == "repeat";
  }
  return std::nullopt;
}

std::optional<UsageError> check_extract(Options &o) {
  if (o.command != Command::extract) return std::nullopt;
  if (o.inputs.empty() && o.files_from.empty()) return UsageError{"extract needs a PDF file, a folder or --files-from"};
  if (o.inputs.size() > 1) o.batch_flags = true;
  if (!o.batch_flags) return std::nullopt;
  if (!o.output.empty()) return UsageError{"-o is for one file; for many, give --jsonl FILE or --out-dir DIR"};
  if (!o.jsonl.empty() && !o.out_dir.empty()) return UsageError{"give --jsonl or --out-dir, not both"};
  if (o.resume && o.out_dir.empty() && o.sqlite.empty() && (o.jsonl.empty() || o.jsonl == "-"))
    return UsageError{"--resume needs the results of the earlier run: --jsonl FILE, --out-dir DIR or --sqlite FILE"};
  if (o.sqlite == "-") return UsageError{"--sqlite needs a file name (a database cannot go to standard output)"};
  if (!o.shard.empty() && !batch::parse_shard(o.shard))
    return UsageError{"--shard takes I/N with 0 <= I < N, e.g. 0/4"};
  if (!o.tables.debug_dir.empty()) return UsageError{"--debug-dir is for one file"};
  return std::nullopt;
}

}  // namespace

std::string help_text() {
  return R"(xxgk — government information-disclosure annual reports (政府信息公开工作年度报告) to JSON

Usage:
  xxgk extract FILE [options]       extract one report as JSON
  xxgk extract INPUT... [options]   a batch: files and folders (searched for *.pdf, *.html, *.htm,
                                    *.shtml, *.docx), in parallel
  xxgk tables FILE [options]        every table found, as geometry: JSON, or one CSV per table

A FILE is a PDF (born-digital or scanned), a web page (HTML in UTF-8, GBK, GB2312 or GB18030),
a Word file (.docx), a page image (PNG, JPEG, TIFF), or a folder of page images (one report,
pages in name order); what a file is is told by its content, not its name. A FILE or INPUT may
also be an http:// or https:// URL: fetched once into the cache, then read as a file.
  xxgk validate OUT.json            re-check a JSON file: its schema and the form's arithmetic
  xxgk csv RESULT... [options]      batch results (JSON Lines, JSON files, folders) as one CSV
  xxgk db RESULT... -o DATASET.db   batch results as one SQLite dataset (as extract --sqlite)
  xxgk crawl URL... [-o LIST]       from an agency's list page (信息公开年报) and its next pages,
                                    the reports it links: URL, year, title (tab-separated), a
                                    list for extract --files-from
  xxgk check DATASET.db|RESULT...   checks across reports: one agency's consecutive years
                                    (结转下年度继续办理 = next year's 上年结转), duplicates
  xxgk review RESULT... [options]   check flagged values in the browser: a page on 127.0.0.1 shows
                                    each report as the form, each value's cell cut from its page;
                                    confirm (Enter) or correct it, the form's checks redone as you
                                    go; corrections saved per source, applied by extract
                                    --corrections; export as JSON, CSV or xlsx
  xxgk xlsx RESULT... -o OUT.xlsx   one report: the form as printed (merged headers, flagged
                                    values coloured and commented, failed checks, warnings);
                                    several: a wide and a long sheet
  xxgk schema                       print the JSON Schema the output conforms to
  xxgk --help | --version

Options for extract:
  -o, --output FILE      write the JSON to FILE (atomically) instead of standard output
      --pretty           indent the JSON
      --provenance       add "cells": for each value its page, bbox, printed text, kind
                         (number / zero_mark / blank / invalid), confidence and label score
      --password PW      password for an encrypted PDF (tried as owner and user password)
      --ocr MODE         auto (default): OCR pages without a text layer; always; never
      --dpi N            resolution for OCR rendering (default 300)
      --lang LANGS       Tesseract languages for words (default chi_sim; e.g. chi_sim+eng);
                         table values are read with eng's digits
      --threads N        pages OCR'd at once (default 0: one per core)
      --tessdata DIR     Tesseract language data folder (default: Tesseract's own)
      --corrections DIR  apply a person's corrections from DIR/<sha256>.corrections.json (as
                         `xxgk review` saves them): values set, marked confirmed/corrected with
                         the machine's reading kept, checks and status redone; corrections
                         made on another version of the file are not applied, and said so
      --debug-dir DIR    write one PNG per page showing the rulings, cells and spans found,
                         the words the table finder had (page-N.txt, page-N.words.tsv), the
                         stream analyzer's steps (page-N.stream.png, page-N.stream.txt) and
                         why each page's first table was joined to the one before or not
                         (stitch.txt);
                         extract adds page-N.json: why each value of the page is where it
                         is (placed_by, the labels read beside and above it, its warnings)
      --timeout S        seconds one input may take (default 600; 0: no limit): a file read
                         alone is stopped with exit 3, a batch's worker is killed and its
                         input gets an error record
      --max-memory MB    address space for reading one input (default 4096; 0: no limit);
                         beyond it that input fails with an error saying so, never the machine

Batch extraction (more than one input, a folder, or any option below):
      --jsonl FILE       all records in one JSON Lines file, one line per input
                         (default: JSON Lines on standard output)
      --out-dir DIR      one JSON file per input, DIR/NAME.json (NAME-<hash>.json when two
                         inputs share a name)
      --sqlite FILE      store every record in an SQLite dataset (beside --jsonl or --out-dir,
                         or alone): tables reports, report_values, warnings, failed_checks,
                         sections, prose_checks, cross_checks; views report_wide, agency_years.
                         One transaction per report; a record of the same content replaces
                         the earlier one; the checks across reports are redone at the end
      --files-from LIST  read input paths from LIST, one per line ("-": standard input)
      --jobs N           worker processes at once (default 0: one per core); each input is
                         extracted in its own process, so a crash or hang loses only that input
      --resume           skip inputs whose record (same path, same sha256) is already in the
                         --jsonl file, --out-dir or --sqlite dataset; a torn or duplicate line
                         is dropped first
      --shard I/N        take only part I of N (0 <= I < N) of the inputs, split by a hash of
                         each path: one shard per machine or per job-array task
  Each record is the input's report, exactly as `xxgk extract FILE` writes it, or, for an input
  that failed, {"source": {file, sha256, bytes}, "status": "failed", "error": {reason,
  exit_code, signal, timed_out, seconds}}. Progress goes to stderr, then a summary.

Options for csv:
  -o, --output FILE      write the CSV to FILE instead of standard output
      --long             one row per value: file, key, value, confidence (empty when the
                         report does not give it), flags (its warning codes); default: wide,
                         one row per report: file, sha256, status, error, title, agency, year,
                         edition, doubtful_values, flags (KEY:CODE;...), checks_failed,
                         prose_stated, prose_disagreeing, then one column per template key in
                         spec order
      --bom              start with a UTF-8 byte-order mark (for Excel)

Options for URLs (extract, tables):
      --cache DIR        where fetched files are kept, named by their sha256, with the URL,
                         final URL, status, headers and time (default ~/.cache/xxgk); what is
                         there is not fetched again
      --refresh          fetch again what the cache holds
      --delay S          seconds between two requests to one host (default 1); different
                         hosts are fetched in parallel, each one request at a time
      --contact TEXT     an e-mail or URL added to the User-Agent (xxgk/VERSION (...)), so a
                         site's operator can reach you
      --fetch-timeout S  seconds one request may take (default 120; connecting: 20)
      --max-download MB  a larger response is refused (default 256)
      --retries N        further tries after a timeout, a 429 or a 5xx (default 3), waiting
                         what Retry-After asks (up to 300 s), else --retry-wait S (default 2),
                         doubled for each next try
  robots.txt is honoured; redirects are followed (up to 10; a loop is an error); a URL that
  cannot be fetched is an error (exit 3), in a batch its error record names the HTTP status or
  the network error.

Options for crawl (and the URL options above):
  -o, --output FILE      write the list to FILE instead of standard output
      --max-pages N      list pages read from each URL given (default 50); only links on its
                         host are followed: 下一页, page numbers, index_2.html, ?page=2
  With --jsonl, --out-dir or --sqlite (and the batch options), the reports found are also
  extracted at once, as `xxgk extract --files-from LIST` would.

Options for db:
  -o, --output FILE      the dataset to create or add to (records of the same content are
                         replaced, others kept)

Options for check:
      --format FMT       text (default): each agency's years, then what fails; json or csv:
                         every check (kind, agency, year, next_year, file, next_file, result
                         pass/fail/unknown/note, doubtful, message, column, carried_forward,
                         carried_over)
      --bom              csv: start with a UTF-8 byte-order mark (for Excel)
  A dataset given is brought up to date (its cross_checks table and agency groups); result
  files are read into a dataset in memory. Exit 6 when some carry-over check fails.

Options for review:
      --corrections DIR  where corrections are kept (default: corrections/ beside the first
                         result); one file per source, DIR/<sha256>.corrections.json, written
                         on every change
      --sources DIR      look for the source files here too (by name, and by their path
                         under DIR); by default as source.file names them, then beside the
                         result file. A source that changed since (other sha256) is not shown
      --host HOST        the address to listen on (default 127.0.0.1: this machine only)
      --port N           the port (default 0: a free one); the URL is printed
  A record without --provenance has its source read again on the first crop, to find where
  its values stand (a scan takes as long as its extraction). Ctrl-C stops the server.

Options for xlsx:
  -o, --output FILE      the workbook to write

Options for tables (and the extract options above):
      --format FMT       json (default): pages, bbox, rows x cols, cells with row, col,
                         rowspan, colspan, page, bbox, text; csv: one CSV file per table
                         into the -o directory (TABLE-N.csv); xlsx: one sheet per table in the
                         -o workbook, spanning cells merged
      --spans MODE       csv: empty (default) leaves a spanning cell's other slots empty;
                         repeat writes its text into every slot it covers

Output: one JSON object with source (file, sha256, bytes, pages), meta (title, agency, year,
edition), pages, sections (id, number, title, heading, page, text), tables (values keyed
<table>.<row>.<column> as the official template names them, null where unreadable),
unmatched_rows, validation (the form's own arithmetic: passed, skipped, failed with the rule,
the column or row it failed on, and both sides), warnings, doubtful_values and status:
  ok       every value was read and nothing casts doubt on it: a text layer's values, or
           OCR's confirmed by a passed check of the form or read surely (a failed check on
           printed numbers is the agency's slip and is reported in "validation")
  review   complete, but some values (each with a warning on its key: low_confidence,
           unconfirmed, check_failed, label_inferred, ...) or a title fact are doubtful
  partial  something a complete report has is missing: a section, the title, the year, a value
Every document is validated against `xxgk schema` before it is written.

Exit codes:
  0  ok
  1  internal error (a bug; the message says where)
  2  usage error
  3  unreadable input: missing file, not a PDF, damaged PDF, no pages
  4  encrypted PDF: no password given, or the password is wrong
  5  partial result: JSON written, but part of the report was not found (see "warnings")
  6  validate: the file breaks the schema, or its numbers break a rule of the form;
     check: some year's carried-forward numbers are not the next year's carried-over
  7  batch: some inputs failed (each has an error record); a batch with partial results
     and no failure exits 5, one with results to review and none partial or failed 8
  8  review: JSON written and complete, but some values are doubtful (status "review")
)";
}

std::variant<Options, UsageError> parse_options(const std::vector<std::string> &args) {
  Options o;
  if (args.empty()) return UsageError{"no command given (try: xxgk --help)"};
  const std::string &first = args[0];
  if (first == "--help" || first == "-h" || first == "help") return o;
  if (first == "--version") {
    o.command = Command::version;
    return o;
  }
  if (first == "schema")
    o.command = Command::schema;
  else if (first == "validate")
    o.command = Command::validate;
  else if (first == "extract")
    o.command = Command::extract;
  else if (first == "tables")
    o.command = Command::tables;
  else if (first == "csv")
    o.command = Command::csv;
  else if (first == "db")
    o.command = Command::db;
  else if (first == "check")
    o.command = Command::check;
  else if (first == "crawl")
    o.command = Command::crawl;
  else if (first == "review")
    o.command = Command::review;
  else if (first == "xlsx")
    o.command = Command::xlsx;
  else
    return UsageError{"unknown command '" + first + "' (try: xxgk --help)"};

  for (size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      return o;
    }
    if (a == "--pretty" || a == "--provenance") {
      (a == "--pretty" ? o.pretty : o.provenance) = true;
      o.worker_args.push_back(a);
      continue;
    }
    if (a == "--resume") {
      o.resume = o.batch_flags = true;
      continue;
    }
    if (a == "--refresh") {  // not passed to workers: the batch fetches, they read the cache
      o.fetch.refresh = true;
      continue;
    }
    if (a == "--long" || a == "--bom") {
      (a == "--long" ? o.long_csv : o.byte_order_mark) = true;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      o.inputs.push_back(a);
      continue;
    }
    if (!takes_value(a)) return UsageError{"unknown option '" + a + "'"};
    if (i + 1 >= args.size()) return UsageError{"option " + a + " needs a value"};
    if (auto error = apply_value(o, a, args[++i])) return *error;
  }
  bool one_file = o.command == Command::tables || o.command == Command::validate;
  if (one_file && o.inputs.size() != 1)
    return UsageError{std::string(o.inputs.empty() ? " needs a PDF file" : " takes one PDF file").insert(0, first)};
  if (auto error = check_extract(o)) return *error;
  if (o.command == Command::csv && o.inputs.empty())
    return UsageError{"csv needs result files: JSON Lines, JSON files or folders of them"};
  if (o.command == Command::db && (o.inputs.empty() || o.output.empty()))
    return UsageError{"db needs result files (JSON Lines, JSON files or folders of them) and -o DATASET.db"};
  if (o.command == Command::crawl &&
      (o.inputs.empty() || !std::all_of(o.inputs.begin(), o.inputs.end(), fetch::is_url)))
    return UsageError{"crawl needs the http(s) URLs of list pages (an agency's 政府信息公开年报 column)"};
  if (o.command == Command::check && o.inputs.empty())
    return UsageError{"check needs a dataset (.db) or result files (JSON Lines, JSON files or folders of them)"};
  if (o.command == Command::crawl && o.batch_flags) {
    if (!o.files_from.empty()) return UsageError{"crawl takes its list pages as arguments, not --files-from"};
    if (!o.jsonl.empty() && !o.out_dir.empty()) return UsageError{"give --jsonl or --out-dir, not both"};
    if (o.resume && o.out_dir.empty() && o.sqlite.empty() && (o.jsonl.empty() || o.jsonl == "-"))
      return UsageError{"--resume needs the results of the earlier run: --jsonl FILE, --out-dir DIR or --sqlite FILE"};
  }
  if (o.command != Command::extract && o.command != Command::crawl && o.batch_flags)
    return UsageError{"--jsonl, --out-dir, --sqlite, --files-from, --jobs, --resume and --shard are for extract"};
  if (o.format == TableFormat::csv && o.output.empty())
    return UsageError{"--format csv writes one file per table: give the directory with -o DIR"};
  if (o.format == TableFormat::xlsx && o.output.empty())
    return UsageError{"--format xlsx writes a workbook: give its file with -o FILE.xlsx"};
  if (o.command == Command::review && o.inputs.empty())
    return UsageError{"review needs result files: JSON files, JSON Lines or folders of them"};
  if (o.command == Command::xlsx && (o.inputs.empty() || o.output.empty()))
    return UsageError{"xlsx needs result files (JSON, JSON Lines or folders) and -o FILE.xlsx"};
  if (o.command == Command::schema && !o.inputs.empty()) return UsageError{"schema takes no arguments"};
  return o;
}

}  // namespace xxgk::cli
