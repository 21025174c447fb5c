#include "xxgk/markup/docx_document.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include "xxgk/normalize/unicode_fold.hpp"

namespace xxgk::markup {
namespace {

// Columns beyond this are no table a report prints (and a span of millions would be laid out).
constexpr int max_columns = 1000;

// A document part larger than this is no annual report (and may be a zip bomb).
constexpr zip_uint64_t max_part_bytes = 64u << 20;

int int_attribute(const pugi::xml_node &n, int fallback) {
  pugi::xml_attribute a = n.attribute("w:val");
  return a ? a.as_int(fallback) : fallback;
}

// A run's print size in points (w:sz holds half points); 0 when the run sets none.
double run_size(const pugi::xml_node &run) {
  pugi::xml_node sz = run.child("w:rPr").child("w:sz");
  return sz ? int_attribute(sz, 0) / 2.0 : 0;
}

double style_size(const pugi::xml_node &paragraph) {
  std::string style = paragraph.child("w:pPr").child("w:pStyle").attribute("w:val").as_string();
  if (style == "Title" || style == "Heading1" || style == "1") return 22;
  if (style == "Heading2" || style == "2") return 18;
  if (style == "Heading3" || style == "3") return 16;
  return 0;
}

// Visits the nodes under `root` in document order, going into a node's children only when
// `visit` returns true. A loop over parent and sibling links, not recursion: a Word file may
// nest tables or runs a hundred thousand deep.
template <typename Visit>
void visit_under(const pugi::xml_node &root, Visit visit) {
  pugi::xml_node n = root.first_child();
  while (n) {
    if (visit(n) && n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != root && !n.next_sibling()) n = n.parent();
    if (n == root) return;
    n = n.next_sibling();
  }
}

void paragraph_text(const pugi::xml_node &paragraph, std::string &out, double &size) {
  visit_under(paragraph, [&](const pugi::xml_node &k) {
    std::string_view name = k.name();
    if (name == "w:t") {
      out += k.text().as_string();
    } else if (name == "w:tab" || name == "w:br" || name == "w:cr") {
      out += ' ';
    } else if (name == "w:r") {
      size = std::max(size, run_size(k));
      return true;
    } else if (name == "w:hyperlink" || name == "w:smartTag" || name == "w:ins" || name == "w:sdt" ||
               name == "w:sdtContent" || name == "w:fldSimple") {
      return true;
    }
    return false;
  });
}

// A cell's text: its paragraphs, a space between (a label wrapped over lines), those of tables
// inside it too.
void cell_paragraphs(const pugi::xml_node &cell, std::string &out) {
  visit_under(cell, [&](const pugi::xml_node &k) {
    if (std::string_view(k.name()) != "w:p") return true;
    double size = 0;
    paragraph_text(k, out, size);
    out += ' ';
    return false;
  });
}

std::string cell_text(const pugi::xml_node &tc) {
  std::string out;
  cell_paragraphs(tc, out);
  return normalize::clean_text(out);
}

struct Placed {
  int col = 0, span = 1;
  size_t cell = 0;
};

GridTable grid_of(const pugi::xml_node &tbl) {
  GridTable g;
  std::vector<std::vector<Placed>> rows;  // per row, the cells that start or continue there
  int row = 0;
  for (pugi::xml_node tr : tbl.children("w:tr")) {
    int col = std::clamp(int_attribute(tr.child("w:trPr").child("w:gridBefore"), 0), 0, max_columns);
    std::vector<Placed> placed;
    for (pugi::xml_node tc : tr.children("w:tc")) {
      pugi::xml_node pr = tc.child("w:tcPr");
      int span = std::clamp(int_attribute(pr.child("w:gridSpan"), 1), 1, max_columns);
      if (col + span > max_columns) break;  // beyond any table a report prints
      pugi::xml_node merge = pr.child("w:vMerge");
      std::string merge_kind = merge ? merge.attribute("w:val").as_string("continue") : "";
      // A continued vertical merge: the cell above at this column grows down.
      const Placed *above = nullptr;
      if (merge_kind == "continue" && row > 0)
        for (const Placed &p : rows.back())
          if (p.col == col) above = &p;
      if (above) {
        g.cells[above->cell].rowspan = row - g.cells[above->cell].row + 1;
        placed.push_back(*above);
      } else {
        layout::Cell c;
        c.row = row;
        c.col = col;
        c.colspan = span;
        c.text = cell_text(tc);
        placed.push_back({col, span, g.cells.size()});
        g.cells.push_back(std::move(c));
      }
      col += span;
    }
    g.cols = std::max(g.cols, col);
    rows.push_back(std::move(placed));
    ++row;
  }
  g.rows = row;
  drop_empty_rows(g);
  return g;
}

// The body's paragraphs and tables in order, those inside content controls (w:sdt) too.
void walk_body(const pugi::xml_node &body, MarkupDocument &doc) {
  visit_under(body, [&](const pugi::xml_node &n) {
    std::string_view name = n.name();
    if (name == "w:p") {
      std::string text;
      double size = 0;
      paragraph_text(n, text, size);
      text = normalize::clean_text(text);
      double styled = style_size(n);
      if (!text.empty()) doc.items.emplace_back(TextBlock{text, size > 0 ? size : (styled > 0 ? styled : 12)});
    } else if (name == "w:tbl") {
      doc.items.emplace_back(grid_of(n));
    }
    return name == "w:sdt" || (name == "w:sdtContent" && std::string_view(n.parent().name()) == "w:sdt");
  });
}

}  // namespace

std::string docx_document_xml(const std::filesystem::path &path) {
  int error = 0;
  std::unique_ptr<zip_t, int (*)(zip_t *)> archive(zip_open(path.c_str(), ZIP_RDONLY, &error), zip_close);
  if (!archive) throw DocxError("not a readable Word file (.docx is a zip archive)");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive.get(), "word/document.xml", 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    throw DocxError("no word/document.xml: not a Word document");
  if (st.size > max_part_bytes) throw DocxError("word/document.xml is larger than 64 MiB");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t *)> part(zip_fopen(archive.get(), "word/document.xml", 0), zip_fclose);
  if (!part) throw DocxError("cannot open word/document.xml");
  std::string xml(static_cast<size_t>(st.size), '\0');
  zip_int64_t got = zip_fread(part.get(), xml.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) throw DocxError("word/document.xml is damaged");
  return xml;
}

MarkupDocument read_docx_xml(const std::string &document_xml) {
  pugi::xml_document xml;
  if (!xml.load_buffer(document_xml.data(), document_xml.size())) throw DocxError("word/document.xml is not XML");
  MarkupDocument doc;
  walk_body(xml.child("w:document").child("w:body"), doc);
  return doc;
}

}  // namespace xxgk::markup
