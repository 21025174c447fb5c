#include "xxgk/pipeline/extract_report.hpp"

#include <unistd.h>
#include <algorithm>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "xxgk/core/sha256.hpp"
#include "xxgk/core/utf8_text.hpp"
#include "xxgk/extract/pdf_document.hpp"
#include "xxgk/layout/text_lines.hpp"
#include "xxgk/markup/docx_document.hpp"
#include "xxgk/markup/html_document.hpp"
#include "xxgk/markup/input_format.hpp"
#include "xxgk/normalize/number.hpp"
#include "xxgk/normalize/unicode_fold.hpp"
#include "xxgk/ocr/image_pages.hpp"
#include "xxgk/ocr/ocr_engine.hpp"
#include "xxgk/pipeline/find_tables.hpp"
#include "xxgk/pipeline/page_reader.hpp"

namespace xxgk::pipeline {
namespace {

using report::Warning;

// The title as read, with one reading in it replaced by the one taken (a misread agency or
// year); left as it is when the reading is not in it.
void replace_in_title(report::Meta &meta, const std::string &read, const std::string &taken) {
  size_t at = meta.title.find(read);
  if (at != std::string::npos) meta.title.replace(at, read.size(), taken);
}

// The title's year against what the text says of it (report::check_title_year).
void check_year(report::Report &r, const std::vector<report::PageLines> &lines, int page) {
  if (!r.meta.year) return;
  report::YearCheck check = report::check_title_year(*r.meta.year, report::year_evidence(lines));
  if (check.doubt.empty()) return;
  if (check.year != *r.meta.year) {
    replace_in_title(r.meta, std::to_string(*r.meta.year) + "年", std::to_string(check.year) + "年");
    r.meta.year = check.year;
  }
  r.warnings.push_back({"year_uncertain", check.doubt, page, ""});
}

// An OCR'd agency with Latin letters, digits or marks in it (specks read between its
// characters): they are left out, and the reader told.
void clean_ocr_agency(report::Report &r, report::ReportTitle &title) {
  std::string cleaned = report::without_stray_marks(title.agency);
  if (cleaned == title.agency || cleaned.empty()) return;
  r.warnings.push_back({"agency_uncertain",
                        "OCR read the title's agency as " + title.agency +
                            "; no name holds its Latin letters, digits or marks: taken as " + cleaned,
                        title.page, ""});
  replace_in_title(r.meta, title.agency, cleaned);
  title.agency = cleaned;
  r.meta.agency = cleaned;
}

// Below this OCR's reading of the title's agency is not vouched for: every name and text
// mention may carry the same misread (涞 read as 汪 at 0.81 throughout), which no cross-check
// of the text can catch.
constexpr double sure_agency_reading = 0.85;

// An OCR'd agency read unsurely in the title, though the text agrees with it.
void check_agency_reading(report::Report &r, const report::ReportTitle &title, const std::vector<TextRun> *runs,
                          const std::vector<report::PageLines> &lines) {
  if (!runs || r.meta.agency != title.agency || title.agency.empty()) return;
  if (report::reading_leaves_gap(lines.front().lines, *runs, title.agency)) {
    r.warnings.push_back(
        {"agency_uncertain",
         "OCR read the title's agency as " + title.agency + ", with print between its characters it did not read",
         title.page, ""});
    return;
  }
  double sureness = report::reading_confidence(lines.front().lines, *runs, title.agency);
  if (sureness >= sure_agency_reading) return;
  r.warnings.push_back({"agency_uncertain",
                        "OCR read the title's agency as " + title.agency + " with confidence " +
                            std::to_string(static_cast<int>(100 * sureness)) + "% in its least sure character",
                        title.page, ""});
}

// `title_runs`: the runs of the first page, which `lines` index, when it was read by OCR.
void describe_meta(report::Report &r, const std::vector<report::PageLines> &lines,
                   const std::vector<TextRun> *title_runs = nullptr) {
  std::optional<report::ReportTitle> title = report::find_title(lines);
  if (title) {
    r.meta.title = title->title;
    r.meta.agency = title->agency;
    r.meta.year = title->year;
    bool scanned = title->page >= 1 && title->page <= static_cast<int>(r.pages.size()) &&
                   r.pages[static_cast<size_t>(title->page - 1)].read_from == "ocr";
    if (scanned) clean_ocr_agency(r, *title);
    if (std::string named = scanned ? report::agency_in_text(lines, title->agency) : ""; !named.empty()) {
      r.warnings.push_back({"agency_from_text",
                            "OCR read the title's agency as " + title->agency +
                                ", a name found nowhere else; the text names its author " + named + ": taken",
                            title->page, ""});
      replace_in_title(r.meta, title->agency, named);
      r.meta.agency = named;
    }
    if (std::string placed = scanned ? report::agency_with_place(lines, r.meta.agency) : ""; !placed.empty()) {
      r.warnings.push_back({"agency_from_text",
                            "OCR read the title's agency as " + r.meta.agency +
                                ", a name without its place; the text names its author " + placed + ": taken",
                            title->page, ""});
      replace_in_title(r.meta, r.meta.agency, placed);
      r.meta.agency = placed;
    }
    if (scanned) check_agency_reading(r, *title, title_runs, lines);
    if (!r.meta.agency.empty()) r.meta.agency_aliases = report::agency_aliases(lines, r.meta.agency);
  } else {
    r.warnings.push_back({"title_missing", "no report title (…政府信息公开工作年度报告) on the first page", 1, ""});
  }
  std::string published_by = title && title->agency.empty() ? report::agency_in_metadata(lines) : "";
  if (!published_by.empty()) {
    r.meta.agency = published_by;
    r.warnings.push_back(
        {"agency_from_metadata",
         "the title does not name the agency; the page's metadata names its publisher " + published_by + ": taken",
         title->page, ""});
  } else if (title && title->agency.empty()) {
    r.warnings.push_back({"agency_missing", "the title does not name the agency", title->page, ""});
  }
  std::optional<report::YearCheck> from_text;
  if (title && !title->year) from_text = report::year_in_text(report::year_evidence(lines));
  if (from_text) {
    r.meta.year = from_text->year;
    r.warnings.push_back({"year_uncertain", from_text->doubt, title->page, ""});
  } else if (title && !title->year) {
    r.warnings.push_back({"year_missing", "the title has no year (e.g. 2023年)", title->page, ""});
  }
  if (title && title->year) check_year(r, lines, title->page);
  report::EditionGuess edition = report::guess_edition(lines, r.meta.year);
  r.meta.edition = edition.edition;
  r.meta.edition_basis = edition.basis;
  if (edition.basis != "table_labels")
    r.warnings.push_back({"edition_uncertain",
                          "the tables' labels do not tell the form's edition; " +
                              std::string(edition.basis == "year" ? "taken from the year" : "2021 assumed"),
                          0, ""});
}

// Section text is the prose: lines inside a table's parts belong to the table.
struct SplitLines {
  std::vector<report::PageLines> prose, in_tables;
};

SplitLines split_by_tables(const std::vector<report::PageLines> &pages, const std::vector<layout::Table> &tables) {
  SplitLines out;
  for (const auto &page : pages) {
    out.prose.push_back({page.page, {}});
    out.in_tables.push_back({page.page, {}});
    for (const layout::TextLine &line : page.lines) {
      bool inside = std::any_of(tables.begin(), tables.end(), [&](const layout::Table &t) {
        return std::any_of(t.parts.begin(), t.parts.end(), [&](const layout::TablePart &part) {
          return part.page == page.page && part.bbox.holds_centre_of(line.bbox);
        });
      });
      (inside ? out.in_tables : out.prose).back().lines.push_back(line);
    }
  }
  return out;
}

void find_sections(report::Report &r, const SplitLines &lines) {
  const report::TemplateSpec official = report::official_template_spec();
  const report::EditionSpec &spec = official.edition(r.meta.edition);
  r.sections = report::find_sections(lines.prose, spec.sections, lines.in_tables);
  for (const auto &s : spec.sections) {
    bool found = false;
    for (const auto &got : r.sections) found = found || got.id == s.id;
    if (!found)
      r.warnings.push_back(
          {"section_missing", "no heading for section " + std::to_string(s.number) + " " + s.title, 0, s.id});
  }
}

report::ValueMap value_map(const report::Report &r) {
  report::ValueMap values;
  for (const auto &[key, v] : r.values.values) values[key] = v.value;
  return values;
}

// Resolutions, as parts of the OCR resolution, that a cell in a failed check is read again at:
// a glyph misread at one size (a 0 as 3, a 5 as 3) often reads right at another.
constexpr double reread_scales[] = {4.0 / 3.0, 2.0 / 3.0};

// The form's arithmetic as evidence for OCR: the OCR'd cells of the checks that fail are read
// again at other resolutions, their disputed readings' other sides are candidates too, and
// one other reading is taken when it makes the checks hold
// and no other cell's could (report::choose_by_checks), with a chosen_by_check warning that
// names both readings. A text layer's number is never changed; a report's own slip (no
// reading makes its checks hold) stays as printed and reported.
void reread_by_checks(const extract::PdfDocument &doc, report::Report &r, const report::EditionSpec &edition,
                      const ExtractOptions &options) {
  std::map<int, std::set<std::string>> by_page = report::ocr_keys_in_failed_checks(r);
  if (by_page.empty()) return;
  std::vector<report::Alternative> alternatives = report::other_readings_of(r, by_page);
  std::optional<ocr::OcrEngine> engine;
  try {
    engine.emplace(options.ocr_options);
  } catch (const ocr::OcrError &) {
    return;  // the pages were read, so this does not happen; nothing to read again with
  }
  for (double scale : reread_scales)
    for (const auto &[page, keys] : by_page) {
      ocr::ScanImages scan = scan_page(doc, page, options.ocr_dpi * scale, nullptr);
      ocr::PageImage image(scan.text);
      for (const std::string &key : keys) {
        ocr::CellText read = engine->read_cell(image, r.values.values.at(key).bbox, ocr::CellContent::value);
        normalize::ParsedNumber n = normalize::parse_number(normalize::clean_text(read.text));
        if (n.kind == normalize::NumberKind::number || n.kind == normalize::NumberKind::zero_mark)
          alternatives.push_back({key, n.value, n.raw, read.confidence, "at another resolution"});
      }
    }
  // One cell at a time, each taken only where it alone fits: a check with two misread cells
  // is mended once another check has pinned one of them.
  while (std::optional<report::Alternative> chosen = report::choose_by_checks(value_map(r), edition, alternatives)) {
    report::MappedValue &v = r.values.values.at(chosen->key);
    r.warnings.push_back({"chosen_by_check",
                          "OCR read '" + v.raw + "' first and '" + chosen->raw + "' " + chosen->origin +
                              "; the second makes the form's checks hold: taken",
                          v.page, chosen->key, chosen->confidence});
    v.other_reading = v.raw;  // the first reading stays in the provenance beside the one taken
    v.value = chosen->value;
    v.raw = chosen->raw;
    v.confidence = chosen->confidence;
    std::erase_if(alternatives, [&](const report::Alternative &a) { return a.key == chosen->key; });
  }
  r.validation = report::validate(value_map(r), edition);
}

// Values from the grids, the form's checks on them, and every doubt said on its key. `doc` is
// the PDF read (null for a web page or Word file): its OCR'd cells in failed checks are read
// again.
void map_values(report::Report &r, const std::vector<layout::Table> &grids, const extract::PdfDocument *doc = nullptr,
                const ExtractOptions *options = nullptr) {
  const report::TemplateSpec official = report::official_template_spec();
  const report::EditionSpec &edition = official.edition(r.meta.edition);
  r.keys = report::template_keys(edition);
  r.values = report::map_to_template(grids, edition);
  r.warnings.insert(r.warnings.end(), r.values.warnings.begin(), r.values.warnings.end());
  r.validation = report::validate(value_map(r), edition);
  if (doc && options) reread_by_checks(*doc, r, edition, *options);
  report::add_doubts(r);
  report::check_prose(r);
}

// The file as read: its name, hash and size (format "pdf" unless the reader says otherwise).
report::SourceInfo source_of(const std::filesystem::path &path) {
  report::SourceInfo source;
  source.file = path.string();
  source.sha256 = sha256_file_hex(path);
  source.bytes = static_cast<long long>(std::filesystem::file_size(path));
  return source;
}

// A web page or Word file larger than this is no annual report.
constexpr std::uintmax_t max_markup_bytes = 64u << 20;

std::string read_markup_file(const std::filesystem::path &path) {
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError(InputErrorKind::unreadable, "cannot read '" + path.string() + "'");
  if (size > max_markup_bytes) throw InputError(InputErrorKind::damaged, "a web page larger than 64 MiB is no report");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw InputError(InputErrorKind::unreadable, "cannot read '" + path.string() + "'");
  return bytes;
}

markup::MarkupDocument read_markup(const std::filesystem::path &path, markup::InputFormat format,
                                   const std::string &served_charset = "") {
  if (format == markup::InputFormat::html) return markup::read_html(read_markup_file(path), served_charset);
  try {
    return markup::read_docx(path);
  } catch (const markup::DocxError &e) {
    throw InputError(InputErrorKind::damaged, e.what());
  }
}

// Tables above the report's title are the site's, not the report's: an information-index
// header (索引号, 发布机构), a menu laid out as a table.
std::vector<layout::Table> report_tables(std::vector<layout::Table> tables,
                                         const std::vector<layout::TextLine> &lines) {
  auto title = std::find_if(lines.begin(), lines.end(), [](const layout::TextLine &l) {
    std::u32string t = to_u32(l.text);
    return t.find(U"年度报告") != std::u32string::npos && t.find(U"信息公开") != std::u32string::npos;
  });
  if (title == lines.end()) return tables;
  double top = title->bbox.y0;
  tables.erase(std::remove_if(tables.begin(), tables.end(),
                              [&](const layout::Table &t) { return t.parts.front().bbox.y1 < top; }),
               tables.end());
  return tables;
}

// A web page or Word file: its marked-up tables are grids already; the rest is as for a PDF.
report::Report extract_marked_up(const std::filesystem::path &path, markup::InputFormat format,
                                 const ExtractOptions &options) {
  std::optional<StageTimer> timer(std::in_place, options.clock, "open");
  report::Report r;
  r.source = source_of(path);
  r.source.format = markup::format_name(format);
  r.source.pages = 1;
  markup::LaidOut laid = markup::lay_out(read_markup(path, format, options.served_charset));
  for (const std::string &note : laid.notes) r.warnings.push_back({"markup_flattened", note, 1, ""});
  timer.emplace(options.clock, "mapping");
  r.pages.push_back({1, laid.width, laid.height, 0, static_cast<long>(laid.lines.size()), "text", "markup", 0});
  std::vector<report::PageLines> lines = {{1, laid.lines}};
  describe_meta(r, lines);
  std::vector<layout::Table> tables = report_tables(laid.tables, laid.lines);
  find_sections(r, split_by_tables(lines, tables));
  map_values(r, tables);
  return r;
}

}  // namespace

namespace {

report::Report extract_pdf(const std::filesystem::path &path, const ExtractOptions &options,
                           const TableOptions &table_options) {
  std::optional<StageTimer> timer(std::in_place, options.clock, "open");
  extract::PdfDocument doc = extract::PdfDocument::open(path, {options.password});
  report::Report r;
  r.source = source_of(path);
  r.source.pages = doc.page_count();

  timer.reset();
  std::vector<report::PageLines> lines;
  ReadDocument read = read_document(doc, options, table_options, r.warnings);
  const DocumentTables &grids = read.tables;
  timer.emplace(options.clock, "mapping");
  for (const PageText &page : read.pages) {
    r.pages.push_back(page.summary);
    lines.push_back({page.summary.number, layout::build_lines(page.runs)});
  }
  describe_meta(r, lines, read.pages.empty() || !read.pages.front().ocr ? nullptr : &read.pages.front().runs);
  find_sections(r, split_by_tables(lines, grids.tables));
  map_values(r, grids.tables, &doc, &options);
  return r;
}

// A file that is removed when it goes out of scope.
class TempFile {
 public:
  explicit TempFile(const std::string &bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "xxgk-pages-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw InputError(InputErrorKind::unreadable, "cannot create a temporary file");
    path_ = pattern;
    bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    if (!written) throw InputError(InputErrorKind::unreadable, "cannot write a temporary file");
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile &) = delete;
  TempFile &operator=(const TempFile &) = delete;
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string pdf_of_images(const std::vector<std::filesystem::path> &images) {
  try {
    return ocr::images_as_pdf(images);
  } catch (const ocr::ImageError &e) {
    throw InputError(InputErrorKind::damaged, e.what());
  }
}

std::optional<std::vector<std::filesystem::path>> images_of(const std::filesystem::path &path) {
  if (markup::is_page_folder(path)) return markup::page_images(path);
  if (markup::detect_format(path) == markup::InputFormat::image) return std::vector<std::filesystem::path>{path};
  return std::nullopt;
}

// Page images go through the scanned-page path as the scanned PDF they stand for.
report::Report extract_images(const std::vector<std::filesystem::path> &images, const ExtractOptions &options,
                              const TableOptions &table_options) {
  TempFile file(pdf_of_images(images));
  report::Report r = extract_pdf(file.path(), options, table_options);
  // One image: its own name and hash; a folder of them: the folder, and the hash of its pages
  // (not of the PDF they were read as, which differs from run to run).
  const std::filesystem::path &source = images.size() == 1 ? images.front() : images.front().parent_path();
  r.source.file = source.string();
  r.source.sha256 = images.size() == 1 ? sha256_file_hex(source) : sha256_files_hex(images);
  long long bytes = 0;
  for (const auto &image : images) bytes += static_cast<long long>(std::filesystem::file_size(image));
  r.source.bytes = bytes;
  r.source.format = "image";
  return r;
}

}  // namespace

report::Report extract_page_with_pictures(const std::filesystem::path &page,
                                          const std::vector<std::filesystem::path> &pictures,
                                          const ExtractOptions &options, const TableOptions &table_options) {
  TempFile file(pdf_of_images(pictures));
  extract::PdfDocument doc = extract::PdfDocument::open(file.path());
  report::Report r;
  r.source = source_of(page);
  r.source.format = "html";
  r.source.pages = doc.page_count();
  markup::LaidOut laid = markup::lay_out(read_markup(page, markup::InputFormat::html, options.served_charset));
  std::vector<report::PageLines> text = {{1, laid.lines}};
  ReadDocument read = read_document(doc, options, table_options, r.warnings);
  for (const PageText &p : read.pages) r.pages.push_back(p.summary);
  describe_meta(r, text);
  find_sections(r, split_by_tables(text, {}));
  r.warnings.push_back({"tables_from_pictures",
                        "the page shows its tables as " + std::to_string(pictures.size()) +
                            " picture(s): they were read by OCR, the title and sections from the page",
                        0, ""});
  map_values(r, read.tables.tables, &doc, &options);
  return r;
}

std::optional<std::vector<layout::Table>> tables_of_non_pdf(const std::filesystem::path &path,
                                                            const ExtractOptions &options,
                                                            const TableOptions &table_options,
                                                            std::vector<report::Warning> &warnings) {
  if (auto images = images_of(path)) {
    TempFile file(pdf_of_images(*images));
    extract::PdfDocument doc = extract::PdfDocument::open(file.path());
    return read_document(doc, options, table_options, warnings).tables.tables;
  }
  markup::InputFormat format = markup::detect_format(path);
  if (format != markup::InputFormat::html && format != markup::InputFormat::docx) return std::nullopt;
  return markup::lay_out(read_markup(path, format, options.served_charset)).tables;
}

report::Report extract_report(const std::filesystem::path &path, const ExtractOptions &options,
                              const TableOptions &table_options) {
  if (markup::is_page_folder(path)) return extract_images(markup::page_images(path), options, table_options);
  markup::InputFormat format = markup::detect_format(path);
  if (format == markup::InputFormat::html || format == markup::InputFormat::docx)
    return extract_marked_up(path, format, options);
  if (format == markup::InputFormat::image) return extract_images({path}, options, table_options);
  return extract_pdf(path, options, table_options);
}

}  // namespace xxgk::pipeline
