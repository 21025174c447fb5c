#pragma once
// The whole pipeline for one file: PDF → pages → clean runs → lines → report.

#include <filesystem>

#include "xxgk/pipeline/options.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::pipeline {

// Throws extract::InputError when the file cannot be read as a PDF at all. Anything short of
// that yields a report, with warnings saying what is missing.
report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options,
                              const TableOptions &tables);

}  // namespace xxgk::pipeline
