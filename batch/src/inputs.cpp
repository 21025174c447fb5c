#include "xxgk/batch/inputs.hpp"

#include "xxgk/markup/input_format.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <set>

namespace xxgk::batch {
namespace {

std::vector<std::string> pdfs_under(const std::filesystem::path &folder) {
  std::vector<std::string> out;
  std::error_code ec;
  auto options = std::filesystem::directory_options::skip_permission_denied;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, options, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    // A link to nothing is kept: it fails as a record rather than vanish from the batch.
    bool file = it->is_regular_file(type_ec) || it->is_symlink(type_ec);
    if (file && markup::is_report_name(it->path())) out.push_back(it->path().string());
    // A folder of page images is one report, a page per image.
    if (!file && markup::is_page_folder(it->path())) {
      out.push_back(it->path().string());
      it.disable_recursion_pending();
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::optional<Shard> parse_shard(const std::string &text) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard s;
  auto parse = [](const char *b, const char *e, int &v) {
    auto [end, ec] = std::from_chars(b, e, v);
    return ec == std::errc() && end == e && b != e;
  };
  if (!parse(text.data(), text.data() + slash, s.index) ||
      !parse(text.data() + slash + 1, text.data() + text.size(), s.count))
    return std::nullopt;
  if (s.count < 1 || s.index < 0 || s.index >= s.count) return std::nullopt;
  return s;
}

bool in_shard(const std::string &path, const Shard &shard) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across runs and machines
  for (unsigned char c : path) h = (h ^ c) * 1099511628211ULL;
  return static_cast<int>(h % static_cast<std::uint64_t>(shard.count)) == shard.index;
}

std::vector<std::string> read_path_list(std::istream &in) {
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = line.substr(0, line.find('\t'));  // what follows a tab describes it (xxgk crawl)
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> expand_inputs(const std::vector<std::string> &arguments) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string &p) {
    if (seen.insert(p).second) out.push_back(p);
  };
  for (const std::string &a : arguments) {
    std::error_code ec;
    if (std::filesystem::is_directory(a, ec) && !markup::is_page_folder(a))
      for (const std::string &p : pdfs_under(a)) add(p);
    else
      add(a);
  }
  return out;
}

}  // namespace xxgk::batch
