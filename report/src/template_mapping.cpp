#include "xxgk/report/template_mapping.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/layout/stream.hpp"
#include "xxgk/report/report_text.hpp"
#include "xxgk/report/similarity.hpp"
#include "xxgk/report/template_key.hpp"

namespace xxgk::report {
namespace {

constexpr double match_threshold = 0.6;
// Below this a label match is said to be uncertain (the agency's typo 2.其他法律行政止公开 for
// 2.其他法律行政法规禁止公开 scores 0.82; the corpora's other matches all score 0.95 or more).
constexpr double sure_label_match = 0.85;
// Below this an OCR'd value is reported as doubtful. On the scanned corpus, of values read
// with 0.80-0.85 about one in eighty was wrong (a serif 3 read as 8); above 0.85 the wrong
// ones all sit in failed arithmetic checks.
constexpr double low_confidence = 0.85;
// The score of a value placed by the form's order rather than by its own labels: below
// match_threshold, so that any label match wins over it and it is reported (label_inferred).
constexpr double order_placed_score = 0.3;
// A row label misread by OCR (规 for 规章, 4骨!范性文件 for 行政规范性文件: half its characters
// right) still names its row where the header above names the column surely: the two together
// are a match, said to be uncertain. Under a header read no better, it stays unmatched.
constexpr double misread_row_match = 0.45;

bool is_punctuation(char32_t c) {
  return c == U'：' || c == U':' || c == U'。' || c == U'.' || c == U'，' || c == U',' || c == U'、';
}

// The numbering of a label: 一、 （三） (3) 3. 3、 ; and an unclosed "（三" that a narrow
// cell wrapped away from its "）". Twice where a group's label ran into its first row's (a
// borderless scan's "（六）1.申请人无正当理由…": 其他处理 wrapped away).
std::u32string strip_numbering(std::u32string s) {
  constexpr int group_and_row = 2;
  for (int i = 0; i < group_and_row; ++i) {
    HeadingNumber h = split_heading_number(s);
    if (h.number <= 0) break;
    s = h.rest;
  }
  return s;
}

// OCR's reading of a seal's ring or a stroke of a ruling beside a label: a word of Latin letters
// and marks. No label of the form has one; a word with a digit or a Chinese character is kept.
std::string without_noise_words(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    std::u32string w = to_u32(word);
    bool kept = std::any_of(w.begin(), w.end(), [](char32_t c) { return c >= 0x2E80 || (c >= U'0' && c <= U'9'); });
    if (kept) out.append(word).append(" ");
    i = end + 1;
  }
  return out;
}

}  // namespace

std::u32string label_key(std::string_view text) {
  std::u32string s = strip_numbering(compact(without_noise_words(text)));
  while (!s.empty() && is_punctuation(s.back())) s.pop_back();
  return s;
}

double label_similarity(std::string_view a, std::string_view b) {
  return key_similarity(label_key(a), label_key(b));
}

double key_similarity(const std::u32string &x, const std::u32string &y) {
  if (x.empty() || y.empty()) return 0;
  double score = similarity(x, y);
  const std::u32string &shorter = x.size() <= y.size() ? x : y;
  const std::u32string &longer = x.size() <= y.size() ? y : x;
  // Containment counts for a wording variant (其他 / 其他组织), not for a short word that
  // happens to occur inside a longer label (其他 in 其他法律行政法规禁止公开).
  if (shorter.size() >= 2 && 2 * shorter.size() >= longer.size() && longer.find(shorter) != std::u32string::npos)
    score = std::max(score, 0.75 + 0.25 * static_cast<double>(shorter.size()) / static_cast<double>(longer.size()));
  return score;
}

std::u32string without_remark(const std::u32string &key) {
  if (key.empty() || (key.back() != U'）' && key.back() != U')')) return key;
  size_t open = key.find_last_of(U"（(");
  if (open == std::u32string::npos || open == 0) return key;
  return key.substr(0, open);
}

std::vector<TemplateBlock> template_blocks(const EditionSpec &edition) {
  std::vector<TemplateBlock> blocks;
  auto axes = [](const nlohmann::json &list) {
    std::vector<TemplateAxis> out;
    for (const auto &a : list) {
      std::string label = a.at("label"), parent = a.value("parent", "");
      std::u32string key = label_key(label);
      out.push_back(
          {a.at("id"), label, parent, a.value("type", "integer"), key, label_key(parent), without_remark(key)});
    }
    return out;
  };
  for (const auto &table : edition.tables) {
    std::string id = table.at("id");
    if (table.contains("groups"))
      for (const auto &g : table.at("groups")) blocks.push_back({id, axes(g.at("rows")), axes(g.at("columns"))});
    else
      blocks.push_back({id, axes(table.at("rows")), axes(table.at("columns"))});
  }
  return blocks;
}

std::vector<std::string> template_keys(const EditionSpec &edition) {
  std::vector<std::string> keys;
  for (const TemplateBlock &b : template_blocks(edition))
    for (const TemplateAxis &r : b.rows)
      for (const TemplateAxis &c : b.columns) keys.push_back(template_key(b.table, r.id, c.id));
  return keys;
}

