// Small geometric cases for the lattice grid, built by hand: each tests one rule.

#include <gtest/gtest.h>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/lattice.hpp"
#include "xxgk/layout/pix.hpp"
#include "xxgk/layout/ruling_detector.hpp"

namespace xxgk::layout {
namespace {

Ruling h(double y, double x0, double x1) {
  return {Orientation::horizontal, y, x0, x1, 0.5};
}
Ruling v(double x, double y0, double y1) {
  return {Orientation::vertical, x, y0, y1, 0.5};
}

// A 3 x 3 grid of 100 x 20 cells from (0,0); `skip` rulings are left out by index.
std::vector<Ruling> grid_rulings() {
  std::vector<Ruling> r;
  for (int i = 0; i <= 3; ++i) r.push_back(h(20.0 * i, 0, 300));
  for (int i = 0; i <= 3; ++i) r.push_back(v(100.0 * i, 0, 60));
  return r;
}

std::vector<Glyph> text_at(const std::string &text, double x, double y, double size = 10) {
  std::vector<Glyph> out;
  for (char32_t c : to_u32(text)) {
    out.push_back({c, {x, y, x + size, y + size}, size, 1});
    x += size;
  }
  return out;
}

const Cell *cell_at(const Table &t, int row, int col) {
  const Cell *c = t.at(row, col);
  EXPECT_TRUE(c) << row << "," << col;
  return c;
}

TEST(Lattice, FullRulingsGiveOneCellPerSlot) {
  auto tables = lattice_tables(1, grid_rulings(), {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 3);
  EXPECT_EQ(tables[0].cols, 3);
  EXPECT_EQ(tables[0].cells.size(), 9u);
  EXPECT_EQ(tables[0].method, "lattice");
}

TEST(Lattice, MissingInnerVerticalRulingMakesAColumnSpan) {
  auto rulings = grid_rulings();
  rulings[5] = v(100, 20, 60);  // the ruling at x=100 stops below the first row
  auto t = lattice_tables(1, rulings, text_at("申请人情况", 120, 5))[0];
  const Cell *top = cell_at(t, 0, 0);
  EXPECT_EQ(top->colspan, 2);
  EXPECT_EQ(top->rowspan, 1);
  EXPECT_EQ(top->text, "申请人情况");
  EXPECT_EQ(t.cells.size(), 8u);
}

TEST(Lattice, MissingInnerHorizontalRulingMakesARowSpan) {
  auto rulings = grid_rulings();
  rulings[1] = h(20, 100, 300);  // no ruling between rows 0 and 1 in column 0
  rulings[2] = h(40, 100, 300);  // nor between rows 1 and 2
  auto t = lattice_tables(1, rulings, {})[0];
  EXPECT_EQ(cell_at(t, 1, 0)->rowspan, 3);
  EXPECT_EQ(cell_at(t, 2, 0)->row, 0);
  EXPECT_EQ(cell_at(t, 0, 1)->rowspan, 1);
}

TEST(Lattice, BrokenRulingIsJoinedAndMakesNoSpan) {
  auto rulings = grid_rulings();
  rulings[1] = h(20, 0, 148);
  rulings.push_back(h(20.5, 151, 300));  // a gap at a crossing, a half-point off
  auto t = lattice_tables(1, merge_rulings(rulings), {})[0];
  EXPECT_EQ(t.cells.size(), 9u);
}

TEST(Lattice, DoubleLineIsOneRuling) {
  auto rulings = grid_rulings();
  rulings.push_back(h(21.5, 0, 300));  // drawn twice, 1.5 pt apart
  auto merged = merge_rulings(rulings);
  auto t = lattice_tables(1, merged, {})[0];
  EXPECT_EQ(t.rows, 3);
  EXPECT_EQ(t.cells.size(), 9u);
}

TEST(Lattice, RunStraddlingTwoCellsIsSplitByGlyphs) {
  TextRun run;
  run.text = "1258";
  run.font_size = 10;
  run.glyph_boxes = {{80, 25, 86, 35}, {86, 25, 92, 35}, {104, 25, 110, 35}, {110, 25, 116, 35}};
  run.bbox = {80, 25, 116, 35};
  auto t = lattice_tables(1, grid_rulings(), glyphs_of({run}))[0];
  EXPECT_EQ(cell_at(t, 1, 0)->text, "12");
  EXPECT_EQ(cell_at(t, 1, 1)->text, "58");
}

// Issue 27: a Latin space is narrower than the gap kept for Chinese print; the text layer's own
// word breaks keep "Tamil Nadu" two words, while Han characters and digits join as before.
TEST(Lattice, LatinWordsKeepTheTextLayersSpaces) {
  auto run = [](const std::string &text, double x0, bool space_after) {
    TextRun r;
    r.text = text;
    r.font_size = 10;
    r.space_after = space_after;
    for (size_t i = 0; i < to_u32(text).size(); ++i)
      r.glyph_boxes.push_back({x0 + 5.5 * i, 25, x0 + 5.5 * (i + 1), 35});
    r.bbox = {x0, 25, r.glyph_boxes.back().x1, 35};
    return r;
  };
  // Poppler's words: "Tamil" with a break after it, then "Nadu" 2.8 pt (0.28 em) on.
  auto t = lattice_tables(1, grid_rulings(), glyphs_of({run("Tamil", 101, true), run("Nadu", 131.3, false)}))[0];
  EXPECT_EQ(cell_at(t, 1, 1)->text, "Tamil Nadu");
  // One run holding the space (a producer that writes it).
  t = lattice_tables(1, grid_rulings(), glyphs_of({run("Tamil Nadu", 101, false)}))[0];
  EXPECT_EQ(cell_at(t, 1, 1)->text, "Tamil Nadu");
  // A producer's spacing between Han characters, or inside a number, is still no space.
  t = lattice_tables(1, grid_rulings(), glyphs_of({run("社会", 101, true), run("组织", 114, false)}))[0];
  EXPECT_EQ(cell_at(t, 1, 1)->text, "社会组织");
  t = lattice_tables(1, grid_rulings(), glyphs_of({run("12", 101, true), run("58", 114, false)}))[0];
  EXPECT_EQ(cell_at(t, 1, 1)->text, "1258");
}

TEST(Lattice, EmptyCellHasEmptyText) {
  auto t = lattice_tables(1, grid_rulings(), text_at("0", 150, 45))[0];
  EXPECT_EQ(cell_at(t, 2, 1)->text, "0");
  EXPECT_EQ(cell_at(t, 2, 2)->text, "");
}

TEST(Lattice, WrappedCjkCellTextJoinsWithoutSpaces) {
  std::vector<Glyph> glyphs = text_at("社会", 110, 1, 6);
  for (auto g : text_at("公益", 110, 7.5, 6)) glyphs.push_back(g);
  for (auto g : text_at("组织", 110, 14, 5)) glyphs.push_back(g);
  auto t = lattice_tables(1, grid_rulings(), glyphs)[0];
  EXPECT_EQ(cell_at(t, 0, 1)->text, "社会公益组织");
}

TEST(Lattice, LoneBoxAndUnconnectedLinesAreNoTable) {
  std::vector<Ruling> box = {h(0, 0, 100), h(20, 0, 100), v(0, 0, 20), v(100, 0, 20), h(300, 0, 50)};
  EXPECT_TRUE(lattice_tables(1, box, {}).empty());
}

TEST(Lattice, TwoSeparateFramesAreTwoTablesTopToBottom) {
  auto rulings = grid_rulings();
  for (auto r : grid_rulings()) {
    if (r.orientation == Orientation::horizontal)
      r.position += 200;
    else
      r.start += 200, r.end += 200;
    rulings.push_back(r);
  }
  auto tables = lattice_tables(1, rulings, {});
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_LT(tables[0].parts[0].bbox.y0, tables[1].parts[0].bbox.y0);
}

TEST(MergeRulings, SnapsAndJoinsButKeepsDistinctLines) {
  auto merged = merge_rulings({h(10, 0, 50), h(10.8, 52, 100), h(30, 0, 100), v(5, 0, 40)});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_NEAR(merged[0].position, 10.4, 0.01);
  EXPECT_DOUBLE_EQ(merged[0].start, 0);
  EXPECT_DOUBLE_EQ(merged[0].end, 100);
}

// A white raster with dark strokes drawn in, for the ruling detector.
Raster blank_page(int w, int h, double dpi) {
  Raster r;
  r.width = w;
  r.height = h;
  r.dpi = dpi;
  r.pixels.assign(static_cast<size_t>(w) * h, 255);
  return r;
}

void fill(Raster &r, int x0, int y0, int x1, int y1) {
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) r.pixels[static_cast<size_t>(y) * r.width + x] = 0;
}

TEST(RulingDetector, FindsSolidDashedAndThickLinesButNotShortStrokes) {
  Raster page = blank_page(720, 720, 72);                             // 1 px = 1 pt
  fill(page, 100, 100, 600, 101);                                     // thin solid
  for (int x = 100; x < 600; x += 6) fill(page, x, 200, x + 4, 201);  // dashed
  fill(page, 100, 300, 600, 303);                                     // thick (3 pt)
  fill(page, 50, 100, 51, 400);                                       // vertical
  fill(page, 300, 500, 310, 501);                                     // a 10 pt stroke: a glyph part
  auto rulings = detect_rulings(page);
  std::vector<Ruling> horizontal, vertical;
  for (const auto &r : rulings) (r.orientation == Orientation::horizontal ? horizontal : vertical).push_back(r);
  ASSERT_EQ(horizontal.size(), 3u);
  EXPECT_NEAR(horizontal[0].position, 100.5, 1);
  EXPECT_NEAR(horizontal[1].position, 200.5, 1);
  EXPECT_GT(horizontal[1].length(), 480) << "dashes are bridged";
  EXPECT_NEAR(horizontal[2].position, 301.5, 1) << "centre line of a thick stroke";
  ASSERT_EQ(vertical.size(), 1u);
  EXPECT_NEAR(vertical[0].position, 50.5, 1);
  EXPECT_NEAR(vertical[0].length(), 300, 2);
}

TEST(RulingDetector, TextBoxesAreErased) {
  Raster page = blank_page(400, 200, 72);
  fill(page, 100, 100, 140, 102);  // "——" drawn as text: 40 pt long
  EXPECT_EQ(detect_rulings(page).size(), 1u);
  EXPECT_TRUE(detect_rulings(page, {{98, 90, 142, 112}}).empty());
}

TEST(RulingDetector, ScalesToPagePoints) {
  Raster page = blank_page(1000, 1000, 144);  // 2 px per pt
  fill(page, 200, 400, 800, 402);
  auto rulings = detect_rulings(page);
  ASSERT_EQ(rulings.size(), 1u);
  EXPECT_NEAR(rulings[0].position, 200.5, 1);
  EXPECT_NEAR(rulings[0].start, 100, 1);
  EXPECT_NEAR(rulings[0].end, 400, 1);
}

// 288 DPI: 4 pixels per point, as a 300 DPI scan's.
constexpr double scan_dpi = 288;

// A glyph 11 pt square whose strokes fill it as a Chinese character's do (目): an outline and
// a horizontal stroke every 2 pt, the middle one at `middle`.
void draw_glyph(Raster &page, int x, int middle) {
  constexpr int size = 44, stroke = 2, pitch = 8;
  int top = middle - size / 2;
  fill(page, x, top, x + stroke, top + size);
  fill(page, x + size - stroke, top, x + size, top + size);
  for (int y = top; y + stroke <= top + size; y += pitch) fill(page, x, y, x + size, y + stroke);
  fill(page, x, middle, x + size, middle + stroke);
}

RulingDetectorOptions with_dotted_search() {
  RulingDetectorOptions o;
  o.min_length = 30;
  o.bridge = 0.8;
  o.dotted_bridge = 4;
  return o;
}

std::vector<Ruling> horizontal_ones(const std::vector<Ruling> &rulings) {
  std::vector<Ruling> out;
  for (const Ruling &r : rulings)
    if (r.orientation == Orientation::horizontal) out.push_back(r);
  return out;
}

TEST(RulingDetector, ADitheredLineIsFoundByTheDottedSearch) {
  // A light line printed bitonal: single-pixel dots in runs of one to three, with gaps of up
  // to 10 pixels (2.5 pt), as pdftoppm -mono draws a thin gray rule.
  Raster page = blank_page(2400, 400, scan_dpi);
  const int pattern[] = {1, 6, 2, 10, 3, 4, 1, 8};  // ink, gap, ink, gap ...
  for (int x = 200, i = 0; x < 2200; x += pattern[i % 8] + pattern[(i + 1) % 8], i += 2)
    fill(page, x, 200, x + pattern[i % 8], 201);
  EXPECT_TRUE(horizontal_ones(detect_rulings(page, {},
                                             [] {
                                               auto o = with_dotted_search();
                                               o.dotted_bridge = 0;
                                               return o;
                                             }()))
                  .empty())
      << "the usual bridge leaves the dots apart";
  auto found = horizontal_ones(detect_rulings(page, {}, with_dotted_search()));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].position, 50, 0.5);
  EXPECT_GT(found[0].length(), 480);
}

