#pragma once
// Serialization of geometric tables (the `xxgk tables` command): JSON and CSV.

#include <string>

#include <nlohmann/json.hpp>

#include "xxgk/layout/table.hpp"

namespace xxgk::report {

nlohmann::json to_json(const layout::Table &table);

enum class SpanFill { empty, repeat };  // text of a spanning cell in its other slots

// RFC 4180 CSV, one line per grid row, CRLF line ends.
std::string to_csv(const layout::Table &table, SpanFill fill);

}  // namespace xxgk::report
