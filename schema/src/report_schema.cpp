#include "xxgk/schema/report_schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace xxgk::embedded {
std::string_view report_schema_json();
}

namespace xxgk::schema {

std::string_view report_schema_text() {
  return embedded::report_schema_json();
}

std::vector<std::string> validate_report(const nlohmann::json &document) {
  const nlohmann::json schema_document = nlohmann::json::parse(report_schema_text());
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_document);
  parser.populateSchema(schema_adapter, schema);

  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  std::vector<std::string> errors;
  if (validator.validate(schema, target, &results)) return errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const auto &part : error.context) where += part;
    errors.push_back(where + ": " + error.description);
  }
  return errors;
}

}  // namespace xxgk::schema
