#pragma once
// Where a batch's records go, written so that nothing is ever half-written: whole lines appended
// to one JSON Lines file, or one file per input renamed into place. With resume, what is already
// there (and intact) counts as done.

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "xxgk/batch/records.hpp"

namespace xxgk::batch {

class SinkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ResultSink {
 public:
  virtual ~ResultSink() = default;
  // A record for this input (same path, same content) is already there.
  virtual bool has(const InputFile &input) const = 0;
  // `record` is one JSON document without a trailing newline. Throws SinkError.
  virtual void write(const InputFile &input, const std::string &record) = 0;
};

// JSON Lines at `path` ("-": standard output). With resume, the file is read first: intact
// records are kept (one per input), a torn last line or a duplicate is dropped, and the file is
// rewritten atomically before anything is added; without, it is started afresh.
std::unique_ptr<ResultSink> jsonl_sink(const std::string &path, bool resume);

// One JSON file per input in `dir`, named after the input (NAME.json; NAME-<hash>.json when two
// inputs of the batch share a name). `all_inputs` fixes the names, so shards agree on them.
std::unique_ptr<ResultSink> directory_sink(const std::string &dir, const std::vector<std::string> &all_inputs,
                                           bool resume);

// The batch's dataset (dataset/): each record stored in one transaction, replacing an earlier
// record of the same content. With resume, an input whose record (same path, same sha256) is
// stored counts as done; without, the records already there stay unless replaced.
std::unique_ptr<ResultSink> sqlite_sink(const std::string &path, bool resume);

// Several sinks as one: an input is done when every sink has it; a record goes to each sink
// that lacks it (a resumed batch whose JSON Lines are ahead of its database catches up).
std::unique_ptr<ResultSink> all_of(std::vector<std::unique_ptr<ResultSink>> sinks);

// The output names directory_sink uses, by input path.
std::vector<std::string> output_names(const std::vector<std::string> &inputs);

}  // namespace xxgk::batch