namespace {

using layout::Cell;
using layout::Table;

struct Paths {
  std::vector<std::string> row;     // labels left of the value, outermost first
  std::vector<std::string> column;  // headers above it, top first
};

bool is_template_row_label(const std::vector<TemplateBlock> &blocks, const std::string &text) {
  std::u32string key = label_key(text);
  for (const TemplateBlock &b : blocks)
    for (const TemplateAxis &r : b.rows)
      if (key_similarity(key, r.key) >= 0.85) return true;
  return false;
}

struct AxisMatch {
  const TemplateAxis *axis = nullptr;
  double score = 0;
};

AxisMatch best_axis(const std::vector<TemplateAxis> &axes, const std::vector<std::string> &given, bool header);

// How well a text names any column of the form (a part of it too: a clause and a header read
// as one cell).
double best_axis_of_columns(const std::vector<TemplateBlock> &blocks, const std::string &text) {
  double best = 0;
  for (const TemplateBlock &b : blocks) best = std::max(best, best_axis(b.columns, {text}, true).score);
  return best;
}

// Rows holding values: a number or a zero mark somewhere in them, or a template row's label
// (a row of blanks is still a row of the form).
std::vector<bool> data_rows(const Table &t, const std::vector<TemplateBlock> &blocks) {
  // A row of values has more values than words beyond its labels (at most this many begin in
  // one row of the form: 三、 / （三）不予公开 / 1.属于国家秘密 start together only in that
  // order). A header row with one word misread as a number (a scan's 未 read as 2) is no row
  // of values.
  constexpr int max_labels_in_row = 2;
  // Values stand right of their row's label: marks left of all its words, fewer than its
  // words, are specks or strokes OCR read as a dash (a header line 信息内容 | 本年收费金额…
  // with a '-' before it). Many values before a word are a row of values whose last one OCR
  // misread as a letter (a table without row labels: 0 1 0 … U).
  std::vector<int> first_word(t.rows, t.cols);
  for (const Cell &c : t.cells)
    if (!c.text.empty() && !layout::is_value_text(c.text)) first_word[c.row] = std::min(first_word[c.row], c.col);
  std::vector<int> values(t.rows, 0), words(t.rows, 0), before_words(t.rows, 0);
  for (const Cell &c : t.cells) {
    if (layout::is_value_text(c.text)) {
      ++(first_word[c.row] < t.cols && c.col < first_word[c.row] ? before_words : values)[c.row];
    } else if (!c.text.empty()) {
      ++words[c.row];
    }
  }
  for (int r = 0; r < t.rows; ++r)
    if (before_words[r] >= words[r]) values[r] += before_words[r];
  std::vector<bool> data(t.rows, false);
  for (int r = 0; r < t.rows; ++r) data[r] = values[r] > 0 && values[r] >= words[r] - max_labels_in_row;
  // The row's own label is the words nearest its values: the rightmost text that begins in the
  // row (a group label to its left spans other rows too). It makes a row of the form only with
  // blank slots to its right ("其他" among the header's leaves has none).
  std::vector<const Cell *> label(t.rows, nullptr);
  for (const Cell &c : t.cells)
    if (!c.text.empty() && !layout::is_value_text(c.text) && (!label[c.row] || c.col > label[c.row]->col))
      label[c.row] = &c;
  std::vector<bool> blank_slot(t.rows, false);
  for (const Cell &c : t.cells)
    if (c.text.empty() && label[c.row] && c.col > label[c.row]->col) blank_slot[c.row] = true;
  // Only below the first row of values: above it is the header, where a table without row
  // labels names its rows (行政复议 over a blank slot whose 行政诉讼 a scan lost). Between rows
  // of values, a row of blanks is one even when its label is unreadable (a scan's "3." for
  // 3.其他): the form's order places it. Not a header, which leaves blank slots beside it too:
  // one said again in the table (信息内容 over each group), or naming a column.
  std::map<std::u32string, int> said;
  for (const Cell &c : t.cells)
    if (!c.text.empty()) ++said[label_key(c.text)];
  auto header_like = [&](const std::string &text) {
    std::u32string key = label_key(text);
    return key.size() > 2 && (said[key] > 1 || best_axis_of_columns(blocks, text) >= match_threshold);
  };
  int first_values = static_cast<int>(std::find(data.begin(), data.end(), true) - data.begin());
  int last_values = static_cast<int>(data.rend() - std::find(data.rbegin(), data.rend(), true)) - 1;
  for (int r = first_values + 1; r < t.rows; ++r) {
    if (data[r] || !blank_slot[r]) continue;
    const std::string &text = label[r]->text;
    data[r] = is_template_row_label(blocks, text) || (r < last_values && !header_like(text));
  }
  return data;
}

// Values begin where the row labels end: the median over data rows of the right edge of the
// rightmost label (a column of blanks is still a value column).
int first_value_column(const Table &t, const std::vector<bool> &data) {
  // Labels stand left of a row's values: words right of its first value are a misread value
  // (OCR's 鲁 for a dash), not where the values begin.
  std::vector<int> first_value(t.rows, t.cols);
  for (const Cell &c : t.cells)
    if (layout::is_value_text(c.text)) first_value[c.row] = std::min(first_value[c.row], c.col);
  std::vector<int> label_end(t.rows, 0);
  for (const Cell &c : t.cells)
    if (data[c.row] && !c.text.empty() && !layout::is_value_text(c.text) && c.col < first_value[c.row])
      label_end[c.row] = std::max(label_end[c.row], c.col + c.colspan);
  std::vector<int> ends;
  for (int r = 0; r < t.rows; ++r)
    if (data[r]) ends.push_back(label_end[r]);
  if (ends.empty()) return t.cols;
  std::nth_element(ends.begin(), ends.begin() + ends.size() / 2, ends.end());
  return ends[ends.size() / 2];
}

bool covers(const Cell &c, int row, int col0, int col1) {
  return c.row <= row && c.row + c.rowspan > row && c.col <= col1 && c.col + c.colspan > col0;
}

// A table's cells by grid row, built once per table, so that a value's labels and headers are
// looked for among its own row's and the header rows' cells, not the whole table's: a web
// page's annex of 100,000 cells would otherwise cost the square of that.
struct RowCells {
  std::vector<std::vector<const Cell *>> covering;  // the cells spanning each row, in the table's order
  std::vector<std::vector<const Cell *>> starting;  // the cells whose top row it is, likewise
};

RowCells cells_by_row(const Table &t) {
  RowCells rc{std::vector<std::vector<const Cell *>>(t.rows), std::vector<std::vector<const Cell *>>(t.rows)};
  for (const Cell &c : t.cells) {
    if (c.row < 0 || c.row >= t.rows) continue;
    rc.starting[c.row].push_back(&c);
    for (int r = c.row; r < std::min(t.rows, c.row + c.rowspan); ++r) rc.covering[r].push_back(&c);
  }
  return rc;
}

// The labels left of the value columns in a row, outermost first.
std::vector<std::string> row_labels(const RowCells &rc, int row, int first_value_col) {
  std::vector<std::string> labels;
  for (const Cell *c : rc.covering[row])
    if (c->col < first_value_col && !c->text.empty()) labels.push_back(c->text);
  return labels;
}

Paths paths_of(const RowCells &rc, const Cell &value, const std::vector<bool> &data, int first_value_col) {
  Paths p;
  p.row = row_labels(rc, value.row, first_value_col);
  // The nearest block of header rows above: a grouped table repeats its header per group.
  int r = value.row - 1;
  while (r >= 0 && data[r]) --r;
  int header_end = r;
  while (r >= 0 && !data[r]) --r;
  for (int h = r + 1; h <= header_end; ++h)
    for (const Cell *c : rc.starting[h])
      // A header cell reaching over the label column too is still the value's header (信息内容
      // and 本年处理决定数量 read as one cell where a scan lost the ruling between them).
      if (covers(*c, h, value.col, value.col + value.colspan - 1) && !c->text.empty()) p.column.push_back(c->text);
  return p;
}

// The axis entry best matching any label of the path; a matching parent label adds a little,
// to tell apart entries whose own labels are alike.
// Each way of cutting a label of a few words in two at a space.
std::vector<std::pair<std::string, std::string>> splits_at_words(const std::string &label) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr int max_words = 6;
  if (std::count(label.begin(), label.end(), ' ') >= max_words) return out;
  for (size_t at = label.find(' '); at != std::string::npos; at = label.find(' ', at + 1))
    out.push_back({label.substr(0, at), label.substr(at + 1)});
  return out;
}

