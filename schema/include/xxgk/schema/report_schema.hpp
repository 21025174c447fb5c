#pragma once
// Validation of report JSON against schema/report.schema.json (compiled into the binary).

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xxgk::schema {

std::string_view report_schema_text();

// One message per violation, "<json pointer>: <what is wrong>"; empty when the document is valid.
std::vector<std::string> validate_report(const nlohmann::json &document);

}  // namespace xxgk::schema