TEST(RulingDetector, ALineSteppingAcrossPixelRowsIsFound) {
  // A slightly rotated line after deskewing: pieces of 40 pixels, each a row lower, with gaps.
  Raster page = blank_page(2400, 400, scan_dpi);
  for (int x = 200, row = 200; x < 2200; x += 48, row = row == 200 ? 201 : 200) fill(page, x, row, x + 40, row + 1);
  EXPECT_TRUE(horizontal_ones(detect_rulings(page)).empty() || horizontal_ones(detect_rulings(page))[0].length() < 100);
  auto found = horizontal_ones(detect_rulings(page, {}, with_dotted_search()));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_GT(found[0].length(), 480);
}

TEST(RulingDetector, TheDottedSearchTakesNoRowOfGlyphsOrColumnOfDigits) {
  Raster page = blank_page(2400, 2400, scan_dpi);
  // A row of 40 glyphs 11 pt wide, 1 pt apart, whose middle strokes line up (目, 田, 国 ...).
  for (int g = 0; g < 40; ++g) draw_glyph(page, 200 + g * 48, 300);
  // A column of twelve '1's (a sans face's) in a tight table's rows, 12 pt tall: stems 8.5 pt,
  // 3.5 pt apart, with a flag reaching down-left from the top. Clear of other ink but for the
  // flags, it is told from a dashed line by its dashes' length.
  for (int d = 0; d < 12; ++d) {
    int top = 600 + d * 48 + 7;
    fill(page, 1200, top, 1204, top + 34);
    for (int k = 0; k < 10; ++k) fill(page, 1198 - k, top + k, 1200 - k, top + k + 2);
  }
  std::vector<Ruling> found = detect_rulings(page, {}, with_dotted_search());
  EXPECT_TRUE(found.empty()) << found.size() << " found, the first at " << found.front().position;
}

