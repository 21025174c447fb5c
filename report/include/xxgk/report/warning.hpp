#pragma once

#include <string>

namespace xxgk::report {

struct Warning {
  std::string code;        // stable, machine-readable: "no_text_layer", "section_missing", ...
  std::string message;     // for people
  int page = 0;            // 0 when not tied to a page
  std::string key;         // a value key or section id, when tied to one
  double confidence = -1;  // low_confidence: the value's OCR confidence (0..1); -1 otherwise
};

}  // namespace xxgk::report
