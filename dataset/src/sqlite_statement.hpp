#pragma once
// A prepared SQLite statement that finalizes itself; errors become DatabaseError.

#include <sqlite3.h>

#include <optional>
#include <string>

#include "xxgk/dataset/database.hpp"

namespace xxgk::dataset {

class Statement {
 public:
  Statement(sqlite3 *db, const std::string &sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
      throw DatabaseError(std::string("SQLite: ") + sqlite3_errmsg(db));
  }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds parameters 1..n in order; a nullopt or nullptr binds NULL.
  template <typename... Values>
  Statement &bind(const Values &...values) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    int i = 0;
    (bind_one(++i, values), ...);
    return *this;
  }
  // One step: true while there is a row to read.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw DatabaseError(std::string("SQLite: ") + sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::optional<double> maybe_real(int column) const {
    return is_null(column) ? std::nullopt : std::optional<double>(real(column));
  }
  std::string text(int column) const {
    const unsigned char *t = sqlite3_column_text(stmt_, column);
    return t ? std::string(reinterpret_cast<const char *>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }

 private:
  void bind_one(int i, std::nullptr_t) { sqlite3_bind_null(stmt_, i); }
  void bind_one(int i, int v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind_one(int i, long v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind_one(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind_one(int i, bool v) { sqlite3_bind_int64(stmt_, i, v ? 1 : 0); }
  void bind_one(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void bind_one(int i, const std::string &v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_one(int i, const char *v) { bind_one(i, std::string(v)); }
  template <typename T>
  void bind_one(int i, const std::optional<T> &v) {
    if (v)
      bind_one(i, *v);
    else
      sqlite3_bind_null(stmt_, i);
  }

  sqlite3 *db_;
  sqlite3_stmt *stmt_ = nullptr;
};

// Runs SQL without results (several statements allowed).
inline void execute(sqlite3 *db, const std::string &sql) {
  char *error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw DatabaseError("SQLite: " + message);
  }
}

// BEGIN IMMEDIATE ... COMMIT, rolled back when left by an exception.
class Transaction {
 public:
  explicit Transaction(sqlite3 *db) : db_(db) { execute(db_, "BEGIN IMMEDIATE"); }
  Transaction(const Transaction &) = delete;
  Transaction &operator=(const Transaction &) = delete;
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    execute(db_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3 *db_;
  bool done_ = false;
};

}  // namespace xxgk::dataset