// The text after a leading article-and-item clause (第二十条第（五）项…), the way the 主动公开
// table names each group above its column headers; nothing when there is no such clause or
// nothing after it.
std::optional<std::string> after_clause(const std::string &label) {
  std::u32string t = compact(label);
  auto numerals = [&](size_t i) {
    while (i < t.size() &&
           std::u32string_view(U"一二三四五六七八九十百零〇0123456789").find(t[i]) != std::u32string_view::npos)
      ++i;
    return i;
  };
  if (t.empty() || t[0] != U'第') return std::nullopt;
  size_t i = numerals(1);
  if (i == 1 || i >= t.size() || t[i] != U'条') return std::nullopt;
  if (++i < t.size() && t[i] == U'第') ++i;
  bool open = i < t.size() && (t[i] == U'（' || t[i] == U'(');
  size_t j = numerals(i + (open ? 1 : 0));
  if (open && j < t.size() && (t[j] == U'）' || t[j] == U')')) ++j;
  if (j >= t.size() || t[j] != U'项' || j + 1 >= t.size()) return std::nullopt;
  return to_utf8(t.substr(j + 1));
}

AxisMatch best_axis(const std::vector<TemplateAxis> &axes, const std::vector<std::string> &given, bool header) {
  // A label split over rows (a header row broken by a page break: 结果 / 维持) is also tried
  // joined with its neighbours.
  std::vector<std::string> path = given;
  for (size_t i = 0; i + 1 < given.size(); ++i) {
    path.push_back(given[i] + given[i + 1]);
    if (i + 2 < given.size()) path.push_back(given[i] + given[i + 1] + given[i + 2]);
  }
  // Two header lines read as one cell (a borderless scan's 第二十条第（五）项 over
  // 本年处理决定数量) are tried apart, at each break between words. (Not row labels: a part of
  // a long label read badly would outvote the form's order.)
  if (header)
    for (const std::string &label : given) {
      for (auto &[head, tail] : splits_at_words(label)) path.push_back(head), path.push_back(tail);
      // The same with no space between (a text layer's stacked header words joined): the
      // group's clause (第二十条第（五）项) cut off the column's own label.
      if (std::optional<std::string> rest = after_clause(label)) path.push_back(*rest);
    }
  std::vector<std::u32string> keys;
  for (const std::string &label : path) keys.push_back(label_key(label));
  AxisMatch best;
  for (const TemplateAxis &a : axes) {
    double score = 0, parent = 0;
    for (const std::u32string &key : keys) {
      // A remark worded otherwise (（单位：万元，保留4位小数）) counts a little less than none.
      constexpr double remark_reworded = 0.95;
      double own =
          std::max(key_similarity(key, a.key),
                   a.bare_key != a.key ? remark_reworded * key_similarity(without_remark(key), a.bare_key) : 0);
      double as_parent = a.parent.empty() ? 0 : key_similarity(key, a.parent_key);
      parent = std::max(parent, as_parent);
      // The group's label names the group, not its member whose short label it contains
      // (其他 in （六）其他处理): it must not outvote the row's own, misread label.
      if (as_parent <= own) score = std::max(score, own);
    }
    if (parent >= 0.8) score += 0.05;
    if (score > best.score) best = {&a, score};
  }
  return best;
}

struct Candidate {
  std::string key;
  double score;
  const Cell *cell;
  const TemplateAxis *column;
  int block = -1, row = -1, col = -1;  // template block and its row and column indices
  std::string header;                  // the column's header as printed, where it was read
  Placement placed_by = Placement::label_match;
};

// Axis matches already made: the cells of a row share its row path, those of a column its
// header path, so most are asked for many times.
class AxisMemo {
 public:
  AxisMatch best(const std::vector<TemplateAxis> &axes, const std::vector<std::string> &path, bool header) {
    auto [it, inserted] = memo_.try_emplace({&axes, path});
    if (inserted) it->second = best_axis(axes, path, header);
    return it->second;
  }

 private:
  std::map<std::pair<const std::vector<TemplateAxis> *, std::vector<std::string>>, AxisMatch> memo_;
};

// The best key in each template block for a value cell with these paths; under a header
// matched surely, a row label needs `row_needs_under_sure_header` only.
std::vector<Candidate> match_cell(const std::vector<TemplateBlock> &blocks, const Paths &p, const Cell &cell,
                                  AxisMemo &memo, double row_needs_under_sure_header = match_threshold) {
  // A table without row labels (行政复议/行政诉讼) names its rows in the header, above the
  // leaf that names the column.
  std::vector<std::string> row_path = p.row;
  if (row_path.empty() && p.column.size() > 1) row_path.assign(p.column.begin(), p.column.end() - 1);
  std::vector<Candidate> out;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    const TemplateBlock &b = blocks[bi];
    AxisMatch row = memo.best(b.rows, row_path, false);
    AxisMatch col = memo.best(b.columns, p.column, true);
    double row_needs = col.score >= sure_label_match ? row_needs_under_sure_header : match_threshold;
    if (row.score < row_needs || col.score < match_threshold) continue;
    double score = std::min(row.score, 1.0) * std::min(col.score, 1.0) + 0.01 * (row.score + col.score);
    std::string header;
    for (const std::string &h : p.column) header += h;
    out.push_back({template_key(b.table, row.axis->id, col.axis->id), score, &cell, col.axis, static_cast<int>(bi),
                   static_cast<int>(row.axis - b.rows.data()), static_cast<int>(col.axis - b.columns.data()), header});
  }
  return out;
}

// Rows of printed values that nothing placed, neither their labels nor the form's order,
// matched again with their labels taken as misread (misread_row_match: 规 for 规章), to the
// form's rows nothing else in the table took. The form's order goes first: a label OCR ran
// together with the next one's (4.无正当理由大量反复申请 5.要求行政机关确认…) half matches the
// next row, where its neighbours place it right.
std::vector<Candidate> misread_label_candidates(const Table &t, std::map<const Cell *, Paths> &paths,
                                                const std::vector<Candidate> &found,
                                                const std::vector<Candidate> &inferred, const std::set<int> &unmatched,
                                                const std::set<int> &group_rows, int first_value_col,
                                                const std::vector<TemplateBlock> &blocks, AxisMemo &memo) {
  std::set<int> placed_rows;
  std::set<std::pair<int, int>> taken;
  for (const auto *list : {&found, &inferred})
    for (const Candidate &c : *list) {
      placed_rows.insert(c.cell->row);
      taken.insert({c.block, c.row});
    }
  std::vector<Candidate> out;
  for (const Cell &c : t.cells) {
    if (!unmatched.count(c.row) || placed_rows.count(c.row) || group_rows.count(c.row) || c.col < first_value_col)
      continue;
    for (const Candidate &weak : match_cell(blocks, paths[&c], c, memo, misread_row_match))
      if (!taken.count({weak.block, weak.row})) out.push_back(weak);
  }
  return out;
}

// A row label that is a group's own label (（六）其他处理 over its sub-rows) names no row of
// this edition: the report printed the other edition's single row.
bool is_group_label(const std::vector<TemplateBlock> &blocks, const std::string &label) {
  std::u32string key = label_key(label);
  double as_parent = 0, as_row = 0;
  for (const TemplateBlock &b : blocks)
    for (const TemplateAxis &r : b.rows) {
      as_row = std::max(as_row, key_similarity(key, r.key));
      if (!r.parent.empty()) as_parent = std::max(as_parent, key_similarity(key, r.parent_key));
    }
  return as_parent >= 0.9 && as_parent > as_row;
}

using Slot = std::pair<int, int>;  // template block, index within its rows or columns

