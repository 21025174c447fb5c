#pragma once
// Running one function over the pages of a document on a few threads.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace xxgk::pipeline {

// The number of threads `requested` means: 0 is one per core.
inline int thread_count(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Calls f(i, worker) for every i in [0, n), on up to `threads` threads; `worker` (0..threads-1)
// tells the caller which of its per-thread resources (an OCR engine) to use. The first
// exception thrown is rethrown here after all threads have stopped.
template <typename F>
void for_each_index(size_t n, int threads, F f) {
  int workers = static_cast<int>(std::min<size_t>(n, static_cast<size_t>(std::max(threads, 1))));
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) f(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      for (size_t i = next++; i < n && !failed; i = next++) {
        try {
          f(i, w);
        } catch (...) {
          if (!failed.exchange(true)) failure = std::current_exception();
        }
      }
    });
  for (auto &t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace xxgk::pipeline
