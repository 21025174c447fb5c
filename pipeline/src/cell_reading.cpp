#include "xxgk/pipeline/cell_reading.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/stream.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/ocr/page_words.hpp"

namespace xxgk::pipeline {
namespace {

bool looks_like_value(const std::string &text) {
  if (text.empty()) return true;
  std::u32string u = to_u32(text);
  int digits = 0, total = 0, dashes = 0;
  for (char32_t c : u) {
    if (c == U' ' || c == U'|') continue;  // OCR's reading of a ruling's edge
    ++total;
    dashes += c == U'一';
    digits += (c >= U'0' && c <= U'9') || c == U'—' || c == U'-' || c == U'/' || c == U'.' || c == U',';
  }
  // 一 alone: the Chinese model's reading of the zero dash.
  if (dashes == total) return true;
  return 2 * digits >= total;
}

// Right of a numbered row label (5.属于…): no header is numbered so.
bool right_of_numbered_label(const layout::Table &t, const layout::Cell &cell) {
  return std::any_of(t.cells.begin(), t.cells.end(), [&](const layout::Cell &c) {
    return c.row == cell.row && c.col < cell.col && layout::numbered_item(c.text);
  });
}

// Below the table's first row with a value in it: a data row, not the header. So is a row
// whose label is numbered, however OCR misread its values (a continued table's first row).
bool below_header(const layout::Table &t, const layout::Cell &cell) {
  int first = t.rows;
  for (const layout::Cell &c : t.cells)
    if (!c.text.empty() && looks_like_value(c.text)) first = std::min(first, c.row);
  return cell.row > first || (cell.row == first && cell.col > 0) || right_of_numbered_label(t, cell);
}

// Where a cell stands: among values (most cells of both its row and its column look like values,
// whatever page-level OCR made of this one: it reads a lone "/" or "1" as a Chinese character),
// or among words. Words read unsurely (print under a seal) have no say.
std::vector<bool> in_value_position(const layout::Table &t) {
  std::map<int, int> row_balance, col_balance;  // cells looking like values minus words
  for (const layout::Cell &c : t.cells) {
    bool value = looks_like_value(c.text);
    if (c.text.empty() || (!value && c.confidence < 0.6)) continue;
    int vote = value ? 1 : -1;
    row_balance[c.row] += vote;
    // A column's header is no vote against its values (a table's part on a page may hold
    // only a few rows of them).
    if (below_header(t, c)) col_balance[c.col] += vote;
  }
  std::vector<bool> out;
  for (const layout::Cell &c : t.cells) out.push_back(row_balance[c.row] > 0 && col_balance[c.col] > 0);
  return out;
}

// Three in four of the column's filled data cells look like values.
bool mostly_values(const layout::Table &t, int col) {
  int values = 0, filled = 0;
  for (const layout::Cell &c : t.cells)
    if (c.col == col && c.colspan == 1 && !c.text.empty() && below_header(t, c)) {
      ++filled;
      values += looks_like_value(c.text);
    }
  return filled > 0 && 4 * values >= 3 * filled;
}

// Right of the first of two or more values in its row: where the form prints only numbers (a
// borderless table's row of values, where the page's OCR ran a digit into its neighbours).
bool right_of_row_values(const layout::Table &t, const layout::Cell &cell) {
  int values = 0, first = t.cols;
  for (const layout::Cell &c : t.cells)
    if (c.row == cell.row && !c.text.empty() && looks_like_value(c.text)) ++values, first = std::min(first, c.col);
  return values >= 2 && cell.col > first;
}

// `by_page_words`: the cell holds the page's OCR words (a borderless table), which its
// reading replaces where they were misread or unsure; a value read then must be agreed on by
// two models (CellContent::contested_value), as nothing else confirms it.
ocr::CellText read_cell(const ocr::OcrEngine &engine, const ocr::PageImage &image, const layout::Cell &cell,
                        bool value_position, bool by_page_words) {
  const ocr::CellContent as_value = by_page_words ? ocr::CellContent::contested_value : ocr::CellContent::value;
  bool seen_as_value = !cell.text.empty() && looks_like_value(cell.text);
  // A few characters among values are a misread value (a seal's ring over it, a slash read as
  // 人); a label's many are not, however badly read.
  size_t length = to_u32(cell.text).size();
  if (seen_as_value || (value_position && length > 0 && length <= 4))
    return engine.read_cell(image, cell.bbox, as_value);
  if (length > 2) {
    ocr::CellText words = engine.read_cell(image, cell.bbox, ocr::CellContent::words);
    // A second reading that finds nothing where the page's OCR read words surely loses nothing.
    if (words.text.empty() && words.ink_lines > 0 && cell.confidence >= 0.6)
      return {cell.text, cell.confidence, words.ink_lines};
    return words;
  }
  // Nothing, or one or two characters, seen here by the page's OCR: a lone "/" or "1" it missed
  // or misread (the Chinese model reads a slash as 人), or a short header (其他, a stacked
  // 结果/维持). Both readings; digits are taken when read surely from one line, and among
  // values unless the words are read surely.
  ocr::CellText value = engine.read_cell(image, cell.bbox, as_value);
  if (value.text.empty() && value.confidence == 1) return value;  // blank
  if (value.confidence >= 0.85 && value.ink_lines == 1) return value;
  ocr::CellText words = engine.read_cell(image, cell.bbox, ocr::CellContent::words);
  // The Chinese model, unbound by a value's glyphs, reads a lone 0 as the letter O (a bitonal
  // scan's sans-serif zeros the value reading left unsure or empty): that is a number read.
  words.text = ocr::zeros_read_as_letters(normalize::clean_text(words.text));
  if (value.text.empty() && layout::is_value_text(words.text)) return words;
  if (looks_like_value(words.text) || value.confidence > words.confidence) return value;
  if (value_position && words.confidence < 0.8) return value;
  return words;
}

// A cell of a table the page's OCR left out, known only by its image. Most cells of the form
// are numbers, which one glance as digits settles; words are read next; a short reading that
// could be either keeps both, for the cell's place among values to decide.
struct UnseenCell {
  ocr::CellText read;
  std::optional<ocr::CellText> value;  // when undecided: `read` holds the words
};

UnseenCell first_look(const ocr::OcrEngine &engine, const ocr::PageImage &image, const layout::Cell &cell) {
  ocr::CellText glance = engine.read_cell(image, cell.bbox, ocr::CellContent::glance);
  if (glance.text.empty() && glance.confidence == 1) return {glance, {}};  // blank
  if (glance.ink_lines == 1 && glance.confidence >= 0.8) return {glance, {}};
  ocr::CellText words = engine.read_cell(image, cell.bbox, ocr::CellContent::words);
  // A lone 0 the Chinese model read as the letter O is a number read (as in read_cell).
  words.text = ocr::zeros_read_as_letters(normalize::clean_text(words.text));
  std::string text = words.text;
  // Words read surely where digits could not be read at all are no value.
  bool surely_words = words.confidence >= 0.8 && glance.confidence < 0.3 && to_u32(text).size() >= 2;
  if ((surely_words || to_u32(text).size() > 4) && !looks_like_value(text)) return {words, {}};
  return {words, engine.read_cell(image, cell.bbox, ocr::CellContent::value)};
}

// Digits win when the words read as a value too, when they are surer, when the cell stands
// among values (a few characters there are a misread value: a seal's ring over it), or when
// the words are one character and the digits fairly sure (a serif 1 read as 工).
const ocr::CellText &settled(const UnseenCell &cell, bool value_position) {
  const ocr::CellText &words = cell.read, &value = *cell.value;
  std::string text = normalize::clean_text(words.text);
  if (value.text.empty() && layout::is_value_text(text)) return words;
  if (looks_like_value(text) || value_position) return value;
  if (to_u32(text).size() == 1 && value.confidence >= 0.6) return value;
  return value.confidence > words.confidence ? value : words;
}

// What an undecided cell says of its place: a value read fairly surely, or words that read as
// a value; nothing otherwise.
const ocr::CellText &provisional(const UnseenCell &cell) {
  static const ocr::CellText nothing;
  if (!cell.value) return cell.read;
  if (looks_like_value(normalize::clean_text(cell.read.text))) return cell.read;
  return cell.value->confidence >= 0.6 ? *cell.value : nothing;
}

TextRun cell_run(const layout::Cell &cell, const ocr::CellText &read) {
  TextRun run;
  run.text = cell.text;
  run.bbox = cell.bbox;
  // OCR runs are sized by the height of their Chinese glyphs; digits are seven tenths of it.
  run.font_size = looks_like_value(cell.text) ? read.line_height / 0.7 : read.line_height;
  run.source = RunSource::ocr;
  run.confidence = cell.confidence;
  return run;
}

bool among(const Rect &box, const std::vector<Rect> &areas) {
  return std::any_of(areas.begin(), areas.end(), [&](const Rect &a) { return a.holds_centre_of(box); });
}

// Below this the page's OCR of a value is unsure: the cell is read again alone.
constexpr double unsure_page_reading = 0.85;
// Below this a number the page's OCR read is looked at again alone (second_opinion).
constexpr double sure_page_number = 0.95;
// The confidence given a number two readings of disagree on: below the report's doubt.
constexpr double disputed_reading = 0.5;

bool has_digit(const std::string &text) {
  return std::any_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// A number (not a zero mark: a dash is not misread as another dash) the page's OCR read fairly
// but not quite surely.
bool needs_second_look(const layout::Cell &c) {
  return layout::is_value_text(c.text) && has_digit(c.text) && c.confidence >= unsure_page_reading &&
         c.confidence < sure_page_number;
}

// A cell whose reading another disagrees with: that one kept beside it, the cell doubted.
void settle_doubted(layout::Cell &c, const std::string &other) {
  c.other_reading = other;
  c.confidence = std::min(c.confidence, ocr::disputed_confidence);
}

// Each cell of a scanned page's table read again from its own image: page-level OCR mangles
// short numbers in grids. A ruled table's boxes are read from their image alone: the page's
// OCR left out the cells, and reads a lone box of print it was shown poorly. Returns what was
// read of the cells it left out, as runs.
std::vector<TextRun> read_table_cells(layout::Table &t, const RuledCells &ruled, const std::vector<TextRun> &page_words,
                                      const ocr::PageImage &image, const ocr::OcrEngine &engine) {
  std::vector<std::optional<UnseenCell>> looks(t.cells.size());
  std::vector<bool> left_out(t.cells.size());  // by the page's OCR
  for (size_t i = 0; i < t.cells.size(); ++i) {
    layout::Cell &c = t.cells[i];
    left_out[i] = t.method == "lattice" && among(c.bbox, ruled.cells);
    if (!left_out[i] && !(t.method == "lattice" && among(c.bbox, ruled.print))) continue;
    looks[i] = first_look(engine, image, c);
    const ocr::CellText &vote = provisional(*looks[i]);
    c.text = normalize::clean_text(vote.text);
    c.confidence = vote.confidence;
  }
  std::vector<bool> value_position = in_value_position(t);
  std::vector<TextRun> runs;
  for (size_t i = 0; i < t.cells.size(); ++i) {
    layout::Cell &c = t.cells[i];
    if (looks[i]) {
      const ocr::CellText &read = looks[i]->value ? settled(*looks[i], value_position[i]) : looks[i]->read;
      c.text = normalize::clean_text(read.text);
      c.confidence = read.confidence;
      if (!c.text.empty() && left_out[i]) runs.push_back(cell_run(c, read));
      continue;
    }
    // A borderless table's cells are cut from the page's OCR words themselves: they hold
    // those words, and a crop as tight as the words reads worse than the page did. Only an
    // empty one is looked at again, as the page's OCR may have missed a lone digit there, and
    // one among values that does not read as a value (a number under a seal's ring).
    bool misread = below_header(t, c) && !layout::is_value_text(c.text) && to_u32(c.text).size() <= 3 &&
                   (mostly_values(t, c.col) || right_of_row_values(t, c));
    // A glyph alone left of a row of values is a value the page's OCR misread (a serif 1 as
    // 工), though its column, the labels', says words: it is read as a value, and kept as
    // read where it does not read as one (the last character of a wrapped label). Where its
    // column says values too, it is misread whatever it reads as.
    bool lone_glyph = !misread && t.method == "stream" && lone_glyph_before_values(t, c);
    misread = misread || lone_glyph;
    // A value the page's OCR read unsurely is read again alone, and the surer reading kept;
    // where the two disagree the doubt stays (a seal's ring read into a 0 both times).
    bool unsure_value = layout::is_value_text(c.text) && c.confidence < unsure_page_reading;
    bool second_look = t.method == "stream" && needs_second_look(c);
    if (t.method == "stream" && !c.text.empty() && !misread && !unsure_value && !second_look) continue;
    layout::Cell slot = c;
    if (t.method == "stream" && c.text.empty()) {
      std::optional<Rect> clear = clear_of_words(c.bbox, page_words);
      if (!clear) continue;
      slot.bbox = *clear;
    }
    // A second look has the page's reading to agree with or not; the others have none surely.
    ocr::CellText read =
        read_cell(engine, image, slot, value_position[i] || lone_glyph, t.method == "stream" && !second_look);
    std::string text = normalize::clean_text(read.text);
    if (lone_glyph && (text.empty() || !layout::is_value_text(text))) continue;
    if (second_look) {
      c.confidence = second_opinion(c.text, c.confidence, text, read.confidence);
      if (c.confidence < unsure_page_reading && text != c.text) c.other_reading = text;
      continue;
    }
    // Where the two models read the cell differently, whichever reading stays is doubted.
    std::string disputed = normalize::clean_text(read.other_text);
    if (unsure_value && read.confidence <= c.confidence) {
      if (!disputed.empty() && disputed != c.text) settle_doubted(c, text == c.text ? disputed : text);
      continue;
    }
    c.confidence = unsure_value && text != c.text ? c.confidence : read.confidence;
    if (unsure_value && text != c.text) c.other_reading = c.text;
    c.text = text;
    if (!disputed.empty()) settle_doubted(c, disputed);
  }
  return runs;
}

// Longest number whose digits are weighed one by one: the form's counts and amounts are shorter.
constexpr size_t longest_number = 9;

bool whole_number(const std::string &text) {
  return !text.empty() && text.size() <= longest_number &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A value's glyph no reading made a number of, where a lone glyph may be a number its shape
// tells: ink read as nothing (not a blank cell, which is read surely as nothing) among values,
// or read as one Latin letter (a 0 as U or D) there or right of a row's values.
bool unread_value(const layout::Table &t, const layout::Cell &c, bool value_position) {
  bool letter = c.text.size() == 1 && std::isalpha(static_cast<unsigned char>(c.text[0]));
  if (letter) return value_position || right_of_row_values(t, c);
  return c.text.empty() && c.confidence < 1 && value_position;
}

// The table's cells read as whole numbers, each with one glyph per digit, and its unread
// values of one glyph; a cell whose ink does not split into as many glyphs as digits (digits
// run together, a stroke broken off) says nothing.
std::vector<CellDigits> numbers_with_glyphs(const layout::Table &t, size_t table, const ocr::PageImage &image) {
  std::vector<CellDigits> out;
  std::vector<bool> value_position = in_value_position(t);
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const layout::Cell &c = t.cells[i];
    bool unread = !whole_number(c.text) && unread_value(t, c, value_position[i]);
    if (!whole_number(c.text) && !unread) continue;
    std::vector<ocr::GlyphShape> glyphs = ocr::glyph_shapes(image, c.bbox);
    bool minus = !unread && glyphs.size() == c.text.size() + 1 && ocr::minus_shaped(glyphs[0], glyphs[1]);
    if (minus) glyphs.erase(glyphs.begin());
    if (glyphs.size() == (unread ? 1 : c.text.size()))
      out.push_back({table, i, c.text, std::move(glyphs), unread, minus});
  }
  return out;
}

// A cell's digits with those its print shows to be zeros made 0; an unread glyph shaped so is
// "0", one shaped otherwise "" (no digit yet).
std::string read_by_shape(const CellDigits &n) {
  std::string text = n.unread ? std::string(1, '?') : n.text;
  for (size_t k = 0; k < text.size(); ++k)
    if (ocr::zero_shaped(n.glyphs[k])) text[k] = '0';
  return text == "?" ? "" : text;
}

}  // namespace

bool lone_glyph_before_values(const layout::Table &t, const layout::Cell &cell) {
  if (to_u32(cell.text).size() != 1 || layout::is_value_text(cell.text)) return false;
  int values = 0, words = 0;
  for (const layout::Cell &c : t.cells) {
    if (c.row != cell.row || c.col == cell.col || c.text.empty()) continue;
    if (c.col < cell.col) return false;
    (looks_like_value(c.text) ? values : words) += 1;
  }
  constexpr int a_row_of_values = 2;
  // 一, the Chinese model's reading of a zero dash, also begins a label (一、): a dash only
  // before values alone.
  if (looks_like_value(cell.text)) return values >= a_row_of_values && words == 0;
  return values >= a_row_of_values && values > words;
}

std::optional<Rect> clear_of_words(const Rect &slot, const std::vector<TextRun> &words) {
  constexpr double same_line = 0.5;  // of the word's height, shared with the slot
  constexpr double margin = 0.5;     // points kept clear of the word's ink
  Rect out = slot;
  for (const TextRun &w : words) {
    double shared = std::min(out.y1, w.bbox.y1) - std::max(out.y0, w.bbox.y0);
    if (shared < same_line * w.bbox.height() || w.bbox.x1 <= out.x0 || w.bbox.x0 >= out.x1) continue;
    if (w.bbox.center_x() < out.center_x())
      out.x0 = std::max(out.x0, w.bbox.x1 + margin);
    else
      out.x1 = std::min(out.x1, w.bbox.x0 - margin);
  }
  if (out.width() <= 0) return std::nullopt;
  return out;
}

double second_opinion(const std::string &page_text, double page_confidence, const std::string &cell_text,
                      double cell_confidence) {
  if (cell_text == page_text) return std::max(page_confidence, cell_confidence);
  if (!layout::is_value_text(cell_text)) return page_confidence;
  return std::min(page_confidence, disputed_reading);
}

CellsRead read_cells(std::vector<layout::Table> &tables, const PageText &page, const Raster &raster,
                     const ocr::OcrEngine &engine) {
  ocr::PageImage image(raster);
  CellsRead out;
  for (size_t t = 0; t < tables.size(); ++t) {
    std::vector<TextRun> read = read_table_cells(tables[t], page.ruled, page.runs, image, engine);
    out.runs.insert(out.runs.end(), read.begin(), read.end());
    std::vector<CellDigits> numbers = numbers_with_glyphs(tables[t], t, image);
    out.numbers.insert(out.numbers.end(), numbers.begin(), numbers.end());
  }
  return out;
}

void settle_by_glyph_shapes(const std::vector<std::vector<layout::Table> *> &tables_by_page,
                            const std::vector<const std::vector<CellDigits> *> &numbers_by_page) {
  // First what each glyph's own print says (a zero's shape), then what its look-alikes are
  // read as, those first corrections among them.
  std::vector<std::vector<std::string>> shaped(numbers_by_page.size());
  std::vector<ocr::ReadDigit> digits;
  for (size_t p = 0; p < numbers_by_page.size(); ++p)
    for (const CellDigits &n : *numbers_by_page[p]) {
      std::string text = read_by_shape(n);
      for (size_t k = 0; k < text.size(); ++k) digits.push_back({text[k], n.glyphs[k]});
      shaped[p].push_back(std::move(text));
    }
  std::vector<std::optional<char>> seen_as = ocr::look_alike_readings(digits);
  size_t next = 0;
  for (size_t p = 0; p < numbers_by_page.size(); ++p)
    for (size_t i = 0; i < numbers_by_page[p]->size(); ++i) {
      const CellDigits &n = (*numbers_by_page[p])[i];
      std::string text = shaped[p][i];
      for (char &c : text)
        if (std::optional<char> other = seen_as[next++]) c = *other;
      if (text.empty()) continue;  // an unread glyph its shape did not tell
      if (n.minus) text.insert(0, 1, '-');
      layout::Cell &cell = (*tables_by_page[p])[n.table].cells[n.cell];
      if (text != n.text && cell.text == n.text) {
        settle_doubted(cell, n.text);
        cell.text = text;
      }
    }
}

}  // namespace xxgk::pipeline
