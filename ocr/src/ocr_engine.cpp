#include "xxgk/ocr/ocr_engine.hpp"
#include "cell_image.hpp"
#include "xxgk/ocr/page_words.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "xxgk/core/statistics.hpp"
#include "xxgk/core/utf8_text.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "xxgk/layout/pix.hpp"
#include "xxgk/layout/stream.hpp"

namespace xxgk::ocr {

struct OcrEngine::Impl {
  // Recognition mutates the API's state; the engine's const interface hides that.
  mutable tesseract::TessBaseAPI api;
  // Value cells are read by an English model: chi_sim often returns nothing for a lone serif
  // "1" or "0" that eng reads with high confidence. Null when eng data is not installed.
  mutable std::unique_ptr<tesseract::TessBaseAPI> digits;
  tesseract::TessBaseAPI &value_reader() const { return digits ? *digits : api; }
};

OcrEngine::OcrEngine(const OcrOptions &options) : impl_(std::make_unique<Impl>()) {
  const char *datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (impl_->api.Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    throw OcrError("cannot load Tesseract language data '" + options.languages +
                   "' (install tesseract-ocr-chi-sim, or set --tessdata)");
  // Chinese has no spaces between words; Tesseract would otherwise insert them between glyphs.
  impl_->api.SetVariable("preserve_interword_spaces", "1");
  // Tesseract prints progress notes ("Detected N diacritics") on stderr; keep stderr for xxgk.
  impl_->api.SetVariable("debug_file", "/dev/null");
  auto digits = std::make_unique<tesseract::TessBaseAPI>();
  if (digits->Init(datapath, "eng", tesseract::OEM_LSTM_ONLY) == 0) {
    digits->SetVariable("debug_file", "/dev/null");
    impl_->digits = std::move(digits);
  }
}

PageImage::PageImage(const Raster &page) : impl_(std::make_unique<Impl>()), dpi_(page.dpi) {
  impl_->pix = layout::to_gray_pix(page);
}
PageImage::PageImage(PageImage &&) noexcept = default;
PageImage::~PageImage() = default;

namespace {

// How far in from each side of a crop its ruling reaches: the last of the first `band` rows
// (columns) that are mostly ink, plus a guard for its anti-aliased edge; `band` when none is.
struct Insets {
  int top, bottom, left, right;
};

int ruling_depth(NUMA *counts, int length, int band, bool from_start) {
  int n = numaGetCount(counts);
  int depth = -1;
  for (int k = 0; k < std::min(band, n); ++k) {
    l_int32 inked = 0;
    numaGetIValue(counts, from_start ? k : n - 1 - k, &inked);
    if (2 * inked > length) depth = k;
  }
  return depth < 0 ? band : depth + 3;
}

Insets ruling_insets(PIX *gray, int band) {
  Insets out{band, band, band, band};
  layout::PixPtr binary(pixThresholdToBinary(gray, 160));
  if (!binary) return out;
  int w = pixGetWidth(gray), h = pixGetHeight(gray);
  NUMA *rows = pixCountPixelsByRow(binary.get(), nullptr);
  NUMA *cols = pixCountPixelsByColumn(binary.get());
  if (rows && cols) {
    out = {ruling_depth(rows, w, band, true), ruling_depth(rows, w, band, false), ruling_depth(cols, h, band, true),
           ruling_depth(cols, h, band, false)};
  }
  numaDestroy(&rows);
  numaDestroy(&cols);
  return out;
}

}  // namespace

// The cell's inside, clear of its rulings. A fixed inset would cut the tops of glyphs printed
// close under a ruling (a header cell's words), so each side is cut just past its ruling, found
// within a band of the box's edge; where none is found, the band is cut.
layout::PixPtr cell_interior(PIX *page, const Rect &box, double dpi) {
  double s = dpi / 72.0;
  int band = std::max(2, static_cast<int>(0.04 * std::min(box.width(), box.height()) * s) + 2);
  int x = static_cast<int>(box.x0 * s), y = static_cast<int>(box.y0 * s);
  int w = static_cast<int>(box.width() * s), h = static_cast<int>(box.height() * s);
  if (w < 2 * band + 4 || h < 2 * band + 4) return nullptr;
  layout::BoxPtr clip(boxCreate(x, y, w, h));
  layout::PixPtr whole(pixClipRectangle(page, clip.get(), nullptr));
  if (!whole) return nullptr;
  Insets in = ruling_insets(whole.get(), band);
  int iw = w - in.left - in.right, ih = h - in.top - in.bottom;
  if (iw < 4 || ih < 4) return nullptr;
  layout::BoxPtr inside(boxCreate(in.left, in.top, iw, ih));
  return layout::PixPtr(pixClipRectangle(whole.get(), inside.get(), nullptr));
}

namespace {

// The printed part of a cell, with a white margin: Tesseract reads a lone short number badly
// when it sits small in a wide empty box, and best with some space around it.
struct Ink {
  layout::PixPtr image;  // null when the cell holds no ink beyond scan specks
  int marks = 0;         // connected components
  int width = 0, height = 0;
  int lines = 0;  // bands of rows with ink, split by blank rows
};

int ink_bands(PIX *binary) {
  NUMA *rows = pixCountPixelsByRow(binary, nullptr);
  if (!rows) return 0;
  int bands = 0;
  bool in_band = false;
  for (int y = 0; y < numaGetCount(rows); ++y) {
    l_int32 n = 0;
    numaGetIValue(rows, y, &n);
    if (n > 0 && !in_band) ++bands;
    in_band = n > 0;
  }
  numaDestroy(&rows);
  return bands;
}

// Marks that run in from outside the cell: a seal's ring crossing it, the end of a ruling the
// inset did not clear. They touch the cell's edge and are no glyph's shape: a bar along most of
// the cell, or a thin curve across much of it. (Glyphs crowded in a tight cell touch its edge
// too, and run together into wide blobs, but they are dense.)
layout::PixPtr intruders(PIX *binary) {
  int w = pixGetWidth(binary), h = pixGetHeight(binary);
  PIXA *parts = nullptr;
  layout::BoxaPtr boxes(pixConnComp(binary, &parts, 8));
  layout::PixaPtr owned(parts);
  layout::PixPtr out(pixCreateTemplate(binary));
  if (!boxes || !parts || !out) return nullptr;
  bool any = false;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, bw, bh;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &bw, &bh);
    bool at_edge = x == 0 || y == 0 || x + bw == w || y + bh == h;
    if (!at_edge) continue;
    layout::PixPtr part(pixaGetPix(parts, i, L_CLONE));
    l_int32 inked = 0;
    pixCountPixels(part.get(), &inked, nullptr);
    double density = static_cast<double>(inked) / (static_cast<double>(bw) * bh);
    bool bar = (bh > 0.7 * h && 6 * bw < bh) || (bw > 0.7 * w && 6 * bh < bw);
    bool thin_curve = density < 0.15 && (bh > 0.5 * h || bw > 0.5 * w);
    if (!bar && !thin_curve) continue;
    pixRasterop(out.get(), x, y, bw, bh, PIX_PAINT, part.get(), 0, 0);
    any = true;
  }
  return any ? std::move(out) : nullptr;
}

Ink ink_of(PIX *interior) {
  Ink out;
  layout::PixPtr binary(pixThresholdToBinary(interior, 200));
  if (!binary) return out;
  // Specks of scan noise are smaller than any stroke of a digit at OCR resolution.
  layout::PixPtr clean(pixSelectBySize(binary.get(), 4, 6, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr));
  if (!clean) return out;
  if (layout::PixPtr intruding = intruders(clean.get())) {
    // Whitened in the gray image with their anti-aliased rim.
    layout::PixPtr rim(pixDilateBrick(nullptr, intruding.get(), 3, 3));
    pixSetMasked(interior, rim.get(), 255);
    pixSubtract(clean.get(), clean.get(), intruding.get());
  }
  BOX *ink = nullptr;
  if (pixClipToForeground(clean.get(), nullptr, &ink) != 0 || !ink) return out;
  layout::BoxPtr owned(ink);
  layout::PixPtr cropped(pixClipRectangle(interior, ink, nullptr));
  if (!cropped) return out;
  l_int32 count = 0;
  pixCountConnComp(clean.get(), 8, &count);
  out.marks = count;
  boxGetGeometry(ink, nullptr, nullptr, &out.width, &out.height);
  out.lines = ink_bands(clean.get());
  out.image.reset(pixAddBorderGeneral(cropped.get(), 16, 16, 16, 16, 255));
  return out;
}

// One flat bar: the dash agencies print for zero. Tesseract returns nothing for a lone dash.
bool is_dash(const Ink &ink, double dpi) {
  return ink.marks == 1 && ink.width >= 3 * ink.height && ink.height <= dpi / 72.0 * 2.5;
}

struct Reading {
  std::string text;
  double confidence = 0;
};

// A word's box spread evenly over its glyphs: where Tesseract gave no box per glyph.
std::vector<Rect> spread_glyph_boxes(const Rect &word, size_t glyphs) {
  std::vector<Rect> out;
  double step = word.width() / static_cast<double>(std::max<size_t>(glyphs, 1));
  for (size_t g = 0; g < glyphs; ++g) out.push_back({word.x0 + g * step, word.y0, word.x0 + (g + 1) * step, word.y1});
  return out;
}

size_t visible_length(const std::string &text) {
  std::u32string s = to_u32(text);
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char32_t c) { return c != U' ' && c != U'\n'; }));
}

