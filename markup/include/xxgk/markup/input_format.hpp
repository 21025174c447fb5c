#pragma once
// What a file is, told by its content: agencies' sites serve web pages under .pdf links and
// Word files under .doc names, so the name's extension is no guide.

#include <filesystem>
#include <string>
#include <string_view>

namespace xxgk::markup {

enum class InputFormat { pdf, html, docx, image, unknown };

// From the first bytes of a file (a few KiB are enough).
InputFormat format_of_bytes(std::string_view head);

// Reads the head of the file; unknown when it cannot be read.
InputFormat detect_format(const std::filesystem::path &path);

// "pdf", "html", "docx", "image", "unknown": as the output's source.format names them.
std::string format_name(InputFormat format);

}  // namespace xxgk::markup
