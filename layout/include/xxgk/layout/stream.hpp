#pragma once
// Stream tables: grids rebuilt from the alignment of text alone, for tables drawn without
// ruling lines. The same Cell/Table types as the lattice analyzer, so later stages do not care
// which one found a table.
//
// Steps, each a plain function of the one before:
//   lines → segments (split at wide gaps) → regions (runs of multi-segment lines) →
//   bands (rows: lines that overlap vertically) → column edges (number columns by their
//   centres, label columns by their left edges) → slots → cells (a segment crossing an edge
//   spans columns; wrapped or stacked words join vertically; empty label and header slots
//   belong to the label above) → compacted rows.

#include <string>
#include <vector>

#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/table.hpp"
#include "xxgk/layout/text_lines.hpp"

namespace xxgk::layout {

// A run of text as a segment holds it: where it stands, what it says.
struct SegmentPart {
  std::string text;
  Rect bbox;
};

// A horizontal piece of a line with no wide gap inside: one cell's text on that line.
struct Segment {
  std::string text;
  Rect bbox;
  double font_size = 0;
  double confidence = 1;
  // Reads as a value, or stands among values as one (see line_segments).
  bool value = false;
  std::vector<SegmentPart> parts;  // the runs it was joined from, left to right
};

// Splits each line at gaps wider than `gap_em` times the font size. A segment is a value when
// its text is one, or when it is a short, unsure OCR reading right of the line's first value
// where the form prints nothing but numbers (芝 for a 2 that OCR ran into its neighbours).
std::vector<std::vector<Segment>> line_segments(const std::vector<TextRun> &runs, const std::vector<TextLine> &lines,
                                                double gap_em = 1.0);

// True for a value cell's text: digits (with grouping, sign, decimals) or a mark for zero.
bool is_value_text(const std::string &text);

// True for text that begins with an item's number: 一、 3. （二） (2). No header is numbered so.
bool numbered_item(const std::string &text);

// True for text that opens a new labelled item ("（三）…", "3.…", "四、…"), never the rest of
// a wrapped label.
bool starts_new_item(const std::string &text);

struct StreamOptions {
  double gap_em = 1.0;        // wider gaps separate cells on a line
  double join_lines = 0.6;    // line gap below this many line heights: same cell
  double region_gap = 2.5;    // vertical gap (line heights) that ends a table region
  int min_value_columns = 1;  // a region needs this many columns of numbers to be a table
  double footer_margin = 60;  // points at the page head and foot where running heads and numbers live
};

// Stream tables on one page among `runs` (runs inside `exclude`, e.g. lattice tables, are
// ignored). A header with nothing below it but the page foot is kept as a table part, so that
// stitching can join it to its rows on the next page.
std::vector<Table> stream_tables(int page, double page_height, const std::vector<TextRun> &runs,
                                 const std::vector<Rect> &exclude, const StreamOptions &options = {});

// What the analyzer did with one region of a page (a run of lines that may be a table), step by
// step: for `--debug-dir`, which draws it over the page (camelot's plot per step).
struct StreamRegionTrace {
  Rect bbox;                                             // the region's lines
  std::vector<Segment> segments;                         // its lines' segments, values marked
  std::vector<std::pair<double, double>> bands;          // rows, top and bottom
  std::vector<std::pair<double, double>> value_columns;  // columns of numbers, left and right
  std::vector<double> column_edges;                      // of the grid, left to right
  int header_rows = 0;                                   // bands above the first row of values
  double header_bottom = 0;                              // y where the header rows end
  std::string outcome;                                   // the table made, or why none
};

// stream_tables' steps, region by region, on the same input.
std::vector<StreamRegionTrace> stream_trace(int page, double page_height, const std::vector<TextRun> &runs,
                                            const std::vector<Rect> &exclude, const StreamOptions &options = {});

}  // namespace xxgk::layout