// What a value is read as: digits and the marks agencies print for zero; with its sign, as
// 本年增/减 prints +12 as well as -3 (without +, +12 read as 412).
constexpr const char *value_glyphs = "0123456789.,-/—+";

Reading recognize(tesseract::TessBaseAPI &api, PIX *pix, int dpi, tesseract::PageSegMode mode, const char *whitelist) {
  api.SetVariable("tessedit_char_whitelist", whitelist);
  api.SetPageSegMode(mode);
  api.SetImage(pix);
  api.SetSourceResolution(dpi);
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  Reading out{text ? text.get() : "", std::clamp(api.MeanTextConf() / 100.0, 0.0, 1.0)};
  api.SetVariable("tessedit_char_whitelist", "");
  api.Clear();
  while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) out.text.pop_back();
  if (out.text.empty()) out.confidence = 0;
  return out;
}

}  // namespace

CellText OcrEngine::read_cell(const PageImage &page, const Rect &box, CellContent content) const {
  layout::PixPtr interior = cell_interior(page.impl_->pix.get(), box, page.dpi());
  Ink ink = interior ? ink_of(interior.get()) : Ink{};
  if (!ink.image) return {"", 1};  // nothing printed, certainly
  PIX *pix = ink.image.get();
  int dpi = static_cast<int>(page.dpi());
  int line_height = ink.height / std::max(1, ink.lines);  // pixels
  double line_points = line_height * 72.0 / page.dpi();
  auto result = [&](const Reading &r) { return CellText{r.text, r.confidence, ink.lines, line_points}; };
  // Tesseract's LSTM now and then reads nothing from a clean, well-sized crop and all of it at
  // another size: an unsure reading gets a second look, small print larger, large print smaller.
  // The second reading must not drop characters: one word read surely out of four is no better.
  float scale = line_height < 30 ? 1.5f : 0.75f;
  auto rescaled = [pix, scale] { return layout::PixPtr(pixScale(pix, scale, scale)); };
  auto better = [](const Reading &again, const Reading &first) {
    return again.confidence > first.confidence && visible_length(again.text) >= visible_length(first.text);
  };
  if (content == CellContent::words) {
    // One line of print needs no layout analysis.
    auto layout_mode = ink.lines == 1 ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_BLOCK;
    Reading r = recognize(impl_->api, pix, dpi, layout_mode, "");
    if (layout::PixPtr other; r.confidence < 0.6 && (other = rescaled())) {
      Reading again = recognize(impl_->api, other.get(), dpi, layout_mode, "");
      if (better(again, r)) r = again;
    }
    // Still nothing at all: the third size.
    float third = scale > 1 ? 0.75f : 1.5f;
    if (layout::PixPtr other; r.text.empty() && (other.reset(pixScale(pix, third, third)), other)) {
      Reading again = recognize(impl_->api, other.get(), dpi, layout_mode, "");
      if (better(again, r)) r = again;
    }
    return result(r);
  }
  if (is_dash(ink, page.dpi())) return {"—", 0.9, 1, line_points};
  // No number: those are one short line. (Marks as flat as dashes are short at any width.)
  bool print_high = line_points >= 3;
  if (content == CellContent::glance && (ink.lines > 1 || (print_high && ink.width > 9 * line_height)))
    return {"", 0, ink.lines, line_points};
  // A value is one short line; when the first reading is unsure, other segmentations and the
  // Chinese model get a say and the most confident reading wins. Ink that no reading turns into
  // text comes back empty with confidence 0, so the caller flags it instead of taking zero.
  const char *digits = value_glyphs;
  Reading best = recognize(impl_->value_reader(), pix, dpi, tesseract::PSM_SINGLE_LINE, digits);
  std::optional<Reading> chinese;
  if (best.confidence < 0.8 && content != CellContent::glance) {
    for (auto mode : {tesseract::PSM_SINGLE_WORD, tesseract::PSM_SINGLE_CHAR}) {
      Reading r = recognize(impl_->value_reader(), pix, dpi, mode, digits);
      if (r.confidence > best.confidence) best = r;
    }
    chinese = recognize(impl_->api, pix, dpi, tesseract::PSM_SINGLE_LINE, digits);
    if (chinese->confidence > best.confidence) best = *chinese;
    if (layout::PixPtr other; best.confidence < 0.8 && (other = rescaled())) {
      Reading again = recognize(impl_->value_reader(), other.get(), dpi, tesseract::PSM_SINGLE_LINE, digits);
      if (better(again, best)) best = again;
    }
    // Ink that neither model read at either size (a narrow sans-serif 0 of a bitonal scan, which
    // each reads at some sizes and not others): both models at the third size, then at double;
    // taken only when fairly sure (a fragment of a glyph reads as a digit at some size too).
    constexpr double sure_at_another_size = 0.6;
    for (float size : {scale > 1 ? 0.75f : 1.5f, 2.0f}) {
      if (!best.text.empty()) break;
      layout::PixPtr other(pixScale(pix, size, size));
      if (!other) break;
      for (tesseract::TessBaseAPI *model : {&impl_->value_reader(), &impl_->api}) {
        Reading again = recognize(*model, other.get(), dpi, tesseract::PSM_SINGLE_LINE, digits);
        if (again.confidence >= sure_at_another_size && better(again, best)) best = again;
      }
    }
  }
  CellText out = result(best);
  if (content != CellContent::contested_value || best.text.empty()) return out;
  if (!chinese) chinese = recognize(impl_->api, pix, dpi, tesseract::PSM_SINGLE_LINE, digits);
  // The same number either way: spaces apart, and a plus sign (+12 is 12; the Chinese model
  // drops the sign a change column prints, which the English one keeps).
  auto printed = [](std::string text) {
    std::erase(text, ' ');
    if (text.rfind('+', 0) == 0) text.erase(0, 1);
    return text;
  };
  if (!chinese->text.empty() && printed(chinese->text) != printed(best.text)) out.other_text = chinese->text;
  out.agreed = !chinese->text.empty() && out.other_text.empty();
  if (!chinese->text.empty()) {
    if (!out.other_text.empty()) prefer_majority(out, pix, dpi, printed);
    return out;
  }
  // The Chinese model read nothing: the English one at another size is the second opinion (a
  // bitonal scan's small serif 1 reads as 4 at one size and as 1 at another, either way as
  // surely). The first reading stays, the other beside it.
  layout::PixPtr other = rescaled();
  if (!other) return out;
  Reading again = recognize(impl_->value_reader(), other.get(), dpi, tesseract::PSM_SINGLE_LINE, digits);
  if (!again.text.empty() && printed(again.text) != printed(best.text)) out.other_text = again.text;
  if (!out.other_text.empty()) prefer_majority(out, pix, dpi, printed);
  return out;
}

