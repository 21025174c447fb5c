#pragma once
// A TextRun is a piece of text with its position on the page: a word or phrase as the PDF's
// text layer (or the OCR engine) delivers it. Later stages never ask where a run came from,
// except to weigh its confidence.

#include <string>
#include <vector>

#include "xxgk/core/geometry.hpp"

namespace xxgk {

enum class RunSource { pdf_text, ocr };
enum class WritingMode { horizontal, vertical };

struct TextRun {
  std::string text;               // UTF-8
  Rect bbox;                      // union of the glyph boxes
  std::vector<Rect> glyph_boxes;  // one per code point of `text`
  std::string font_name;
  double font_size = 0;
  WritingMode writing_mode = WritingMode::horizontal;
  bool space_after = false;  // the producer put a word break after this run
  RunSource source = RunSource::pdf_text;
  double confidence = 1.0;  // 0..1; 1 for a text layer
};

}  // namespace xxgk
