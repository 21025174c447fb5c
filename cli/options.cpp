#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "xxgk/batch/inputs.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/fetch/url.hpp"

namespace xxgk::cli {
namespace {

std::optional<double> parse_positive(const std::string &s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// A number of seconds, megabytes or things: positive, or 0 when that is allowed.
std::optional<double> parse_amount(const std::string &s, bool zero_allowed) {
  if (zero_allowed && s == "0") return 0.0;
  return parse_positive(s);
}

// A whole number from `low` to `high` (0 allowed as well when `zero_allowed`).
std::optional<int> parse_whole(const std::string &s, int low, int high, bool zero_allowed = false) {
  std::optional<double> n = parse_amount(s, zero_allowed);
  if (!n || *n != static_cast<int>(*n) || *n > high || (*n < low && !(zero_allowed && *n == 0))) return std::nullopt;
  return static_cast<int>(*n);
}

std::optional<pipeline::OcrMode> parse_ocr_mode(const std::string &s) {
  if (s == "auto") return pipeline::OcrMode::auto_;
  if (s == "always") return pipeline::OcrMode::always;
  if (s == "never") return pipeline::OcrMode::never;
  return std::nullopt;
}

using Outcome = std::optional<UsageError>;
using Apply = Outcome (*)(Options &, const std::string &value);

// One option of the command line, as --help lists it under one section: the parser, the
// batch's pass-through to workers and --help are all read from `option_table`. An option
// listed under several sections (-o, --format, --corrections, --bom) has its `apply` once, on
// its first entry; the others say how that section's command uses it.
struct OptionSpec {
  std::string_view section;  // the --help heading it is listed under
  std::string_view names;    // "-o, --output" or "--dpi"
  std::string_view value;    // its placeholder ("FILE", "N"); empty for a flag
  bool to_workers = false;   // a batch passes it on to each worker's `xxgk extract`
  std::string_view help;     // one paragraph, wrapped when printed
  Apply apply = nullptr;     // sets it; a UsageError for a value it does not take
};

// Sections in --help order, each with the note printed under its options (may be empty).
struct HelpSection {
  std::string_view heading, note;
};

constexpr HelpSection help_sections[] = {
    {"Options for extract:", ""},
    {"Batch extraction (more than one input, a folder, or any option below):",
     "Each record is the input's report, exactly as `xxgk extract FILE` writes it, or, for an input that failed, "
     "{\"source\": {file, sha256, bytes}, \"status\": \"failed\", \"error\": {reason, exit_code, signal, timed_out, "
     "seconds}}. Progress goes to stderr, then a summary."},
    {"Options for csv:", ""},
    {"Options for URLs (extract, tables):",
     "robots.txt is honoured; redirects are followed (up to 10; a loop is an error); a URL that cannot be fetched is "
     "an error (exit 3), in a batch its error record names the HTTP status or the network error."},
    {"Options for crawl (and the URL options above):",
     "With --jsonl, --out-dir or --sqlite (and the batch options), the reports found are also extracted at once, as "
     "`xxgk extract --files-from LIST` would."},
    {"Options for db:", ""},
    {"Options for check:",
     "A dataset given is brought up to date (its cross_checks table and agency groups); result files are read into a "
     "dataset in memory. Exit 6 when some carry-over check fails."},
    {"Options for review:",
     "A record without --provenance has its source read again on the first crop, to find where its values stand (a "
     "scan takes as long as its extraction). Ctrl-C stops the server."},
    {"Options for xlsx:", ""},
    {"Options for tables (and the extract options above):", ""},
};

constexpr std::string_view extract_section = "Options for extract:";
constexpr std::string_view batch_section = "Batch extraction (more than one input, a folder, or any option below):";
constexpr std::string_view csv_section = "Options for csv:";
constexpr std::string_view url_section = "Options for URLs (extract, tables):";
constexpr std::string_view crawl_section = "Options for crawl (and the URL options above):";
constexpr std::string_view db_section = "Options for db:";
constexpr std::string_view check_section = "Options for check:";
constexpr std::string_view review_section = "Options for review:";
constexpr std::string_view xlsx_section = "Options for xlsx:";
constexpr std::string_view tables_section = "Options for tables (and the extract options above):";

// A batch option (the limits hold for one file read alone too, and make no batch).
void makes_a_batch(Options &o) {
  o.batch_flags = true;
}

const std::vector<OptionSpec> &option_table() {
  static const std::vector<OptionSpec> table = {
      {extract_section, "-o, --output", "FILE", false, "write the JSON to FILE (atomically) instead of standard output",
       [](Options &o, const std::string &v) -> Outcome {
         o.output = v;
         return std::nullopt;
       }},
      {extract_section, "--pretty", "", true, "indent the JSON",
       [](Options &o, const std::string &) -> Outcome {
         o.pretty = true;
         return std::nullopt;
       }},
      {extract_section, "--provenance", "", true,
       "add \"cells\": for each value its page, bbox, printed text, kind (number / zero_mark / blank / invalid), "
       "confidence, label score, how it found its key (placed_by) and the labels read beside and above it",
       [](Options &o, const std::string &) -> Outcome {
         o.provenance = true;
         return std::nullopt;
       }},
      {extract_section, "--password", "PW", true, "password for an encrypted PDF (tried as owner and user password)",
       [](Options &o, const std::string &v) -> Outcome {
         o.extract.password = v;
         return std::nullopt;
       }},
      {extract_section, "--ocr", "MODE", true, "auto (default): OCR pages without a text layer; always; never",
       [](Options &o, const std::string &v) -> Outcome {
         auto mode = parse_ocr_mode(v);
         if (!mode) return UsageError{"--ocr takes auto, always or never, not '" + v + "'"};
         o.extract.ocr = *mode;
         return std::nullopt;
       }},
      {extract_section, "--dpi", "N", true, "resolution for OCR rendering (default 300)",
       [](Options &o, const std::string &v) -> Outcome {
         auto dpi = parse_positive(v);
         if (!dpi || *dpi < 50 || *dpi > 1200) return UsageError{"--dpi takes a number from 50 to 1200"};
         o.extract.ocr_dpi = *dpi;
         return std::nullopt;
       }},
      {extract_section, "--lang", "LANGS", true,
       "Tesseract languages for words (default chi_sim; e.g. chi_sim+eng); table values are read with eng's digits",
       [](Options &o, const std::string &v) -> Outcome {
         o.extract.ocr_options.languages = v;
         return std::nullopt;
       }},
      {extract_section, "--threads", "N", true, "pages OCR'd at once (default 0: one per core)",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_whole(v, 1, 256, true);
         if (!n) return UsageError{"--threads takes a whole number from 0 (one per core) to 256"};
         o.extract.threads = *n;
         return std::nullopt;
       }},
      {extract_section, "--tessdata", "DIR", true, "Tesseract language data folder (default: Tesseract's own)",
       [](Options &o, const std::string &v) -> Outcome {
         o.extract.ocr_options.tessdata_dir = v;
         return std::nullopt;
       }},
      {extract_section, "--corrections", "DIR", true,
       "apply a person's corrections from DIR/<sha256>.corrections.json (as `xxgk review` saves them): values set, "
       "marked confirmed/corrected with the machine's reading kept, checks and status redone; corrections made on "
       "another version of the file are not applied, and said so",
       [](Options &o, const std::string &v) -> Outcome {
         o.corrections_dir = v;
         return std::nullopt;
       }},
      {extract_section, "--debug-dir", "DIR", false,
       "write what the table finder saw, per page: page-N.png (the rulings, cells and spans found), page-N.txt and "
       "page-N.words.tsv (its words), page-N.stream.png and page-N.stream.txt (the stream analyzer's steps); "
       "stitch.txt (why each page's first table was joined to the one before or not); extract adds page-N.json "
       "(why each value of the page is where it is: placed_by, the labels read beside and above it, its warnings)",
       [](Options &o, const std::string &v) -> Outcome {
         o.tables.debug_dir = v;
         return std::nullopt;
       }},
      {extract_section, "--timeout", "S", false,
       "seconds one input may take (default 600; 0: no limit): a file read alone is stopped with exit 3, a batch's "
       "worker is killed and its input gets an error record",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_amount(v, true);
         if (!n) return UsageError{"--timeout takes seconds (0: no limit)"};
         o.timeout = *n;
         return std::nullopt;
       }},
      {extract_section, "--max-memory", "MB", false,
       "address space for reading one input (default 4096; 0: no limit); beyond it that input fails with an error "
       "saying so, never the machine",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_amount(v, true);
         if (!n || *n != static_cast<long>(*n) || (*n > 0 && *n < 64))
           return UsageError{"--max-memory takes megabytes, at least 64 (0: no limit)"};
         o.max_memory_mb = static_cast<long>(*n);
         return std::nullopt;
       }},
      {batch_section, "--jsonl", "FILE", false,
       "all records in one JSON Lines file, one line per input (default: JSON Lines on standard output)",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         o.jsonl = v;
         return std::nullopt;
       }},
      {batch_section, "--out-dir", "DIR", false,
       "one JSON file per input, DIR/NAME.json (NAME-<hash>.json when two inputs share a name)",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         o.out_dir = v;
         return std::nullopt;
       }},
      {batch_section, "--sqlite", "FILE", false,
       "store every record in an SQLite dataset (beside --jsonl or --out-dir, or alone): tables reports, "
       "report_values, warnings, failed_checks, sections, prose_checks, cross_checks; views report_wide, "
       "agency_years. One transaction per report; a record of the same content replaces the earlier one; the checks "
       "across reports are redone at the end",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         o.sqlite = v;
         return std::nullopt;
       }},
      {batch_section, "--files-from", "LIST", false, "read input paths from LIST, one per line (\"-\": standard input)",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         o.files_from = v;
         return std::nullopt;
       }},
      {batch_section, "--jobs", "N", false,
       "worker processes at once (default 0: one per core); each input is extracted in its own process, so a crash "
       "or hang loses only that input",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         auto n = parse_whole(v, 1, 1024, true);
         if (!n) return UsageError{"--jobs takes a whole number from 0 (one per core) to 1024"};
         o.jobs = *n;
         return std::nullopt;
       }},
      {batch_section, "--resume", "", false,
       "skip inputs whose record (same path, same sha256) is already in the --jsonl file, --out-dir or --sqlite "
       "dataset; a torn or duplicate line is dropped first",
       [](Options &o, const std::string &) -> Outcome {
         makes_a_batch(o);
         o.resume = true;
         return std::nullopt;
       }},
      {batch_section, "--shard", "I/N", false,
       "take only part I of N (0 <= I < N) of the inputs, split by a hash of each path: one shard per machine or per "
       "job-array task",
       [](Options &o, const std::string &v) -> Outcome {
         makes_a_batch(o);
         o.shard = v;
         return std::nullopt;
       }},
      {csv_section, "-o, --output", "FILE", false, "write the CSV to FILE instead of standard output"},
      {csv_section, "--long", "", false,
       "one row per value: file, key, value, confidence (empty when the report does not give it), flags (its warning "
       "codes); default: wide, one row per report: file, sha256, status, error, title, agency, year, edition, "
       "doubtful_values, flags (KEY:CODE;...), checks_failed, prose_stated, prose_disagreeing, then one column per "
       "template key in spec order",
       [](Options &o, const std::string &) -> Outcome {
         o.long_csv = true;
         return std::nullopt;
       }},
      {csv_section, "--bom", "", false, "start with a UTF-8 byte-order mark (for Excel)",
       [](Options &o, const std::string &) -> Outcome {
         o.byte_order_mark = true;
         return std::nullopt;
       }},
      {url_section, "--cache", "DIR", true,
       "where fetched files are kept, named by their sha256, with the URL, final URL, status, headers and time "
       "(default ~/.cache/xxgk); what is there is not fetched again",
       [](Options &o, const std::string &v) -> Outcome {
         o.fetch.cache_dir = v;
         return std::nullopt;
       }},
      // Not passed to workers: the batch fetches, they read the cache.
      {url_section, "--refresh", "", false, "fetch again what the cache holds",
       [](Options &o, const std::string &) -> Outcome {
         o.fetch.refresh = true;
         return std::nullopt;
       }},
      {url_section, "--delay", "S", true,
       "seconds between two requests to one host (default 1); different hosts are fetched in parallel, each one "
       "request at a time",
       [](Options &o, const std::string &v) -> Outcome {
         auto s = parse_amount(v, true);
         if (!s || *s > 3600) return UsageError{"--delay takes seconds between requests to one host (0 to 3600)"};
         o.fetch.delay_seconds = *s;
         return std::nullopt;
       }},
      {url_section, "--contact", "TEXT", true,
       "an e-mail or URL added to the User-Agent (xxgk/VERSION (...)), so a site's operator can reach you",
       [](Options &o, const std::string &v) -> Outcome {
         o.fetch.contact = v;
         return std::nullopt;
       }},
      {url_section, "--fetch-timeout", "S", true, "seconds one request may take (default 120; connecting: 20)",
       [](Options &o, const std::string &v) -> Outcome {
         auto s = parse_positive(v);
         if (!s) return UsageError{"--fetch-timeout takes seconds, more than 0"};
         o.fetch.timeout = *s;
         o.fetch.connect_timeout = std::min(o.fetch.connect_timeout, *s);
         return std::nullopt;
       }},
      {url_section, "--max-download", "MB", true, "a larger response is refused (default 256)",
       [](Options &o, const std::string &v) -> Outcome {
         auto mb = parse_whole(v, 1, 1 << 30);
         if (!mb) return UsageError{"--max-download takes whole megabytes, at least 1"};
         o.fetch.max_bytes = static_cast<long long>(*mb) << 20;
         return std::nullopt;
       }},
      {url_section, "--retries", "N", true,
       "further tries after a timeout, a 429 or a 5xx (default 3), waiting what Retry-After asks (up to 300 s), else "
       "as --retry-wait says",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_whole(v, 1, 10, true);
         if (!n) return UsageError{"--retries takes a whole number from 0 to 10"};
         o.fetch.retries = *n;
         return std::nullopt;
       }},
      {url_section, "--retry-wait", "S", true,
       "seconds before a retry where the server does not say (default 2), doubled for each next try",
       [](Options &o, const std::string &v) -> Outcome {
         auto s = parse_amount(v, true);
         if (!s || *s > 3600) return UsageError{"--retry-wait takes seconds (0 to 3600)"};
         o.fetch.backoff_seconds = *s;
         return std::nullopt;
       }},
      {crawl_section, "-o, --output", "FILE", false, "write the list to FILE instead of standard output"},
      {crawl_section, "--max-pages", "N", false,
       "list pages read from each URL given (default 50); only links on its host are followed: 下一页, page "
       "numbers, index_2.html, ?page=2",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_whole(v, 1, 10000);
         if (!n) return UsageError{"--max-pages takes a whole number from 1 to 10000"};
         o.max_pages = *n;
         return std::nullopt;
       }},
      {db_section, "-o, --output", "FILE", false,
       "the dataset to create or add to (records of the same content are replaced, others kept)"},
      {check_section, "--format", "FMT", false,
       "text (default): each agency's years, then what fails; json or csv: every check (kind, agency, year, "
       "next_year, file, next_file, result pass/fail/unknown/note, doubtful, message, column, carried_forward, "
       "carried_over)",
       [](Options &o, const std::string &v) -> Outcome {
         if (o.command == Command::check) {
           if (v != "json" && v != "text" && v != "csv")
             return UsageError{"check --format takes text, json or csv, not '" + v + "'"};
           o.check_format = v;
           return std::nullopt;
         }
         if (v != "json" && v != "csv" && v != "xlsx")
           return UsageError{"--format takes json, csv or xlsx, not '" + v + "'"};
         o.format = v == "csv" ? TableFormat::csv : v == "xlsx" ? TableFormat::xlsx : TableFormat::json;
         return std::nullopt;
       }},
      {check_section, "--bom", "", false, "csv: start with a UTF-8 byte-order mark (for Excel)"},
      {review_section, "--corrections", "DIR", true,
       "where corrections are kept (default: corrections/ beside the first result); one file per source, "
       "DIR/<sha256>.corrections.json, written on every change"},
      {review_section, "--sources", "DIR", false,
       "look for the source files here too (by name, and by their path under DIR); by default as source.file names "
       "them, then beside the result file. A source that changed since (other sha256) is not shown",
       [](Options &o, const std::string &v) -> Outcome {
         o.source_dirs.push_back(v);
         return std::nullopt;
       }},
      {review_section, "--host", "HOST", false, "the address to listen on (default 127.0.0.1: this machine only)",
       [](Options &o, const std::string &v) -> Outcome {
         o.host = v;
         return std::nullopt;
       }},
      {review_section, "--port", "N", false, "the port (default 0: a free one); the URL is printed",
       [](Options &o, const std::string &v) -> Outcome {
         auto n = parse_whole(v, 1, 65535, true);
         if (!n) return UsageError{"--port takes a port from 1 to 65535 (0: any free one)"};
         o.port = *n;
         return std::nullopt;
       }},
      {xlsx_section, "-o, --output", "FILE", false, "the workbook to write"},
      {tables_section, "--format", "FMT", false,
       "json (default): pages, bbox, rows x cols, cells with row, col, rowspan, colspan, page, bbox, text; csv: one "
       "CSV file per table into the -o directory (TABLE-N.csv); xlsx: one sheet per table in the -o workbook, "
       "spanning cells merged"},
      {tables_section, "--spans", "MODE", false,
       "csv: empty (default) leaves a spanning cell's other slots empty; repeat writes its text into every slot it "
       "covers",
       [](Options &o, const std::string &v) -> Outcome {
         if (v != "empty" && v != "repeat") return UsageError{"--spans takes empty or repeat, not '" + v + "'"};
         o.repeat_spans = v == "repeat";
         return std::nullopt;
       }},
  };
  return table;
}

