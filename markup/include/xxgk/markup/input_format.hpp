#pragma once
// What a file is, told by its content: agencies' sites serve web pages under .pdf links and
// Word files under .doc names, so the name's extension is no guide.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::markup {

enum class InputFormat { pdf, html, docx, image, unknown };

// From the first bytes of a file (a few KiB are enough).
InputFormat format_of_bytes(std::string_view head);

// Reads the head of the file; unknown when it cannot be read.
InputFormat detect_format(const std::filesystem::path &path);

// What a folder is searched for: reports as sites publish them (.pdf, .html, .htm, .shtml,
// .docx). A file given by name is read whatever its name; its content says what it is.
bool is_report_name(const std::filesystem::path &path);

// A folder of page images (PNG, JPEG, TIFF) and no reports (PDF, web page, Word file): one
// report, a page per image.
bool is_page_folder(const std::filesystem::path &folder);

// The images of a page folder in page order: by name, numbers compared as numbers (p-2 before
// p-10).
std::vector<std::filesystem::path> page_images(const std::filesystem::path &folder);

// "pdf", "html", "docx", "image", "unknown": as the output's source.format names them.
std::string format_name(InputFormat format);

}  // namespace xxgk::markup
