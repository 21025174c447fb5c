#pragma once
// Word files (.docx: a zip of XML parts) read with libzip and pugixml: the body's paragraphs
// become text blocks, its tables grids, with merged cells (gridSpan across, vMerge down) as
// spans.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "xxgk/markup/markup_document.hpp"

namespace xxgk::markup {

class DocxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The document part (word/document.xml) of a .docx file; throws DocxError when the file is no
// readable Word document.
std::string docx_document_xml(const std::filesystem::path &path);

// The body of a document part.
MarkupDocument read_docx_xml(const std::string &document_xml);

inline MarkupDocument read_docx(const std::filesystem::path &path) {
  return read_docx_xml(docx_document_xml(path));
}

}  // namespace xxgk::markup
