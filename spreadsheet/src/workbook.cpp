#include "xxgk/spreadsheet/workbook.hpp"

#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "xxgk/batch/csv_export.hpp"
#include "xxgk/report/form_layout.hpp"
#include "xxgk/report/template_key.hpp"
#include "xxgk/report/warning.hpp"

namespace xxgk::spreadsheet {
namespace {

// Fills, as the review page shows them: a doubt amber, a person's check green.
constexpr lxw_color_t flagged_fill = 0xFFE0A0;
constexpr lxw_color_t reviewed_fill = 0xC8EBC8;
constexpr lxw_color_t header_fill = 0xEDEDED;
// Column widths in Excel's units (characters of the default font).
constexpr double label_width = 34;
constexpr double value_width = 11;
constexpr double info_width = 60;
constexpr uint16_t comment_width = 320;
// Excel's limit on a sheet name.
constexpr size_t sheet_name_max_bytes = 31;

struct WorkbookCloser {
  void operator()(lxw_workbook *wb) const {
    if (wb) workbook_close(wb);
  }
};

// A workbook that reports the first error of any call, and on close.
class Book {
 public:
  explicit Book(const std::filesystem::path &out) : path_(out), wb_(workbook_new(out.c_str())) {
    if (!wb_) throw WorkbookError("cannot create the workbook " + out.string());
  }
  lxw_worksheet *sheet(const std::string &name) {
    lxw_worksheet *ws = workbook_add_worksheet(wb_.get(), name.c_str());
    if (!ws) throw WorkbookError("cannot add the sheet '" + name + "'");
    return ws;
  }
  lxw_format *format() { return workbook_add_format(wb_.get()); }
  void check(lxw_error e, const char *what) {
    if (e != LXW_NO_ERROR && first_error_.empty()) first_error_ = std::string(what) + ": " + lxw_strerror(e);
  }
  void close() {
    lxw_error e = workbook_close(wb_.release());
    if (e != LXW_NO_ERROR) throw WorkbookError("cannot write " + path_.string() + ": " + lxw_strerror(e));
    if (!first_error_.empty()) throw WorkbookError(path_.string() + ": " + first_error_);
  }

