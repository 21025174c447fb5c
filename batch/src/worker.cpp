#include "xxgk/batch/worker.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace xxgk::batch {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;  // ASan reserves terabytes of address space
#else
constexpr bool address_sanitizer = false;
#endif

// The address space of this process (a child's, after fork) bounded to `memory_mb`.
void limit_memory(long memory_mb) {
  if (memory_mb <= 0 || address_sanitizer) return;
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(memory_mb) * 1024 * 1024;
  ::setrlimit(RLIMIT_AS, &limit);
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const std::vector<char *> &argv, const char *stderr_path, long memory_mb) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed batch takes its workers with it
  int in = ::open("/dev/null", O_RDONLY);
  int out = ::open("/dev/null", O_WRONLY);
  int err = ::open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (in < 0 || out < 0 || err < 0) ::_exit(127);
  ::dup2(in, 0), ::dup2(out, 1), ::dup2(err, 2);
  limit_memory(memory_mb);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

// How long to sleep between looks at a running child: short against a report's tenth of a
// second, long enough not to spin.
constexpr auto child_poll = std::chrono::milliseconds(2);

std::string tail_of(const std::string &path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > bytes ? s.substr(s.size() - bytes) : s;
}

}  // namespace

WorkerPool::~WorkerPool() {
  for (const auto &[pid, child] : children_) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}

bool WorkerPool::start(int id, const std::vector<std::string> &argv, const std::string &stderr_path) {
  std::vector<char *> args;
  for (const std::string &a : argv) args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) exec_child(args, stderr_path.c_str(), limits_.memory_mb);
  children_[pid] = {id, std::chrono::steady_clock::now(), stderr_path};
  return true;
}

std::optional<std::pair<int, WorkerExit>> WorkerPool::wait_any() {
  using clock = std::chrono::steady_clock;
  while (!children_.empty()) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0 && children_.count(pid)) {
      Child child = children_[pid];
      children_.erase(pid);
      WorkerExit exit;
      exit.seconds = std::chrono::duration<double>(clock::now() - child.started).count();
      if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
      exit.timed_out = child.killed_for_time;
      exit.error_output = tail_of(child.stderr_path, 4096);
      return std::make_pair(child.id, exit);
    }
    if (pid < 0 && errno != EINTR) return std::nullopt;  // no children left to wait for
    if (limits_.timeout_seconds > 0)
      for (auto &[p, child] : children_)
        if (!child.killed_for_time &&
            std::chrono::duration<double>(clock::now() - child.started).count() > limits_.timeout_seconds) {
          ::kill(p, SIGKILL);
          child.killed_for_time = true;
        }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

std::optional<WorkerExit> run_rest_in_limited_child(const WorkerLimits &limits) {
  using clock = std::chrono::steady_clock;
  std::fflush(nullptr);  // nothing buffered is written twice
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return std::nullopt;
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent ended before the line above
    limit_memory(limits.memory_mb);
    return std::nullopt;
  }
  auto started = clock::now();
  WorkerExit exit;
  int status = 0;
  for (;;) {
    pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == pid) break;
    if (got < 0 && errno != EINTR) return exit;  // cannot happen for our own child
    if (!exit.timed_out && limits.timeout_seconds > 0 &&
        std::chrono::duration<double>(clock::now() - started).count() > limits.timeout_seconds) {
      ::kill(pid, SIGKILL);
      exit.timed_out = true;
    }
    std::this_thread::sleep_for(child_poll);
  }
  exit.seconds = std::chrono::duration<double>(clock::now() - started).count();
  if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
  return exit;
}

std::string failure_reason(const WorkerExit &exit, const WorkerLimits &limits) {
  if (exit.timed_out) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", limits.timeout_seconds);
    return std::string("timed out after ") + seconds + " s";
  }
  // The child's last "xxgk: error: …" or "internal error" line says it best.
  std::istringstream lines(exit.error_output);
  std::string line, said;
  while (std::getline(lines, line))
    if (line.rfind("xxgk: ", 0) == 0 && line.find("warning:") == std::string::npos &&
        line.find("note:") == std::string::npos)
      said = line.substr(6);
  bool out_of_memory =
      said.find("bad_alloc") != std::string::npos || exit.error_output.find("std::bad_alloc") != std::string::npos;
  if (out_of_memory && limits.memory_mb > 0) return "out of memory (limit " + std::to_string(limits.memory_mb) + " MB)";
  if (exit.signal != 0) return "crashed: signal " + std::to_string(exit.signal) + " (" + ::strsignal(exit.signal) + ")";
  if (exit.exit_code == 127 && said.empty()) return "could not start the worker process";
  if (said.rfind("error: ", 0) == 0) said = said.substr(7);
  if (!said.empty()) return said;
  return "failed with exit code " + std::to_string(exit.exit_code);
}

}  // namespace xxgk::batch
