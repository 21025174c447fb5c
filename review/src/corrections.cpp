#include "xxgk/review/corrections.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "xxgk/core/atomic_file.hpp"
#include "xxgk/report/report.hpp"
#include "xxgk/report/template_key.hpp"
#include "xxgk/report/validation.hpp"
#include "xxgk/report/warning.hpp"

namespace xxgk::review {
namespace {

constexpr const char *sidecar_format = "xxgk-corrections/1";
constexpr const char *sidecar_suffix = ".corrections.json";

const char *to_string(ReviewAction a) {
  return a == ReviewAction::confirm ? "confirm" : "correct";
}

bool is_meta_key(const std::string &key) {
  return key == "meta.agency" || key == "meta.year";
}

// The slot of a value key in the record's tables, or nullptr when the report has no such key.
nlohmann::json *value_slot(nlohmann::json &record, const std::string &key) {
  if (!record.is_object() || !record.contains("tables")) return nullptr;
  return report::json_at_key(record["tables"], key);
}

nlohmann::json *cell_of(nlohmann::json &record, const std::string &key) {
  if (!record.is_object() || !record.contains("cells")) return nullptr;
  return report::json_at_key(record["cells"], key);
}

std::string shown(const nlohmann::json &v) {
  return v.is_null() ? "nothing" : v.is_string() ? v.get<std::string>() : v.dump();
}

// Warnings a meta correction settles: the doubts about that title fact.
bool settles_meta(const std::string &key, const std::string &code) {
  if (key == "meta.agency") return code.rfind("agency_", 0) == 0;
  return code == "year_uncertain" || code == "year_missing";
}

// Drops the warnings a person's look settles; returns their codes.
std::vector<std::string> clear_doubts(nlohmann::json &record, const std::string &key) {
  std::vector<std::string> cleared;
  nlohmann::json kept = nlohmann::json::array();
  for (auto &w : record["warnings"]) {
    std::string code = w.value("code", "");
    bool settled = is_meta_key(key) ? settles_meta(key, code) : w.value("key", "") == key;
    if (settled && std::find(cleared.begin(), cleared.end(), code) == cleared.end()) cleared.push_back(code);
    if (!settled) kept.push_back(std::move(w));
  }
  record["warnings"] = std::move(kept);
  return cleared;
}

std::string review_message(const Correction &c, const std::vector<std::string> &cleared) {
  std::string text = c.action == ReviewAction::confirm ? "confirmed by a person on " + c.at
                                                       : "corrected by a person on " + c.at + " to " + shown(c.value) +
                                                             ": the machine read " + shown(c.machine);
  if (!cleared.empty()) {
    text += " (settled: ";
    for (size_t i = 0; i < cleared.size(); ++i) text += (i ? ", " : "") + cleared[i];
    text += ")";
  }
  return text;
}

void apply_one(nlohmann::json &record, const std::string &key, const Correction &c) {
  nlohmann::json machine = current_value(record, key);
  if (key == "meta.agency")
    record["meta"]["agency"] = c.value;
  else if (key == "meta.year")
    record["meta"]["year"] = c.value;
  else
    *value_slot(record, key) = c.value;
  std::vector<std::string> cleared = clear_doubts(record, key);
  nlohmann::json w = {{"code", c.action == ReviewAction::confirm ? "confirmed" : "corrected"},
                      {"message", review_message(c, cleared)},
                      {"key", key}};
  if (nlohmann::json *cell = cell_of(record, key)) {
    if (cell->value("page", 0) > 0) w["page"] = (*cell)["page"];
    (*cell)["review"] = {{"action", to_string(c.action)}, {"machine_value", machine}, {"at", c.at}};
  }
  record["warnings"].push_back(std::move(w));
}

// Whether the value at `key` was read by OCR: its page was (without provenance, any page was).
bool read_by_ocr(const nlohmann::json &record, const std::string &key) {
  const nlohmann::json &pages = record.value("pages", nlohmann::json::array());
  auto ocr_page = [&](int n) {
    return n >= 1 && n <= static_cast<int>(pages.size()) &&
           pages[static_cast<size_t>(n - 1)].value("read_from", "") == "ocr";
  };
  if (record.contains("cells"))
    if (const nlohmann::json *cell = report::json_at_key(record["cells"], key); cell && cell->is_object())
      return ocr_page(cell->value("page", 0));
  for (int n = 1; n <= static_cast<int>(pages.size()); ++n)
    if (ocr_page(n)) return true;
  return false;
}

std::set<std::string> reviewed_keys(const nlohmann::json &record) {
  std::set<std::string> out;
  for (const auto &w : record["warnings"])
    if (report::records_review(w.value("code", ""))) out.insert(w.value("key", ""));
  return out;
}

// check_failed doubts as add_doubts gives them, for the checks that fail now.
void redo_check_doubts(nlohmann::json &record, const report::Validation &v) {
  std::set<std::string> reviewed = reviewed_keys(record), said;
  nlohmann::json kept = nlohmann::json::array();
  for (auto &w : record["warnings"]) {
    std::string code = w.value("code", "");
    if (code == "check_failed") continue;
    if (code == "low_confidence" || code == "value_unreadable") said.insert(w.value("key", ""));
    kept.push_back(std::move(w));
  }
  for (const report::RuleFailure &f : v.failed)
    for (const auto *side : {&f.sum.keys, &f.equals.keys})
      for (const std::string &key : *side) {
        nlohmann::json *slot = value_slot(record, key);
        if (!slot || slot->is_null() || reviewed.count(key) || !read_by_ocr(record, key) || !said.insert(key).second)
          continue;
        nlohmann::json w = {{"code", "check_failed"}, {"message", report::check_failed_message(f)}, {"key", key}};
        if (nlohmann::json *cell = cell_of(record, key)) {
          if (cell->value("page", 0) > 0) w["page"] = (*cell)["page"];
          w["confidence"] = (*cell)["confidence"];
        }
        kept.push_back(std::move(w));
      }
  record["warnings"] = std::move(kept);
}

int doubtful_values(nlohmann::json &record) {
  std::set<std::string> doubtful;
  for (const auto &w : record["warnings"]) {
    std::string key = w.value("key", ""), code = w.value("code", "");
    nlohmann::json *slot = value_slot(record, key);
    if (!slot || slot->is_null() || report::records_review(code)) continue;
    if (code == "prose_mismatch" && !read_by_ocr(record, key)) continue;
    doubtful.insert(key);
  }
  return static_cast<int>(doubtful.size());
}

std::string status_of(nlohmann::json &record) {
  bool partial = false, meta_doubt = false;
  for (const auto &w : record["warnings"]) {
    partial = partial || report::marks_partial(w.value("code", ""));
    meta_doubt = meta_doubt || report::doubts_meta(w.value("code", ""));
  }
  if (partial) return "partial";
  return record["doubtful_values"].get<int>() > 0 || meta_doubt ? "review" : "ok";
}

std::optional<ReviewAction> action_named(const std::string &s) {
  if (s == "confirm") return ReviewAction::confirm;
  if (s == "correct") return ReviewAction::correct;
  return std::nullopt;
}

}  // namespace

std::filesystem::path corrections_path(const std::filesystem::path &dir, const std::string &sha256) {
  return dir / (sha256 + sidecar_suffix);
}

nlohmann::json to_json(const CorrectionFile &file) {
  nlohmann::json corrections = nlohmann::json::object();
  for (const auto &[key, c] : file.corrections)
    corrections[key] = {{"action", to_string(c.action)}, {"value", c.value}, {"machine", c.machine}, {"at", c.at}};
  return {{"format", sidecar_format},
          {"source", {{"file", file.source_file}, {"sha256", file.sha256}}},
          {"corrections", corrections}};
}

CorrectionFile corrections_from_json(const nlohmann::json &j) {
  // "format" may be anything in a file someone edited: only the string says what this is.
  if (!j.is_object() || !j.contains("format") || j["format"] != sidecar_format)
    throw CorrectionError(std::string("not a corrections file (no \"format\": \"") + sidecar_format + "\")");
  try {
    CorrectionFile f;
    f.source_file = j.at("source").at("file").get<std::string>();
    f.sha256 = j.at("source").at("sha256").get<std::string>();
    for (const auto &[key, c] : j.at("corrections").items()) {
      auto action = action_named(c.at("action").get<std::string>());
      if (!action) throw CorrectionError("correction of " + key + ": action is confirm or correct");
      f.corrections[key] = {*action, c.at("value"), c.value("machine", nlohmann::json()), c.value("at", "")};
    }
    return f;
  } catch (const nlohmann::json::exception &e) {
    throw CorrectionError(std::string("a corrections file with a missing or wrong field: ") + e.what());
  }
}

CorrectionFile load_corrections(const std::filesystem::path &path) {
  std::ifstream in(path);
  if (!in) throw CorrectionError("cannot read " + path.string());
  try {
    return corrections_from_json(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception &e) {
    throw CorrectionError(path.string() + " is not JSON: " + e.what());
  } catch (const CorrectionError &e) {
    throw CorrectionError(path.string() + ": " + e.what());
  }
}

void save_corrections(const std::filesystem::path &path, const CorrectionFile &file) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (!write_file_atomically(path, to_json(file).dump(2) + "\n"))
    throw CorrectionError("cannot write " + path.string());
}

CorrectionsFound find_corrections(const std::filesystem::path &dir, const nlohmann::json &record) {
  CorrectionsFound found;
  const nlohmann::json &source = record.value("source", nlohmann::json::object());
  std::string sha = source.value("sha256", ""), file = source.value("file", "");
  found.path = corrections_path(dir, sha);
  std::error_code ec;
  if (!sha.empty() && std::filesystem::exists(found.path, ec)) found.file = load_corrections(found.path);
  std::string name = std::filesystem::path(file).filename().string();
  for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string n = entry.path().filename().string();
    if (entry.path() == found.path || n.size() <= std::string(sidecar_suffix).size() ||
        n.compare(n.size() - std::string(sidecar_suffix).size(), std::string::npos, sidecar_suffix) != 0)
      continue;
    try {
      CorrectionFile other = load_corrections(entry.path());
      if (other.sha256 != sha && std::filesystem::path(other.source_file).filename().string() == name)
        found.stale.push_back(entry.path());
    } catch (const CorrectionError &) {
      // Another file's sidecar that cannot be read is that file's problem, said when it is read.
    }
  }
  return found;
}