// The key with the most votes (the first of equals).
template <typename Key>
Key most_voted(const std::map<Key, int> &tally) {
  return std::max_element(tally.begin(), tally.end(), [](const auto &a, const auto &b) { return a.second < b.second; })
      ->first;
}

// The template slot most candidates give each grid row (or column).
std::map<int, Slot> votes(const std::vector<Candidate> &found, bool by_row) {
  std::map<int, std::map<Slot, int>> counts;
  for (const Candidate &c : found) {
    int at = by_row ? c.cell->row : c.cell->col;
    ++counts[at][{c.block, by_row ? c.row : c.col}];
  }
  std::map<int, Slot> out;
  for (const auto &[at, tally] : counts) out[at] = most_voted(tally);
  return out;
}

// A grid row or column whose label could not be read (a scan's misread header, a mangled row
// label) takes the slot between its neighbours' when they leave exactly one: the form's order.
void infer_between(std::map<int, Slot> &known, const std::vector<int> &positions,
                   const std::vector<TemplateBlock> &blocks, bool rows) {
  std::set<Slot> taken;
  for (const auto &k : known) taken.insert(k.second);
  for (size_t i = 0; i < positions.size(); ++i) {
    int at = positions[i];
    if (known.count(at)) continue;
    const Slot *before = i > 0 && known.count(positions[i - 1]) ? &known.at(positions[i - 1]) : nullptr;
    const Slot *after =
        i + 1 < positions.size() && known.count(positions[i + 1]) ? &known.at(positions[i + 1]) : nullptr;
    std::optional<Slot> guess;
    if (before && after && before->first == after->first && after->second - before->second == 2)
      guess = Slot{before->first, before->second + 1};
    else if (before && !after)
      guess = Slot{before->first, before->second + 1};
    else if (after && !before)
      guess = Slot{after->first, after->second - 1};
    if (!guess || guess->second < 0) continue;
    const TemplateBlock &b = blocks[guess->first];
    if (guess->second >= static_cast<int>(rows ? b.rows.size() : b.columns.size())) continue;
    if (taken.insert(*guess).second) known[at] = *guess;
  }
}

// The template row best matching a path of row labels, over all blocks.
std::optional<Slot> best_row(const std::vector<TemplateBlock> &blocks, const std::vector<std::string> &path) {
  AxisMatch best;
  int best_block = -1;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    AxisMatch m = best_axis(blocks[bi].rows, path, false);
    if (m.score > best.score) best = m, best_block = static_cast<int>(bi);
  }
  if (best.score < match_threshold) return std::nullopt;
  return Slot{best_block, static_cast<int>(best.axis - blocks[best_block].rows.data())};
}

// A column slot seen in one block of a grouped table, in another block: the column of that
// block with the same header (上一年项目数量 heads a column in every group that has one). A
// group whose own header a scan lost takes it from the groups above and below.
std::optional<Slot> same_header_in(const std::vector<TemplateBlock> &blocks, Slot column, int block) {
  if (column.first == block) return column;
  const std::string &label = blocks[column.first].columns[column.second].label;
  const std::vector<TemplateAxis> &columns = blocks[block].columns;
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].label == label) return Slot{block, static_cast<int>(i)};
  return std::nullopt;
}

// Grid rows with a label of their own left of the values.
std::set<int> labelled_rows(const Table &t, int first_value_col) {
  std::set<int> labelled;
  for (const Cell &c : t.cells)
    if (c.col < first_value_col && !c.text.empty())
      for (int r = c.row; r < c.row + c.rowspan; ++r) labelled.insert(r);
  return labelled;
}

// The candidates of each grid row, in the order found.
std::vector<std::vector<const Candidate *>> candidates_by_row(const Table &t, const std::vector<Candidate> &found) {
  std::vector<std::vector<const Candidate *>> out(t.rows);
  for (const Candidate &c : found)
    if (c.cell->row >= 0 && c.cell->row < t.rows) out[c.cell->row].push_back(&c);
  return out;
}

// Candidates for the value cells no label matched, from the inferred slots of their row and
// column; scored low, so a real match always wins, and reported.
std::vector<Candidate> inferred_candidates(const Table &t, const RowCells &rc, const std::vector<Candidate> &found,
                                           const std::vector<TemplateBlock> &blocks, const std::vector<bool> &data,
                                           int first_value_col, const std::set<int> &group_rows) {
  std::map<int, Slot> row_slots = votes(found, true), col_slots = votes(found, false);
  std::set<int> in_form_order;  // grid columns given their slots by the form's column order alone
  std::vector<int> data_rows_at, value_cols;
  // The other edition's group rows are reported as such, never placed by order.
  for (int r = 0; r < t.rows; ++r)
    if (data[r] && !group_rows.count(r)) data_rows_at.push_back(r);
  for (int c = first_value_col; c < t.cols; ++c) value_cols.push_back(c);
  // Rows named by their own labels, where no cell of theirs matched (headers unreadable).
  for (int r : data_rows_at) {
    if (row_slots.count(r)) continue;
    if (std::optional<Slot> slot = best_row(blocks, row_labels(rc, r, first_value_col))) row_slots[r] = *slot;
  }
  // No column label read at all: the form fixes the column order, so a grid with exactly the
  // template table's number of value columns takes them in order.
  if (col_slots.empty() && !row_slots.empty()) {
    std::map<int, int> block_votes;
    for (const auto &[r, slot] : row_slots) ++block_votes[slot.first];
    int block = most_voted(block_votes);
    if (blocks[block].columns.size() == value_cols.size())
      for (size_t i = 0; i < value_cols.size(); ++i) {
        col_slots[value_cols[i]] = {block, static_cast<int>(i)};
        in_form_order.insert(value_cols[i]);
      }
  }
  infer_between(row_slots, data_rows_at, blocks, true);
  // Columns again until none is added: two unreadable headers side by side (a scan's stacked
  // 自然人 and 商业企业) are placed one from the other. (Rows once: a row the agency added
  // must not shift the rest.)
  for (size_t known = 0; known != col_slots.size();) {
    known = col_slots.size();
    infer_between(col_slots, value_cols, blocks, false);
  }
  std::set<const Cell *> matched;
  for (const Candidate &c : found) matched.insert(c.cell);
  // A grid row without labels holds several rows of the form, named in the header: one slot
  // for all of it would be wrong (header_named_candidates places those).
  std::set<int> labelled = labelled_rows(t, first_value_col);
  std::vector<Candidate> out;
  for (const Cell &c : t.cells) {
    if (matched.count(&c) || !data[c.row] || c.col < first_value_col || !labelled.count(c.row)) continue;
    if (!row_slots.count(c.row) || !col_slots.count(c.col)) continue;
    Slot r = row_slots.at(c.row);
    std::optional<Slot> k = same_header_in(blocks, col_slots.at(c.col), r.first);
    if (!k) continue;
    const TemplateBlock &b = blocks[r.first];
    Placement how = in_form_order.count(c.col) ? Placement::column_order : Placement::between_neighbours;
    out.push_back({template_key(b.table, b.rows[r.second].id, b.columns[k->second].id), order_placed_score, &c,
                   &b.columns[k->second], r.first, r.second, k->second, "", how});
  }
  return out;
}

