#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/extract/pdf_document.hpp"

namespace xxgk::extract {
namespace {

using test::fixture;

InputErrorKind open_error(const std::filesystem::path &path, const std::string &password = "") {
  try {
    PdfDocument::open(path, {password});
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find(path.filename().string()), std::string::npos) << "message names the file";
    return e.kind();
  }
  ADD_FAILURE() << path << " opened";
  return InputErrorKind::damaged;
}

TEST(PdfDocument, SampleHasPagesWithSizeAndRuns) {
  PdfDocument doc = PdfDocument::open(fixture("sample-report.pdf"));
  ASSERT_EQ(doc.page_count(), 3);
  EXPECT_FALSE(doc.encrypted());
  Page page = doc.page(1);
  EXPECT_EQ(page.number, 1);
  EXPECT_NEAR(page.width, 595.28, 0.5);
  EXPECT_NEAR(page.height, 841.89, 0.5);
  EXPECT_EQ(page.rotation, 0);
  ASSERT_GT(page.runs.size(), 20u);
}

TEST(PdfDocument, RunsCarryGlyphBoxesFontsAndLieOnThePage) {
  PdfDocument doc = PdfDocument::open(fixture("sample-report.pdf"));
  Page page = doc.page(1);
  for (const TextRun &run : page.runs) {
    ASSERT_EQ(run.glyph_boxes.size(), to_u32(run.text).size()) << run.text;
    EXPECT_GT(run.font_size, 5) << run.text;
    EXPECT_FALSE(run.font_name.empty());
    EXPECT_GE(run.bbox.x0, 0);
    EXPECT_LE(run.bbox.x1, page.width);
    EXPECT_GE(run.bbox.y0, 0);
    EXPECT_LE(run.bbox.y1, page.height);
    for (const Rect &g : run.glyph_boxes) {
      EXPECT_GE(g.x0, run.bbox.x0 - 0.5);
      EXPECT_LE(g.x1, run.bbox.x1 + 0.5);
    }
  }
  // Top-left origin: the title is the run nearest the top of page 1.
  auto top = std::min_element(page.runs.begin(), page.runs.end(),
                              [](const TextRun &a, const TextRun &b) { return a.bbox.y0 < b.bbox.y0; });
  EXPECT_NE(top->text.find("示例市"), std::string::npos);
}

TEST(PdfDocument, RotatedPageReportsUprightSizeAndCoordinates) {
  PdfDocument doc = PdfDocument::open(fixture("sample-rotated.pdf"));
  Page page = doc.page(1);
  EXPECT_EQ(page.rotation, 90);
  EXPECT_NEAR(page.width, 841.89, 0.5);
  EXPECT_NEAR(page.height, 595.28, 0.5);
  for (const TextRun &run : page.runs) {
    EXPECT_LE(run.bbox.x1, page.width + 0.5);
    EXPECT_LE(run.bbox.y1, page.height + 0.5);
  }
  EXPECT_EQ(doc.page(2).rotation, 0);
}

TEST(PdfDocument, RendersGrayAndColourRasters) {
  PdfDocument doc = PdfDocument::open(fixture("sample-report.pdf"));
  Raster gray = doc.render(1, 72);
  EXPECT_NEAR(gray.width, 595, 1);
  EXPECT_NEAR(gray.height, 842, 1);
  EXPECT_EQ(gray.channels, 1);
  EXPECT_EQ(gray.pixels.size(), static_cast<size_t>(gray.width) * gray.height);
  EXPECT_EQ(gray.row(0)[0], 255) << "page background is white";
  Raster colour = doc.render(1, 36, true);
  EXPECT_EQ(colour.channels, 3);
  EXPECT_EQ(colour.pixels.size(), static_cast<size_t>(colour.width) * colour.height * 3);
  EXPECT_DOUBLE_EQ(colour.dpi, 36);
}

TEST(PdfDocument, MissingFile) {
  EXPECT_EQ(open_error(fixture("no-such-file.pdf")), InputErrorKind::file_missing);
}

TEST(PdfDocument, DirectoryIsNotAFile) {
  EXPECT_EQ(open_error(fixture("bad")), InputErrorKind::file_missing);
}

TEST(PdfDocument, EmptyFileIsNotAPdf) {
  test::TempDir dir;
  test::write_file(dir.path() / "empty.pdf", "");
  EXPECT_EQ(open_error(dir.path() / "empty.pdf"), InputErrorKind::not_pdf);
}

TEST(PdfDocument, HtmlNamedPdfIsNotAPdf) {
  test::TempDir dir;
  test::write_file(dir.path() / "report.pdf", "<!DOCTYPE html><html><body>政府信息公开</body></html>");
  EXPECT_EQ(open_error(dir.path() / "report.pdf"), InputErrorKind::not_pdf);
}

TEST(PdfDocument, DamagedPdf) {
  EXPECT_EQ(open_error(fixture("bad/damaged.pdf")), InputErrorKind::damaged);
}

TEST(PdfDocument, ZeroPages) {
  EXPECT_EQ(open_error(fixture("bad/zero-pages.pdf")), InputErrorKind::no_pages);
}

TEST(PdfDocument, EncryptedWithoutPassword) {
  EXPECT_EQ(open_error(fixture("bad/encrypted-user-password.pdf")), InputErrorKind::encrypted);
}

TEST(PdfDocument, EncryptedWithWrongPassword) {
  EXPECT_EQ(open_error(fixture("bad/encrypted-user-password.pdf"), "guess"), InputErrorKind::wrong_password);
}

TEST(PdfDocument, EncryptedWithRightPasswords) {
  for (const char *password : {"secret-user", "secret-owner"}) {
    PdfDocument doc = PdfDocument::open(fixture("bad/encrypted-user-password.pdf"), {password});
    EXPECT_EQ(doc.page_count(), 3) << password;
    EXPECT_TRUE(doc.encrypted());
  }
}

TEST(PdfDocument, OwnerPasswordOnlyOpensWithoutPassword) {
  PdfDocument doc = PdfDocument::open(fixture("bad/encrypted-owner-only.pdf"));
  EXPECT_TRUE(doc.encrypted());
  EXPECT_GT(doc.page(1).runs.size(), 20u);
}

TEST(PdfDocument, TruncatedPdfNeverCrashes) {
  std::string bytes = test::read_file(fixture("sample-report.pdf"));
  test::TempDir dir;
  for (size_t cut : {size_t{16}, size_t{500}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 10}) {
    auto path = dir.path() / ("cut-" + std::to_string(cut) + ".pdf");
    test::write_file(path, bytes.substr(0, cut));
    try {
      PdfDocument doc = PdfDocument::open(path);
      for (int n = 1; n <= doc.page_count(); ++n) doc.page(n);  // whatever Poppler recovers
    } catch (const InputError &e) {
      EXPECT_TRUE(e.kind() == InputErrorKind::damaged || e.kind() == InputErrorKind::no_pages) << cut;
    }
  }
}

}  // namespace
}  // namespace xxgk::extract
