#include "xxgk/report/report.hpp"

#include <algorithm>

namespace xxgk::report {
namespace {

// Warnings that mean the JSON lacks something a complete report has.
bool marks_partial(const Warning &w) {
  static const char *codes[] = {"section_missing", "title_missing", "year_missing", "agency_missing", "no_text_layer"};
  return std::any_of(std::begin(codes), std::end(codes), [&](const char *c) { return w.code == c; });
}

nlohmann::json to_json(const Warning &w) {
  nlohmann::json j = {{"code", w.code}, {"message", w.message}};
  if (w.page > 0) j["page"] = w.page;
  if (!w.key.empty()) j["key"] = w.key;
  return j;
}

}  // namespace

bool Report::partial() const {
  return std::any_of(warnings.begin(), warnings.end(), marks_partial);
}

nlohmann::json to_json(const Report &report) {
  nlohmann::json j;
  j["source"] = {{"file", report.source.file},
                 {"sha256", report.source.sha256},
                 {"bytes", report.source.bytes},
                 {"pages", report.source.pages},
                 {"format", report.source.format}};
  const Meta &m = report.meta;
  j["meta"] = {{"title", m.title},
               {"agency", m.agency},
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
                          {"kind", p.kind}});
  j["sections"] = nlohmann::json::array();
  for (const auto &s : report.sections)
    j["sections"].push_back({{"id", s.id},
                             {"number", s.number},
                             {"title", s.title},
                             {"heading", s.heading},
                             {"page", s.page},
                             {"text", s.text}});
  j["tables"] = report.tables;
  j["warnings"] = nlohmann::json::array();
  for (const auto &w : report.warnings) j["warnings"].push_back(to_json(w));
  j["status"] = report.partial() ? "partial" : "ok";
  return j;
}

}  // namespace xxgk::report