 private:
  std::filesystem::path path_;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb_;
  std::string first_error_;
};

struct Formats {
  lxw_format *title, *header, *label, *value, *flagged, *reviewed, *wrap;
};

Formats formats_of(Book &book) {
  auto bordered = [&](bool bold, lxw_color_t fill, bool centred) {
    lxw_format *f = book.format();
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (centred) format_set_align(f, LXW_ALIGN_CENTER);
    if (bold) format_set_bold(f);
    if (fill) format_set_bg_color(f, fill);
    return f;
  };
  lxw_format *title = book.format();
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format *wrap = book.format();
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  return {title,
          bordered(true, header_fill, true),
          bordered(false, 0, false),
          bordered(false, 0, true),
          bordered(false, flagged_fill, true),
          bordered(false, reviewed_fill, true),
          wrap};
}

// A sheet name Excel accepts: no []:*?/\, at most 31 bytes, whole UTF-8 characters.
std::string sheet_name(const std::string &wanted) {
  std::string out;
  for (char c : wanted) out += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  if (out.size() <= sheet_name_max_bytes) return out;
  size_t cut = sheet_name_max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut);
}

const nlohmann::json *at_key(const nlohmann::json &root, const std::string &key) {
  return report::json_at_key(root, key);
}

struct KeyNotes {
  std::string text;
  bool doubt = false, reviewed = false;
};

std::map<std::string, KeyNotes> notes_by_key(const nlohmann::json &record) {
  std::map<std::string, KeyNotes> out;
  for (const auto &w : record.value("warnings", nlohmann::json::array())) {
    std::string key = w.value("key", ""), code = w.value("code", "");
    if (key.empty()) continue;
    KeyNotes &n = out[key];
    n.text += (n.text.empty() ? "" : "\n") + code + ": " + w.value("message", "");
    (report::records_review(code) ? n.reviewed : n.doubt) = true;
  }
  return out;
}

void write_value(Book &book, lxw_worksheet *ws, const report::FormCell &c, int top, const nlohmann::json &record,
                 const std::map<std::string, KeyNotes> &notes, const Formats &f) {
  const nlohmann::json *v = record.contains("tables") ? at_key(record["tables"], c.key) : nullptr;
  auto note = notes.find(c.key);
  lxw_format *format = f.value;
  if (note != notes.end()) format = note->second.doubt ? f.flagged : f.reviewed;
  lxw_row_t row = static_cast<lxw_row_t>(top + c.row);
  lxw_col_t col = static_cast<lxw_col_t>(c.col);
  if (c.colspan > 1 || c.rowspan > 1)
    book.check(worksheet_merge_range(ws, row, col, static_cast<lxw_row_t>(row + c.rowspan - 1),
                                     static_cast<lxw_col_t>(col + c.colspan - 1), "", format),
               "merge");
  if (v && v->is_number())
    book.check(worksheet_write_number(ws, row, col, v->get<double>(), format), "value");
  else
    book.check(worksheet_write_blank(ws, row, col, format), "value");
  if (note != notes.end()) {
    lxw_comment_options options{};
    options.width = comment_width;
    options.author = const_cast<char *>("xxgk");
    book.check(worksheet_write_comment_opt(ws, row, col, note->second.text.c_str(), &options), "comment");
  }
}

void write_form_sheet(Book &book, const report::FormGrid &g, const nlohmann::json &record,
                      const std::map<std::string, KeyNotes> &notes, const Formats &f) {
  lxw_worksheet *ws = book.sheet(sheet_name(g.title));
  book.check(worksheet_write_string(ws, 0, 0, g.title.c_str(), f.title), "title");
  constexpr int top = 2;  // the title, a blank line, then the form
  int label_cols = 0;
  for (const report::FormCell &c : g.cells)
    if (c.kind == report::FormCellKind::value) label_cols = label_cols ? std::min(label_cols, c.col) : c.col;
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(std::max(0, label_cols - 1)), label_width, nullptr);
  worksheet_set_column(ws, static_cast<lxw_col_t>(label_cols), static_cast<lxw_col_t>(g.cols - 1), value_width,
                       nullptr);
  for (const report::FormCell &c : g.cells) {
    if (c.kind == report::FormCellKind::value) {
      write_value(book, ws, c, top, record, notes, f);
      continue;
    }
    lxw_format *format = c.kind == report::FormCellKind::label ? f.label : f.header;
    lxw_row_t row = static_cast<lxw_row_t>(top + c.row);
    lxw_col_t col = static_cast<lxw_col_t>(c.col);
    if (c.rowspan > 1 || c.colspan > 1)
      book.check(worksheet_merge_range(ws, row, col, static_cast<lxw_row_t>(row + c.rowspan - 1),
                                       static_cast<lxw_col_t>(col + c.colspan - 1), c.text.c_str(), format),
                 "merge");
    else
      book.check(worksheet_write_string(ws, row, col, c.text.c_str(), format), "label");
  }
  worksheet_freeze_panes(ws, top, static_cast<lxw_col_t>(label_cols));
}

std::string text_of(const nlohmann::json &v) {
  return v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump();
}

void write_info_sheet(Book &book, const nlohmann::json &record, const Formats &f) {
  lxw_worksheet *ws = book.sheet("报告");
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  worksheet_set_column(ws, 1, 1, info_width, nullptr);
  const nlohmann::json &meta = record.value("meta", nlohmann::json::object());
  const nlohmann::json &source = record.value("source", nlohmann::json::object());
  std::vector<std::pair<std::string, std::string>> rows = {
      {"title", text_of(meta.value("title", nlohmann::json()))},
      {"agency", text_of(meta.value("agency", nlohmann::json()))},
      {"year", text_of(meta.value("year", nlohmann::json()))},
      {"edition", text_of(meta.value("edition", nlohmann::json()))},
      {"status", text_of(record.value("status", nlohmann::json()))},
      {"doubtful_values", text_of(record.value("doubtful_values", nlohmann::json()))},
      {"checks_failed",
       std::to_string(
           record.value("validation", nlohmann::json::object()).value("failed", nlohmann::json::array()).size())},
      {"file", text_of(source.value("file", nlohmann::json()))},
      {"sha256", text_of(source.value("sha256", nlohmann::json()))},
      {"corrections",
       record.contains("corrections") ? text_of(record["corrections"].value("file", nlohmann::json())) : ""}};
  for (size_t i = 0; i < rows.size(); ++i) {
    book.check(worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, rows[i].first.c_str(), f.header), "info");
    book.check(worksheet_write_string(ws, static_cast<lxw_row_t>(i), 1, rows[i].second.c_str(), f.wrap), "info");
  }
}

void write_rows(Book &book, lxw_worksheet *ws, const batch::Rows &rows, const Formats &f);