// Candidates for a table that names its rows in the header (行政复议 / 行政诉讼 over their
// columns), where one column's own header could not be read ("结果全"): the row is known from
// the header, the column from its neighbours in that row, by the form's order. Matched cells
// get one too: a header read as a fragment ("结果" for 结果纠正) matches its neighbour's slot
// as well as its own, loses it, and is then placed by order.
std::vector<Candidate> header_named_candidates(const Table &t, const RowCells &rc, const std::vector<Candidate> &found,
                                               const std::vector<TemplateBlock> &blocks, const std::vector<bool> &data,
                                               int first_value_col) {
  std::set<int> labelled = labelled_rows(t, first_value_col);
  std::vector<std::vector<const Candidate *>> found_in_row = candidates_by_row(t, found);
  std::vector<Candidate> out;
  for (const Cell &c : t.cells) {
    if (!data[c.row] || c.col < first_value_col || labelled.count(c.row)) continue;
    Paths p = paths_of(rc, c, data, first_value_col);
    if (!p.row.empty() || p.column.size() < 2) continue;
    std::vector<std::string> row_path(p.column.begin(), p.column.end() - 1);
    std::optional<Slot> row = best_row(blocks, row_path);
    if (!row) continue;
    std::optional<int> left, right;  // column indices of the matched neighbours in that row
    for (const Candidate *n : found_in_row[c.row]) {
      if (n->block != row->first || n->row != row->second) continue;
      if (n->cell->col + n->cell->colspan == c.col) left = n->col;
      if (c.col + c.colspan == n->cell->col) right = n->col;
    }
    std::optional<int> col = left    ? std::optional<int>(*left + 1)
                             : right ? std::optional<int>(*right - 1)
                                     : std::nullopt;
    if (!col || (left && right && *right - *left != 2)) continue;
    const TemplateBlock &b = blocks[row->first];
    if (*col < 0 || *col >= static_cast<int>(b.columns.size())) continue;
    out.push_back({template_key(b.table, b.rows[row->second].id, b.columns[*col].id), order_placed_score, &c,
                   &b.columns[*col], row->first, row->second, *col, "", Placement::header_named});
  }
  return out;
}

// Header cells that name a row of the form well (行政复议 over five columns): the grid row each
// stands in and the template block of the row it names.
std::vector<std::pair<int, int>> rows_named_in_cells(const Table &t, const std::vector<TemplateBlock> &blocks) {
  constexpr double names_a_row = 0.85;
  std::map<std::string, std::optional<int>> block_named;  // by text: a header repeats per group
  std::vector<std::pair<int, int>> out;
  for (const Cell &c : t.cells) {
    if (c.text.empty()) continue;
    auto [it, inserted] = block_named.try_emplace(c.text);
    if (inserted)
      if (std::optional<Slot> named = best_row(blocks, {c.text}))
        if (key_similarity(label_key(c.text), blocks[named->first].rows[named->second].key) >= names_a_row)
          it->second = named->first;
    if (it->second) out.push_back({c.row, *it->second});
  }
  return out;
}

// rows_named_in_cells, found when first asked for.
using RowsNamed = std::function<const std::vector<std::pair<int, int>> &()>;

// The template block a label-free row belongs to: the one most of its label matches name; with
// none, the one whose row names the header above it bears (行政复议 over five columns).
std::optional<int> block_of_row(int row, const std::vector<const Candidate *> &found_in_row,
                                const RowsNamed &rows_named) {
  std::map<int, int> votes;
  for (const Candidate *c : found_in_row) ++votes[c->block];
  if (votes.empty())
    for (const auto &[named_in, block] : rows_named())
      if (named_in < row) ++votes[block];
  if (votes.empty()) return std::nullopt;
  return most_voted(votes);
}

// No label match or row name says which table a label-free row is of (a skewed scan's review
// table lost 行政复议 / 行政诉讼 to the table above): the one template table it fills exactly,
// where the header above it prints some of that table's column labels.
std::optional<int> block_filled_by(const RowCells &rc, int row, size_t cells,
                                   const std::vector<TemplateBlock> &blocks) {
  std::optional<int> only;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (slot_count(blocks[i]) != cells) continue;
    if (only) return std::nullopt;
    only = static_cast<int>(i);
  }
  if (!only) return std::nullopt;
  std::set<std::string> labels, printed;
  for (const TemplateAxis &c : blocks[static_cast<size_t>(*only)].columns) labels.insert(c.label);
  for (int r = 0; r < row; ++r)
    for (const Cell *c : rc.starting[static_cast<size_t>(r)])
      if (labels.count(c->text)) printed.insert(c->text);
  constexpr size_t labels_naming_it = 2;  // one could be a neighbour's (总计)
  if (printed.size() < labels_naming_it) return std::nullopt;
  return only;
}

// A row of values without labels of its own (行政复议 / 行政诉讼 name its rows in the header)
// holding exactly as many cells as a template table has slots: the form fixes their order, so
// each cell's slot is its place in the row. Taken when most label matches in the row agree
// with that order (a scan's garbled stacked header matches a few cells to a neighbour's slot,
// or to none; a match naming the right column under another row's header is no vote); the
// cells whose labels said otherwise or nothing are then placed by order.
// Returns the row's cells with their slots in order, or nothing when the order is not borne out.
std::vector<Candidate> ordered_row(const RowCells &rc, int row, const std::vector<const Candidate *> &found_in_row,
                                   const std::vector<TemplateBlock> &blocks, int first_value_col,
                                   const RowsNamed &rows_named) {
  std::vector<const Cell *> cells;
  for (const Cell *c : rc.starting[row])
    if (c->col >= first_value_col) cells.push_back(c);
  bool fills_a_block =
      std::any_of(blocks.begin(), blocks.end(), [&](const TemplateBlock &b) { return cells.size() == slot_count(b); });
  if (!fills_a_block) return {};
  std::sort(cells.begin(), cells.end(), [](const Cell *a, const Cell *b) { return a->col < b->col; });
  std::optional<int> table = block_of_row(row, found_in_row, rows_named);
  auto fills = [&](int i) { return cells.size() == slot_count(blocks[i]); };
  if (!table || !fills(*table)) table = block_filled_by(rc, row, cells.size(), blocks);
  if (!table) return {};
  int block = *table;
  bool matched_any = !found_in_row.empty();
  const TemplateBlock &b = blocks[block];
  size_t width = b.columns.size();
  std::map<const Cell *, size_t> place;
  for (size_t i = 0; i < cells.size(); ++i) place[cells[i]] = i;
  // A label matching slots of two tables (总计) is one vote, for the row's table.
  std::set<const Cell *> in_block;
  for (const Candidate *c : found_in_row)
    if (c->block == block) in_block.insert(c->cell);
  int agree = 0, disagree = 0;
  for (const Candidate *c : found_in_row) {
    if (c->block != block && in_block.count(c->cell)) continue;
    size_t i = place.at(c->cell);
    bool same_column = c->block == block && static_cast<size_t>(c->col) == i % width;
    bool same_row = static_cast<size_t>(c->row) == i / width;
    // The right column under another row's header (结果维持 under a 行政复议 read as spanning
    // 行政诉讼's columns too): the header's span is in doubt, not the order. No vote.
    if (same_column && !same_row) continue;
    (same_column ? agree : disagree) += 1;
  }
  if (matched_any && agree <= disagree) return {};
  std::vector<Candidate> out;
  for (size_t i = 0; i < cells.size(); ++i) {
    int r = static_cast<int>(i / width), k = static_cast<int>(i % width);
    out.push_back({template_key(b.table, b.rows[r].id, b.columns[k].id), order_placed_score, cells[i], &b.columns[k],
                   block, r, k, "", Placement::row_order});
  }
  return out;
}