// Two readings of a value disagree (the English model reads a bitonal scan's serif 1 as 4,
// surely, where the Chinese model or another size reads 1): both models at the sizes not yet
// tried vote, and the reading most of them give is kept, the other beside it. The value stays
// disputed either way: the vote picks the likelier reading, it does not make it sure.
void OcrEngine::prefer_majority(CellText &out, PIX *pix, int dpi,
                                const std::function<std::string(std::string)> &printed) const {
  const char *digits = value_glyphs;
  // Sizes the first readings did not use (they read at 1, and at 0.75 or 1.5).
  static constexpr float vote_sizes[] = {0.6f, 2.0f};
  // Votes the other reading needs beyond the kept one's: one more would be a coin's toss.
  constexpr int decisive_margin = 2;
  int kept = 0, other = 0;
  for (float size : vote_sizes) {
    layout::PixPtr scaled(pixScale(pix, size, size));
    if (!scaled) continue;
    for (tesseract::TessBaseAPI *model : {&impl_->value_reader(), &impl_->api}) {
      std::string text = printed(recognize(*model, scaled.get(), dpi, tesseract::PSM_SINGLE_LINE, digits).text);
      kept += text == printed(out.text);
      other += text == printed(out.other_text);
    }
  }
  if (other >= kept + decisive_margin) std::swap(out.text, out.other_text);
}

OcrEngine::OcrEngine(OcrEngine &&) noexcept = default;
OcrEngine &OcrEngine::operator=(OcrEngine &&) noexcept = default;
OcrEngine::~OcrEngine() = default;

