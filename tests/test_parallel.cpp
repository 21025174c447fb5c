// The page-parallel helper: every index once, each on a valid worker, and errors not lost.

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <stdexcept>

#include "xxgk/pipeline/parallel.hpp"

namespace xxgk::pipeline {
namespace {

TEST(ForEachIndex, VisitsEveryIndexOnceOnAValidWorker) {
  for (int threads : {1, 2, 4}) {
    std::mutex m;
    std::multiset<size_t> seen;
    std::set<int> workers;
    for_each_index(50, threads, [&](size_t i, int worker) {
      std::lock_guard<std::mutex> hold(m);
      seen.insert(i);
      workers.insert(worker);
    });
    ASSERT_EQ(seen.size(), 50u);
    for (size_t i = 0; i < 50; ++i) EXPECT_EQ(seen.count(i), 1u);
    EXPECT_GE(*workers.begin(), 0);
    EXPECT_LT(*workers.rbegin(), threads);
  }
}

TEST(ForEachIndex, RethrowsTheFirstError) {
  EXPECT_THROW(for_each_index(20, 3,
                              [](size_t i, int) {
                                if (i == 7) throw std::runtime_error("page 8 failed");
                              }),
               std::runtime_error);
}

TEST(ForEachIndex, NothingToDoIsFine) {
  int calls = 0;
  for_each_index(0, 4, [&](size_t, int) { ++calls; });
  EXPECT_EQ(calls, 0);
  EXPECT_GE(thread_count(0), 1);
  EXPECT_EQ(thread_count(3), 3);
}

}  // namespace
}  // namespace xxgk::pipeline