nlohmann::json current_value(const nlohmann::json &record, const std::string &key) {
  if (key == "meta.agency" || key == "meta.year") {
    const nlohmann::json &meta = record.value("meta", nlohmann::json::object());
    return meta.value(key.substr(5), nlohmann::json());
  }
  if (!record.is_object() || !record.contains("tables")) return nullptr;
  const nlohmann::json *v = report::json_at_key(record["tables"], key);
  return v ? *v : nlohmann::json();
}

std::string correction_problem(const nlohmann::json &record, const std::string &key, const Correction &c) {
  if (key == "meta.agency") {
    if (!c.value.is_string() || c.value.get<std::string>().empty()) return "meta.agency takes the agency's name";
    return "";
  }
  if (key == "meta.year") {
    if (!c.value.is_number_integer() || c.value.get<long long>() < 2008 || c.value.get<long long>() > 2100)
      return "meta.year takes a year from 2008 (the first reports) on";
    return "";
  }
  if (!value_slot(const_cast<nlohmann::json &>(record), key)) return "the report's form has no key " + key;
  if (!c.value.is_null() && !c.value.is_number()) return key + " takes a number (or null: not printed)";
  if (c.value.is_number() && !std::isfinite(c.value.get<double>())) return key + " takes a finite number";
  return "";
}

