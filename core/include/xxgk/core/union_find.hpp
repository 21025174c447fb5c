#pragma once
// Disjoint sets over 0..n-1 (grid slots joined into cells, rulings into frames, names into one
// agency). Iterative, so a long chain cannot overflow the stack.

#include <cstddef>
#include <numeric>
#include <utility>
#include <vector>

namespace xxgk {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), size_t{0}); }
  size_t find(size_t i) {
    size_t root = i;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[i] != root) i = std::exchange(parent_[i], root);
    return root;
  }
  void join(size_t a, size_t b) { parent_[find(a)] = find(b); }
  size_t size() const { return parent_.size(); }

 private:
  std::vector<size_t> parent_;
};

}  // namespace xxgk
