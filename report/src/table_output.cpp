#include "xxgk/report/table_output.hpp"

#include <cmath>
#include <set>

namespace xxgk::report {
namespace {

double rounded(double v) {
  return std::round(v * 100) / 100;
}

nlohmann::json box(const Rect &r) {
  return {rounded(r.x0), rounded(r.y0), rounded(r.x1), rounded(r.y1)};
}

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

nlohmann::json to_json(const layout::Table &table) {
  std::set<int> pages;
  nlohmann::json parts = nlohmann::json::array();
  for (const auto &p : table.parts) {
    pages.insert(p.page);
    parts.push_back({{"page", p.page}, {"bbox", box(p.bbox)}, {"first_row", p.first_row}, {"rows", p.rows}});
  }
  nlohmann::json cells = nlohmann::json::array();
  for (const auto &c : table.cells)
    cells.push_back({{"row", c.row},
                     {"col", c.col},
                     {"rowspan", c.rowspan},
                     {"colspan", c.colspan},
                     {"page", c.page},
                     {"bbox", box(c.bbox)},
                     {"text", c.text},
                     {"confidence", rounded(c.confidence)}});
  return {{"method", table.method}, {"pages", pages}, {"rows", table.rows},
          {"cols", table.cols},     {"parts", parts}, {"cells", cells}};
}

std::string to_csv(const layout::Table &table, SpanFill fill) {
  std::string out;
  for (int r = 0; r < table.rows; ++r) {
    for (int c = 0; c < table.cols; ++c) {
      if (c > 0) out += ',';
      const layout::Cell *cell = table.at(r, c);
      bool origin = cell && cell->row == r && cell->col == c;
      if (cell && (origin || fill == SpanFill::repeat)) out += csv_field(cell->text);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace xxgk::report