TEST(RulingDetector, ALineRunOnThroughTextKeepsOnlyItsClearStretch) {
  // A dotted line that goes on, in line with it, through a line of print (a column line drawn
  // under a merged header reaches the header's glyphs): the stretch through the glyphs goes.
  Raster page = blank_page(2400, 400, scan_dpi);
  for (int x = 200; x < 1200; x += 8) fill(page, x, 200, x + 2, 201);
  for (int g = 0; g < 12; ++g) draw_glyph(page, 1200 + g * 48, 200);
  auto found = horizontal_ones(detect_rulings(page, {}, with_dotted_search()));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].start, 50, 1);
  EXPECT_NEAR(found[0].end, 300, 4);
}

TEST(InkedOn, ALineMovedAPixelOrTwoOrDottedIsStillInk) {
  Raster page = blank_page(2400, 400, scan_dpi);
  for (int x = 200; x < 2200; x += 10) fill(page, x, 202, x + 3, 203);  // dotted, two rows low
  Ruling line{Orientation::horizontal, 50, 50, 550, 0.25};
  EXPECT_TRUE(inked_on({line}, page, 200, 0.6).empty()) << "dots a third of the length";
  EXPECT_EQ(inked_on({line}, page, 200, 0.6, 2).size(), 1u);
  Ruling elsewhere{Orientation::horizontal, 80, 50, 550, 0.25};
  EXPECT_TRUE(inked_on({elsewhere}, page, 200, 0.6, 2).empty());
}