namespace {

// The median glyph height over all lines of print (0 for none).
double typical_height(const std::vector<std::vector<double>> &heights_per_line) {
  std::vector<double> all;
  for (const auto &line : heights_per_line) all.insert(all.end(), line.begin(), line.end());
  return median(all);
}

// A word's font size is the typical height of the Chinese glyphs on its line of print. A word
// box's own height is a digit's (smaller) or a bracket's (taller), single glyph boxes are off by
// half their size either way, and borderless table rows are told from headings by size. A line
// of digits only (a table row of numbers) takes its size from its digits, seven tenths of the
// print size; a line with neither, the page's typical size.
void set_font_sizes(std::vector<TextRun> &runs, const std::vector<int> &line_of,
                    const std::vector<std::vector<double>> &ideograph_heights,
                    const std::vector<std::vector<double>> &digit_heights) {
  double typical = typical_height(ideograph_heights);
  for (size_t i = 0; i < runs.size(); ++i) {
    size_t line = static_cast<size_t>(line_of[i]);
    double size = median(ideograph_heights[line]);
    if (size <= 0 && !digit_heights[line].empty()) size = median(digit_heights[line]) / 0.7;
    if (size <= 0) size = typical;
    runs[i].font_size = size > 0 ? size : runs[i].bbox.height();
  }
}

// What the layout analysis skipped is a number (or the zero dash), or Chinese words; Latin letters read from
// there are pieces of strokes (a bold heading's glyph, a seal's edge), not text.
bool plausible_missed_word(const std::string &text) {
  bool ideograph = false, digit = false;
  for (char32_t c : to_u32(text)) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return false;
    ideograph = ideograph || is_ideograph(c);
    // The zero marks: the dash read_cell gives a flat bar, and the slash agencies print.
    digit = digit || (c >= U'0' && c <= U'9') || c == U'—' || c == U'/';
  }
  return ideograph || digit;
}

// Tesseract sometimes makes one word of marks far apart on a line: a borderless table's row
// of zero dashes comes back as "一一一一一". A gap wider than most of an em between two of a
// word's glyphs splits it, so each mark stands where it was printed.
std::vector<TextRun> split_at_wide_gaps(std::vector<TextRun> runs) {
  std::vector<TextRun> out;
  for (TextRun &run : runs) {
    std::u32string text = to_u32(run.text);
    if (run.glyph_boxes.size() != text.size() || text.size() < 2) {
      out.push_back(std::move(run));
      continue;
    }
    size_t begin = 0;
    for (size_t i = 1; i <= text.size(); ++i) {
      bool cut = i == text.size() || run.glyph_boxes[i].x0 - run.glyph_boxes[i - 1].x1 > 0.8 * run.font_size;
      if (!cut) continue;
      TextRun piece = run;
      piece.text = to_utf8(text.substr(begin, i - begin));
      piece.glyph_boxes.assign(run.glyph_boxes.begin() + static_cast<long>(begin),
                               run.glyph_boxes.begin() + static_cast<long>(i));
      piece.bbox = piece.glyph_boxes.front();
      for (const Rect &g : piece.glyph_boxes) piece.bbox = piece.bbox.united(g);
      out.push_back(std::move(piece));
      begin = i;
    }
  }
  return out;
}

// Darker than this (of 255) is ink, for finding print the page's OCR did not account for.
constexpr int ink_threshold = 160;

// A box of page points as pixels of a binary image of `dpi`, clamped to the image.
struct PixelBox {
  int x0, y0, x1, y1;
};
PixelBox pixel_box(PIX *binary, const Rect &box, double dpi) {
  const double px = dpi / 72.0;
  int width = static_cast<int>(pixGetWidth(binary)), height = static_cast<int>(pixGetHeight(binary));
  int x0 = std::clamp(static_cast<int>(box.x0 * px), 0, width);
  int x1 = std::clamp(static_cast<int>(std::ceil(box.x1 * px)), x0, width);
  int y0 = std::clamp(static_cast<int>(box.y0 * px), 0, height);
  int y1 = std::clamp(static_cast<int>(std::ceil(box.y1 * px)), y0, height);
  return {x0, y0, x1, y1};
}

enum class Across { columns, rows };

// The dark pixels of each pixel column (or row) of `box` in a binary image.
std::vector<int> dark_counts(PIX *binary, const PixelBox &box, Across across) {
  bool per_row = across == Across::rows;
  std::vector<int> dark(static_cast<size_t>(per_row ? box.y1 - box.y0 : box.x1 - box.x0), 0);
  l_uint32 *data = pixGetData(binary);
  int wpl = pixGetWpl(binary);
  for (int y = box.y0; y < box.y1; ++y) {
    l_uint32 *line = data + static_cast<long>(y) * wpl;
    for (int x = box.x0; x < box.x1; ++x)
      dark[static_cast<size_t>(per_row ? y - box.y0 : x - box.x0)] += GET_DATA_BIT(line, x);
  }
  return dark;
}

// The pieces of a word's print in a binary page image, in page points: its box's columns of
// pixels, cut where white runs wider than the cut of split_at_wide_gaps (of the word's print
// size, or half the page's where OCR sized a line by flat marks read as Chinese).
std::vector<Rect> ink_pieces(const TextRun &word, PIX *binary, double dpi, double page_em) {
  const double px = dpi / 72.0;
  PixelBox box = pixel_box(binary, word.bbox, dpi);
  std::vector<int> dark = dark_counts(binary, box, Across::columns);
  int x0 = box.x0;
  int min_gap = static_cast<int>(0.8 * std::max(word.font_size, 0.5 * page_em) * px);
  std::vector<Rect> pieces;
  for (const ColumnSpan &span : pieces_of_ink(dark, min_gap))
    pieces.push_back({(x0 + span.begin) / px, word.bbox.y0, (x0 + span.end) / px, word.bbox.y1});
  return pieces;
}

// Words cut where their print shows wide white (split_at_white).
std::vector<TextRun> split_at_white_ink(std::vector<TextRun> runs, PIX *binary, double dpi) {
  double em = page_em(runs);
  std::vector<TextRun> out;
  for (TextRun &run : runs) {
    std::vector<TextRun> parts = split_at_white(run, ink_pieces(run, binary, dpi, em));
    for (TextRun &p : parts) out.push_back(std::move(p));
  }
  return out;
}

