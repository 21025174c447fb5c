#include "xxgk/review/review_session.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "xxgk/batch/csv_export.hpp"
#include "xxgk/core/sha256.hpp"
#include "xxgk/core/utc_time.hpp"
#include "xxgk/pipeline/extract_report.hpp"
#include "xxgk/report/form_layout.hpp"
#include "xxgk/report/template_key.hpp"
#include "xxgk/report/warning.hpp"
#include "xxgk/schema/report_schema.hpp"
#include "xxgk/spreadsheet/workbook.hpp"

namespace xxgk::review {
namespace {

namespace fs = std::filesystem;

// The places a record's source may be: as named (absolute, or relative to here), beside the
// result file, in a --sources folder (by its name, or its path under the folder).
std::vector<fs::path> candidate_sources(const nlohmann::json &record, const fs::path &origin,
                                        const std::vector<fs::path> &source_dirs) {
  fs::path named = record["source"].value("file", "");
  std::vector<fs::path> out;
  for (const fs::path &dir : source_dirs) out.insert(out.end(), {dir / named.filename(), dir / named.relative_path()});
  out.push_back(named);
  if (!origin.empty() && named.is_relative()) out.push_back(origin.parent_path() / named);
  return out;
}

std::string read_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A folder of page images is hashed as the PDF it was read as: not recomputed here.
bool same_source(const fs::path &p, const std::string &sha) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) return true;
  return fs::is_regular_file(p, ec) && sha256_file_hex(p) == sha;
}

nlohmann::json flags_by_key(const nlohmann::json &record) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto &w : record.value("warnings", nlohmann::json::array())) {
    std::string key = w.value("key", "");
    if (!key.empty()) out[key].push_back({{"code", w.value("code", "")}, {"message", w.value("message", "")}});
  }
  return out;
}

// A value's cell: page and box, from the record's provenance.
const nlohmann::json *cell_at(const nlohmann::json &cells, const std::string &key) {
  return report::json_at_key(cells, key);
}

Rect box_of(const nlohmann::json &cell) {
  const nlohmann::json &b = cell.at("bbox");
  return {b.at(0).get<double>(), b.at(1).get<double>(), b.at(2).get<double>(), b.at(3).get<double>()};
}

bool is_failed(const nlohmann::json &record) {
  return record.value("status", "") == "failed" || !record.contains("tables");
}

std::string string_at(const nlohmann::json &j, const char *outer, const char *inner) {
  if (!j.is_object() || !j.contains(outer) || !j[outer].is_object() || !j[outer].contains(inner)) return "";
  return j[outer][inner].is_string() ? j[outer][inner].get<std::string>() : "";
}

// A result file may hold anything: what is not a report as `xxgk schema` describes it is listed
// as a failed input, saying why, and never read further.
nlohmann::json checked_record(nlohmann::json record) {
  std::string file = string_at(record, "source", "file");
  if (record.value("status", nlohmann::json()) == "failed") {
    std::string sha = string_at(record, "source", "sha256");
    nlohmann::json error = record.contains("error") ? record["error"] : nlohmann::json::object();
    return {{"source", {{"file", file.empty() ? "?" : file}, {"sha256", sha}}}, {"status", "failed"}, {"error", error}};
  }
  std::vector<std::string> problems = schema::validate_report(record);
  if (problems.empty()) return record;
  return {{"source", {{"file", file.empty() ? "?" : file}, {"sha256", string_at(record, "source", "sha256")}}},
          {"status", "failed"},
          {"error", {{"reason", "not a report as xxgk writes it: " + problems.front()}}}};
}

}  // namespace

struct ReviewSession::Entry {
  nlohmann::json machine;  // the record as extract wrote it
  fs::path origin;
  fs::path source;          // the source file, when found unchanged
  std::string source_note;  // why it cannot be shown, when not
  CorrectionFile corrections;
  fs::path sidecar;
  std::vector<fs::path> stale;
  nlohmann::json view;  // the record with its corrections: recomputed on every change

  std::mutex page_lock;  // the source's pages and cells, read at most once
  std::optional<nlohmann::json> reread_cells;
  std::string cells_note;
  std::unique_ptr<SourcePages> pages;
  bool pages_tried = false;
};

