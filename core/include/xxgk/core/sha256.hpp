#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace xxgk {

// Lower-case hex SHA-256 of bytes or of a whole file (throws std::runtime_error if unreadable).
std::string sha256_hex(std::string_view bytes);
std::string sha256_file_hex(const std::filesystem::path &path);

}  // namespace xxgk
