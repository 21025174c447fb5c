#pragma once
// The inputs of a batch: files, folders searched recursively for PDFs, and lists of paths;
// and the deterministic split of them into shards for running on many machines.

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace xxgk::batch {

// One of `count` disjoint parts of the inputs; index is 0-based (Kubernetes' completion index,
// `$((SLURM_ARRAY_TASK_ID))` of a 0-based array, GNU parallel's {%}-1).
struct Shard {
  int index = 0;
  int count = 1;
};

// "I/N" with 0 <= I < N; nullopt if malformed.
std::optional<Shard> parse_shard(const std::string &text);

// Whether `path` belongs to the shard. Decided by a hash of the path alone, so a file stays in
// its shard however the list is ordered or grows.
bool in_shard(const std::string &path, const Shard &shard);

// Paths (or URLs) from a list, one per line (a trailing CR, blank lines and whatever follows a
// tab ignored: `xxgk crawl` writes URL, year and title tab-separated).
std::vector<std::string> read_path_list(std::istream &in);

// Each argument that is a folder becomes the PDFs (*.pdf, any case) under it, recursively, in
// sorted order; any other argument is taken as a file (a missing one fails later, as a record).
// Duplicates are dropped, first occurrence kept.
std::vector<std::string> expand_inputs(const std::vector<std::string> &arguments);

}  // namespace xxgk::batch
