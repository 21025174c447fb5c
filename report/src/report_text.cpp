#include "xxgk/report/report_text.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "xxgk/core/utf8_text.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/report/similarity.hpp"

namespace xxgk::report {
namespace {

constexpr std::u32string_view chinese_digits = U"〇一二三四五六七八九";

// 一 .. 九十九 as written in headings; 0 if `s` is not such a numeral.
int chinese_numeral(std::u32string_view s) {
  if (s.empty() || s.size() > 3) return 0;
  auto digit = [](char32_t c) -> int {
    auto p = chinese_digits.find(c);
    return p == std::u32string_view::npos ? -1 : static_cast<int>(p);
  };
  size_t ten = s.find(U'十');
  if (ten == std::u32string_view::npos) return s.size() == 1 && digit(s[0]) > 0 ? digit(s[0]) : 0;
  int tens = ten == 0 ? 1 : (ten == 1 ? digit(s[0]) : -1);
  int units = ten + 1 == s.size() ? 0 : (ten + 2 == s.size() ? digit(s[ten + 1]) : -1);
  return tens > 0 && units >= 0 ? tens * 10 + units : 0;
}

bool is_separator(char32_t c) {
  return c == U'、' || c == U'.' || c == U'．' || c == U'，' || c == U',';
}

size_t numeral_end(std::u32string_view s, size_t from) {
  size_t i = from;
  while (i < s.size() && (chinese_digits.find(s[i]) != std::u32string_view::npos || s[i] == U'十')) ++i;
  return i;
}

size_t digits_end(std::u32string_view s, size_t from) {
  size_t i = from;
  while (i < s.size() && s[i] >= U'0' && s[i] <= U'9') ++i;
  return i;
}

// Value of a run of ASCII digits; 0 for more than four of them, which number no heading or year.
int arabic(std::u32string_view s) {
  if (s.size() > 4) return 0;
  int v = 0;
  for (char32_t c : s) v = v * 10 + static_cast<int>(c - U'0');
  return v;
}

bool is_page_number(std::u32string_view s) {
  std::u32string core;
  for (char32_t c : s)
    if (c != U'-' && c != U'—' && c != U'－' && c != U'第' && c != U'页' && c != U'/') core += c;
  return !core.empty() && digits_end(core, 0) == core.size();
}

struct FlatLine {
  int page;
  const layout::TextLine *line;
  std::u32string compact;
  bool in_table = false;
};

std::vector<FlatLine> flatten(const std::vector<PageLines> &pages, bool in_table = false) {
  std::vector<FlatLine> out;
  for (const auto &p : pages)
    for (const auto &l : p.lines) out.push_back({p.page, &l, compact(l.text), in_table});
  return out;
}

std::u32string strip_trailing_punctuation(std::u32string s) {
  while (!s.empty() && (s.back() == U'：' || s.back() == U':' || s.back() == U'。' || s.back() == U'.')) s.pop_back();
  return s;
}

// The words that carry each section's meaning, whatever else its title says: agencies word
// them otherwise (存在的主要问题及整改措施, 政府信息公开工作存在的主要问题及改进情况), and
// slips leave them standing (行政法复议).
bool names_its_section(const std::u32string &rest, const std::string &id) {
  static const std::map<std::string, std::vector<std::u32string>> words = {
      {"overview", {U"总体情况", U"基本情况", U"总体"}},
      {"active_disclosure", {U"主动公开"}},
      {"applications", {U"依申请", U"申请情况", U"处理政府信息公开申请"}},
      {"review_litigation", {U"复议", U"诉讼"}},
      {"problems", {U"问题"}},
      {"other_matters", {U"其他需要报告", U"其他事项", U"需要报告的事项"}},
  };
  auto it = words.find(id);
  if (it == words.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const std::u32string &w) { return rest.find(w) != std::u32string::npos; });
}

// A section's own number as the report's headings print it: 五、 or 第五部分, not an item's
// （五） or 5. (the sections' sub-items are numbered so).
bool top_level_number(const std::u32string &line, int number) {
  if (line.rfind(U"第", 0) == 0) return split_heading_number(line).number == number;
  size_t e = numeral_end(line, 0);
  return e > 0 && e < line.size() && line[e] == U'、' && split_heading_number(line).number == number;
}

// A heading worded otherwise than the form's title scores this when it has the section's own
// number and words: surely enough for prose, not for a line inside a table.
constexpr double reworded_heading_score = 0.85;
// How many characters longer than the form's title a reworded heading may be.
constexpr size_t reworded_extra_chars = 10;

// How well a line reads as the heading of `spec`; 0 if it cannot be one.
double heading_score(const std::u32string &line, const SectionSpec &spec) {
  if (line.empty() || line.back() == U'。' || line.back() == U'；') return 0;
  HeadingNumber h = split_heading_number(line);
  // A mark OCR put before the heading's number (a speck, the seal's edge read as 人).
  if (HeadingNumber after = split_heading_number(std::u32string_view(line).substr(1));
      h.number == 0 && after.number == spec.number)
    h = after;
  // A numeral OCR misread as another character before the separator (四、 read as 西、).
  if (h.number == 0 && line.size() > 2 && line[0] >= 0x2E80 && line[1] == U'、') h.rest = line.substr(2);
  std::u32string title = to_u32(spec.title);
  // Section titles have no Latin letters: on a scan, letters in a heading line are OCR's reading
  // of a stroke it could not place (一、 read as "Se"), so they do not count against it.
  std::u32string rest;
  for (char32_t c : strip_trailing_punctuation(h.rest))
    if (!((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'))) rest += c;
  if (h.number == 0)  // what is left of an unreadable number before the title
    while (!rest.empty() && rest.front() < 0x2E80 && !(rest.front() >= U'0' && rest.front() <= U'9'))
      rest.erase(rest.begin());
  bool reworded = top_level_number(line, spec.number) && rest.size() <= title.size() + reworded_extra_chars &&
                  names_its_section(rest, spec.id);
  if (rest.size() > title.size() + 4) return reworded ? reworded_heading_score : 0;
  double score = similarity(rest, title);
  if (reworded) score = std::max(score, reworded_heading_score);
  // The whole title after a few characters that are no number (一、 read as 站采约).
  size_t prefix = rest.size() - std::min(rest.size(), title.size());
  if (h.number == 0 && prefix >= 1 && prefix <= 3 && rest.compare(prefix, title.size(), title) == 0)
    return std::max(score, 0.85);
  // Its own number, and one character of a short title misread (总 read as 息).
  bool one_slip = rest.size() == title.size() && score >= 1.0 - 1.0 / static_cast<double>(title.size()) - 1e-9;
  if (h.number == spec.number && one_slip) return std::max(score, 0.8);
  if (h.number == 0 || h.number == spec.number) return score;
  // Another number before the title itself: OCR misread the numeral (三 as 二), as no other
  // line bears a section's own title. Never sure enough for a line inside a table.
  return score >= 0.95 ? 0.85 : 0;
}

constexpr double heading_threshold = 0.8;
constexpr double heading_in_table_threshold = 0.9;

// Joins a section's lines into paragraphs. A paragraph starts at an indented line or after a
// vertical gap wider than a line; lines inside one are joined without inventing spaces.
std::string paragraphs(const std::vector<FlatLine> &lines, size_t begin, size_t end) {
  double left = 1e9;
  for (size_t i = begin; i < end; ++i) left = std::min(left, lines[i].line->bbox.x0);
  std::u32string out;
  std::u32string current;
  const FlatLine *previous = nullptr;
  for (size_t i = begin; i < end; ++i) {
    const FlatLine &fl = lines[i];
    if (fl.in_table || is_page_number(fl.compact)) continue;
    const auto &box = fl.line->bbox;
    double em = std::max(fl.line->font_size, 1.0);
    bool indented = box.x0 > left + 1.2 * em;
    bool gap = previous && previous->page == fl.page && box.y0 - previous->line->bbox.y1 > 1.0 * box.height();
    if (!current.empty() && (indented || gap)) {
      out += normalize::clean(current) + U'\n';
      current.clear();
    }
    current += to_u32(fl.line->text) + U' ';
    previous = &fl;
  }
  if (!current.empty()) out += normalize::clean(current);
  while (!out.empty() && out.back() == U'\n') out.pop_back();
  return to_utf8(out);
}

bool looks_like_title_line(const std::u32string &s) {
  return s.find(U"报告") != std::u32string::npos || s.find(U"年报") != std::u32string::npos ||
         s.find(U"年度报") != std::u32string::npos;
}

// A title line that does not name the agency itself continues a line above it.
bool needs_line_above(const std::u32string &s) {
  if (s.size() < 12) return true;
  char32_t c = s[0];
  return (c >= U'0' && c <= U'9') || s.rfind(U"政府信息公开", 0) == 0 || s.rfind(U"年度", 0) == 0;
}

}  // namespace

HeadingNumber split_heading_number(std::u32string_view s) {
  HeadingNumber h{0, std::u32string(s)};
  if (s.empty()) return h;
  if (s[0] == U'（' || s[0] == U'(') {
    size_t e = numeral_end(s, 1);
    int n = chinese_numeral(s.substr(1, e - 1));
    if (n == 0 && (e = digits_end(s, 1)) > 1) n = arabic(s.substr(1, e - 1));
    if (n > 0 && e < s.size() && (s[e] == U'）' || s[e] == U')')) return {n, std::u32string(s.substr(e + 1))};
    return h;
  }
  if (s[0] == U'第') {
    size_t e = numeral_end(s, 1);
    int n = chinese_numeral(s.substr(1, e - 1));
    if (n > 0 && s.substr(e, 2) == U"部分") {
      size_t rest = e + 2;
      if (rest < s.size() && (is_separator(s[rest]) || s[rest] == U'：')) ++rest;
      return {n, std::u32string(s.substr(rest))};
    }
    return h;
  }
  size_t e = numeral_end(s, 0);
  int n = chinese_numeral(s.substr(0, e));
  if (n == 0 && (e = digits_end(s, 0)) > 0) n = arabic(s.substr(0, e));
  if (n > 0 && e < s.size() && is_separator(s[e])) return {n, std::u32string(s.substr(e + 1))};
  return h;
}

void parse_title(ReportTitle &title) {
  std::u32string t = to_u32(title.title);
  for (size_t i = 0; i + 4 < t.size(); ++i) {
    if (digits_end(t, i) != i + 4 || t[i + 4] != U'年') continue;
    if (i > 0 && t[i - 1] >= U'0' && t[i - 1] <= U'9') continue;
    int year = arabic(t.substr(i, 4));
    if (year < 1990 || year > 2100) continue;
    title.year = year;
    std::u32string agency = t.substr(0, i);
    if (agency.empty()) {
      size_t after = i + 5;
      if (after < t.size() && t[after] == U'度') ++after;
      size_t end = t.find(U"政府信息公开", after);
      agency = t.substr(after, end == std::u32string::npos ? 0 : end - after);
    }
    if (agency.rfind(U"关于", 0) == 0) agency = agency.substr(2);
    // "…局关于2023年…": the agency is what comes before 关于.
    if (agency.size() > 2 && agency.compare(agency.size() - 2, 2, U"关于") == 0) agency.resize(agency.size() - 2);
    title.agency = to_utf8(agency);
    return;
  }
}

namespace {

double median_font_size(const std::vector<layout::TextLine> &lines) {
  std::vector<double> sizes;
  for (const auto &l : lines) sizes.push_back(l.font_size);
  if (sizes.empty()) return 0;
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  return sizes[sizes.size() / 2];
}

bool names_a_report(const std::u32string &s) {
  return s.find(U"政府信息公开") != std::u32string::npos &&
         (s.find(U"报告") != std::u32string::npos || s.find(U"年报") != std::u32string::npos);
}

// The title as typeset: the lines at the top of the first page in the page's largest font,
// clearly larger than the body's, however many lines it was wrapped into.
std::optional<std::u32string> large_print_title(const std::vector<layout::TextLine> &lines) {
  constexpr size_t top_lines = 6;
  double largest = 0;
  for (size_t i = 0; i < lines.size() && i < top_lines; ++i) largest = std::max(largest, lines[i].font_size);
  if (largest < 1.15 * median_font_size(lines)) return std::nullopt;
  std::u32string joined;
  for (size_t i = 0; i < lines.size() && i < top_lines; ++i) {
    bool large = lines[i].font_size >= 0.95 * largest;
    if (!large && !joined.empty()) break;
    if (large) joined += compact(lines[i].text);
  }
  if (!names_a_report(joined)) return std::nullopt;
  return joined;
}

// A line as a title may stand in it on a web page: after a breadcrumb's last separator
// (首页>政务公开>…), without a metadata table's label (标题： 名称), and before a page title's
// site suffix (…年度报告_政府信息公开年报_某某网).
std::u32string title_text(std::u32string s) {
  size_t crumb = s.find_last_of(U">»＞");
  if (crumb != std::u32string::npos) s = s.substr(crumb + 1);
  for (std::u32string_view label : {U"文件名称", U"标题", U"名称", U"题名"})
    if (s.rfind(label, 0) == 0) {
      s = s.substr(label.size());
      if (!s.empty() && (s[0] == U'：' || s[0] == U':')) s = s.substr(1);
      break;
    }
  size_t report = s.find(U"报告");
  if (report != std::u32string::npos) {
    size_t suffix = s.find_first_of(U"_|｜", report);
    if (suffix != std::u32string::npos) s.resize(suffix);
  }
  return s;
}

bool names_a_year(const std::u32string &s) {
  for (size_t i = 0; i + 4 < s.size(); ++i)
    if (digits_end(s, i) == i + 4 && s[i + 4] == U'年') return true;
  return false;
}

// Lines of a page's top searched for its title: a web page's site chrome (menus, badges, a
// breadcrumb, the article's date and source) can come first. A title longer than this is a
// menu's run of links, not a report's name.
constexpr size_t title_search_lines = 60;
constexpr size_t longest_title = 60;

// A title is no sentence: a line with a comma or a full stop in it is prose (本报告依据…编制，).
bool sentence_punctuation(const std::u32string &s) {
  return s.find_first_of(U"，。；") != std::u32string::npos;
}

// The title found by its words when it is set in body size: a line naming a report (with the
// lines above that carry the agency, and a short wrapped tail below). The first that names
// 政府信息公开 and a year wins; else the first with a year (OCR may break 政府信息公开 with a
// speck: 信息4公开); else the first.
std::optional<std::u32string> keyword_title(const std::vector<layout::TextLine> &lines) {
  std::optional<std::u32string> with_year, any;
  for (size_t i = 0; i < lines.size() && i < title_search_lines; ++i) {
    std::u32string c = title_text(compact(lines[i].text));
    if (c.empty() || !looks_like_title_line(c) || c.back() == U'。' || sentence_punctuation(c)) continue;
    std::u32string joined = c;
    for (size_t k = i; k > 0 && needs_line_above(joined); --k) {
      const auto &above = lines[k - 1];
      if (lines[k].bbox.y0 - above.bbox.y1 > 1.5 * above.bbox.height()) break;
      joined = title_text(compact(above.text)) + joined;
    }
    if (i + 1 < lines.size() && joined.back() != U'告') {
      std::u32string tail = compact(lines[i + 1].text);
      if (tail.size() <= 3) joined += tail;
    }
    if (joined.size() > longest_title) continue;
    bool year = names_a_year(joined);
    if (year && names_a_report(joined)) return joined;
    if (year && !with_year) with_year = joined;
    if (!any) any = joined;
  }
  return with_year ? with_year : any;
}

}  // namespace

namespace {

// The characters of a page's lines, top to bottom and joined without spaces, each with the
// index of the run it was read in; and where `part` first stands among them (npos: nowhere).
struct SpelledPart {
  std::vector<size_t> run_of;  // per character of the lines
  size_t at = std::u32string::npos, size = 0;
};

SpelledPart spell(const std::vector<layout::TextLine> &lines, const std::vector<TextRun> &runs,
                  const std::string &part) {
  std::u32string read, wanted;
  SpelledPart out;
  for (const layout::TextLine &line : lines)
    for (size_t index : line.runs)
      for (char32_t c : to_u32(runs[index].text))
        if (!is_space(c)) read += c, out.run_of.push_back(index);
  for (char32_t c : to_u32(part))
    if (!is_space(c)) wanted += c;
  if (!wanted.empty()) out.at = read.find(wanted);
  out.size = wanted.size();
  return out;
}

}  // namespace

double reading_confidence(const std::vector<layout::TextLine> &lines, const std::vector<TextRun> &runs,
                          const std::string &part) {
  SpelledPart p = spell(lines, runs, part);
  if (p.at == std::u32string::npos) return 1;
  double least = 1;
  for (size_t i = p.at; i < p.at + p.size; ++i) least = std::min(least, runs[p.run_of[i]].confidence);
  return least;
}

bool reading_leaves_gap(const std::vector<layout::TextLine> &lines, const std::vector<TextRun> &runs,
                        const std::string &part) {
  constexpr double widest_gap = 1.0;  // of the print size: wider holds a glyph
  SpelledPart p = spell(lines, runs, part);
  if (p.at == std::u32string::npos) return false;
  for (size_t i = p.at + 1; i < p.at + p.size; ++i) {
    const TextRun &before = runs[p.run_of[i - 1]], &after = runs[p.run_of[i]];
    if (&before == &after || before.bbox.vertical_overlap(after.bbox) <= 0) continue;
    if (after.bbox.x0 - before.bbox.x1 > widest_gap * std::max(before.font_size, after.font_size)) return true;
  }
  return false;
}

std::optional<ReportTitle> find_title(const std::vector<PageLines> &pages) {
  if (pages.empty()) return std::nullopt;
  const auto &lines = pages.front().lines;
  std::optional<std::u32string> text = large_print_title(lines);
  if (!text) text = keyword_title(lines);
  if (!text) return std::nullopt;
  ReportTitle title;
  title.title = to_utf8(*text);
  title.page = pages.front().page;
  parse_title(title);
  return title;
}

std::vector<Section> find_sections(const std::vector<PageLines> &pages, const std::vector<SectionSpec> &specs,
                                   const std::vector<PageLines> &in_tables) {
  std::vector<FlatLine> lines = flatten(pages);
  std::vector<FlatLine> table_lines = flatten(in_tables, true);
  lines.insert(lines.end(), table_lines.begin(), table_lines.end());
  std::stable_sort(lines.begin(), lines.end(), [](const FlatLine &a, const FlatLine &b) {
    return a.page != b.page ? a.page < b.page : a.line->bbox.y0 < b.line->bbox.y0;
  });
  struct Found {
    size_t spec;
    size_t line;
  };
  std::vector<Found> found;
  size_t next = 0;
  for (size_t i = 0; i < lines.size() && next < specs.size(); ++i) {
    for (size_t s = next; s < specs.size(); ++s) {
      double threshold = lines[i].in_table ? heading_in_table_threshold : heading_threshold;
      if (heading_score(lines[i].compact, specs[s]) >= threshold) {
        found.push_back({s, i});
        next = s + 1;
        break;
      }
    }
  }
  std::vector<Section> sections;
  for (size_t k = 0; k < found.size(); ++k) {
    const SectionSpec &spec = specs[found[k].spec];
    size_t begin = found[k].line + 1;
    size_t end = k + 1 < found.size() ? found[k + 1].line : lines.size();
    sections.push_back({spec.number, spec.id, spec.title,
                        to_utf8(normalize::clean(to_u32(lines[found[k].line].line->text))), lines[found[k].line].page,
                        paragraphs(lines, begin, end)});
  }
  return sections;
}

namespace {

bool place_named(std::u32string_view s) {
  return s.find_first_of(U"省市区县州旗盟") != std::u32string_view::npos;
}

size_t count_of(const std::u32string &text, const std::u32string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::u32string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

bool is_date_line(const std::u32string &s) {
  size_t year = s.find(U'年'), month = s.find(U'月');
  return year != std::u32string::npos && month != std::u32string::npos && year < month && s.size() <= 14 &&
         std::any_of(s.begin(), s.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
}

// Names the text gives its author: "由X编制" (and 根据, 依据, 按照 after X), and the signature, a
// short line above the date at the end.
std::vector<std::u32string> named_authors(const std::vector<FlatLine> &lines, const std::u32string &text) {
  std::vector<std::u32string> out;
  for (size_t at = text.find(U'由'); at != std::u32string::npos; at = text.find(U'由', at + 1)) {
    size_t end = text.find_first_of(U"编根依按，。", at + 1);
    if (end != std::u32string::npos && end - at <= 30) out.push_back(text.substr(at + 1, end - at - 1));
  }
  for (size_t i = 1; i < lines.size(); ++i)
    if (is_date_line(lines[i].compact) && lines[i - 1].compact.size() <= 25) out.push_back(lines[i - 1].compact);
  return out;
}

}  // namespace

bool same_agency(std::u32string_view a, std::u32string_view b) {
  std::u32string_view shorter = a.size() < b.size() ? a : b, longer = a.size() < b.size() ? b : a;
  if (a == b || shorter.size() < 4 || !place_named(shorter)) return false;
  return longer.substr(longer.size() - shorter.size()) == shorter;
}

std::string agency_in_text(const std::vector<PageLines> &pages, const std::string &agency) {
  std::u32string name = compact(agency);
  std::vector<FlatLine> lines = flatten(pages);
  std::u32string text;
  for (const FlatLine &l : lines) text += l.compact;
  if (count_of(text, name) > 1) return {};
  std::u32string best;
  size_t best_count = 0;
  for (const std::u32string &author : named_authors(lines, text)) {
    if (author.size() != name.size()) continue;
    size_t differ = 0;
    for (size_t i = 0; i < name.size(); ++i) differ += author[i] != name[i];
    size_t n = count_of(text, author);
    if (differ == 1 && n > best_count) best = author, best_count = n;
  }
  return to_utf8(best);
}

std::string agency_with_place(const std::vector<PageLines> &pages, const std::string &agency) {
  static constexpr std::u32string_view levels = U"省市区县州旗盟";
  std::u32string name = compact(agency);
  if (name.empty() || levels.find(name.front()) == std::u32string_view::npos) return {};
  std::vector<FlatLine> lines = flatten(pages);
  std::u32string text;
  for (const FlatLine &l : lines) text += l.compact;
  std::u32string best;
  size_t best_count = 0;
  for (const std::u32string &author : named_authors(lines, text)) {
    if (author.size() <= name.size() || author.compare(author.size() - name.size(), name.size(), name) != 0) continue;
    size_t n = count_of(text, author);
    if (n > best_count) best = author, best_count = n;
  }
  return to_utf8(best);
}

std::vector<std::string> agency_aliases(const std::vector<PageLines> &pages, const std::string &agency) {
  std::u32string name = compact(agency);
  std::vector<FlatLine> lines = flatten(pages);
  std::u32string text;  // all of it, so that a name wrapped over two lines is found whole
  for (const FlatLine &l : lines) text += l.compact;
  std::vector<std::pair<size_t, std::u32string>> found;  // first position, name
  auto add = [&](const std::u32string &alias) {
    size_t at = text.find(alias);
    if (at == std::u32string::npos || !same_agency(alias, name)) return;
    for (const auto &f : found)
      if (f.second == alias) return;
    found.push_back({at, alias});
  };
  for (const std::u32string &author : named_authors(lines, text)) add(author);
  // The name without its city, standing on its own (not only inside the full name).
  for (size_t i = 1; i < name.size(); ++i) {
    std::u32string shorter = name.substr(i);
    if (place_named(name.substr(i - 1, 1)) && count_of(text, shorter) > count_of(text, name)) add(shorter);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (const auto &f : found) out.push_back(to_utf8(f.second));
  return out;
}

EditionGuess guess_edition(const std::vector<PageLines> &pages, std::optional<int> year) {
  static const std::array<std::u32string_view, 5> marks_2021 = {U"本年制发件数", U"本年废止件数", U"现行有效件数",
                                                                U"逾期不补正", U"逾期未按收费通知"};
  static const std::array<std::u32string_view, 5> marks_2019 = {U"本年新制作数量", U"本年新公开数量", U"对外公开总数量",
                                                                U"上一年项目数量", U"政府集中采购"};
  int score_2021 = 0, score_2019 = 0;
  for (const auto &fl : flatten(pages)) {
    for (auto m : marks_2021) score_2021 += fl.compact.find(m) != std::u32string::npos;
    for (auto m : marks_2019) score_2019 += fl.compact.find(m) != std::u32string::npos;
  }
  if (score_2021 != score_2019) return {score_2021 > score_2019 ? "2021" : "2019", "table_labels"};
  if (year) return {*year >= 2021 ? "2021" : "2019", "year"};
  return {"2021", "default"};
}

std::string without_stray_marks(const std::string &agency) {
  std::u32string out;
  for (char32_t c : to_u32(agency))
    if (c >= 0x2E80) out += c;  // CJK and full-width forms; no ASCII
  return to_utf8(out);
}

namespace {

// A web page's metadata labels (an information-index table, the article's byline).
constexpr std::u32string_view date_labels[] = {U"发布日期", U"发文日期", U"成文日期", U"发布时间", U"时间"};
constexpr std::u32string_view agency_labels[] = {U"发布机构", U"发文机关", U"发布单位", U"发文单位"};

// The text after `label` and its colon on a line (up to the next space-separated field), or "".
std::u32string labelled_value(const std::u32string &line, std::u32string_view label) {
  size_t at = line.find(label);
  if (at == std::u32string::npos) return {};
  size_t v = at + label.size();
  if (v >= line.size() || (line[v] != U'：' && line[v] != U':')) return {};
  std::u32string value = line.substr(v + 1);
  while (!value.empty() && value.front() == U' ') value.erase(value.begin());
  size_t end = value.find(U' ');
  // The next field's label ends it too: spaces between Han characters are gone by now.
  static constexpr std::u32string_view next_labels[] = {U"发布日期", U"发文日期", U"成文日期", U"发布时间", U"时间：",
                                                        U"发布机构", U"发文机关", U"发布单位", U"发文单位", U"索引号",
                                                        U"来源",     U"文号",     U"分类",     U"标题",     U"名称"};
  for (std::u32string_view next : next_labels) end = std::min(end, value.find(next));
  return end == std::u32string::npos ? value : value.substr(0, end);
}

// The year of a metadata date (发布日期：2020-01-31, 时间：2020-01-20 15:22), or 0.
int metadata_year(const std::u32string &line) {
  for (std::u32string_view label : date_labels) {
    std::u32string value = labelled_value(line, label);
    if (value.size() >= 4 && digits_end(value, 0) >= 4) return arabic(value.substr(0, 4));
  }
  return 0;
}

}  // namespace

std::string agency_in_metadata(const std::vector<PageLines> &pages) {
  for (const auto &p : pages)
    for (const auto &l : p.lines) {
      std::u32string line = normalize::clean(to_u32(l.text));
      for (std::u32string_view label : agency_labels)
        if (std::u32string value = labelled_value(line, label); value.size() >= 2) return to_utf8(value);
    }
  return {};
}

YearEvidence year_evidence(const std::vector<PageLines> &pages) {
  YearEvidence e;
  std::vector<FlatLine> lines = flatten(pages);
  for (const auto &p : pages)
    for (const auto &l : p.lines)
      if (int year = metadata_year(normalize::clean(to_u32(l.text))); year >= 1990 && year <= 2100 && !e.dated)
        e.dated = year;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::u32string &s = lines[i].compact;
    if (names_a_report(s) && i < 6) continue;  // the title's own line
    for (size_t at = 0; at + 4 < s.size(); ++at) {
      bool starts = digits_end(s, at) == at + 4 && (at == 0 || s[at - 1] < U'0' || s[at - 1] > U'9');
      if (!starts || s[at + 4] != U'年') continue;
      int year = arabic(s.substr(at, 4));
      if (year < 1990 || year > 2100) continue;
      ++e.named[year];
      if (is_date_line(s)) e.dated = year;
    }
  }
  return e;
}

namespace {
// The regulations on government information disclosure took effect in 2008.
constexpr int first_report_year = 2008;
}  // namespace

namespace {

constexpr int named_often = 2;  // a year named once may be a plan's or a law's

// The possible year the text names most, and how often (0 and 0 for none).
std::pair<int, int> most_named_year(const YearEvidence &e) {
  int most = 0, times = 0;
  for (const auto &[y, n] : e.named)
    if (n > times && y >= first_report_year && (!e.dated || y <= *e.dated)) most = y, times = n;
  return {most, times};
}

}  // namespace

YearCheck check_title_year(int year, const YearEvidence &e) {
  auto [most, times] = most_named_year(e);
  bool impossible = year < first_report_year || (e.dated && year > *e.dated);
  bool unnamed = !e.named.count(year) && times >= named_often;
  if (!impossible && !unnamed) return {year, ""};
  std::string doubt = "the title's year " + std::to_string(year) +
                      (impossible ? " is impossible" : " is named nowhere in the text") +
                      (e.dated ? " (the report is dated " + std::to_string(*e.dated) + ")" : "") +
                      (most ? "; the text names " + std::to_string(most) + " most" : "");
  if (impossible && most) return {most, doubt + ": taken"};
  return {year, doubt};
}

std::optional<YearCheck> year_in_text(const YearEvidence &e) {
  auto [most, times] = most_named_year(e);
  // The regulations have a year's report out by 31 January of the next: dated in that year.
  if (times < named_often && e.dated && *e.dated > first_report_year)
    return YearCheck{*e.dated - 1, "the title names no year; the report is dated " + std::to_string(*e.dated) +
                                       ", the year after the one it reports on: " + std::to_string(*e.dated - 1) +
                                       " taken"};
  if (times < named_often) return std::nullopt;
  return YearCheck{most, "the title names no year; the text names " + std::to_string(most) + " most (" +
                             std::to_string(times) + " times" +
                             (e.dated ? ", the report is dated " + std::to_string(*e.dated) : "") + "): taken"};
}

}  // namespace xxgk::report
