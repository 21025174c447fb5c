#pragma once
// Batch records: a report (the JSON of `xxgk extract` on that file, unchanged) or, for an input
// that could not be extracted, an error record with the same "source" and status "failed".

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "xxgk/batch/worker.hpp"

namespace xxgk::batch {

struct InputFile {
  std::string path;
  std::string sha256;                   // empty when the file cannot be read
  std::optional<std::uintmax_t> bytes;  // nullopt when missing
};

InputFile describe_input(const std::string &path);

// {"source": {file, sha256, bytes}, "status": "failed",
//  "error": {"reason", "exit_code", "signal", "timed_out", "seconds"}}
nlohmann::json failure_record(const InputFile &input, const WorkerExit &exit, const std::string &reason);

// A record's (source.file, source.sha256): what --resume matches inputs by.
using Identity = std::pair<std::string, std::string>;
std::optional<Identity> identity_of(const nlohmann::json &record);
inline Identity identity_of(const InputFile &input) {
  return {input.path, input.sha256};
}

}  // namespace xxgk::batch
