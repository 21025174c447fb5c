#pragma once
// The whole pipeline for one file: PDF → pages → clean runs → lines → report; a web page or
// Word file → its marked-up tables and text → report. What a file is is told by its content.

#include <filesystem>
#include <optional>
#include <vector>

#include "xxgk/layout/table.hpp"

#include "xxgk/pipeline/options.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::pipeline {

// Throws InputError when the file cannot be read at all (no PDF, web page or Word
// file; damaged; encrypted). Anything short of that yields a report, with warnings saying what
// is missing. report.source.format says what was read.
report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options,
                              const TableOptions &tables);

// A web page whose tables are pictures: its title, agency, year and sections from the page,
// its tables read by OCR from the pictures (in order, as the pages of a scan); `pages` are the
// pictures'. Throws InputError as extract_report does.
report::Report extract_page_with_pictures(const std::filesystem::path &page,
                                          const std::vector<std::filesystem::path> &pictures,
                                          const ExtractOptions &options, const TableOptions &tables);

// The tables of what is no PDF: a web page's or Word file's as grids on one page, page images'
// as a scan's; nullopt for a PDF (see read_document). Throws InputError as
// extract_report does.
std::optional<std::vector<layout::Table>> tables_of_non_pdf(const std::filesystem::path &path,
                                                            const ExtractOptions &options, const TableOptions &tables,
                                                            std::vector<report::Warning> &warnings);

}  // namespace xxgk::pipeline
