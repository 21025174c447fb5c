#pragma once

#include <filesystem>
#include <string_view>

namespace xxgk {

// Writes `content` next to `target` and renames it into place, so a reader (or a run killed
// half-way) never sees half a file. False if it could not be written; nothing is left behind.
bool write_file_atomically(const std::filesystem::path &target, std::string_view content);

}  // namespace xxgk
