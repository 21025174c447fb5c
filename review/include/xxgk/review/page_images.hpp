#pragma once
// Pictures of a report's source for the person checking it: a value's cell cut from its page
// (at the resolution OCR reads at, turned as OCR turned the page, the cell outlined in the
// debug overlay's colour), and the whole page with the cell marked. PDFs and page images only:
// a web page or Word file has no page to cut from.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "xxgk/core/geometry.hpp"

namespace xxgk::review {

// The resolution pages are cut from: OCR's default, so that a scan's crop shows what OCR saw.
inline constexpr double crop_dpi = 300;
// A whole page on screen: enough to read a table's labels.
inline constexpr double page_view_dpi = 110;

class SourcePages {
 public:
  // The record's source at `file` (PDF or page images), or nullopt when it has no pages to show
  // (a web page, a Word file) or cannot be opened. `why` says which.
  static std::unique_ptr<SourcePages> open(const nlohmann::json &record, const std::filesystem::path &file,
                                           std::string &why);
  ~SourcePages();

  // PNG bytes: the box (page points) on page `page` with its neighbourhood; empty if out of range.
  std::string crop_png(int page, const Rect &box) const;
  // PNG bytes: the page, `box` outlined when given.
  std::string page_png(int page, const std::optional<Rect> &box) const;

 private:
  struct Impl;
  explicit SourcePages(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xxgk::review