// Pieces of print no OCR word covers, in pixels, joined into word-sized clusters. Tesseract's
// page layout sometimes drops a whole narrow column of a borderless table (a column of lone
// digits far from the rest); what it dropped is found here by its ink.
std::vector<Rect> uncovered_ink(PIX *binary, const std::vector<TextRun> &runs, double dpi, double em_points) {
  std::vector<Rect> out;
  layout::BoxaPtr boxes(pixConnComp(binary, nullptr, 8));
  if (!boxes) return out;
  const double px = dpi / 72.0, em = em_points * px;
  std::vector<Rect> words_px;
  std::vector<WordBox> line_words;
  for (const TextRun &r : runs) {
    words_px.push_back({r.bbox.x0 * px, r.bbox.y0 * px, r.bbox.x1 * px, r.bbox.y1 * px});
    line_words.push_back({words_px.back(), r.font_size * px});
  }
  std::vector<Rect> marks, dashes;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h) != 0) continue;
    // Glyph-sized (not a speck, not a ruling or a table's whole grid), or a dash: the zero
    // mark of a borderless table, which page OCR passes over as no text at all.
    bool glyph = h >= 0.4 * em && h <= 1.5 * em && w <= 1.5 * em;
    bool dash = w >= 0.5 * em && w <= 1.5 * em && h <= 0.25 * em && w >= 3 * h;
    if (glyph || dash) marks.push_back({double(x), double(y), double(x + w), double(y + h)});
    if (dash) dashes.push_back(marks.back());
  }
  for (const Rect &box : marks) {
    // A dash of a row of them on the edge of a word's box is not the word's (on_edge_of).
    bool apart = in_row_of_dashes(box, dashes);
    bool seen = std::any_of(words_px.begin(), words_px.end(), [&](const Rect &word) {
      Rect c{word.x0 - 0.2 * em, word.y0 - 0.2 * em, word.x1 + 0.2 * em, word.y1 + 0.2 * em};
      // A word no wider than twice the mark, over most of it, is the mark read (a dash's box
      // thinner than its ink, whose centre then lies on the box's edge).
      bool the_mark = word.horizontal_overlap(box) >= 0.5 * box.width() && word.width() <= 2 * box.width();
      return c.holds_centre_of(box) && (the_mark || !(apart && on_edge_of(box, word)));
    });
    if (!seen && !in_word_space(box, line_words)) out.push_back(box);
  }
  // Glyphs side by side on one line, less than half an em apart, are one word.
  std::sort(out.begin(), out.end(), [](const Rect &a, const Rect &b) { return a.x0 < b.x0; });
  std::vector<Rect> words;
  for (const Rect &g : out) {
    auto near = std::find_if(words.begin(), words.end(), [&](const Rect &w) {
      return g.x0 - w.x1 < 0.5 * em && w.vertical_overlap(g) > 0.5 * std::min(w.height(), g.height());
    });
    if (near != words.end())
      *near = near->united(g);
    else
      words.push_back(g);
  }
  return words;
}

}  // namespace

namespace {

// The words of one recognition, in page points, with the glyph heights of each line of print
// that set_font_sizes measures them by.
struct ReadWords {
  std::vector<TextRun> runs;
  std::vector<int> line_of;                                           // per run
  std::vector<std::vector<double>> ideograph_heights, digit_heights;  // per line of print
};

// Adds the words of `api`'s last recognition to `out`: an image of `dpi` whose top left lies at
// `origin` (page points) on the page.
void collect_words(tesseract::TessBaseAPI &api, double dpi, Rect origin, ReadWords &out) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  const double points_per_pixel = 72.0 / dpi;
  auto box_at = [&](tesseract::PageIteratorLevel level, Rect &box) {
    int x0, y0, x1, y1;
    if (!it->BoundingBox(level, &x0, &y0, &x1, &y1)) return false;
    box = {origin.x0 + x0 * points_per_pixel, origin.y0 + y0 * points_per_pixel, origin.x0 + x1 * points_per_pixel,
           origin.y0 + y1 * points_per_pixel};
    return true;
  };
  std::vector<TextRun> &runs = out.runs;
  size_t first_line = out.ideograph_heights.size();
  bool in_word = false;  // the current symbol belongs to runs.back()
  if (!it->Empty(tesseract::RIL_SYMBOL)) do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || out.ideograph_heights.size() == first_line) {
        out.ideograph_heights.emplace_back();
        out.digit_heights.emplace_back();
      }
      if (it->IsAtBeginningOf(tesseract::RIL_WORD)) {
        in_word = false;
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        TextRun run;
        if (!text || text[0] == 0 || !box_at(tesseract::RIL_WORD, run.bbox)) continue;
        run.text = zeros_read_as_letters(text.get());
        run.source = RunSource::ocr;
        run.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0;
        runs.push_back(std::move(run));
        out.line_of.push_back(static_cast<int>(out.ideograph_heights.size()) - 1);
        in_word = true;
      }
      if (!in_word) continue;
      std::unique_ptr<char[]> symbol(it->GetUTF8Text(tesseract::RIL_SYMBOL));
      Rect box;
      if (!symbol || !box_at(tesseract::RIL_SYMBOL, box)) continue;
      runs.back().glyph_boxes.push_back(box);
      std::u32string glyph = to_u32(symbol.get());
      if (glyph == U"O" || glyph == U"o") {  // as the word took it: a 0 where zeros_read_as_letters made one
        std::u32string word = to_u32(runs.back().text);
        size_t at = runs.back().glyph_boxes.size() - 1;
        if (at < word.size()) glyph = word.substr(at, 1);
      }
      // 一's box is one flat stroke (and the zero dash's reading): no measure of the print.
      if (glyph.size() == 1 && is_ideograph(glyph[0]) && glyph[0] != U'一')
        out.ideograph_heights.back().push_back(box.height());
      if (glyph.size() == 1 && glyph[0] >= U'0' && glyph[0] <= U'9') out.digit_heights.back().push_back(box.height());
    } while (it->Next(tesseract::RIL_SYMBOL));
}

