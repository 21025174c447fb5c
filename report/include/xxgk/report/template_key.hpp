#pragma once
// A value's key in the official template, `<table>.<row>.<column>` (the ids of
// spec/annual-report-format.json), made and taken apart in one place, and the value a record's
// JSON holds under it (tables[table][row][column]).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace xxgk::report {

struct TemplateKey {
  std::string table, row, column;
};

std::string template_key(std::string_view table, std::string_view row, std::string_view column);

// The key's three ids; nothing unless it has exactly three, none of them empty.
std::optional<TemplateKey> parse_template_key(std::string_view key);

// The JSON under the key in `tables` (a record's "tables", or its provenance "cells"); nullptr
// when the key is malformed or absent.
const nlohmann::json *json_at_key(const nlohmann::json &tables, std::string_view key);
nlohmann::json *json_at_key(nlohmann::json &tables, std::string_view key);

// Sets the value under a well-formed key, making the objects on its way; false for a malformed key.
bool set_at_key(nlohmann::json &tables, std::string_view key, nlohmann::json value);

}  // namespace xxgk::report
