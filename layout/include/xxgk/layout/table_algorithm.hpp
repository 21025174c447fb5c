#pragma once
// One interface for the table analyzers (tabula's extraction modes): each turns what is known
// of a page into tables, and says which part of the page it has taken so that the next one
// works on the rest.

#include <memory>
#include <vector>

#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/ruling.hpp"
#include "xxgk/layout/table.hpp"

namespace xxgk::layout {

struct PageInput {
  int page = 0;
  double height = 0;  // points
  const std::vector<TextRun> *runs = nullptr;
  const std::vector<Glyph> *glyphs = nullptr;
  const std::vector<Ruling> *rulings = nullptr;
  std::vector<Rect> taken;  // areas earlier algorithms have claimed
};

class TableAlgorithm {
 public:
  virtual ~TableAlgorithm() = default;
  virtual std::vector<Table> find(const PageInput &page) const = 0;
};

class LatticeAlgorithm : public TableAlgorithm {
 public:
  std::vector<Table> find(const PageInput &page) const override;
};

class StreamAlgorithm : public TableAlgorithm {
 public:
  std::vector<Table> find(const PageInput &page) const override;
};

// Lattice first, stream on what it left: all tables of a page, top to bottom.
std::vector<Table> find_page_tables(PageInput page);

}  // namespace xxgk::layout
