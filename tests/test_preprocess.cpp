// Scan preprocessing on synthetic pages whose skew we know.

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "xxgk/ocr/preprocess.hpp"

namespace xxgk::ocr {
namespace {

// A 300 DPI page of "text lines" (rows of dark word blocks) tilted by `degrees`.
Raster tilted_page(double degrees) {
  Raster r;
  r.width = 1600;
  r.height = 2000;
  r.dpi = 300;
  r.pixels.assign(static_cast<size_t>(r.width) * r.height, 255);
  double slope = std::tan(degrees * 3.14159265358979323846 / 180.0);
  for (int line = 0; line < 40; ++line) {
    int top = 150 + line * 42;
    for (int x = 100; x < 1500; ++x) {
      if ((x / 60) % 5 == 4) continue;  // gaps between words
      int shift = static_cast<int>(std::lround(x * slope));
      for (int y = top; y < top + 22; ++y) {
        int yy = y + shift;
        if (yy >= 0 && yy < r.height) r.pixels[static_cast<size_t>(yy) * r.width + x] = 20;
      }
    }
  }
  return r;
}

TEST(Deskew, StraightensAPageTiltedByTwoDegrees) {
  Deskewed first = deskew(tilted_page(2.0));
  EXPECT_NEAR(std::abs(first.degrees), 2.0, 0.2);
  EXPECT_EQ(first.page.width, 1600);
  EXPECT_EQ(first.page.height, 2000);
  Deskewed again = deskew(first.page);
  EXPECT_LT(std::abs(again.degrees), 0.2) << "the corrected page measures straight";
}

TEST(Deskew, LeavesAStraightPageAlone) {
  Raster page = tilted_page(0);
  Deskewed out = deskew(page);
  EXPECT_DOUBLE_EQ(out.degrees, 0);
  EXPECT_EQ(out.page.pixels, page.pixels);
}

TEST(Deskew, BlankPageHasNothingToMeasure) {
  Raster blank;
  blank.width = 800;
  blank.height = 1000;
  blank.dpi = 300;
  blank.pixels.assign(800 * 1000, 255);
  EXPECT_DOUBLE_EQ(deskew(blank).degrees, 0);
}

}  // namespace
}  // namespace xxgk::ocr

namespace xxgk::ocr {
namespace {

Raster rgb_pixels(std::initializer_list<std::array<std::uint8_t, 3>> colours) {
  Raster r;
  r.width = static_cast<int>(colours.size());
  r.height = 1;
  r.channels = 3;
  r.dpi = 300;
  for (const auto &c : colours) r.pixels.insert(r.pixels.end(), c.begin(), c.end());
  return r;
}

TEST(ColourInk, SealRedBecomesPaperAndBlackPrintStays) {
  Raster gray = without_colour_ink(rgb_pixels({{200, 30, 40},       // seal red
                                               {235, 120, 120},     // seal red, faded
                                               {20, 20, 25},        // black print
                                               {60, 20, 25},        // black print under the seal
                                               {250, 250, 248},     // paper
                                               {140, 140, 140},     // gray print
                                               {245, 200, 205},     // the pale edge of the seal's line
                                               {150, 140, 138}}));  // gray print, JPEG-tinted
  ASSERT_EQ(gray.channels, 1);
  ASSERT_EQ(gray.pixels.size(), 8u);
  EXPECT_EQ(gray.pixels[0], 255);
  EXPECT_EQ(gray.pixels[1], 255);
  EXPECT_LT(gray.pixels[2], 40);
  EXPECT_LT(gray.pixels[3], 60);
  EXPECT_GT(gray.pixels[4], 240);
  EXPECT_NEAR(gray.pixels[5], 140, 2);
  EXPECT_EQ(gray.pixels[6], 255);
  EXPECT_NEAR(gray.pixels[7], 143, 2);
}

TEST(ColourInk, PrintInBlueOrGreenIsPrint) {
  // A table printed in blue lost its numbers when every strong colour was taken for the seal.
  Raster gray = without_colour_ink(rgb_pixels({{30, 60, 200}, {20, 120, 40}, {70, 70, 160}, {200, 30, 40}}));
  EXPECT_LT(gray.pixels[0], 100) << "blue print";
  EXPECT_LT(gray.pixels[1], 110) << "green print";
  EXPECT_LT(gray.pixels[2], 100) << "dark blue print";
  EXPECT_EQ(gray.pixels[3], 255) << "the seal's red still goes";
}

TEST(ColourInk, GrayPageIsLeftAsItIs) {
  Raster page;
  page.width = 3;
  page.height = 1;
  page.dpi = 300;
  page.pixels = {0, 128, 255};
  EXPECT_EQ(without_colour_ink(page).pixels, page.pixels);
}

}  // namespace
}  // namespace xxgk::ocr
