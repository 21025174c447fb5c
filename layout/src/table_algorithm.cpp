#include "xxgk/layout/table_algorithm.hpp"

#include <algorithm>

#include "xxgk/layout/lattice.hpp"
#include "xxgk/layout/stream.hpp"

namespace xxgk::layout {

std::vector<Table> LatticeAlgorithm::find(const PageInput &page) const {
  return lattice_tables(page.page, *page.rulings, *page.glyphs);
}

std::vector<Table> StreamAlgorithm::find(const PageInput &page) const {
  return stream_tables(page.page, page.height, *page.runs, page.taken);
}

std::vector<Table> find_page_tables(PageInput page) {
  const LatticeAlgorithm lattice;
  const StreamAlgorithm stream;
  std::vector<Table> tables;
  for (const TableAlgorithm *algorithm :
       {static_cast<const TableAlgorithm *>(&lattice), static_cast<const TableAlgorithm *>(&stream)}) {
    for (Table &t : algorithm->find(page)) {
      page.taken.push_back(t.parts.front().bbox);
      tables.push_back(std::move(t));
    }
  }
  std::sort(tables.begin(), tables.end(),
            [](const Table &a, const Table &b) { return a.parts.front().bbox.y0 < b.parts.front().bbox.y0; });
  return tables;
}

}  // namespace xxgk::layout
