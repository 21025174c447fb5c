#pragma once
// Mapping table grids onto the official template. Every value cell of a grid has a row path
// (the labels to its left, outermost first) and a column path (the header cells above it);
// the template cell whose row and column labels best match those paths names its key
// `<table>.<row>.<column>`. Matching is by similarity after normalization, so numbering
// variants, wording differences and single-character slips still map, with their score kept.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/layout/table.hpp"
#include "xxgk/normalize/number.hpp"
#include "xxgk/report/template_spec.hpp"
#include "xxgk/report/warning.hpp"

namespace xxgk::report {

// Label comparison: 1 for the same label after removing spaces, numbering (一、 （三） 3. (3))
// and trailing punctuation; near 1 for small differences; high when one label contains the other
// (规范性文件 / 行政规范性文件, 其他 / 其他组织).
double label_similarity(std::string_view a, std::string_view b);
std::u32string label_key(std::string_view text);
// The same on labels already made keys (label_key), for comparing one label with many.
double key_similarity(const std::u32string &x, const std::u32string &y);

struct TemplateAxis {
  std::string id, label, parent, type;
  std::u32string key, parent_key;  // label_key of label and parent
  std::u32string bare_key;         // key without a closing bracketed remark (（单位：万元）)
};

// A label key without the bracketed remark it ends with (本年收费金额（单位：万元，保留4位
// 小数） → 本年收费金额); the key itself when it has none or is nothing else.
std::u32string without_remark(const std::u32string &key);

// One table of the template, or one group of a grouped table (主动公开 has four).
struct TemplateBlock {
  std::string table;
  std::vector<TemplateAxis> rows, columns;
};

// How many keys (row × column slots) the template table holds.
inline size_t slot_count(const TemplateBlock &block) {
  return block.rows.size() * block.columns.size();
}

std::vector<TemplateBlock> template_blocks(const EditionSpec &edition);

// Every key of the edition's tables, in spec order.
std::vector<std::string> template_keys(const EditionSpec &edition);

// How a value found its key, strongest evidence first. The weaker ones (all but label_match and
// under_columns_above) stand on the form's order and carry a label_inferred warning.
enum class Placement {
  label_match,          // its row label and its column header matched the form's
  under_columns_above,  // its row by its label, its column by where it stands under the headers of
                        // the table before (a table continued without its header)
  between_neighbours,   // a row or column label unread: the one slot its neighbours leave
  column_order,         // no column header read: the grid's value columns are the form's, in order
  header_named,         // a table naming its rows in the header: the column beside a matched one
  row_order,            // a label-free row holding all of a table's slots: its place in the row
};
const char *to_string(Placement p);

struct MappedValue {
  std::optional<double> value;  // null when the printed text is not a number
  std::string raw;
  normalize::NumberKind kind = normalize::NumberKind::blank;
  int page = 0;
  Rect bbox;
  double confidence = 1;      // of the text (OCR)
  double label_score = 0;     // of the row and column label match
  std::string unit;           // printed after the number, or named by the column's header
  std::string other_reading;  // OCR: a second reading of the cell that disagrees with `raw`
  Placement placed_by = Placement::label_match;
  std::vector<std::string> row_labels;     // printed to its left, outermost first
  std::vector<std::string> column_labels;  // printed above it, outermost first
};

struct UnmatchedRow {
  int page = 0;
  std::string label;
  std::vector<std::string> cells;
  std::string reason;
};

struct TemplateValues {
  std::map<std::string, MappedValue> values;  // by key; only keys found in a grid
  std::vector<UnmatchedRow> unmatched_rows;
  std::vector<Warning> warnings;
};

TemplateValues map_to_template(const std::vector<layout::Table> &tables, const EditionSpec &edition);

}  // namespace xxgk::report
