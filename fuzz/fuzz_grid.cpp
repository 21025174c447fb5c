// Random rulings and text runs through the table finder (lattice, then stream on the rest):
// whatever the geometry, it ends, and every cell it returns lies inside its table's grid.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/table_algorithm.hpp"

namespace {

double coordinate(FuzzedDataProvider &in) {
  return in.ConsumeFloatingPointInRange<double>(-50, 900);
}

xxgk::TextRun text_run(FuzzedDataProvider &in) {
  xxgk::TextRun run;
  run.text = in.ConsumeRandomLengthString(12);
  double x = coordinate(in), y = coordinate(in), size = in.ConsumeFloatingPointInRange<double>(0, 30);
  run.font_size = size;
  run.bbox = {x, y, x + size * static_cast<double>(run.text.size()), y + size};
  if (in.ConsumeBool())
    for (size_t i = 0; i < run.text.size(); ++i)
      run.glyph_boxes.push_back(
          {x + size * static_cast<double>(i), y, x + size * static_cast<double>(i + 1), y + size});
  run.confidence = in.ConsumeProbability<double>();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<xxgk::layout::Ruling> rulings(in.ConsumeIntegralInRange<size_t>(0, 40));
  for (auto &r : rulings) {
    r.orientation = in.ConsumeBool() ? xxgk::layout::Orientation::horizontal : xxgk::layout::Orientation::vertical;
    r.position = coordinate(in);
    r.start = coordinate(in);
    r.end = coordinate(in);
    r.thickness = in.ConsumeFloatingPointInRange<double>(0, 5);
  }
  std::vector<xxgk::TextRun> runs(in.ConsumeIntegralInRange<size_t>(0, 60));
  for (auto &r : runs) r = text_run(in);
  std::vector<xxgk::layout::Glyph> glyphs = xxgk::layout::glyphs_of(runs);
  auto tables = xxgk::layout::find_page_tables({1, 842, &runs, &glyphs, &rulings, {}});
  for (const auto &t : tables)
    for (const auto &c : t.cells)
      if (c.row < 0 || c.col < 0 || c.rowspan < 1 || c.colspan < 1 || c.row + c.rowspan > t.rows ||
          c.col + c.colspan > t.cols)
        __builtin_trap();
  return 0;
}
