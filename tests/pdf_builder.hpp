#pragma once
// Hand-written PDFs for the bad-input tests: each a few objects, an xref table and a trailer,
// built byte by byte so a test can make exactly the damage it is about.

#include <zlib.h>

#include <cstdio>
#include <string>
#include <vector>

namespace xxgk::test {

// A PDF of the given objects (numbered from 1; object 1 must be the catalog).
inline std::string pdf_of(const std::vector<std::string> &objects) {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline std::string stream_object(const std::string &dictionary_entries, const std::string &data) {
  return "<< " + dictionary_entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

// `pages` empty A4 pages: nothing to read, much to render.
inline std::string blank_pages_pdf(int pages) {
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(3 + i) + " 0 R ";
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>",
                                      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>"};
  for (int i = 0; i < pages; ++i) objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  return pdf_of(objects);
}

// One page of the given size in points, with `content` drawn by `resources`.
inline std::string one_page_pdf(double width, double height, const std::string &content, const std::string &resources,
                                const std::vector<std::string> &more_objects = {}) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " +
                                          std::to_string(height) + "] /Contents 4 0 R /Resources " + resources + " >>",
                                      stream_object("", content)};
  objects.insert(objects.end(), more_objects.begin(), more_objects.end());
  return pdf_of(objects);
}

// Helvetica text whose ToUnicode map sends A to an unpaired high surrogate, B to an unpaired
// low one, C to a reversed pair and D to 一: a text layer no UTF-16 decoder should trust.
inline std::string bad_utf16_text_pdf() {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bad def\n"
      "1 begincodespacerange <00> <FF> endcodespacerange\n"
      "4 beginbfchar <41> <D800> <42> <DC00> <43> <DC00D800> <44> <4E00> endbfchar\n"
      "endcmap CMapName currentdict /CMap defineresource pop end end";
  return one_page_pdf(
      595, 842, "BT /F1 24 Tf 72 700 Td (ABCDABCD ABCD) Tj 0 -40 Td (DDDD CCCC) Tj ET", "<< /Font << /F1 5 0 R >> >>",
      {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", stream_object("", cmap)});
}

// A 1-bit image of width x height pixels, all white, deflated: kilobytes that inflate to
// `width * height / 8` bytes when drawn.
inline std::string decompression_bomb_pdf(int width, int height) {
  std::string raw(static_cast<size_t>(width) / 8 * static_cast<size_t>(height), '\xff');
  uLongf size = compressBound(raw.size());
  std::string packed(size, '\0');
  compress2(reinterpret_cast<Bytef *>(packed.data()), &size, reinterpret_cast<const Bytef *>(raw.data()), raw.size(),
            9);
  packed.resize(size);
  return one_page_pdf(
      595, 842, "q 500 0 0 700 50 50 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>",
      {stream_object("/Type /XObject /Subtype /Image /Width " + std::to_string(width) + " /Height " +
                         std::to_string(height) + " /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
                     packed)});
}

// The same bytes with the xref table pointing 7 bytes off, as after a careless edit: Poppler
// rebuilds the table by scanning the file.
inline std::string shifted_xref(std::string pdf) {
  size_t at = pdf.rfind("startxref\n");
  if (at == std::string::npos) return pdf;
  size_t begin = at + 10, end = pdf.find('\n', begin);
  long offset = std::stol(pdf.substr(begin, end - begin));
  return pdf.replace(begin, end - begin, std::to_string(offset + 7));
}

}  // namespace xxgk::test
