#include "xxgk/batch/records.hpp"

#include <filesystem>

#include "xxgk/core/sha256.hpp"

namespace xxgk::batch {

InputFile describe_input(const std::string &path) {
  InputFile in{path, "", std::nullopt};
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (!ec) in.bytes = size;
  try {
    in.sha256 = sha256_file_hex(path);
  } catch (const std::exception &) {
    in.sha256.clear();  // unreadable: its worker will say why
  }
  return in;
}

nlohmann::json failure_record(const InputFile &input, const WorkerExit &exit, const std::string &reason) {
  nlohmann::json source = {{"file", input.path},
                           {"sha256", input.sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(input.sha256)},
                           {"bytes", input.bytes ? nlohmann::json(*input.bytes) : nlohmann::json(nullptr)}};
  nlohmann::json error = {{"reason", reason},
                          {"exit_code", exit.exit_code >= 0 ? nlohmann::json(exit.exit_code) : nlohmann::json(nullptr)},
                          {"signal", exit.signal ? nlohmann::json(exit.signal) : nlohmann::json(nullptr)},
                          {"timed_out", exit.timed_out},
                          {"seconds", std::round(exit.seconds * 100) / 100}};
  return {{"source", source}, {"status", "failed"}, {"error", error}};
}

std::optional<Identity> identity_of(const nlohmann::json &record) {
  if (!record.is_object() || !record.contains("source") || !record["source"].is_object()) return std::nullopt;
  const auto &s = record["source"];
  if (!s.contains("file") || !s["file"].is_string()) return std::nullopt;
  std::string sha = s.contains("sha256") && s["sha256"].is_string() ? s["sha256"].get<std::string>() : "";
  return Identity{s["file"].get<std::string>(), sha};
}

}  // namespace xxgk::batch
