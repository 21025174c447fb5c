#pragma once
// The prose of a report in reading order: its title (agency, year), the six section headings
// of the official format, and the text under each.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/layout/text_lines.hpp"
#include "xxgk/report/template_spec.hpp"

namespace xxgk::report {

struct PageLines {
  int page = 0;  // 1-based
  std::vector<layout::TextLine> lines;
};

struct ReportTitle {
  std::string title;  // compact: no spaces between Han characters and digits
  std::string agency;
  std::optional<int> year;
  int page = 0;
};

struct Section {
  int number = 0;
  std::string id;
  std::string title;    // the official title
  std::string heading;  // the heading line as printed (cleaned)
  int page = 0;
  std::string text;  // paragraphs separated by '\n'
};

struct EditionGuess {
  std::string edition;  // "2019" or "2021"
  std::string basis;    // "table_labels", "year" or "default"
};

// A heading's leading number: 一、 / （一） / (1) / 1、 / 第一部分. `number` is 0 when absent.
struct HeadingNumber {
  int number = 0;
  std::u32string rest;
};
HeadingNumber split_heading_number(std::u32string_view compact_text);

std::optional<ReportTitle> find_title(const std::vector<PageLines> &pages);
// `in_tables`: lines that lie inside a table. They are no section's text, and a heading among
// them (a scan's stray ruling under a heading made it a table row) counts only when it reads
// as the heading surely.
std::vector<Section> find_sections(const std::vector<PageLines> &pages, const std::vector<SectionSpec> &specs,
                                   const std::vector<PageLines> &in_tables = {});
// Other names the report's text gives the agency its title names: with the city or province
// before it (淮安市洪泽区人民政府 for the title's 洪泽区人民政府) or without (the reverse), as
// the signature at the end, in "本报告由…编制", or anywhere. Each still names a place; another
// body (its 办公室) is none. In order of first appearance; the title's name stays the agency.
std::vector<std::string> agency_aliases(const std::vector<PageLines> &pages, const std::string &agency);

// Two different names of one body, one with more of its place than the other: the longer ends
// with the shorter, and the shorter (at least four characters) still names a place
// (淮安市洪泽区人民政府 and 洪泽区人民政府; not 人民政府). Names in compact form.
bool same_agency(std::u32string_view a, std::u32string_view b);

// On a scanned title: the name the text gives its author ("由X编制", the signature) where it
// differs from the title's reading of the agency in one character, and that reading is found
// nowhere else in the text (OCR read 蜀 as 哆 in the title alone). Empty when there is none.
std::string agency_in_text(const std::vector<PageLines> &pages, const std::string &agency);

// On a scanned title whose reading of the agency begins with its level (市应急管理局: OCR lost
// the place before it): the name the text gives its author that ends with that reading
// (盐城市应急管理局, in "由…编制" or the signature), the most often written where several
// are. Empty when there is none, or the reading names its place.
std::string agency_with_place(const std::vector<PageLines> &pages, const std::string &agency);

// How surely OCR read `part` (the title's agency) on a page: the least confidence of the runs
// its characters were read in, where the page's lines, top to bottom and joined without spaces,
// first spell it; 1 where they do not (the part was taken from elsewhere).
double reading_confidence(const std::vector<layout::TextLine> &lines, const std::vector<TextRun> &runs,
                          const std::string &part);

// Whether, where the page's lines first spell `part` (the title's agency, read by OCR), white
// wider than the print size stands between two of its characters on one line: print OCR did
// not read (a rare glyph of a place name dropped: 柳州市岳 税务局 for 柳州市岳麓区税务局).
bool reading_leaves_gap(const std::vector<layout::TextLine> &lines, const std::vector<TextRun> &runs,
                        const std::string &part);

EditionGuess guess_edition(const std::vector<PageLines> &pages, std::optional<int> year);

// An OCR'd agency name without what no body's name holds: Latin letters, ASCII digits and
// marks (OCR's reading of specks and seal strokes between its characters).
std::string without_stray_marks(const std::string &agency);

// What the text says of the report's year, for checking the title's: the years it names
// (YYYY年, outside the title's own line) with how often, and the year of the document's date
// (the last date line: the signature's; else a web page's metadata date, 发布日期：2020-01-31).
struct YearEvidence {
  std::map<int, int> named;  // year -> times named
  std::optional<int> dated;  // the year of the document's date
};
YearEvidence year_evidence(const std::vector<PageLines> &pages);

// The agency a web page's metadata names (发布机构：…, 发文机关：…), or "".
std::string agency_in_metadata(const std::vector<PageLines> &pages);

// The title's year checked against the text: impossible (before 2008, the first year of these
// reports, or after the document's date), or named nowhere in the text while another year is
// named at least twice. `year` is the one to keep: the text's most named where the title's is
// impossible, else the title's; `doubt` says why, empty when nothing does.
struct YearCheck {
  int year = 0;
  std::string doubt;
};
YearCheck check_title_year(int year, const YearEvidence &evidence);

// The year of a report whose title names none (OCR ran a mark into its digits: 212020年):
// the year the text names most, at least twice, that is possible (from 2008 to the document's
// date); else the year before the document's date (a year's report is due by 31 January of the
// next); nothing when neither is known. `doubt` says where it was found.
std::optional<YearCheck> year_in_text(const YearEvidence &evidence);

// Splits "XX局2023年政府信息公开工作年度报告" into agency and year.
void parse_title(ReportTitle &title);

}  // namespace xxgk::report
