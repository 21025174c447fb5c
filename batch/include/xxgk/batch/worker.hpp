#pragma once
// Worker processes: each input is extracted by a child process (xxgk itself, single-file mode),
// so a crash, a hang or a memory blow-up in Poppler, Tesseract or xxgk loses that one input.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::batch {

struct WorkerLimits {
  double timeout_seconds = 600;  // 0: none. Wall time, then SIGKILL.
  long memory_mb = 4096;         // 0: none. Address-space limit (RLIMIT_AS) of the child.
};

// How a child ended.
struct WorkerExit {
  int exit_code = -1;  // when it exited; -1 when killed by a signal
  int signal = 0;      // the signal that ended it, 0 if it exited
  bool timed_out = false;
  double seconds = 0;
  std::string error_output;  // its stderr (the last 4 KiB)
};

// Runs up to a given number of children at once; not thread-safe (one per batch).
class WorkerPool {
 public:
  explicit WorkerPool(WorkerLimits limits) : limits_(limits) {}
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;
  ~WorkerPool();  // kills children still running

  // Starts `argv` (argv[0] is the executable) for the job `id`; its stderr goes to `stderr_path`.
  // False if the process could not be started.
  bool start(int id, const std::vector<std::string> &argv, const std::string &stderr_path);
  int running() const { return static_cast<int>(children_.size()); }
  // Blocks until a child ends (killing any past the timeout); nullopt when none runs.
  std::optional<std::pair<int, WorkerExit>> wait_any();

 private:
  struct Child {
    int id;
    std::chrono::steady_clock::time_point started;
    std::string stderr_path;
    bool killed_for_time = false;
  };
  WorkerLimits limits_;
  std::map<int, Child> children_;  // by pid
};

// Runs the rest of this process's work in a child held to the limits, so that one file read
// alone is bounded as a batch's worker is: the caller's process forks; in the child (address
// space limited, killed with its parent) this returns nothing and the work goes on as it
// would have; the parent waits, kills the child at the timeout, and gets how it ended. Only
// from a process with one thread (fork copies the calling thread alone). Nothing when the
// fork fails: the work then goes on here, unbounded.
std::optional<WorkerExit> run_rest_in_limited_child(const WorkerLimits &limits);

// One line saying why a worker failed, for the error record: the child's own "error: …" message
// when it gave one, else the signal, the timeout or the memory limit.
std::string failure_reason(const WorkerExit &exit, const WorkerLimits &limits);

}  // namespace xxgk::batch
