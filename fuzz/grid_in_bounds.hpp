#pragma once
// What the markup fuzz targets assert of every table a reader returns: each cell inside its
// table's grid (a span reaching past it would be laid out, and mapped, outside the table).
#include <cstdlib>

#include "xxgk/markup/markup_document.hpp"

inline void abort_unless_cells_in_grid(const xxgk::markup::MarkupDocument &doc) {
  for (const auto &item : doc.items)
    if (const auto *t = std::get_if<xxgk::markup::GridTable>(&item))
      for (const auto &c : t->cells)
        if (c.row < 0 || c.col < 0 || c.row + c.rowspan > t->rows || c.col + c.colspan > t->cols) std::abort();
}
