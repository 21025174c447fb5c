#include "xxgk/report/report.hpp"
#include "xxgk/report/template_key.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace xxgk::report {
namespace {

nlohmann::json to_json(const Warning &w) {
  nlohmann::json j = {{"code", w.code}, {"message", w.message}};
  if (w.page > 0) j["page"] = w.page;
  if (!w.key.empty()) j["key"] = w.key;
  if (w.confidence >= 0) j["confidence"] = std::round(w.confidence * 1000) / 1000;
  return j;
}

// "a.b.c" -> j["a"]["b"]["c"] = v
void set_path(nlohmann::json &j, const std::string &key, nlohmann::json v) {
  set_at_key(j, key, std::move(v));
}

double rounded(double v, double scale) {
  return std::round(v * scale) / scale;
}

// Counts print as integers; amounts keep their decimals.
nlohmann::json number_json(double v) {
  if (std::abs(v) < 1e15 && v == std::floor(v)) return static_cast<long long>(v);
  return v;
}

nlohmann::json tables_json(const Report &r) {
  nlohmann::json tables = nlohmann::json::object();
  for (const std::string &key : r.keys) {
    auto it = r.values.values.find(key);
    bool known = it != r.values.values.end() && it->second.value;
    set_path(tables, key, known ? number_json(*it->second.value) : nlohmann::json(nullptr));
  }
  return tables;
}

nlohmann::json provenance_of(const MappedValue &v) {
  nlohmann::json cell = {
      {"page", v.page},
      {"bbox", {rounded(v.bbox.x0, 100), rounded(v.bbox.y0, 100), rounded(v.bbox.x1, 100), rounded(v.bbox.y1, 100)}},
      {"raw", v.raw},
      {"kind", normalize::to_string(v.kind)},
      {"confidence", rounded(v.confidence, 1000)},
      {"label_score", rounded(v.label_score, 1000)},
      {"placed_by", to_string(v.placed_by)},
      {"row_labels", v.row_labels},
      {"column_labels", v.column_labels}};
  if (!v.unit.empty()) cell["unit"] = v.unit;
  if (!v.other_reading.empty()) cell["other_reading"] = v.other_reading;
  return cell;
}

nlohmann::json provenance_json(const Report &r) {
  nlohmann::json cells = nlohmann::json::object();
  for (const auto &[key, v] : r.values.values) set_path(cells, key, provenance_of(v));
  return cells;
}

nlohmann::json unmatched_json(const std::vector<UnmatchedRow> &rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const UnmatchedRow &u : rows)
    out.push_back({{"page", u.page}, {"label", u.label}, {"cells", u.cells}, {"reason", u.reason}});
  return out;
}

template <size_t N>
bool one_of(std::string_view code, const char *const (&codes)[N]) {
  return std::any_of(std::begin(codes), std::end(codes), [&](const char *c) { return code == c; });
}

}  // namespace

nlohmann::json page_explained(const Report &report, int page) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto &[key, v] : report.values.values) {
    if (v.page != page) continue;
    nlohmann::json value = provenance_of(v);
    value["value"] = v.value ? number_json(*v.value) : nlohmann::json(nullptr);
    value["warnings"] = nlohmann::json::array();
    for (const Warning &w : report.warnings)
      if (w.key == key) value["warnings"].push_back(to_json(w));
    values[key] = std::move(value);
  }
  std::vector<UnmatchedRow> unmatched;
  for (const UnmatchedRow &u : report.values.unmatched_rows)
    if (u.page == page) unmatched.push_back(u);
  return {{"page", page}, {"values", values}, {"unmatched_rows", unmatched_json(unmatched)}};
}

bool marks_partial(std::string_view code) {
  static const char *const codes[] = {"section_missing", "title_missing", "year_missing",     "agency_missing",
                                      "no_text_layer",   "value_missing", "value_unreadable", "garbled_text_layer"};
  return one_of(code, codes);
}

bool doubts_meta(std::string_view code) {
  static const char *const codes[] = {"agency_from_text", "agency_from_metadata", "agency_uncertain", "year_uncertain",
                                      "edition_uncertain"};
  return one_of(code, codes);
}

bool records_review(std::string_view code) {
  return code == "confirmed" || code == "corrected";
}

bool Report::partial() const {
  return std::any_of(warnings.begin(), warnings.end(), [](const Warning &w) { return marks_partial(w.code); });
}

int Report::doubtful_values() const {
  std::set<std::string> doubtful;
  for (const Warning &w : warnings) {
    auto it = values.values.find(w.key);
    if (it == values.values.end() || !it->second.value || records_review(w.code)) continue;
    if (w.code == "prose_mismatch" && !read_by_ocr(*this, it->second)) continue;
    doubtful.insert(w.key);
  }
  return static_cast<int>(doubtful.size());
}

std::string Report::status() const {
  if (partial()) return "partial";
  if (doubtful_values() > 0 ||
      std::any_of(warnings.begin(), warnings.end(), [](const Warning &w) { return doubts_meta(w.code); }))
    return "review";
  return "ok";
}

nlohmann::json to_json(const Report &report) {
  nlohmann::json j;
  j["source"] = {{"file", report.source.file},
                 {"sha256", report.source.sha256},
                 {"bytes", report.source.bytes},
                 {"pages", report.source.pages},
                 {"format", report.source.format}};
  if (!report.source.url.empty()) {
    const SourceInfo &s = report.source;
    j["source"].update({{"url", s.url},
                        {"final_url", s.final_url},
                        {"fetched_at", s.fetched_at},
                        {"http_status", s.http_status},
                        {"content_type", s.content_type}});
    if (!s.linked_from.empty()) j["source"]["linked_from"] = s.linked_from;
    if (!s.pictures.empty()) j["source"]["pictures"] = s.pictures;
  }
  const Meta &m = report.meta;
  j["meta"] = {{"title", m.title},
               {"agency", m.agency},
               {"agency_aliases", m.agency_aliases},
               {"year", m.year ? nlohmann::json(*m.year) : nlohmann::json(nullptr)},
               {"edition", m.edition},
               {"edition_basis", m.edition_basis}};
  j["pages"] = nlohmann::json::array();
  for (const auto &p : report.pages)
    j["pages"].push_back({{"number", p.number},
                          {"width", p.width},
                          {"height", p.height},
                          {"rotation", p.rotation},
                          {"text_runs", p.text_runs},
                          {"kind", p.kind},
                          {"read_from", p.read_from},
                          {"skew_degrees", rounded(p.skew_degrees, 1000)}});
  j["sections"] = nlohmann::json::array();
  for (const auto &s : report.sections)
    j["sections"].push_back({{"id", s.id},
                             {"number", s.number},
                             {"title", s.title},
                             {"heading", s.heading},
                             {"page", s.page},
                             {"text", s.text}});
  j["tables"] = tables_json(report);
  if (report.provenance) j["cells"] = provenance_json(report);
  j["unmatched_rows"] = unmatched_json(report.values.unmatched_rows);
  j["validation"] = to_json(report.validation);
  j["warnings"] = nlohmann::json::array();
  for (const auto &w : report.warnings) j["warnings"].push_back(to_json(w));
  j["doubtful_values"] = report.doubtful_values();
  j["prose_checks"] = nlohmann::json::array();
  for (const ProseCheck &c : report.prose_checks) j["prose_checks"].push_back(to_json(c));
  j["status"] = report.status();
  return j;
}

}  // namespace xxgk::report
