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

// Throws extract::InputError when the file cannot be read at all (no PDF, web page or Word
// file; damaged; encrypted). Anything short of that yields a report, with warnings saying what
// is missing. report.source.format says what was read.
report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options,
                              const TableOptions &tables);

// The tables of a web page or Word file, as grids on one page; nullopt for anything else (a
// PDF's are found by find_tables). Throws extract::InputError as extract_report does.
std::optional<std::vector<layout::Table>> marked_up_tables(const std::filesystem::path &path);

}  // namespace xxgk::pipeline