// The box of each line of print the words were read in, page points.
std::vector<Rect> line_boxes(const ReadWords &words) {
  std::vector<Rect> boxes(words.ideograph_heights.size(), Rect{1e9, 1e9, -1e9, -1e9});
  for (size_t i = 0; i < words.runs.size(); ++i) {
    Rect &b = boxes[static_cast<size_t>(words.line_of[i])];
    const Rect &r = words.runs[i].bbox;
    b = {std::min(b.x0, r.x0), std::min(b.y0, r.y0), std::max(b.x1, r.x1), std::max(b.y1, r.y1)};
  }
  return boxes;
}

// The mean confidence of words, weighted by their glyphs.
double mean_confidence(const std::vector<TextRun> &runs) {
  double sum = 0, glyphs = 0;
  for (const TextRun &r : runs) {
    double n = static_cast<double>(to_u32(r.text).size());
    sum += n * r.confidence, glyphs += n;
  }
  return glyphs > 0 ? sum / glyphs : 0;
}

// Appends `more`'s words and lines to `out`'s.
void append_words(ReadWords more, ReadWords &out) {
  int offset = static_cast<int>(out.ideograph_heights.size());
  for (size_t i = 0; i < more.runs.size(); ++i) {
    out.runs.push_back(std::move(more.runs[i]));
    out.line_of.push_back(more.line_of[i] + offset);
  }
  out.ideograph_heights.insert(out.ideograph_heights.end(), more.ideograph_heights.begin(),
                               more.ideograph_heights.end());
  out.digit_heights.insert(out.digit_heights.end(), more.digit_heights.begin(), more.digit_heights.end());
}

// The words of a strip of `image` (pixels of `dpi`) read as one line of print.
ReadWords read_strip(tesseract::TessBaseAPI &api, PIX *image, double dpi, const PixelBox &strip_box) {
  ReadWords out;
  const double px = dpi / 72.0;
  layout::BoxPtr clip(boxCreate(strip_box.x0, strip_box.y0, strip_box.x1 - strip_box.x0, strip_box.y1 - strip_box.y0));
  layout::PixPtr strip(pixClipRectangle(image, clip.get(), nullptr));
  if (!strip) return out;
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api.SetImage(strip.get());
  api.SetSourceResolution(static_cast<int>(dpi));
  if (api.Recognize(nullptr) == 0)
    collect_words(api, dpi, Rect{strip_box.x0 / px, strip_box.y0 / px, strip_box.x1 / px, strip_box.y1 / px}, out);
  api.Clear();
  return out;
}

// The words of line `line` whose middles lie from `from` to `to` (page points), as a line of
// their own with that line's glyph heights.
ReadWords line_words_between(const ReadWords &words, size_t line, double from, double to) {
  ReadWords out;
  out.ideograph_heights.push_back(words.ideograph_heights[line]);
  out.digit_heights.push_back(words.digit_heights[line]);
  for (size_t i = 0; i < words.runs.size(); ++i) {
    double middle = words.runs[i].bbox.center_y();
    if (static_cast<size_t>(words.line_of[i]) == line && middle >= from && middle < to) {
      out.runs.push_back(words.runs[i]);
      out.line_of.push_back(0);
    }
  }
  return out;
}

// Whether two word boxes hold the same print: they share half of each one's area. (A box
// Tesseract stretched over the next line's print shares little of its own.)
bool same_print(const Rect &a, const Rect &b) {
  double shared = a.horizontal_overlap(b) * a.vertical_overlap(b);
  return shared >= 0.5 * a.width() * a.height() && shared >= 0.5 * b.width() * b.height();
}

// `words` without the lines marked `replaced`, and with `again`'s. A band read again may hold print that
// another line already holds (a line's box stretched over the row below it, or two merged lines
// sharing a band): that print is read once, so such words of `again` are left out, else a row
// comes out twice ("总总计计", "11 00 11").
ReadWords with_lines_replaced(ReadWords words, const std::vector<bool> &replaced, ReadWords again) {
  ReadWords kept;
  kept.ideograph_heights = std::move(words.ideograph_heights);
  kept.digit_heights = std::move(words.digit_heights);
  for (size_t i = 0; i < words.runs.size(); ++i) {
    if (replaced[static_cast<size_t>(words.line_of[i])]) continue;
    kept.runs.push_back(std::move(words.runs[i]));
    kept.line_of.push_back(words.line_of[i]);
  }
  int offset = static_cast<int>(kept.ideograph_heights.size());
  for (size_t i = 0; i < again.runs.size(); ++i) {
    const Rect &box = again.runs[i].bbox;
    if (std::any_of(kept.runs.begin(), kept.runs.end(), [&](const TextRun &r) { return same_print(r.bbox, box); }))
      continue;
    kept.runs.push_back(std::move(again.runs[i]));
    kept.line_of.push_back(again.line_of[i] + offset);
  }
  kept.ideograph_heights.insert(kept.ideograph_heights.end(), again.ideograph_heights.begin(),
                                again.ideograph_heights.end());
  kept.digit_heights.insert(kept.digit_heights.end(), again.digit_heights.begin(), again.digit_heights.end());
  return kept;
}