TEST(CellBorders, AScannedColumnLineGoesOnAGlyphStrokeStopsAtItsRow) {
  // Rows 14 pt tall between horizontals at 0, 14, 28, 42; long column lines at 0 and 300 over
  // all three rows. Short strokes that fill one row from line to line:
  std::vector<Ruling> lines = {h(0, 0, 300), h(14, 0, 300), h(28, 0, 300), h(42, 0, 300), v(0, 0, 42), v(300, 0, 42)};
  std::vector<Ruling> strokes = {
      v(150, 14.3, 27.7),    // a column line of row 2 ...
      v(150.5, 28.3, 41.7),  // ... going on in row 3
      v(80, 0.3, 13.7),      // a glyph's upright stroke in row 1 (十 of 第二十条)
      v(110, 0.3, 13.7),     // and another beside it
      v(220, 14.3, 41.7),    // a column line over rows 2 and 3, crossed by the line at 28
  };
  std::vector<Ruling> borders = cell_borders(lines, strokes, 1.0);
  ASSERT_EQ(borders.size(), strokes.size()) << "every stroke runs from line to line";
  std::vector<Ruling> kept = continued_borders(borders, lines, 1.5, 2.5);
  std::vector<double> at;
  for (const Ruling &r : kept) at.push_back(r.position);
  EXPECT_EQ(at, (std::vector<double>{150, 150.5, 220}));
  // A row alone at the top of a page part, a full-width clause row under it: its borders stand
  // on the column lines of the group below, which do not reach up to them.
  std::vector<Ruling> below = {h(0, 0, 300), h(14, 0, 300), h(28, 0, 300), v(100, 28, 70), v(200, 28, 70)};
  std::vector<Ruling> first_row = {v(100.4, 0.3, 13.7), v(199.8, 0.3, 13.7)};
  EXPECT_EQ(continued_borders(first_row, below, 1.5, 2.5).size(), 2u);
  // One of them off every column line: a glyph's row, none kept.
  first_row.push_back(v(150, 0.3, 13.7));
  EXPECT_TRUE(continued_borders(first_row, below, 1.5, 2.5).empty());
}

}  // namespace
}  // namespace xxgk::layout