ReviewSession::ReviewSession(std::vector<nlohmann::json> records, std::vector<fs::path> origins, SessionOptions options)
    : spec_(report::official_template_spec()), options_(std::move(options)) {
  for (size_t i = 0; i < records.size(); ++i) {
    auto e = std::make_unique<Entry>();
    e->machine = checked_record(std::move(records[i]));
    e->origin = i < origins.size() ? origins[i] : fs::path();
    std::string sha = e->machine["source"].value("sha256", "");
    for (const fs::path &p : candidate_sources(e->machine, e->origin, options_.source_dirs)) {
      std::error_code ec;
      if (!fs::exists(p, ec)) continue;
      if (same_source(p, sha)) {
        e->source = p;
        break;
      }
      e->source_note = p.string() + " has changed since it was read (other sha256): its pages are not shown";
    }
    if (e->source.empty() && e->source_note.empty())
      e->source_note = "the source " + e->machine["source"].value("file", std::string("?")) +
                       " is not found (give its folder with --sources DIR)";
    e->sidecar = corrections_path(options_.corrections_dir, sha);
    if (!is_failed(e->machine)) {
      CorrectionsFound found = find_corrections(options_.corrections_dir, e->machine);
      if (found.file) e->corrections = *found.file;
      e->corrections.source_file = e->machine["source"].value("file", "");
      e->corrections.sha256 = sha;
      e->stale = found.stale;
    }
    e->view = corrected(*e);
    entries_.push_back(std::move(e));
  }
}

ReviewSession::~ReviewSession() = default;

size_t ReviewSession::size() const {
  return entries_.size();
}

ReviewSession::Entry &ReviewSession::entry(size_t id) const {
  if (id >= entries_.size()) throw ReviewError(404, "no report " + std::to_string(id));
  return *entries_[id];
}

nlohmann::json ReviewSession::corrected(const Entry &e) const {
  nlohmann::json r = e.machine;
  if (is_failed(r)) return r;
  if (!r.contains("cells") && e.reread_cells) r["cells"] = *e.reread_cells;
  if (!e.corrections.corrections.empty()) apply_corrections(r, e.corrections, e.sidecar, spec_);
  if (!e.stale.empty()) note_stale_corrections(r, e.stale);
  return r;
}

nlohmann::json ReviewSession::list() const {
  std::lock_guard<std::mutex> guard(lock_);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < entries_.size(); ++i) {
    const nlohmann::json &r = entries_[i]->view;
    nlohmann::json kinds = nlohmann::json::object();
    std::set<std::string> flagged;
    for (const auto &w : r.value("warnings", nlohmann::json::array())) {
      std::string key = w.value("key", ""), code = w.value("code", "");
      if (key.empty() || report::records_review(code)) continue;
      flagged.insert(key);
      kinds[code] = kinds.value(code, 0) + 1;
    }
    const nlohmann::json meta = r.value("meta", nlohmann::json::object());
    out.push_back({{"id", i},
                   {"file", r["source"].value("file", "")},
                   {"title", meta.value("title", "")},
                   {"agency", meta.value("agency", nlohmann::json())},
                   {"year", meta.value("year", nlohmann::json())},
                   {"edition", meta.value("edition", "")},
                   {"status", r.value("status", "")},
                   {"flagged", flagged.size()},
                   {"kinds", kinds},
                   {"failed_checks",
                    r.value("validation", nlohmann::json::object()).value("failed", nlohmann::json::array()).size()},
                   {"reviewed", entries_[i]->corrections.corrections.size()}});
  }
  return out;
}

nlohmann::json ReviewSession::report(size_t id) const {
  std::lock_guard<std::mutex> guard(lock_);
  Entry &e = entry(id);
  if (is_failed(e.view))
    throw ReviewError(409, "this input failed to extract: " + e.view.value("error", nlohmann::json::object()).dump());
  nlohmann::json forms = nlohmann::json::array();
  try {
    for (const report::FormGrid &g : report::form_layout(spec_.edition(e.view["meta"].value("edition", ""))))
      forms.push_back(report::to_json(g));
  } catch (const std::out_of_range &) {
    // no edition decided: the values are listed without a form
  }
  nlohmann::json corrections = to_json(e.corrections)["corrections"];
  bool can_show = !e.source.empty() &&
                  (e.view["source"].value("format", "") == "pdf" || e.view["source"].value("format", "") == "image");
  return {{"id", id},
          {"record", e.view},
          {"forms", forms},
          {"flags", flags_by_key(e.view)},
          {"corrections", corrections},
          {"sidecar", e.sidecar.string()},
          {"pages_shown", can_show},
          {"cells_note", e.cells_note},
          {"pages_note", can_show                ? ""
                         : e.source_note.empty() ? "the source has no pages to show"
                                                 : e.source_note}};
}

