// Random bytes as a Word file's document part: pugixml's parse and the merged-cell grid end,
// whatever the XML; every cell lies inside its table's grid.
#include <cstddef>
#include <cstdint>
#include <string>

#include "grid_in_bounds.hpp"
#include "xxgk/markup/docx_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string xml(reinterpret_cast<const char *>(data), size);
  try {
    xxgk::markup::MarkupDocument doc = xxgk::markup::read_docx_xml(xml);
    abort_unless_cells_in_grid(doc);
    xxgk::markup::lay_out(doc);
  } catch (const xxgk::markup::DocxError &) {
  }
  return 0;
}
