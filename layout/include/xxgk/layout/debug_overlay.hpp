#pragma once
// Camelot-style visual debugging: what the analyzer saw, drawn over the page.

#include <filesystem>
#include <vector>

#include "xxgk/core/page.hpp"
#include "xxgk/layout/ruling.hpp"
#include "xxgk/layout/stream.hpp"
#include "xxgk/layout/table.hpp"

namespace xxgk::layout {

// Writes a PNG of `page` with the rulings (red), every cell of the tables' parts on
// `page_number` (blue; green where the cell spans several slots) labelled "row,col" and
// "RxC" for its span, and each table part's outline (orange). Returns false if it cannot write.
bool write_debug_overlay(const std::filesystem::path &png, const Raster &page, int page_number,
                         const std::vector<Ruling> &rulings, const std::vector<Table> &tables);

// Writes a PNG of `page` with the stream analyzer's steps on each region of it (the runs of
// lines that may be a borderless table): the region (magenta) with its outcome written above
// it, its bands (rows, shaded blue in turn), its columns of numbers (shaded yellow), its
// segments (red boxes for values, green for words), the grid's column edges (cyan) and the
// foot of the header rows (purple). Returns false if it cannot write.
bool write_stream_overlay(const std::filesystem::path &png, const Raster &page,
                          const std::vector<StreamRegionTrace> &regions);

}  // namespace xxgk::layout
