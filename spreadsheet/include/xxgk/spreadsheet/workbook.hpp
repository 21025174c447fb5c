#pragma once
// Reports as Excel workbooks (libxlsxwriter): one report laid out as the official form, with
// its merged headers and labels, every flagged value filled and commented with its warnings;
// many reports as a wide and a long sheet; any table finder's tables with their spans merged.

#include <filesystem>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/layout/table.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk::spreadsheet {

class WorkbookError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sheets: 报告 (what the report is: title, agency, year, status, source), one per table of the
// form (as printed: 申请人情况 over seven columns, 法人或其他组织 over five; a flagged value
// filled amber and commented with its warnings, a person's correction or confirmation green),
// 校验 (the form's failed checks, both sides), 警告 (every warning). Throws WorkbookError.
void write_report_workbook(const nlohmann::json &record, const report::TemplateSpec &spec,
                           const std::filesystem::path &out);

// Sheets: wide (one row per report, the columns of `xxgk csv`), long (one row per value, the
// columns of `xxgk csv --long`). Numbers are numbers. Throws WorkbookError.
void write_reports_workbook(const std::vector<nlohmann::json> &records, const std::filesystem::path &out);

// One sheet per table (table-1, ...), each cell at its slot, a spanning cell merged over the
// slots it covers. Throws WorkbookError.
void write_tables_workbook(const std::vector<layout::Table> &tables, const std::filesystem::path &out);

}  // namespace xxgk::spreadsheet
