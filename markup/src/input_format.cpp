#include "xxgk/markup/input_format.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "xxgk/core/utf8_text.hpp"

namespace xxgk::markup {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// A zip whose entries include word/document.xml. The local file headers name the entries; the
// document part is rarely the first, so the whole head is searched.
bool is_docx(std::string_view head) {
  return starts_with(head, "PK\x03\x04") && head.find("word/") != std::string_view::npos;
}

bool is_html(std::string_view head) {
  std::string text = ascii_lowercase(head.substr(0, 4096));
  for (const char *mark :
       {"<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<title", "<div", "<p>", "<p "})
    if (text.find(mark) != std::string::npos) return true;
  return false;
}

std::string extension_of(const std::filesystem::path &p) {
  return ascii_lowercase(p.extension().string());
}

bool is_image_name(const std::filesystem::path &p) {
  std::string e = extension_of(p);
  return e == ".png" || e == ".jpg" || e == ".jpeg" || e == ".tif" || e == ".tiff";
}

// Names compared with their runs of digits as numbers.
bool natural_less(const std::string &a, const std::string &b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])), db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei, j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

bool is_report_name(const std::filesystem::path &p) {
  std::string e = extension_of(p);
  return e == ".pdf" || e == ".html" || e == ".htm" || e == ".shtml" || e == ".docx";
}

bool is_page_folder(const std::filesystem::path &folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return false;
  bool images = false;
  for (const auto &entry : std::filesystem::directory_iterator(folder, ec)) {
    if (is_report_name(entry.path())) return false;
    images = images || is_image_name(entry.path());
  }
  return images;
}

std::vector<std::filesystem::path> page_images(const std::filesystem::path &folder) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto &entry : std::filesystem::directory_iterator(folder, ec))
    if (is_image_name(entry.path()) && entry.is_regular_file(ec)) out.push_back(entry.path());
  std::sort(out.begin(), out.end(),
            [](const auto &a, const auto &b) { return natural_less(a.filename().string(), b.filename().string()); });
  return out;
}

InputFormat format_of_bytes(std::string_view head) {
  // %PDF may follow a few bytes of junk; readers accept it within the first KiB.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputFormat::pdf;
  if (starts_with(head, "\x89PNG\r\n\x1a\n") || starts_with(head, "\xff\xd8\xff") ||
      starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4)))
    return InputFormat::image;
  if (is_docx(head)) return InputFormat::docx;
  if (is_html(head)) return InputFormat::html;
  return InputFormat::unknown;
}

InputFormat detect_format(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InputFormat::unknown;
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return format_of_bytes(head);
}

std::string format_name(InputFormat format) {
  switch (format) {
    case InputFormat::pdf: return "pdf";
    case InputFormat::html: return "html";
    case InputFormat::docx: return "docx";
    case InputFormat::image: return "image";
    case InputFormat::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace xxgk::markup
