#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// Lower-case hex SHA-256 of bytes or of a whole file (throws std::runtime_error if unreadable).
std::string sha256_hex(std::string_view bytes);
std::string sha256_file_hex(const std::filesystem::path &path);

// The hash of files in order (a folder of page images): SHA-256 of each file's name and hash,
// one line each. The same files give the same hash; a page changed, added or renamed, another.
std::string sha256_files_hex(const std::vector<std::filesystem::path> &paths);

}  // namespace xxgk
