#pragma once
// The State Council's report format (2019 and 2021 editions): sections, table rows and columns
// with their stable ids, and the arithmetic rules the form states. Loaded from
// spec/annual-report-format.json, which is compiled into the binary.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xxgk::report {

struct SectionSpec {
  int number = 0;
  std::string id;
  std::string title;
};

struct EditionSpec {
  std::string edition;  // "2019" or "2021"
  std::vector<SectionSpec> sections;
  nlohmann::json tables;  // as in the spec file
  nlohmann::json rules;
};

struct TemplateSpec {
  std::vector<EditionSpec> editions;

  const EditionSpec &edition(std::string_view name) const;  // throws std::out_of_range
};

TemplateSpec parse_template_spec(const nlohmann::json &spec);
TemplateSpec official_template_spec();  // the compiled-in copy

}  // namespace xxgk::report