nlohmann::json ReviewSession::review(size_t id, const std::string &key, const std::string &action,
                                     const nlohmann::json &value) {
  {
    std::lock_guard<std::mutex> guard(lock_);
    Entry &e = entry(id);
    if (is_failed(e.machine)) throw ReviewError(409, "this input failed to extract: nothing to review");
    CorrectionFile next = e.corrections;
    if (action == "undo") {
      next.corrections.erase(key);
    } else if (action == "confirm" || action == "correct") {
      Correction c;
      c.action = action == "confirm" ? ReviewAction::confirm : ReviewAction::correct;
      c.machine = current_value(e.machine, key);
      c.value = action == "confirm" ? c.machine : value;
      c.at = utc_now_iso8601();
      std::string problem = correction_problem(e.machine, key, c);
      if (problem.empty() && key.rfind("meta.", 0) != 0 && c.action == ReviewAction::confirm && c.value.is_null())
        problem = "nothing was read for " + key + ": give its value (correct), there is nothing to confirm";
      if (!problem.empty()) throw ReviewError(400, problem);
      next.corrections[key] = c;
    } else {
      throw ReviewError(400, "action is confirm, correct or undo, not '" + action + "'");
    }
    try {
      std::error_code ec;
      if (next.corrections.empty())
        fs::remove(e.sidecar, ec);
      else
        save_corrections(e.sidecar, next);
    } catch (const CorrectionError &err) {
      throw ReviewError(500, err.what());
    }
    e.corrections = std::move(next);
    e.view = corrected(e);
  }
  return report(id);
}

const nlohmann::json &ReviewSession::cells_of(Entry &e) {
  static const nlohmann::json none = nlohmann::json::object();
  if (e.machine.contains("cells")) return e.machine["cells"];
  if (e.reread_cells) return *e.reread_cells;
  if (!options_.reread_for_cells || e.source.empty()) return none;
  // No provenance in the record: the source read again, as extract reads it, for the cells' places.
  nlohmann::json cells = nlohmann::json::object();
  std::string note;
  try {
    report::Report r = pipeline::extract_report(e.source, {}, {});
    r.provenance = true;
    nlohmann::json j = report::to_json(r);
    cells = j["cells"];
    if (j["tables"] != e.machine["tables"])
      note = "read again, the source gives other values than the record: a cell shown may not be the one read";
  } catch (const std::exception &err) {
    note = std::string("the source could not be read again: ") + err.what();
  }
  std::lock_guard<std::mutex> guard(lock_);
  e.reread_cells = std::move(cells);
  e.cells_note = note;
  e.view = corrected(e);
  return *e.reread_cells;
}

SourcePages *ReviewSession::pages_of(Entry &e) {
  if (!e.pages_tried) {
    e.pages_tried = true;
    std::string why;
    if (!e.source.empty()) e.pages = SourcePages::open(e.machine, e.source, why);
    if (!e.pages && e.source_note.empty()) e.source_note = why;
  }
  return e.pages.get();
}

std::string ReviewSession::crop(size_t id, const std::string &key) {
  Entry &e = entry(id);
  std::lock_guard<std::mutex> guard(e.page_lock);
  SourcePages *pages = pages_of(e);
  if (!pages) throw ReviewError(404, e.source_note);
  const nlohmann::json *cell = cell_at(cells_of(e), key);
  if (!cell || cell->value("page", 0) < 1) throw ReviewError(404, "no cell on a page was read for " + key);
  std::string png = pages->crop_png(cell->value("page", 0), box_of(*cell));
  if (png.empty()) throw ReviewError(404, "the cell of " + key + " is not on its page");
  return png;
}

std::string ReviewSession::page(size_t id, int page, const std::string &key) {
  Entry &e = entry(id);
  std::lock_guard<std::mutex> guard(e.page_lock);
  SourcePages *pages = pages_of(e);
  if (!pages) throw ReviewError(404, e.source_note);
  std::optional<Rect> box;
  if (!key.empty())
    if (const nlohmann::json *cell = cell_at(cells_of(e), key); cell && cell->value("page", 0) == page)
      box = box_of(*cell);
  std::string png = pages->page_png(page, box);
  if (png.empty()) throw ReviewError(404, "no page " + std::to_string(page));
  return png;
}

std::string ReviewSession::export_name(size_t id, ExportFormat format) const {
  std::lock_guard<std::mutex> guard(lock_);
  std::string stem = fs::path(entry(id).view["source"].value("file", "report")).stem().string();
  const char *suffix = format == ExportFormat::json ? ".json" : format == ExportFormat::csv ? ".csv" : ".xlsx";
  return (stem.empty() ? "report" : stem) + ".reviewed" + suffix;
}

std::string ReviewSession::export_report(size_t id, ExportFormat format) const {
  nlohmann::json record;
  {
    std::lock_guard<std::mutex> guard(lock_);
    record = entry(id).view;
  }
  if (format == ExportFormat::json) return record.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (format == ExportFormat::csv) return batch::long_csv({record}, {true});
  std::string pattern = (fs::temp_directory_path() / "xxgk-export-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw ReviewError(500, "cannot create a temporary file");
  ::close(fd);
  try {
    spreadsheet::write_report_workbook(record, spec_, pattern);
  } catch (const spreadsheet::WorkbookError &err) {
    std::error_code ec;
    fs::remove(pattern, ec);
    throw ReviewError(409, err.what());
  }
  std::string bytes = read_file(pattern);
  std::error_code ec;
  fs::remove(pattern, ec);
  return bytes;
}

}  // namespace xxgk::review
