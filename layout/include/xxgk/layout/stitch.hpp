#pragma once
// Tables continued on the next page become one table: the last table of a page and the first
// of the next are stitched when nothing but page furniture (page numbers, running heads) lies
// after the one and before the other, and their column edges agree. A header repeated at the
// top of the continuation is dropped.

#include <string>
#include <vector>

#include "xxgk/layout/table.hpp"

namespace xxgk::layout {

struct PageTables {
  int page = 0;
  std::vector<Table> tables;    // top to bottom
  std::vector<Rect> body_text;  // text lines outside the tables, page furniture excluded
  double edge_tolerance = 3.0;  // points; wider for a scanned page, which shifts as a whole
};

// Whether the first table of a page was joined to the last table before it, and why (or why
// not): for `--debug-dir`'s stitch.txt.
struct StitchDecision {
  int page = 0;  // of the table considered
  bool joined = false;
  std::string reason;
  // Joined as a header alone whose stray value marks (ink in a stacked header) were blanked.
  bool stray_values_blanked = false;
};

struct StitchedTables {
  std::vector<Table> tables;
  std::vector<StitchDecision> decisions;  // one per page, after the first, that starts with a table
};

// Tables of all pages in order, continued tables stitched, with each decision said.
StitchedTables stitch_tables_explained(const std::vector<PageTables> &pages, double tolerance = 3.0);

// The tables alone.
std::vector<Table> stitch_tables(const std::vector<PageTables> &pages, double tolerance = 3.0);

// Whether `b` can continue `a` column-wise: the column edges of the one with fewer columns are
// all edges of the other (a part whose rows span columns lacks some inner edges).
bool columns_compatible(const Table &a, const Table &b, double tolerance);

// `b` appended below `a`, columns re-indexed on the union of both edge sets.
Table append_table(const Table &a, const Table &b, double tolerance);

}  // namespace xxgk::layout
