#pragma once
// The Report: everything xxgk knows about one annual report, as serialized to JSON.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/report/prose_checks.hpp"
#include "xxgk/report/report_text.hpp"
#include "xxgk/report/template_mapping.hpp"
#include "xxgk/report/validation.hpp"
#include "xxgk/report/warning.hpp"

namespace xxgk::report {

struct SourceInfo {
  std::string file;  // file name as given on the command line
  std::string sha256;
  long long bytes = 0;
  int pages = 0;
  std::string format = "pdf";
  // An input fetched from the web (empty otherwise): the URL given, where it led, when, how.
  std::string url, final_url, fetched_at, content_type;
  std::string linked_from;            // the report page whose attachment this is, when one was followed
  std::vector<std::string> pictures;  // the page's pictures its tables were read from
  long http_status = 0;
};

struct PageSummary {
  int number = 0;
  double width = 0, height = 0;
  int rotation = 0;
  long text_runs = 0;
  std::string kind;         // "text", "scanned" (no text layer: an image), "garbled", "blank" (no ink)
  std::string read_from;    // where the words came from: "text_layer", "ocr", or "none"
  double skew_degrees = 0;  // rotation applied to the page image before OCR
};

struct Meta {
  std::string title;
  std::string agency;                       // as the title names it
  std::vector<std::string> agency_aliases;  // other names the text gives it
  std::optional<int> year;
  std::string edition;        // "2019" or "2021"
  std::string edition_basis;  // how the edition was decided
};

struct Report {
  SourceInfo source;
  Meta meta;
  std::vector<PageSummary> pages;
  std::vector<Section> sections;
  std::vector<std::string> keys;  // every key of the edition's tables, in spec order
  TemplateValues values;          // what the grids gave for them
  Validation validation;
  std::vector<ProseCheck> prose_checks;  // numbers the text states, against the tables
  bool provenance = false;               // write each value's page, box, printed text and scores
  std::vector<Warning> warnings;

  // Something a complete report has is missing: a section, the title, the year.
  bool partial() const;
  // Values printed in `tables` that carry a warning on their own key that doubts the reading
  // (a text layer's value the prose disagrees with is what the report prints: not doubtful).
  int doubtful_values() const;
  // "partial" when something is missing; else "review" when a value or a title fact is
  // doubtful; else "ok": every value read and none in doubt.
  std::string status() const;
};

nlohmann::json to_json(const Report &report);

// Why each value of one page is where it is: by key, its provenance (placed_by, the labels read
// beside and above it, its scores, bbox and printed text), its value and the warnings on its
// key; and the page's rows that matched no row of the form. For `--debug-dir`'s page-N.json.
nlohmann::json page_explained(const Report &report, int page);

// Whether the value was read by OCR (from a page read as an image), not from a text layer.
bool read_by_ocr(const Report &report, const MappedValue &value);

// The OCR'd values of the form's failed checks, by page (the cells to read again).
std::map<int, std::set<std::string>> ocr_keys_in_failed_checks(const Report &report);

// The other side of each disputed reading (a cell two models read differently: a bitonal
// scan's serif 1 one reads as 4) among the given OCR'd values (ocr_keys_in_failed_checks), as
// alternatives for choose_by_checks.
std::vector<Alternative> other_readings_of(const Report &report,
                                           const std::map<int, std::set<std::string>> &keys_by_page);

// Every doubt about an OCR'd value said on its own key, once validation has run: a failed
// check of the form it takes part in (check_failed: one of its cells is misread, and nothing
// tells which), a check that could not be made (unconfirmed: a value beside it is missing), or
// no check at all and a reading that is not sure (unconfirmed). Values from a text layer are
// what the report prints; a failed check there is the agency's slip, said in `validation` only.
void add_doubts(Report &report);

// The message of a check_failed warning on a value in the failed check `f`.
std::string check_failed_message(const RuleFailure &f);

}  // namespace xxgk::report
