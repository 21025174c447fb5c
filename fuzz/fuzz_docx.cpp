// Random bytes as a Word file's document part: pugixml's parse and the merged-cell grid end,
// whatever the XML; every cell lies inside its table's grid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "xxgk/markup/docx_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string xml(reinterpret_cast<const char *>(data), size);
  try {
    xxgk::markup::MarkupDocument doc = xxgk::markup::read_docx_xml(xml);
    for (const auto &item : doc.items)
      if (const auto *t = std::get_if<xxgk::markup::GridTable>(&item))
        for (const auto &c : t->cells)
          if (c.row < 0 || c.col < 0 || c.row + c.rowspan > t->rows || c.col + c.colspan > t->cols) std::abort();
    xxgk::markup::lay_out(doc);
  } catch (const xxgk::markup::DocxError &) {
  }
  return 0;
}
