#pragma once
// Poppler's core document behind PdfDocument::line_art: poppler-cpp gives text and renderings,
// but no access to the paths a page draws. Opened on first use, on the same file.

#include <PDFDoc.h>

#include <filesystem>
#include <memory>
#include <string>

#include "xxgk/extract/pdf_document.hpp"

namespace xxgk::extract {

struct PdfDocument::Core {
  std::filesystem::path path;
  std::string password;
  std::unique_ptr<PDFDoc> doc;  // null until first used; stays null if Poppler's core cannot open it
  bool tried = false;
};

}  // namespace xxgk::extract
