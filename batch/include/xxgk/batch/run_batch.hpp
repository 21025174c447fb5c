#pragma once
// A batch: every input extracted by a worker process, up to `jobs` at once, each result written
// to the sink as it comes. The batch always finishes; a failed input becomes an error record.

#include <string>
#include <vector>

#include "xxgk/batch/progress.hpp"
#include "xxgk/batch/result_sink.hpp"
#include "xxgk/batch/worker.hpp"
#include "xxgk/fetch/fetcher.hpp"

namespace xxgk::batch {

struct BatchOptions {
  std::vector<std::string> inputs;  // this run's inputs, shard already applied
  int jobs = 1;                     // worker processes at once
  WorkerLimits limits;
  std::string executable;                // xxgk itself
  std::vector<std::string> worker_args;  // extract options passed on to each worker
  fetch::FetchOptions fetch;             // for inputs that are URLs: fetched first, here
};

struct BatchSummary {
  int inputs = 0, skipped = 0;  // skipped: already done (resume)
  int ok = 0, review = 0, partial = 0, failed = 0;
  int rules_failed = 0;  // reports where some arithmetic check of the form fails
  double seconds = 0;
};

BatchSummary run_batch(const BatchOptions &options, ResultSink &sink, ProgressReporter &progress);

// "312 inputs: 280 ok, 10 to review, 7 partial, 15 failed (12 skipped as already done); 21 reports fail a
// check of the form's arithmetic; 3m12s"
std::string summary_line(const BatchSummary &summary);

}  // namespace xxgk::batch
