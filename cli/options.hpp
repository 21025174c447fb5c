#pragma once
// Command-line parsing for the xxgk executable, kept apart from main() so it can be tested.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "xxgk/fetch/fetcher.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/pipeline/find_tables.hpp"

namespace xxgk::cli {

// Exit codes, documented in --help and README.
enum ExitCode : int {
  exit_ok = 0,
  exit_internal = 1,     // a bug: please report
  exit_usage = 2,        // bad command line
  exit_unreadable = 3,   // the input is missing, not a PDF, damaged or has no pages
  exit_encrypted = 4,    // the PDF needs a (different) password
  exit_partial = 5,      // JSON written, but parts of the report were not found (see warnings)
  exit_rules = 6,        // validate: the numbers break a rule of the form (or the file breaks the schema)
  exit_some_failed = 7,  // batch: some inputs could not be extracted (their error records are written)
  exit_review = 8,       // JSON written, complete, but some values are doubtful (status "review")
};

enum class Command { help, version, extract, tables, validate, schema, csv, db, check, crawl, review, xlsx };

enum class TableFormat { json, csv, xlsx };

struct Options {
  Command command = Command::help;
  std::vector<std::string> inputs;
  std::string output;  // empty: stdout
  bool pretty = false;
  bool provenance = false;  // extract: each value's page, box, printed text and scores
  pipeline::ExtractOptions extract;
  pipeline::TableOptions tables;
  fetch::FetchOptions fetch;  // inputs that are URLs
  TableFormat format = TableFormat::json;
  std::string check_format = "text";  // check: text, json or csv
  int max_pages = 50;                 // crawl: list pages read per starting URL
  bool repeat_spans = false;          // csv: repeat a spanning cell's text in all its slots

  // Batch extraction (many inputs, folders, --files-from, --jsonl, --out-dir).
  std::string files_from;     // a list of paths, one per line; "-" for stdin
  std::string jsonl;          // JSON Lines output ("-": stdout)
  std::string out_dir;        // one JSON per input
  std::string sqlite;         // the batch's dataset (SQLite)
  int jobs = 0;               // worker processes; 0: one per core
  double timeout = 600;       // seconds per input; 0: none
  long max_memory_mb = 4096;  // per worker; 0: none
  bool resume = false;
  std::string shard;                     // "I/N"
  std::vector<std::string> worker_args;  // extract options as given, passed on to each worker
  bool batch_flags = false;              // some batch-only option was given

  // Corrections (extract applies them; review reads and writes them).
  std::string corrections_dir;  // extract: apply DIR/<sha256>.corrections.json; review: default below
  // review
  std::string host = "127.0.0.1";
  int port = 0;  // 0: a free port
  std::vector<std::string> source_dirs;

  // csv command
  bool long_csv = false;
  bool byte_order_mark = false;
};

struct UsageError {
  std::string message;
};

// Returns the options, or a UsageError whose message says what is wrong.
std::variant<Options, UsageError> parse_options(const std::vector<std::string> &args);

std::string help_text();

// Every option's first name ("-o" for -o, --output), once, in --help order: the option table's.
std::vector<std::string> option_names();

}  // namespace xxgk::cli
