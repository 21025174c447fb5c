#pragma once
// What `xxgk review` serves, apart from HTTP: the results given, each with its source and its
// corrections, and what a person can do to them. Every answer is JSON or bytes; every refusal
// a ReviewError with the HTTP status it stands for, so the server only translates.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/report/template_spec.hpp"
#include "xxgk/review/corrections.hpp"
#include "xxgk/review/page_images.hpp"

namespace xxgk::review {

class ReviewError : public std::runtime_error {
 public:
  ReviewError(int status, const std::string &message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }  // 400 bad request, 404 unknown, 409 conflict, ...

 private:
  int status_;
};

struct SessionOptions {
  std::filesystem::path corrections_dir;           // the sidecars: read, and written on every change
  std::vector<std::filesystem::path> source_dirs;  // --sources: where to look for the source files
  // Re-read a source that the record gives no cells for (extracted without --provenance), to
  // know where on its page each value stands. A scan takes as long as its extraction did.
  bool reread_for_cells = true;
};

enum class ExportFormat { json, csv, xlsx };

class ReviewSession {
 public:
  // `records` as extract wrote them (failed records are listed, not reviewed); `origins` the
  // result file each came from (sources are looked for beside it too).
  ReviewSession(std::vector<nlohmann::json> records, std::vector<std::filesystem::path> origins,
                SessionOptions options);
  ~ReviewSession();

  size_t size() const;
  // One line per report: file, title, agency, year, status, flagged values by kind, failed checks.
  nlohmann::json list() const;
  // A report as the page shows it: the record with its corrections, the form's grids, the flags
  // by key, the corrections, and whether crops can be cut. Throws ReviewError(404).
  nlohmann::json report(size_t id) const;
  // Confirms or corrects one key (action "confirm", "correct" with value, or "undo"); saves the
  // sidecar and returns report(id). Throws ReviewError (400 bad key or value, 404, 500 cannot save).
  nlohmann::json review(size_t id, const std::string &key, const std::string &action, const nlohmann::json &value);
  // PNG bytes of a value's cell with its neighbourhood, or of its page. Throws ReviewError(404)
  // when the value has no place on a page or the source cannot be shown.
  std::string crop(size_t id, const std::string &key);
  std::string page(size_t id, int page, const std::string &key);
  // The corrected report: JSON, CSV (one row per value) or an xlsx workbook of the form.
  std::string export_report(size_t id, ExportFormat format) const;
  std::string export_name(size_t id, ExportFormat format) const;

 private:
  struct Entry;
  Entry &entry(size_t id) const;
  nlohmann::json corrected(const Entry &e) const;
  const nlohmann::json &cells_of(Entry &e);
  SourcePages *pages_of(Entry &e);

  report::TemplateSpec spec_;
  SessionOptions options_;
  std::vector<std::unique_ptr<Entry>> entries_;
  mutable std::mutex lock_;  // the entries' corrections and their sidecar files
};

}  // namespace xxgk::review
