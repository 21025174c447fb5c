// Random bytes as a web page: charset detection, gumbo's parse, the grid of its tables and the
// layout end, whatever the markup; every cell lies inside its table's grid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "xxgk/markup/html_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  xxgk::markup::MarkupDocument doc = xxgk::markup::read_html(bytes);
  for (const auto &item : doc.items)
    if (const auto *t = std::get_if<xxgk::markup::GridTable>(&item))
      for (const auto &c : t->cells)
        if (c.row < 0 || c.col < 0 || c.row + c.rowspan > t->rows || c.col + c.colspan > t->cols) std::abort();
  xxgk::markup::lay_out(doc);
  return 0;
}
