#pragma once
// The whole pipeline for one file: PDF → pages → clean runs → lines → report.

#include <filesystem>
#include <string>

#include "xxgk/ocr/ocr_engine.hpp"
#include "xxgk/report/report.hpp"

namespace xxgk::pipeline {

enum class OcrMode { never, auto_, always };  // auto_: pages without a usable text layer

struct ExtractOptions {
  std::string password;
  OcrMode ocr = OcrMode::auto_;
  double ocr_dpi = 300;
  ocr::OcrOptions ocr_options;
};

// Throws extract::InputError when the file cannot be read as a PDF at all. Anything short of
// that yields a report, with warnings saying what is missing.
report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options);

// Fewer printable characters than this and a page counts as having no text layer.
inline constexpr int min_text_layer_chars = 10;

}  // namespace xxgk::pipeline