// Whether `name` ("-o", "--output") is one of the entry's names.
bool named(const OptionSpec &spec, std::string_view name) {
  std::string_view names = spec.names;
  while (!names.empty()) {
    size_t comma = names.find(", ");
    if (names.substr(0, comma) == name) return true;
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 2);
  }
  return false;
}

// The option's first entry: the one that says what it takes and does.
const OptionSpec *find_option(std::string_view name) {
  for (const OptionSpec &spec : option_table())
    if (named(spec, name) && spec.apply) return &spec;
  return nullptr;
}

// Columns a string takes in a terminal: two for each wide (CJK) character.
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (char32_t c : to_u32(text)) width += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xffdc)) ? 2 : 1;
  return width;
}

// `text` in lines of at most `width` columns, each after `indent` spaces (the first after
// `first_indent` columns already written), broken at spaces.
std::string wrapped(std::string_view text, size_t first_indent, size_t indent, size_t width) {
  std::string out;
  size_t column = first_indent;
  bool line_start = true;
  while (!text.empty()) {
    size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    size_t w = display_width(word);
    if (!line_start && column + 1 + w > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_start = false;
  }
  return out;
}

// Help's layout: option names from column 2 (6 without a short name), their text from 25,
// lines up to 96 columns; a section's note from column 2.
constexpr size_t help_column = 25, help_width = 96, names_column = 2, long_name_column = 6;

std::string options_help() {
  std::string out;
  for (const HelpSection &section : help_sections) {
    out += "\n" + std::string(section.heading) + "\n";
    for (const OptionSpec &spec : option_table()) {
      if (spec.section != section.heading) continue;
      std::string names = std::string(spec.names.rfind("--", 0) == 0 ? long_name_column : names_column, ' ');
      names += std::string(spec.names) + (spec.value.empty() ? "" : " " + std::string(spec.value));
      out += names + std::string(std::max<size_t>(2, help_column - std::min(names.size(), help_column)), ' ');
      out += wrapped(spec.help, std::max(names.size() + 2, help_column), help_column, help_width) + "\n";
    }
    if (!section.note.empty())
      out += std::string(names_column, ' ') + wrapped(section.note, names_column, names_column, help_width) + "\n";
  }
  return out;
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

std::vector<std::string> option_names() {
  std::vector<std::string> out;
  for (const OptionSpec &spec : option_table()) {
    std::string name(spec.names.substr(0, spec.names.find(',')));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::string help_text() {
  return std::string(R"(xxgk — government information-disclosure annual reports (政府信息公开工作年度报告) to JSON

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
  xxgk --help | --version)") +
         "\n" + options_help() + "\n" +
         R"(Output: one JSON object with source (file, sha256, bytes, pages), meta (title, agency, year,
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
  static const std::pair<const char *, Command> commands[] = {
      {"schema", Command::schema}, {"validate", Command::validate}, {"extract", Command::extract},
      {"tables", Command::tables}, {"csv", Command::csv},           {"db", Command::db},
      {"check", Command::check},   {"crawl", Command::crawl},       {"review", Command::review},
      {"xlsx", Command::xlsx}};
  auto command =
      std::find_if(std::begin(commands), std::end(commands), [&](const auto &c) { return first == c.first; });
  if (command == std::end(commands)) return UsageError{"unknown command '" + first + "' (try: xxgk --help)"};
  o.command = command->second;

  for (size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--help" || a == "-h") {
      o.command = Command::help;
      return o;
    }
    if (a.size() < 2 || a[0] != '-') {
      o.inputs.push_back(a);
      continue;
    }
    const OptionSpec *spec = find_option(a);
    if (!spec) return UsageError{"unknown option '" + a + "'"};
    std::string value;
    if (!spec->value.empty()) {
      if (i + 1 >= args.size()) return UsageError{"option " + a + " needs a value"};
      value = args[++i];
    }
    if (auto error = spec->apply(o, value)) return *error;
    if (spec->to_workers) {
      o.worker_args.push_back(a);
      if (!spec->value.empty()) o.worker_args.push_back(value);
    }
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
