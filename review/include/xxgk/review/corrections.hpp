#pragma once
// A person's corrections to a report, kept beside the results in a sidecar file per source
// (DIR/<sha256>.corrections.json): for each key the person's value, what the machine had read
// when they looked, and when. They are applied to a record (in review, and by `xxgk extract
// --corrections DIR` on a re-run) and marked on their keys, the machine's reading kept; the
// form's checks and the report's status are then worked out again. A sidecar made for another
// version of the file (other sha256) is never applied: it is reported.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/report/template_spec.hpp"

namespace xxgk::review {

enum class ReviewAction {
  confirm,  // the machine's reading is right
  correct,  // the person gives the value
};

struct Correction {
  ReviewAction action = ReviewAction::confirm;
  nlohmann::json value;    // a number (or null: not printed) for a value; text for meta.agency; a year
  nlohmann::json machine;  // what the record said when the person looked
  std::string at;          // UTC, ISO 8601
};

struct CorrectionFile {
  std::string source_file;                        // as the record names it (source.file)
  std::string sha256;                             // of the source the corrections were made on
  std::map<std::string, Correction> corrections;  // by key: <table>.<row>.<column>, meta.agency, meta.year
};

class CorrectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The sidecar of the source with this sha256 in `dir`.
std::filesystem::path corrections_path(const std::filesystem::path &dir, const std::string &sha256);

CorrectionFile load_corrections(const std::filesystem::path &path);                    // throws CorrectionError
void save_corrections(const std::filesystem::path &path, const CorrectionFile &file);  // throws CorrectionError
nlohmann::json to_json(const CorrectionFile &file);
CorrectionFile corrections_from_json(const nlohmann::json &j);  // throws CorrectionError

struct CorrectionsFound {
  std::optional<CorrectionFile> file;        // made on this very source
  std::filesystem::path path;                // where it is, or would be
  std::vector<std::filesystem::path> stale;  // made on a file of the same name with other content
};

// The corrections for the record's source in `dir`. Throws CorrectionError for a sidecar that
// cannot be read.
CorrectionsFound find_corrections(const std::filesystem::path &dir, const nlohmann::json &record);

// Why this correction cannot be made on this record (an unknown key, a value of the wrong
// type), or empty when it can.
std::string correction_problem(const nlohmann::json &record, const std::string &key, const Correction &c);

// What the record says for `key` now (a value, meta.agency's text, meta.year).
nlohmann::json current_value(const nlohmann::json &record, const std::string &key);

struct Applied {
  std::vector<std::string> keys;                                 // applied
  std::vector<std::pair<std::string, std::string>> not_applied;  // key, why
};

// Applies the corrections to the record: values and title facts set, the doubts on their keys
// cleared and a `confirmed` or `corrected` warning put in their place naming the machine's
// reading (with --provenance also under cells.<key>.review), then the status worked out again
// (refresh_status). The record gains "corrections": the sidecar, the keys applied, those not.
Applied apply_corrections(nlohmann::json &record, const CorrectionFile &file, const std::filesystem::path &path,
                          const report::TemplateSpec &spec);

// Reports sidecars found for an older version of the source: a warning, nothing applied.
void note_stale_corrections(nlohmann::json &record, const std::vector<std::filesystem::path> &stale);

// After values changed: the form's checks again, the check_failed doubts on OCR'd values
// again (none on a key a person has checked), doubtful_values and status.
void refresh_status(nlohmann::json &record, const report::TemplateSpec &spec);

}  // namespace xxgk::review
