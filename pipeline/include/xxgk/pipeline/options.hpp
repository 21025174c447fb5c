#pragma once
// What a user can choose about one file's run through the pipeline.

#include <filesystem>
#include <string>

#include "xxgk/core/stage_clock.hpp"
#include "xxgk/ocr/ocr_engine.hpp"

namespace xxgk::pipeline {

enum class OcrMode { never, auto_, always };  // auto_: pages without a usable text layer

struct ExtractOptions {
  std::string password;
  OcrMode ocr = OcrMode::auto_;
  double ocr_dpi = 300;
  ocr::OcrOptions ocr_options;
  int threads = 0;              // pages OCR'd at once; 0: one per core (a bulk run's workers use 1)
  StageClock *clock = nullptr;  // if set, the time of each stage is added to it (bench/)
  std::string served_charset;   // a fetched web page: the charset its server declared
};

struct TableOptions {
  double ruling_dpi = 100;          // rendering used to find rulings
  std::filesystem::path debug_dir;  // if set, one PNG overlay per page is written here
};

// Fewer printable characters than this and a page counts as having no text layer.
inline constexpr int min_text_layer_chars = 10;

}  // namespace xxgk::pipeline