// Tesseract's layout sometimes makes one line of two lines of print set close (a tight
// borderless table's rows, read interleaved as "本上年年新结收转"; a heading and the row of
// numbers right above it). Such a line's box shows white across its whole width between two
// bands of ink, each a glyph tall: each band is read again as a line of its own, and its words
// stand in for the line's.
void reread_merged_lines(tesseract::TessBaseAPI &api, PIX *image, PIX *binary, double dpi, ReadWords &words) {
  constexpr double min_merged_line_width = 4;  // ems: a glyph or two may have white across (思)
  constexpr double min_band_height = 0.4;      // of an em: a line of print, not 三's strokes or a dot
  constexpr double band_margin = 0.2;          // of an em: white kept round a band for its reading
  constexpr int white_row_per_pixels = 200;    // a white row holds a dark pixel per this many (specks)
  constexpr double sure_band = 0.7;            // mean confidence of a band's words read well
  double em = typical_height(words.ideograph_heights);
  if (em <= 0) return;
  const double px = dpi / 72.0;
  std::vector<Rect> boxes = line_boxes(words);
  std::vector<bool> replaced(boxes.size(), false);
  ReadWords again;
  for (size_t line = 0; line < boxes.size(); ++line) {
    const Rect &box = boxes[line];
    if (box.x1 <= box.x0 || box.width() < min_merged_line_width * em) continue;
    PixelBox pixels = pixel_box(binary, box, dpi);
    int top = pixels.y0;
    std::vector<int> dark = dark_counts(binary, pixels, Across::rows);
    int white_at_most = std::max(1, static_cast<int>(box.width() * px / white_row_per_pixels));
    std::vector<ColumnSpan> bands = lines_of_print(dark, white_at_most, static_cast<int>(min_band_height * em * px));
    // Two lines run into one; more are a header of words set upright, one glyph a line, which
    // reads worse line by line than as Tesseract laid it out.
    if (bands.size() != 2) continue;
    ReadWords line_again;
    bool any_sure = false;
    for (size_t b = 0; b < bands.size(); ++b) {
      // White round the band, but none of the next band's print: at most half way to it.
      int margin = static_cast<int>(band_margin * em * px);
      int above = b > 0 ? (bands[b].begin - bands[b - 1].end) / 2 : margin;
      int below = b + 1 < bands.size() ? (bands[b + 1].begin - bands[b].end) / 2 : margin;
      int y0 = std::max(0, top + bands[b].begin - std::min(margin, above));
      int y1 = top + bands[b].end + std::min(margin, below);
      int x0 = std::max(0, static_cast<int>(box.x0 * px) - margin);
      int x1 = static_cast<int>(std::ceil(box.x1 * px)) + margin;
      ReadWords band_words = read_strip(api, image, dpi, PixelBox{x0, y0, x1, y1});
      // A band cut through glyphs (a box stretched over part of the next line, an upright
      // header) reads as unsure junk: there the line's own words of the band stay.
      bool sure = !band_words.runs.empty() && mean_confidence(band_words.runs) >= sure_band;
      any_sure = any_sure || sure;
      if (!sure) {
        const double endless = std::numeric_limits<double>::infinity();  // the first and last take the rest
        double from = b == 0 ? -endless : y0 / px, to = b + 1 == bands.size() ? endless : y1 / px;
        band_words = line_words_between(words, line, from, to);
      }
      append_words(std::move(band_words), line_again);
    }
    if (!any_sure) continue;
    replaced[line] = true;
    append_words(std::move(line_again), again);
  }
  if (!again.runs.empty()) words = with_lines_replaced(std::move(words), replaced, std::move(again));
}

// Each lone glyph of a digit's size (lone_digit_sized_glyph) read again alone as a value; a
// sure reading of one line stands in for the page's. Done before the page's tables are laid
// out, so that the misread number shows its column of numbers.
void reread_lone_glyphs(const OcrEngine &engine, const Raster &page, std::vector<TextRun> &runs) {
  constexpr double margin = 0.3;        // of an em: white round the glyph for its reading
  constexpr double sure_reading = 0.8;  // as a value's reading is taken elsewhere
  double em = page_em(runs);
  std::vector<size_t> lone;
  for (size_t i = 0; i < runs.size(); ++i)
    if (lone_digit_sized_glyph(runs[i], runs, em)) lone.push_back(i);
  if (lone.empty()) return;
  PageImage image(page);
  for (size_t i : lone) {
    TextRun &run = runs[i];
    Rect box{run.bbox.x0 - margin * em, run.bbox.y0 - margin * em, run.bbox.x1 + margin * em,
             run.bbox.y1 + margin * em};
    // Two models, or one at two sizes, must agree (the English model reads a serif 1 as 4
    // fairly surely); a glyph they dispute is left to the reading of its table's cell.
    CellText read = engine.read_cell(image, box, CellContent::contested_value);
    if (read.ink_lines != 1 || read.confidence < sure_reading || !read.other_text.empty() ||
        !layout::is_value_text(read.text))
      continue;
    run.text = read.text;
    run.confidence = read.confidence;
    run.glyph_boxes = spread_glyph_boxes(run.bbox, to_u32(read.text).size());
  }
}

}  // namespace

std::vector<TextRun> OcrEngine::recognize_page(const Raster &page, double read_dpi) const {
  layout::PixPtr pix = layout::to_gray_pix(page);
  if (!pix || page.dpi <= 0) return {};
  tesseract::TessBaseAPI &api = impl_->api;
  double dpi = read_dpi > 0 ? std::min(page.dpi, read_dpi) : page.dpi;
  layout::PixPtr scaled(dpi < page.dpi ? pixScale(pix.get(), static_cast<l_float32>(dpi / page.dpi),
                                                  static_cast<l_float32>(dpi / page.dpi))
                                       : pixClone(pix.get()));
  if (!scaled) return {};
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(scaled.get());
  api.SetSourceResolution(static_cast<int>(dpi));
  if (api.Recognize(nullptr) != 0) return {};
  ReadWords words;
  collect_words(api, dpi, Rect{0, 0, 0, 0}, words);
  api.Clear();
  layout::PixPtr scaled_binary(pixThresholdToBinary(scaled.get(), ink_threshold));
  if (scaled_binary) reread_merged_lines(api, scaled.get(), scaled_binary.get(), dpi, words);
  std::vector<TextRun> runs = std::move(words.runs);
  const std::vector<int> &line_of = words.line_of;
  const auto &ideograph_heights = words.ideograph_heights;
  const auto &digit_heights = words.digit_heights;
  for (TextRun &run : runs) {
    // Symbol boxes only when there is one per character; otherwise spread the word box evenly.
    size_t glyphs = to_u32(run.text).size();
    if (run.glyph_boxes.size() == glyphs) continue;
    run.glyph_boxes = spread_glyph_boxes(run.bbox, glyphs);
  }
  set_font_sizes(runs, line_of, ideograph_heights, digit_heights);
  double em = page_em(runs);
  std::vector<Rect> values = row_values(runs, em), sure = sure_chinese_words(runs);
  std::erase_if(runs, [&](const TextRun &r) {
    return sliver_over_marks(r, em) || pillar_over_marks(r, em) || bridges_rows_of_values(r, values, em) ||
           ghost_of_surer_word(r, sure);
  });
  runs = split_at_wide_gaps(std::move(runs));
  layout::PixPtr binary(pixThresholdToBinary(pix.get(), ink_threshold));
  if (!binary) return runs;
  runs = split_at_white_ink(std::move(runs), binary.get(), page.dpi);
  reread_lone_glyphs(*this, page, runs);
  add_missed_words(page, binary.get(), runs);
  return runs;
}

