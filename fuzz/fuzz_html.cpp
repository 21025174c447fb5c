// Random bytes as a web page: charset detection, gumbo's parse, the grid of its tables and the
// layout end, whatever the markup; every cell lies inside its table's grid.
#include <cstddef>
#include <cstdint>
#include <string>

#include "grid_in_bounds.hpp"
#include "xxgk/markup/html_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  xxgk::markup::MarkupDocument doc = xxgk::markup::read_html(bytes);
  abort_unless_cells_in_grid(doc);
  xxgk::markup::lay_out(doc);
  return 0;
}