// A grid with exactly as many value columns as the template block its values match, whose
// header matches mostly agree with the form's column order but not all (a scan's stacked leaves
// run together, "法律其他" over 法律服务机构, matched to 其他组织): the form fixes the order, so
// the columns that disagree or matched nothing take their place in it. Their label matches are
// dropped from `found`, and each of their cells in a row whose slot is known is placed by order
// (column_order, reported label_inferred). Nothing changes where every column agrees.
std::vector<Candidate> columns_in_form_order(const Table &t, const RowCells &rc, std::vector<Candidate> &found,
                                             const std::vector<TemplateBlock> &blocks, int first_value_col) {
  std::map<int, Slot> col_slots = votes(found, false), row_slots = votes(found, true);
  std::map<int, int> block_votes;
  for (const auto &[col, slot] : col_slots) ++block_votes[slot.first];
  if (block_votes.empty()) return {};
  int block = most_voted(block_votes);
  const TemplateBlock &b = blocks[static_cast<size_t>(block)];
  int width = t.cols - first_value_col;
  if (width != static_cast<int>(b.columns.size())) return {};
  std::set<int> out_of_order;  // grid columns
  int agree = 0;
  for (int i = 0; i < width; ++i) {
    auto slot = col_slots.find(first_value_col + i);
    bool same = slot != col_slots.end() && slot->second == Slot{block, i};
    if (same)
      ++agree;
    else
      out_of_order.insert(first_value_col + i);
  }
  // Most columns borne out by their own headers, and at least one of them not.
  if (out_of_order.empty() || agree <= width / 2) return {};
  std::erase_if(found, [&](const Candidate &c) { return c.block == block && out_of_order.count(c.cell->col); });
  std::vector<Candidate> out;
  for (int col : out_of_order)
    for (int row = 0; row < t.rows; ++row) {
      auto r = row_slots.find(row);
      if (r == row_slots.end() || r->second.first != block) continue;
      for (const Cell *c : rc.starting[static_cast<size_t>(row)]) {
        if (c->col != col || c->colspan != 1) continue;
        int k = col - first_value_col;
        out.push_back({template_key(b.table, b.rows[r->second.second].id, b.columns[k].id), order_placed_score, c,
                       &b.columns[k], block, r->second.second, k, "", Placement::column_order});
      }
    }
  return out;
}

// Rows placed by order (ordered_row) keep only the label matches that agree with their order;
// the other cells of such a row take their slot by order. (Each row's order is decided on its
// own candidates, which no other row's removes, so all rows are decided first.)
void place_label_free_rows(const Table &t, const RowCells &rc, std::vector<Candidate> &found,
                           std::vector<Candidate> &inferred, const std::vector<TemplateBlock> &blocks,
                           const std::vector<bool> &data, int first_value_col) {
  std::set<int> labelled = labelled_rows(t, first_value_col);
  std::vector<std::vector<const Candidate *>> found_in_row = candidates_by_row(t, found);
  std::optional<std::vector<std::pair<int, int>>> rows_named;
  RowsNamed named = [&]() -> const std::vector<std::pair<int, int>> & {
    if (!rows_named) rows_named = rows_named_in_cells(t, blocks);
    return *rows_named;
  };
  std::vector<Candidate> ordered;
  for (int row = 0; row < t.rows; ++row) {
    if (!data[row] || labelled.count(row)) continue;
    std::vector<Candidate> in_row = ordered_row(rc, row, found_in_row[row], blocks, first_value_col, named);
    ordered.insert(ordered.end(), in_row.begin(), in_row.end());
  }
  if (ordered.empty()) return;
  std::map<const Cell *, std::string> key_of;
  for (const Candidate &c : ordered) key_of[c.cell] = c.key;
  auto contradicted = [&](const Candidate &c) { return key_of.count(c.cell) && key_of.at(c.cell) != c.key; };
  found.erase(std::remove_if(found.begin(), found.end(), contradicted), found.end());
  inferred.erase(std::remove_if(inferred.begin(), inferred.end(), contradicted), inferred.end());
  std::set<const Cell *> kept;
  for (const Candidate &c : found) kept.insert(c.cell);
  for (const Candidate &c : ordered)
    if (!kept.count(c.cell)) inferred.push_back(c);
}

MappedValue mapped(const Cell &cell, double score) {
  normalize::ParsedNumber n = normalize::parse_number(cell.text);
  MappedValue v;
  v.raw = cell.text;
  v.kind = n.kind;
  if (n.kind != normalize::NumberKind::invalid) v.value = n.value;
  v.unit = n.unit;
  v.page = cell.page;
  v.bbox = cell.bbox;
  v.confidence = cell.confidence;
  v.other_reading = cell.other_reading;
  v.label_score = std::min(score, 1.0);
  return v;
}

// An amount printed in another unit of money than the form counts in (元 in a cell, or
// （单位：元） over its column, where the form says 万元) is converted, and the reader told.
void convert_money(MappedValue &v, const Candidate &c, std::vector<Warning> &warnings) {
  if (v.unit.empty()) v.unit = normalize::money_unit_in_label(c.header);
  std::string form_unit = normalize::money_unit_in_label(c.column->label);
  double factor = normalize::money_unit_factor(v.unit, form_unit);
  if (!v.value || factor == 0 || factor == 1) return;
  double printed = *v.value;
  v.value = printed * factor;
  warnings.push_back({"unit_converted",
                      "printed in " + v.unit + " ('" + v.raw + "'); the form counts " + form_unit + ": converted",
                      v.page, c.key});
}

// A count is a whole number, and never negative where the form does not ask for a change
// (本年增/减 is "signed"); an amount is any number.
void check_type(const MappedValue &v, const Candidate &c, std::vector<Warning> &warnings) {
  if (!v.value || v.kind != normalize::NumberKind::number || c.column->type == "decimal") return;
  bool whole = *v.value == std::floor(*v.value);
  bool sign_ok = c.column->type == "signed" || *v.value >= 0;
  if (whole && sign_ok) return;
  warnings.push_back({"value_type",
                      "'" + v.raw + "' in a column of " +
                          (c.column->type == "signed" ? "whole numbers" : "counts (whole numbers, not negative)"),
                      v.page, c.key});
}

