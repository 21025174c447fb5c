// Rulings read from the lines a text PDF draws (no rendering): the pure conversion on made-up
// segments, and the whole path on our fixtures against the rulings found on their rendering.

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"
#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/glyph.hpp"
#include "xxgk/layout/ruling_detector.hpp"

namespace xxgk {
namespace {

using layout::Orientation;
using layout::Ruling;

size_t count(const std::vector<Ruling> &rulings, Orientation o) {
  return static_cast<size_t>(
      std::count_if(rulings.begin(), rulings.end(), [&](const Ruling &r) { return r.orientation == o; }));
}

TEST(LineArtRulings, CellByCellBordersAndDashesJoinIntoOneRuling) {
  // A border drawn cell by cell (Word), and one dashed, each piece a separate stroke.
  std::vector<LineSegment> lines = {{100, 100, 200, 100, 0.5}, {200, 100, 300, 100, 0.5}, {300, 100, 400, 100, 0.5}};
  for (double x = 100; x < 400; x += 6) lines.push_back({x, 200, x + 4, 200, 0.5});
  std::vector<Ruling> r = layout::rulings_from_line_art(lines);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NEAR(r[0].position, 100, 0.01);
  EXPECT_NEAR(r[0].start, 99.75, 0.01);  // half the line's width beyond its end points
  EXPECT_NEAR(r[0].end, 400.25, 0.01);
  EXPECT_NEAR(r[1].start, 99.75, 0.01);
}

TEST(LineArtRulings, ShortLinesOnlyWhereTheyJoinTwoRulingsThickBarsNever) {
  std::vector<LineSegment> lines = {{100, 100, 400, 100, 0.5},  // top
                                    {100, 110, 400, 110, 0.5},  // bottom of a one-row header
                                    {250, 100, 250, 110, 0.5},  // its column line: 10 pt, joins both
                                    {150, 300, 150, 308, 0.5},  // 8 pt alone: an underline's tick
                                    {100, 500, 400, 500, 6}};   // a 6 pt bar: a fill, not a line
  std::vector<Ruling> r = layout::rulings_from_line_art(lines);
  EXPECT_EQ(count(r, Orientation::horizontal), 2u);
  ASSERT_EQ(count(r, Orientation::vertical), 1u);
  auto vertical =
      std::find_if(r.begin(), r.end(), [](const Ruling &x) { return x.orientation == Orientation::vertical; });
  EXPECT_NEAR(vertical->position, 250, 0.01);
}

// Every ruling the line art gives is found on the page's rendering too, at the same place.
void expect_same_as_rendering(const std::string &fixture) {
  auto doc = extract::PdfDocument::open(test::fixture(fixture));
  for (int n = 1; n <= doc.page_count(); ++n) {
    LineArt art = doc.line_art(n);
    ASSERT_FALSE(art.large_image) << fixture << " page " << n;
    std::vector<Ruling> drawn = layout::rulings_from_line_art(art.lines);
    std::vector<Rect> glyphs;
    for (const auto &g : layout::glyphs_of(doc.page(n).runs)) glyphs.push_back(g.box);
    std::vector<Ruling> seen = layout::detect_rulings(doc.render(n, 100), glyphs);
    // What the rendering has beyond them is short: a zero dash drawn as text that erasing the
    // glyph boxes left behind, no table line.
    for (const Ruling &x : seen) {
      bool drawn_too = std::any_of(drawn.begin(), drawn.end(), [&](const Ruling &d) {
        return x.orientation == d.orientation && std::abs(x.position - d.position) < 1.0;
      });
      if (!drawn_too) {
        EXPECT_LT(x.length(), 25) << fixture << " page " << n << ": ruling at " << x.position;
      }
    }
    EXPECT_GE(drawn.size(), 20u) << fixture << " page " << n;
    for (const Ruling &d : drawn) {
      bool found = std::any_of(seen.begin(), seen.end(), [&](const Ruling &s) {
        return s.orientation == d.orientation && std::abs(s.position - d.position) < 1.0 &&
               std::abs(s.start - d.start) < 2.0 && std::abs(s.end - d.end) < 2.0;
      });
      EXPECT_TRUE(found) << fixture << " page " << n << ": ruling at " << d.position << " from " << d.start << " to "
                         << d.end;
    }
  }
}

TEST(LineArt, RulingsOfTheSampleAndItsRotatedAndLandscapeCopiesMatchTheirRenderings) {
  expect_same_as_rendering("sample-report.pdf");
  expect_same_as_rendering("sample-rotated.pdf");
  expect_same_as_rendering("landscape-table.pdf");
}

TEST(LineArt, AScannedPageIsAPictureAndHasNoLineArtToTrust) {
  auto doc = extract::PdfDocument::open(test::fixture("sealed-scan.pdf"));
  EXPECT_TRUE(doc.line_art(1).large_image);
}

}  // namespace
}  // namespace xxgk