// The run-length opening must be Leptonica's opening by a line, pixel for pixel, edges included:
// runs touching the image's borders, runs one short of the line and one long enough.
TEST(OpenByLine, IsLeptonicasOpeningByALine) {
  constexpr int width = 203, height = 157;  // not multiples of 32: the last word is partial
  xxgk::layout::PixPtr pix(pixCreate(width, height, 1));
  unsigned state = 12345;  // a fixed linear congruential sequence: the same image every run
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      state = state * 1103515245u + 12345u;
      if ((state >> 16) % 100 < 55) pixSetPixel(pix.get(), x, y, 1);
    }
  for (int x = 0; x < width; ++x) pixSetPixel(pix.get(), x, 0, 1);           // a run along the top edge
  for (int y = 0; y < height; ++y) pixSetPixel(pix.get(), width - 1, y, 1);  // and the right edge
  for (int length : {1, 2, 3, 4, 7, 20}) {
    for (bool horizontal : {true, false}) {
      xxgk::layout::PixPtr mine = xxgk::layout::open_by_line(pix.get(), horizontal, length);
      xxgk::layout::PixPtr theirs(pixOpenBrick(nullptr, pix.get(), horizontal ? length : 1, horizontal ? 1 : length));
      ASSERT_TRUE(mine && theirs);
      l_int32 same = 0;
      pixEqual(mine.get(), theirs.get(), &same);
      EXPECT_TRUE(same) << "length " << length << (horizontal ? " across" : " down");
    }
  }
}