// Where a column of the form stands on the page: the value cells a table's headers placed in it.
struct ColumnPlace {
  Slot slot;
  double x0 = 0, x1 = 0, center = 0;
  double score = 0;  // how surely its column was known: its best value's label score
  const TemplateAxis *axis = nullptr;
  std::string header;
};

// The columns of a table's values by where they stand, as its headers named them or the form's
// order placed them: each cell counted once, in the key it matches best.
std::vector<ColumnPlace> column_places(const std::vector<Candidate> &found, const std::vector<TemplateBlock> &blocks) {
  std::map<const Cell *, const Candidate *> best;
  for (const Candidate &c : found)
    if (!best.count(c.cell) || c.score > best[c.cell]->score) best[c.cell] = &c;
  std::map<Slot, std::vector<const Candidate *>> by_slot;
  for (const auto &[cell, c] : best) by_slot[{c->block, c->col}].push_back(c);
  std::vector<ColumnPlace> out;
  for (const auto &[slot, list] : by_slot) {
    ColumnPlace place{slot,
                      list.front()->cell->bbox.x0,
                      list.front()->cell->bbox.x1,
                      0,
                      0,
                      &blocks[slot.first].columns[slot.second],
                      list.front()->header};
    std::vector<double> centers;
    for (const Candidate *c : list) {
      place.score = std::max(place.score, c->score);
      place.x0 = std::min(place.x0, c->cell->bbox.x0);
      place.x1 = std::max(place.x1, c->cell->bbox.x1);
      centers.push_back(c->cell->bbox.center_x());
    }
    std::nth_element(centers.begin(), centers.begin() + centers.size() / 2, centers.end());
    place.center = centers[centers.size() / 2];
    out.push_back(place);
  }
  return out;
}

// The values of a table that lost its header (a scan's table broken in two by an unreadable
// row; a table continued without its header on the next page) under the columns of the table
// before it: each value's row by its label, its column by where it stands under that table's
// headers (the column whose values' extent holds its centre, the nearest centre of those), not
// by how many values came before it in its row. Only rows of the blocks the columns belong to;
// a column the table above knew only by the form's order is as unsure here (label_inferred).
std::vector<Candidate> candidates_under(const Table &t, const RowCells &rc, const std::vector<ColumnPlace> &places,
                                        const std::vector<TemplateBlock> &blocks, const std::vector<bool> &data,
                                        int first_value_col, AxisMemo &memo) {
  std::vector<Candidate> out;
  for (const Cell &c : t.cells) {
    if (!data[c.row] || c.col < first_value_col) continue;
    Paths p = paths_of(rc, c, data, first_value_col);
    if (p.row.empty() || is_group_label(blocks, p.row.back())) continue;
    std::optional<Slot> row = best_row(blocks, p.row);
    if (!row) continue;
    const ColumnPlace *under = nullptr;
    double x = c.bbox.center_x();
    for (const ColumnPlace &place : places)
      if (place.slot.first == row->first && place.x0 <= x && x <= place.x1 &&
          (!under || std::abs(place.center - x) < std::abs(under->center - x)))
        under = &place;
    if (!under) continue;
    const TemplateBlock &b = blocks[row->first];
    double score = std::min({memo.best(b.rows, p.row, false).score, 1.0, under->score});
    out.push_back({template_key(b.table, b.rows[row->second].id, under->axis->id), score, &c, under->axis, row->first,
                   row->second, under->slot.second, under->header, Placement::under_columns_above});
  }
  return out;
}

// What a placement rests on, said in a warning.
const char *how_placed(Placement p) {
  switch (p) {
    case Placement::label_match: return "its own labels";  // never said: no label_inferred
    case Placement::under_columns_above: return "where it stands under the headers of the table before";
    case Placement::between_neighbours: return "the slot its row's and column's neighbours leave";
    case Placement::column_order: return "no header read, the form's columns taken in order";
    case Placement::header_named: return "the column beside a matched one in a row named by the header";
    case Placement::row_order: return "its place in a row holding all of a table's slots";
  }
  return "";
}

}  // namespace

const char *to_string(Placement p) {
  switch (p) {
    case Placement::label_match: return "label_match";
    case Placement::under_columns_above: return "under_columns_above";
    case Placement::between_neighbours: return "between_neighbours";
    case Placement::column_order: return "column_order";
    case Placement::header_named: return "header_named";
    case Placement::row_order: return "row_order";
  }
  return "";
}

// A table with more cells than this is none of the form's: a web page's document index or
// statistics annex. The form printed whole as one grid holds each key's cell, a label per row
// and a few header rows; a lattice grid splits some of them further. Eight times the form's
// keys leaves room for all of that (the corpora's largest tables hold under twice as many).
size_t form_cells_at_most(const std::vector<TemplateBlock> &blocks) {
  constexpr size_t room = 8;
  size_t keys = 0;
  for (const TemplateBlock &b : blocks) keys += slot_count(b);
  return room * keys;
}

// A row printed as the other edition's form has it: a single row where this one has sub-rows
// (the 2019 form's （六）其他处理 in a 2021 table). Its values belong to no key of this form.
std::string other_edition_row(const std::string &edition) {
  std::string other = edition == "2021" ? "2019" : "2021";
  return "a row of the " + other + " form: the " + edition + " form splits it into sub-rows, which are left empty";
}

