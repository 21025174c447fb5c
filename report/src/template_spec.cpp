#include "xxgk/report/template_spec.hpp"

#include <stdexcept>

namespace xxgk::embedded {
std::string_view official_spec_json();
}

namespace xxgk::report {

const EditionSpec &TemplateSpec::edition(std::string_view name) const {
  for (const auto &e : editions)
    if (e.edition == name) return e;
  throw std::out_of_range("no edition '" + std::string(name) + "' in the template spec");
}

TemplateSpec parse_template_spec(const nlohmann::json &spec) {
  TemplateSpec out;
  for (const auto &[name, body] : spec.at("editions").items()) {
    EditionSpec e;
    e.edition = name;
    for (const auto &s : body.at("sections"))
      e.sections.push_back(
          {s.at("number").get<int>(), s.at("id").get<std::string>(), s.at("title").get<std::string>()});
    e.tables = body.at("tables");
    e.rules = body.at("rules");
    out.editions.push_back(std::move(e));
  }
  return out;
}

TemplateSpec official_template_spec() {
  return parse_template_spec(nlohmann::json::parse(embedded::official_spec_json()));
}

}  // namespace xxgk::report
