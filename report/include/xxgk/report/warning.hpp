#pragma once

#include <string>
#include <string_view>

namespace xxgk::report {

struct Warning {
  std::string code;        // stable, machine-readable: "no_text_layer", "section_missing", ...
  std::string message;     // for people
  int page = 0;            // 0 when not tied to a page
  std::string key;         // a value key or section id, when tied to one
  double confidence = -1;  // low_confidence: the value's OCR confidence (0..1); -1 otherwise
};

// What a warning's code means for the report's status, in one place for the pipeline and for
// records changed after it (corrections in review):
// the JSON lacks something a complete report has (a section, the title, a value);
bool marks_partial(std::string_view code);
// a title fact (agency, year, edition) was read, but may be wrong;
bool doubts_meta(std::string_view code);
// a person has checked the value (confirmed as read, or corrected): it records, it does not doubt.
bool records_review(std::string_view code);

}  // namespace xxgk::report