namespace {

bool has_glyph_to_measure(const std::string &text) {
  std::u32string t = to_u32(text);
  return std::any_of(t.begin(), t.end(), [](char32_t c) { return is_ideograph(c) || (c >= U'0' && c <= U'9'); });
}

// A missed word's print size: that of the words read on its line (those with a Chinese glyph or
// a digit to measure it by, each level with the other: a heading's boxes, stretched up over
// the table row above it, are not that row's line); alone on its line, from its own height
// when it is digits (seven tenths of the size) or Chinese; else the page's.
double missed_word_size(const TextRun &word, const std::vector<TextRun> &read, double page_em) {
  std::vector<double> on_line;
  double middle = word.bbox.center_y(), reach = 0.25 * page_em;
  for (const TextRun &r : read) {
    bool level = middle >= r.bbox.y0 && middle <= r.bbox.y1 && r.bbox.center_y() >= word.bbox.y0 - reach &&
                 r.bbox.center_y() <= word.bbox.y1 + reach;
    if (r.source == RunSource::ocr && level && has_glyph_to_measure(r.text)) on_line.push_back(r.font_size);
  }
  if (!on_line.empty()) return median(on_line);
  std::u32string text = to_u32(word.text);
  bool digits = std::all_of(text.begin(), text.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
  bool chinese = std::all_of(text.begin(), text.end(), is_ideograph);
  if (digits && word.bbox.height() > 0.3 * page_em) return word.bbox.height() / 0.7;
  if (chinese && word.bbox.height() > 0.3 * page_em) return word.bbox.height();
  return page_em;
}

}  // namespace

namespace {

// A value read on the box's level: a word with a digit, or one of zero marks only (a row of
// a table that prints "/" for zero has no digit in it).
bool beside_numbers(const Rect &box, const std::vector<TextRun> &runs) {
  auto zero_marks = [](const std::string &text) {
    std::u32string t = to_u32(text);
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char32_t c) { return c == U'/' || c == U'—'; });
  };
  return std::any_of(runs.begin(), runs.end(), [&](const TextRun &r) {
    bool level = r.bbox.y0 < box.center_y() && box.center_y() < r.bbox.y1;
    bool number = std::any_of(r.text.begin(), r.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    return level && (number || zero_marks(r.text));
  });
}

}  // namespace

void OcrEngine::add_missed_words(const Raster &page, PIX *binary, std::vector<TextRun> &runs) const {
  double em = page_em(runs);
  const double points_per_pixel = 72.0 / page.dpi;
  std::vector<Rect> missed = uncovered_ink(binary, runs, page.dpi, em);
  if (missed.empty()) return;
  PageImage image(page);
  size_t read_before = runs.size();
  for (const Rect &px : missed) {
    // A margin of white round the ink: read_cell looks inside a cell's borders.
    double m = 0.4 * em;
    Rect box{px.x0 * points_per_pixel - m, px.y0 * points_per_pixel - m, px.x1 * points_per_pixel + m,
             px.y1 * points_per_pixel + m};
    bool narrow = px.width() * points_per_pixel <= 2.5 * em;
    // A lone number the layout dropped stands in a row of numbers it read, a zero dash in a row
    // of other dashes, a row's numbers all dropped in a row of lone marks; marks elsewhere (a
    // seal's strokes, specks) are not worth the tries a value reading makes.
    if (narrow && !beside_numbers(box, runs) && !in_row_of_dashes(px, missed) &&
        !in_row_of_lone_marks(px, missed, em / points_per_pixel))
      continue;
    // Nothing the page read agrees with a lone number found here: two models must.
    CellText read = read_cell(image, box, narrow ? CellContent::contested_value : CellContent::words);
    // Read unsurely, it is taken only where both models read it so (Tesseract is unsure of
    // many a lone 0 it reads right); read differently, it is doubted.
    if (read.text.empty() || (read.confidence < 0.6 && !read.agreed) || !plausible_missed_word(read.text)) continue;
    if (!read.other_text.empty()) read.confidence = std::min(read.confidence, disputed_confidence);
    TextRun run;
    run.text = read.text;
    run.bbox = {px.x0 * points_per_pixel, px.y0 * points_per_pixel, px.x1 * points_per_pixel, px.y1 * points_per_pixel};
    run.glyph_boxes = spread_glyph_boxes(run.bbox, to_u32(run.text).size());
    run.font_size = missed_word_size(run, runs, em);
    run.source = RunSource::ocr;
    run.confidence = read.confidence;
    runs.push_back(std::move(run));
  }
  // A glyph narrower than a value found here and inside it is a piece of that value Tesseract
  // read (the right end of a dash as "一"): the value is read once, whole.
  std::vector<Rect> found;
  for (size_t i = read_before; i < runs.size(); ++i)
    if (layout::is_value_text(runs[i].text)) found.push_back(runs[i].bbox);
  auto piece_of_found = [&](const TextRun &r) {
    if (to_u32(r.text).size() != 1) return false;
    return std::any_of(found.begin(), found.end(),
                       [&](const Rect &f) { return r.bbox.width() < f.width() && f.holds_centre_of(r.bbox); });
  };
  runs.erase(std::remove_if(runs.begin(), runs.begin() + static_cast<long>(read_before), piece_of_found),
             runs.begin() + static_cast<long>(read_before));
}

}  // namespace xxgk::ocr
