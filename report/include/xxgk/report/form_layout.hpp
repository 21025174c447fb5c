#pragma once
// The official form's tables as they are printed: a grid of cells with their merges (申请人情况
// over seven columns, 法人或其他组织 over five, 三、本年度办理结果 down the rows it heads), each
// value cell naming its template key. Built from the spec alone, so the review page and the
// Excel workbook show the same form whatever a report's own table looked like.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/report/template_spec.hpp"

namespace xxgk::report {

enum class FormCellKind {
  corner,   // the blank cell over the row labels and left of the column headers
  heading,  // a group's clause (第二十条第（一）项) across the table
  header,   // a column header, or a group over several columns
  label,    // a row label, or a group of rows
  value,    // a value of the form: `key` names it
};

const char *to_string(FormCellKind kind);

struct FormCell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  FormCellKind kind = FormCellKind::value;
  std::string text;  // the spec's label; empty for values and the corner
  std::string key;   // value cells: <table>.<row>.<column>
};

struct FormGrid {
  std::string table;  // the spec's table id
  std::string title;  // its section's title
  int rows = 0, cols = 0;
  std::vector<FormCell> cells;  // row-major; every slot covered by exactly one cell
};

// One grid per table of the edition, in spec order.
std::vector<FormGrid> form_layout(const EditionSpec &edition);

nlohmann::json to_json(const FormGrid &grid);

}  // namespace xxgk::report