Applied apply_corrections(nlohmann::json &record, const CorrectionFile &file, const std::filesystem::path &path,
                          const report::TemplateSpec &spec) {
  Applied out;
  if (!record.contains("warnings")) record["warnings"] = nlohmann::json::array();
  for (const auto &[key, c] : file.corrections) {
    std::string problem = file.sha256 != record["source"].value("sha256", "")
                              ? "made on another version of the source (sha256 " + file.sha256 + ")"
                              : correction_problem(record, key, c);
    if (!problem.empty()) {
      out.not_applied.push_back({key, problem});
      continue;
    }
    apply_one(record, key, c);
    out.keys.push_back(key);
  }
  nlohmann::json not_applied = nlohmann::json::array();
  for (const auto &[key, why] : out.not_applied) not_applied.push_back({{"key", key}, {"reason", why}});
  record["corrections"] = {{"file", path.string()}, {"applied", out.keys}, {"not_applied", not_applied}};
  for (const auto &[key, why] : out.not_applied)
    record["warnings"].push_back(
        {{"code", "correction_not_applied"},
         {"message", "the correction of " + key + " in " + path.string() + " was not applied: " + why},
         {"key", key}});
  refresh_status(record, spec);
  return out;
}

void note_stale_corrections(nlohmann::json &record, const std::vector<std::filesystem::path> &stale) {
  for (const auto &p : stale)
    record["warnings"].push_back(
        {{"code", "correction_not_applied"},
         {"message", "the corrections in " + p.string() +
                         " were made on another version of this file (other sha256): none applied; review it again"}});
}

void refresh_status(nlohmann::json &record, const report::TemplateSpec &spec) {
  std::string edition = record["meta"].value("edition", "");
  report::Validation v;
  try {
    v = report::validate(report::values_from_json(record["tables"]), spec.edition(edition));
  } catch (const std::out_of_range &) {
    return;  // no edition: nothing to check (the record says why)
  }
  record["validation"] = report::to_json(v);
  redo_check_doubts(record, v);
  record["doubtful_values"] = doubtful_values(record);
  record["status"] = status_of(record);
}

}  // namespace xxgk::review
