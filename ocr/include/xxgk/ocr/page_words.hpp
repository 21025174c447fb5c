#pragma once
// Rules about the words a page's OCR returns: pure functions of their boxes, in page points
// (TextRuns) or pixels (marks of ink), whichever the caller holds.

#include <vector>

#include "xxgk/core/page.hpp"

namespace xxgk::ocr {

// The page's print size: the median of its words' font sizes (10.5 pt, the usual body size,
// for none).
double page_em(const std::vector<TextRun> &words);

// A word no print could make: thinner than a third of the page's em and more than two and a
// half ems wide per glyph. Tesseract returns a row of a borderless table's zero dashes so (one
// "和" stretched over five dashes, read at confidence 0); left out, the dashes are found by
// their ink as missed words and read one by one.
bool sliver_over_marks(const TextRun &word, double em);

// A word no horizontal print could make: taller than three ems and than one and a half ems per
// glyph (a line's glyph boxes, stretched to the line, reach about three where the line took in
// a stacked header's two lines of print). Tesseract's layout takes a borderless table's column
// of marks ("/" or "—" for zero, one a row) for a line of vertical text and returns one glyph
// stretched down over a dozen rows ("和" 17 ems tall); its box then joins every row it spans
// into one line. Left out, the marks are found by their ink and read one by one. Words set
// upright in a header cell keep about an em and a third per glyph, and stay.
bool pillar_over_marks(const TextRun &word, double em);

// A word of one or two glyphs, no number itself, whose box reaches over two rows of a table's
// values (a third of the height of values on two levels an em apart or more). Tesseract's line
// sometimes takes in the marks of two rows in one column (a row's "—" and the "1" under it)
// and returns them as one tall glyph ("上", or "N" at confidence 0); its box then joins both
// rows into one line, and their labels interleave. Left out, its marks are found by their ink
// and read one by one. No glyph of print reaches into the row below; a header's glyph stretched
// over its stacked lines has no rows of values beside it, and stays.
bool bridges_rows_of_values(const TextRun &word, const std::vector<Rect> &values, double em);

// A word read unsurely (confidence under a half) whose box lies half or more inside the box of
// a word of Chinese read surely (one of `sure_words`, from sure_chinese_words): the same print
// read a second time. (An unsure word whose box Tesseract stretched over sure ones, "盐城" over
// 市应急管理, is its own print: most of its box lies outside any of them.) Tesseract's layout reads a large bold
// heading twice now and then, once right and once as fragments at confidence near 0 ("en", "WAV", "1" over
// 政府信息公开行政复议); left in, the fragments make the heading a row of a table and its "1" a value.
bool ghost_of_surer_word(const TextRun &word, const std::vector<Rect> &sure_words);

// The boxes of the words with a Chinese glyph read surely (0.85 or more), no wider than an em
// and a half per glyph: what ghost_of_surer_word looks for, found once per page.
std::vector<Rect> sure_chinese_words(const std::vector<TextRun> &words);

// A word of one glyph, no value, of a digit's size (half to 0.85 of the page's `em` tall, at
// most 0.7 wide) with no other word within one and a half ems on its line: a table's lone
// number misread ("史" for a 2, "]" for a 1, at a JPEG scan's low confidence), which as it
// stands hides the column of numbers it belongs to. A glyph of a label has neighbours; a
// bracket stands taller, a dash or a comma lower.
bool lone_digit_sized_glyph(const TextRun &word, const std::vector<TextRun> &words, double em);

// The boxes of the words that read as values, of one row's height (under 1.3 `em`): what
// bridges_rows_of_values looks for, found once per page.
std::vector<Rect> row_values(const std::vector<TextRun> &words, double em);

// Whether `mark` (one of `marks`) stands on the level of a row of dashes (marks at least three
// times as wide as tall, three or more, the mark among them or not): a borderless table's row
// of zeros printed as dashes, and the numbers among them, where page OCR read none of the row
// and so no number it read stands beside them.
bool in_row_of_dashes(const Rect &mark, const std::vector<Rect> &marks);

// Whether `mark` (one of `marks`, clusters of ink no OCR word covers, in pixels) stands in a
// row of lone marks: four or more narrow marks (no wider than two and a half `em`) on its
// level, each more than an `em` from the next, as the columns of a table stand. Page OCR
// sometimes drops a borderless table's whole row of single digits ("0 0 0 0 1 0 1 2"), so no
// number it read stands beside them; prose it missed is one wide cluster, not many apart.
bool in_row_of_lone_marks(const Rect &mark, const std::vector<Rect> &marks, double em);

// Whether `mark` lies on the top or bottom edge of a word's box or beyond it (its centre in
// the outer twelfth of the box's height): Tesseract stretches the boxes of a line of print up
// or down over a row of a table's dashes printed close above or below it, and reads the dashes
// as nothing. A glyph's own stroke, even 二's, lies further in.
bool on_edge_of(const Rect &mark, const Rect &word);

// A word on a line of print, in pixels, with the size of its print (its em, in pixels).
struct WordBox {
  Rect box;
  double em = 0;
};

// Whether `mark` lies in the white between two words of one line that are closer than the
// line's print size (the space a title or a sentence leaves between words): print of those
// words whose boxes OCR drew short (a bold title's 2020 boxed one digit narrower than its
// ink), not a word OCR dropped. A table's dropped value stands columns away from its row's
// other words, further than that.
bool in_word_space(const Rect &mark, const std::vector<WordBox> &words);

// A number Tesseract's Chinese model spelled with the letter O for its zeros ("O", "1O"), as it
// reads a bitonal scan's lone 0 of a borderless table: the word with its O and o as 0 when it
// holds nothing else but digits (and a decimal point or thousands comma); any other word as
// read. Its confidence stays the reading's, so an unsure one is still looked at again.
std::string zeros_read_as_letters(const std::string &word);

// A stretch of pixel columns, [begin, end).
struct ColumnSpan {
  int begin = 0, end = 0;
};

// The pieces of a word's print: `dark` holds the count of dark pixels in each pixel column
// across the word's box; a stretch of columns with no more than a speck in them, wider than
// `min_gap` and inside the print, separates two pieces. Left to right.
std::vector<ColumnSpan> pieces_of_ink(const std::vector<int> &dark, int min_gap);

// The lines of print in a box whose rows of pixels hold `dark` dark pixels each: bands of rows
// with more than `white_at_most`, split where a row has no more, each at least `min_height`
// rows tall (thinner ones, a stroke of 三 or a dot, join the band beside them). Top to bottom;
// one band, or none, where the box holds one line of print.
std::vector<ColumnSpan> lines_of_print(const std::vector<int> &dark, int white_at_most, int min_height);

// A word cut where its print shows wide white (`pieces`: its ink's boxes, page points, left to right):
// Tesseract makes one word of marks far apart on a line (a borderless table's row label and
// its numbers, a row of zero dashes "一一一一一" where five columns stand), and its glyph boxes
// do not always show the gap. Each piece keeps the glyphs whose boxes are centred in it; a
// piece with none, or whose glyphs reach across a gap (its own out of it, another's into it),
// is left out, its ink to be read as a missed word. The word itself when its print is one piece.
std::vector<TextRun> split_at_white(const TextRun &word, const std::vector<Rect> &pieces);

}  // namespace xxgk::ocr