TemplateValues map_to_template(const std::vector<Table> &tables, const EditionSpec &edition) {
  std::vector<TemplateBlock> blocks = template_blocks(edition);
  TemplateValues out;
  std::vector<Candidate> candidates;
  AxisMemo memo;
  std::vector<ColumnPlace> columns_above;       // of the last table whose headers named its columns
  std::map<const Cell *, Paths> printed_paths;  // of every value cell, for the values' provenance
  const size_t largest_table_cells = form_cells_at_most(blocks);
  for (const Table &t : tables) {
    if (t.cells.size() > largest_table_cells) {
      out.warnings.push_back({"table_set_aside",
                              "a table of " + std::to_string(t.rows) + " rows and " + std::to_string(t.cols) +
                                  " columns (" + std::to_string(t.cells.size()) +
                                  " cells) is far larger than any table of the form: not read as one",
                              t.parts.empty() ? 0 : t.parts.front().page, ""});
      continue;
    }
    RowCells rc = cells_by_row(t);
    std::vector<bool> data = data_rows(t, blocks);
    int first_value_col = first_value_column(t, data);
    std::set<int> unmatched, matched, group_rows;
    size_t table_start = candidates.size();
    for (const Cell &c : t.cells) {
      if (!data[c.row] || c.col < first_value_col) continue;
      const Paths &p = printed_paths[&c] = paths_of(rc, c, data, first_value_col);
      if (!p.row.empty() && is_group_label(blocks, p.row.back())) {
        unmatched.insert(c.row);
        group_rows.insert(c.row);
        continue;
      }
      std::vector<Candidate> found = match_cell(blocks, p, c, memo);
      // A blank slot with no header of its own is no cell of the form (a spanning value's
      // neighbour in a grouped table); a printed value that matches nothing is reported.
      if (found.empty() && !p.row.empty() && !c.text.empty()) unmatched.insert(c.row);
      if (!found.empty()) matched.insert(c.row);
      candidates.insert(candidates.end(), found.begin(), found.end());
    }
    std::vector<Candidate> table_found(candidates.begin() + static_cast<long>(table_start), candidates.end());
    candidates.resize(table_start);
    bool under_columns_above = false;
    if (table_found.empty() && !columns_above.empty()) {
      table_found = candidates_under(t, rc, columns_above, blocks, data, first_value_col, memo);
      for (const Candidate &c : table_found) matched.insert(c.cell->row);
      under_columns_above = !table_found.empty();
    }
    std::vector<Candidate> by_order = columns_in_form_order(t, rc, table_found, blocks, first_value_col);
    std::vector<Candidate> inferred =
        inferred_candidates(t, rc, table_found, blocks, data, first_value_col, group_rows);
    inferred.insert(inferred.end(), by_order.begin(), by_order.end());
    std::vector<Candidate> by_header = header_named_candidates(t, rc, table_found, blocks, data, first_value_col);
    inferred.insert(inferred.end(), by_header.begin(), by_header.end());
    place_label_free_rows(t, rc, table_found, inferred, blocks, data, first_value_col);
    std::vector<Candidate> misread = misread_label_candidates(t, printed_paths, table_found, inferred, unmatched,
                                                              group_rows, first_value_col, blocks, memo);
    table_found.insert(table_found.end(), misread.begin(), misread.end());
    for (const Candidate &c : misread) matched.insert(c.cell->row);
    if (!under_columns_above && !(table_found.empty() && inferred.empty())) {
      std::vector<Candidate> placed = table_found;
      placed.insert(placed.end(), inferred.begin(), inferred.end());
      columns_above = column_places(placed, blocks);
    }
    candidates.insert(candidates.end(), table_found.begin(), table_found.end());
    for (const Candidate &c : inferred) {
      candidates.push_back(c);
      matched.insert(c.cell->row);
    }
    for (int r : matched)
      if (!(unmatched.count(r) && !matched.count(r))) unmatched.erase(r);
    for (int r : unmatched) {
      UnmatchedRow row;
      for (const Cell *c : rc.starting[r]) {
        if (c->col < first_value_col)
          row.label += (row.label.empty() ? "" : " ") + c->text;
        else
          row.cells.push_back(c->text);
        row.page = c->page;
      }
      row.reason = is_group_label(blocks, row.label) ? other_edition_row(edition.edition) : "no template row";
      out.unmatched_rows.push_back(row);
    }
  }
  // At equal scores a printed value wins over a blank slot: under a header spanning several
  // grid columns, the blank beside the value is no cell of the form. A number wins over words,
  // and a sure reading over an unsure one: a scan's stacked header whose last line was cut
  // into a row of its own (维持 审结, a glyph of it read as 3) stands over the row of values
  // under the same labels.
  auto printed = [](const Candidate &c) { return !c.cell->text.empty(); };
  auto number = [](const Candidate &c) { return layout::is_value_text(c.cell->text); };
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
    if (a.score != b.score) return a.score > b.score;
    if (printed(a) != printed(b)) return printed(a);
    if (number(a) != number(b)) return number(a);
    return a.cell->confidence > b.cell->confidence;
  });
  // Keys each cell matches at its best score: more than one is a tie the order broke.
  std::map<const Cell *, std::set<std::string>> best_keys;
  std::map<const Cell *, double> best_score;
  for (const Candidate &c : candidates) {
    auto [it, first] = best_score.try_emplace(c.cell, c.score);
    if (first || c.score == it->second) best_keys[c.cell].insert(c.key);
  }
  std::set<const Cell *> used;
  std::map<const Cell *, const Candidate *> lost;  // a printed value whose best key another took
  for (const Candidate &c : candidates) {
    if (used.count(c.cell)) continue;
    if (out.values.count(c.key)) {
      if (layout::is_value_text(c.cell->text)) lost.try_emplace(c.cell, &c);
      continue;
    }
    used.insert(c.cell);
    MappedValue v = mapped(*c.cell, c.score);
    v.placed_by = c.placed_by;
    if (auto printed = printed_paths.find(c.cell); printed != printed_paths.end()) {
      v.row_labels = printed->second.row;
      v.column_labels = printed->second.column;
    }
    convert_money(v, c, out.warnings);
    check_type(v, c, out.warnings);
    // Placed by the form's order (or under columns the table above knew only so); a weak match
    // of its own two labels (their product under match_threshold) is uncertain, not inferred.
    if (c.placed_by != Placement::label_match && c.score < match_threshold)
      out.warnings.push_back(
          {"label_inferred",
           std::string("row or column label unreadable; placed by the form's order: ") + how_placed(c.placed_by),
           v.page, c.key});
    else if (c.score < sure_label_match)
      out.warnings.push_back({"label_uncertain",
                              "its row and column labels match the form's only at " +
                                  std::to_string(static_cast<int>(c.score * 100)) + "%",
                              v.page, c.key});
    if (best_keys[c.cell].size() > 1 && c.score >= match_threshold)
      out.warnings.push_back({"label_tie",
                              "its labels match " + std::to_string(best_keys[c.cell].size()) +
                                  " keys of the form equally well; the form's order chose this one",
                              v.page, c.key});
    // Ink OCR could not read is no blank: its value is unknown (a number under a seal's ring).
    bool unread_ink = v.raw.empty() && v.confidence < low_confidence;
    if (unread_ink) {
      v.value.reset();
      v.kind = normalize::NumberKind::invalid;
      out.warnings.push_back({"value_unreadable", "OCR found marks in this cell but could not read them: unknown",
                              v.page, c.key, v.confidence});
    } else if (!v.other_reading.empty()) {
      out.warnings.push_back({"low_confidence",
                              "two readings of its cell disagree: '" + v.raw + "' (kept) and '" + v.other_reading + "'",
                              v.page, c.key, v.confidence});
    } else if (v.confidence < low_confidence) {
      out.warnings.push_back(
          {"low_confidence",
           "OCR read '" + v.raw + "' with confidence " + std::to_string(static_cast<int>(v.confidence * 100)) + "%",
           v.page, c.key, v.confidence});
    }
    if (v.kind == normalize::NumberKind::invalid && !unread_ink)
      out.warnings.push_back({"value_unreadable", "'" + v.raw + "' is not a number", v.page, c.key});
    out.values[c.key] = v;
  }
  // Two cells for one key: the one kept is said to be in doubt, and the other's number named, so
  // that it appears somewhere (two tables read as the same part of the form).
  for (const auto &[cell, c] : lost) {
    if (used.count(cell)) continue;
    out.warnings.push_back({"value_conflict",
                            "another cell (page " + std::to_string(cell->page) + ": '" + cell->text +
                                "') matched this key too, as well or less well; it was left out",
                            out.values.at(c->key).page, c->key});
  }
  for (const std::string &key : template_keys(edition))
    if (!out.values.count(key)) out.warnings.push_back({"value_missing", "no cell found for this key", 0, key});
  return out;
}

}  // namespace xxgk::report
