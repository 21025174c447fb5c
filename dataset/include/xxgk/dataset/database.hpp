#pragma once
// The dataset of a batch as one SQLite file (schema: dataset/schema.sql, documented in
// docs/dataset.md). Written in WAL mode, one transaction per report, so readers see whole
// reports while a batch writes and a batch killed at any moment leaves no half report.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/dataset/cross_checks.hpp"

struct sqlite3;

namespace xxgk::dataset {

class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Figures of a dataset, for summaries and tests.
struct DatasetCounts {
  long long reports = 0, failed = 0, values = 0, warnings = 0, failed_checks = 0, sections = 0, prose_checks = 0;
  long long cross_checks = 0, cross_checks_failed = 0, duplicates = 0;
};

class Database {
 public:
  // Opens (creating when new) the dataset at `path` (":memory:" for one in memory). Throws
  // DatabaseError when the file is not an xxgk dataset or is of a newer schema.
  static Database open(const std::string &path);
  Database(Database &&other) noexcept;
  Database &operator=(Database &&other) noexcept;
  Database(const Database &) = delete;
  Database &operator=(const Database &) = delete;
  ~Database();

  // Stores one batch record (a report, or an error record) with all its rows in one
  // transaction, replacing an earlier record of the same identity (sha256, or file when the
  // input could not be read). Throws DatabaseError.
  void store(const nlohmann::json &record);
  // A record of this input (this path with this content) is stored.
  bool has(const std::string &file, const std::string &sha256) const;

  // Recomputes the agency groups and the checks across reports over everything stored.
  void refresh_cross_checks();
  std::vector<CrossCheck> stored_cross_checks() const;
  // Report id -> file, for messages.
  std::string file_of(long long report_id) const;

  DatasetCounts counts() const;

 private:
  explicit Database(sqlite3 *db) : db_(db) {}
  sqlite3 *db_ = nullptr;
};

// Whether `path` is an SQLite file (by its header), as opposed to JSON results.
bool is_sqlite_file(const std::string &path);

}  // namespace xxgk::dataset
