#include "xxgk/core/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

namespace xxgk {

bool write_file_atomically(const std::filesystem::path &target, std::string_view content) {
  std::filesystem::path temp = target;
  temp += ".tmp." + std::to_string(::getpid());
  bool written = false;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    written = out && out.write(content.data(), static_cast<std::streamsize>(content.size())) && out.flush();
  }
  std::error_code ec;
  if (written) std::filesystem::rename(temp, target, ec);
  if (!written || ec) std::filesystem::remove(temp, ec);
  return written && !ec;
}

}  // namespace xxgk