void write_checks_sheet(Book &book, const nlohmann::json &record, const Formats &f) {
  batch::Rows rows{{"rule", "on", "sum_keys", "sum", "equals_keys", "equals"}};
  for (const auto &c : record.value("validation", nlohmann::json::object()).value("failed", nlohmann::json::array())) {
    auto keys = [](const nlohmann::json &side) {
      std::string out;
      for (const auto &k : side.value("keys", nlohmann::json::array())) out += (out.empty() ? "" : " + ") + text_of(k);
      return out;
    };
    rows.push_back({text_of(c.value("rule", nlohmann::json())), text_of(c.value("on", nlohmann::json())),
                    keys(c.value("sum", nlohmann::json::object())),
                    text_of(c.value("sum", nlohmann::json::object()).value("value", nlohmann::json())),
                    keys(c.value("equals", nlohmann::json::object())),
                    text_of(c.value("equals", nlohmann::json::object()).value("value", nlohmann::json()))});
  }
  write_rows(book, book.sheet("校验"), rows, f);
}

void write_warnings_sheet(Book &book, const nlohmann::json &record, const Formats &f) {
  batch::Rows rows{{"code", "key", "page", "message"}};
  for (const auto &w : record.value("warnings", nlohmann::json::array()))
    rows.push_back({text_of(w.value("code", nlohmann::json())), text_of(w.value("key", nlohmann::json())),
                    text_of(w.value("page", nlohmann::json())), text_of(w.value("message", nlohmann::json()))});
  write_rows(book, book.sheet("警告"), rows, f);
}

// A field that is a number in full is written as one, so that sums work in the sheet.
std::optional<double> as_number(const std::string &s) {
  if (s.empty() || s.size() > 24) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void write_rows(Book &book, lxw_worksheet *ws, const batch::Rows &rows, const Formats &f) {
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      lxw_row_t row = static_cast<lxw_row_t>(r);
      lxw_col_t col = static_cast<lxw_col_t>(c);
      const std::string &field = rows[r][c];
      if (r == 0)
        book.check(worksheet_write_string(ws, row, col, field.c_str(), f.header), "header");
      else if (auto n = as_number(field))
        book.check(worksheet_write_number(ws, row, col, *n, nullptr), "number");
      else if (!field.empty())
        book.check(worksheet_write_string(ws, row, col, field.c_str(), nullptr), "text");
    }
  if (!rows.empty()) worksheet_freeze_panes(ws, 1, 0);
}

}  // namespace

void write_report_workbook(const nlohmann::json &record, const report::TemplateSpec &spec,
                           const std::filesystem::path &out) {
  std::string edition = record.contains("meta") ? record["meta"].value("edition", "") : "";
  const report::EditionSpec *e = nullptr;
  try {
    e = &spec.edition(edition);
  } catch (const std::out_of_range &) {
    throw WorkbookError("the record has no edition of the form (a failed input?): nothing to lay out");
  }
  Book book(out);
  Formats f = formats_of(book);
  write_info_sheet(book, record, f);
  std::map<std::string, KeyNotes> notes = notes_by_key(record);
  for (const report::FormGrid &g : report::form_layout(*e)) write_form_sheet(book, g, record, notes, f);
  write_checks_sheet(book, record, f);
  write_warnings_sheet(book, record, f);
  book.close();
}

void write_reports_workbook(const std::vector<nlohmann::json> &records, const std::filesystem::path &out) {
  Book book(out);
  Formats f = formats_of(book);
  write_rows(book, book.sheet("wide"), batch::wide_rows(records), f);
  write_rows(book, book.sheet("long"), batch::long_rows(records), f);
  book.close();
}

void write_tables_workbook(const std::vector<layout::Table> &tables, const std::filesystem::path &out) {
  Book book(out);
  Formats f = formats_of(book);
  for (size_t i = 0; i < tables.size(); ++i) {
    lxw_worksheet *ws = book.sheet("table-" + std::to_string(i + 1));
    for (const layout::Cell &c : tables[i].cells) {
      lxw_row_t row = static_cast<lxw_row_t>(c.row);
      lxw_col_t col = static_cast<lxw_col_t>(c.col);
      if (c.rowspan > 1 || c.colspan > 1)
        book.check(worksheet_merge_range(ws, row, col, static_cast<lxw_row_t>(c.row + c.rowspan - 1),
                                         static_cast<lxw_col_t>(c.col + c.colspan - 1), c.text.c_str(), f.label),
                   "merge");
      else
        book.check(worksheet_write_string(ws, row, col, c.text.c_str(), f.label), "cell");
    }
  }
  if (tables.empty()) book.sheet("table-1");  // a workbook needs a sheet; an empty one says none was found
  book.close();
}

}  // namespace xxgk::spreadsheet
