#include "xxgk/dataset/database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>

#include "sqlite_statement.hpp"
#include "xxgk/core/utc_time.hpp"
#include "xxgk/dataset/record_values.hpp"

namespace xxgk::embedded {
std::string_view dataset_schema_sql();
}

namespace xxgk::dataset {
namespace {

// PRAGMA application_id of an xxgk dataset: "xxgk" in ASCII, so `file` and other tools can tell.
constexpr int application_id = 0x78786B67;
constexpr int schema_version = 1;
// A reader or writer waits this long for another's transaction before giving up.
constexpr int busy_timeout_ms = 30000;
// 16384 pages of 4 KiB: 64 MB of WAL between checkpoints.
constexpr int checkpoint_pages = 16384;

const nlohmann::json &member(const nlohmann::json &j, const char *name) {
  static const nlohmann::json null_value;
  return j.is_object() && j.contains(name) ? j[name] : null_value;
}

std::optional<std::string> optional_text(const nlohmann::json &v) {
  if (v.is_string()) return v.get<std::string>();
  return std::nullopt;
}

std::optional<long long> optional_integer(const nlohmann::json &v) {
  if (v.is_number_integer()) return v.get<long long>();
  return std::nullopt;
}

std::optional<double> optional_number(const nlohmann::json &v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

std::string identity_of(const std::string &file, const std::string &sha256) {
  return sha256.empty() ? "file:" + file : sha256;
}

std::string quoted_identifier(const std::string &name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// report_wide: one row per report, one column per template key (both editions, spec order).
std::string wide_view_sql() {
  std::string sql =
      "CREATE VIEW report_wide AS SELECT r.id AS report_id, r.file, r.sha256, r.status, r.title, r.agency, "
      "r.agency_group, r.year, r.edition, r.doubtful_values";
  for (const std::string &key : all_template_keys())
    sql += ",\n  MAX(CASE WHEN v.key = '" + key + "' THEN v.value END) AS " + quoted_identifier(key);
  return sql + "\nFROM reports r LEFT JOIN report_values v ON v.report_id = r.id GROUP BY r.id;";
}

void create_schema(sqlite3 *db) {
  Transaction t(db);
  execute(db, std::string(embedded::dataset_schema_sql()));
  execute(db, wide_view_sql());
  execute(db, "PRAGMA application_id = " + std::to_string(application_id) +
                  "; PRAGMA user_version = " + std::to_string(schema_version) + ";");
  t.commit();
}

long long pragma_value(sqlite3 *db, const char *name) {
  Statement s(db, std::string("PRAGMA ") + name);
  return s.step() ? s.integer(0) : 0;
}

void prepare(sqlite3 *db, const std::string &path) {
  sqlite3_busy_timeout(db, busy_timeout_ms);
  long long objects = 0;
  try {
    Statement count(db, "SELECT COUNT(*) FROM sqlite_schema");
    if (count.step()) objects = count.integer(0);
  } catch (const DatabaseError &) {
    throw DatabaseError("'" + path + "' is not an SQLite database");
  }
  if (objects == 0) {
    if (path != ":memory:") execute(db, "PRAGMA journal_mode = WAL");
    create_schema(db);
  } else if (pragma_value(db, "application_id") != application_id) {
    throw DatabaseError("'" + path + "' is an SQLite database, but not an xxgk dataset");
  } else if (pragma_value(db, "user_version") > schema_version) {
    throw DatabaseError("'" + path + "' is a dataset of a newer xxgk (schema " +
                        std::to_string(pragma_value(db, "user_version")) + "); this one writes schema " +
                        std::to_string(schema_version));
  }
  // WAL keeps every committed report through a crash of the process; a power cut may lose the
  // last few, never leave one half-written.
  execute(db, "PRAGMA synchronous = NORMAL");
  // A checkpoint (WAL into the database, with an fsync) every 4 MB stalled a batch's writer
  // every ~70 reports; every 64 MB it is rare, and the WAL stays small beside the reports.
  execute(db, "PRAGMA wal_autocheckpoint = " + std::to_string(checkpoint_pages));
}

void delete_rows_of(sqlite3 *db, long long report_id) {
  for (const char *table : {"report_values", "warnings", "failed_checks", "sections", "prose_checks"})
    Statement(db, std::string("DELETE FROM ") + table + " WHERE report_id = ?").bind(report_id).run();
}

// The report's row (inserted, or updated in place so its id stays), returning its id.
long long upsert_report(sqlite3 *db, const nlohmann::json &r) {
  const nlohmann::json &source = member(r, "source"), &meta = member(r, "meta"), &checks = member(r, "validation");
  std::string file = text_at(r, {"source", "file"}), sha256 = text_at(r, {"source", "sha256"});
  std::optional<long long> failed_checks;
  if (member(checks, "failed").is_array()) failed_checks = static_cast<long long>(checks["failed"].size());
  std::optional<std::string> aliases;
  if (member(meta, "agency_aliases").is_array()) aliases = meta["agency_aliases"].dump();
  Statement s(db,
              "INSERT INTO reports (identity, file, sha256, bytes, source_format, pages, status, error, title, "
              "agency, agency_aliases, year, edition, doubtful_values, checks_passed, checks_failed, "
              "checks_skipped, record, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
              "ON CONFLICT (identity) DO UPDATE SET file = excluded.file, sha256 = excluded.sha256, "
              "bytes = excluded.bytes, source_format = excluded.source_format, pages = excluded.pages, "
              "status = excluded.status, error = excluded.error, title = excluded.title, agency = excluded.agency, "
              "agency_aliases = excluded.agency_aliases, agency_group = NULL, year = excluded.year, "
              "edition = excluded.edition, doubtful_values = excluded.doubtful_values, "
              "checks_passed = excluded.checks_passed, checks_failed = excluded.checks_failed, "
              "checks_skipped = excluded.checks_skipped, record = excluded.record, stored_at = excluded.stored_at "
              "RETURNING id");
  s.bind(identity_of(file, sha256), file, sha256.empty() ? std::nullopt : std::optional(sha256),
         optional_integer(member(source, "bytes")), optional_text(member(source, "format")),
         optional_integer(member(source, "pages")), r.value("status", "failed"),
         optional_text(member(member(r, "error"), "reason")), optional_text(member(meta, "title")),
         optional_text(member(meta, "agency")), aliases, optional_integer(member(meta, "year")),
         optional_text(member(meta, "edition")), optional_integer(member(r, "doubtful_values")),
         optional_integer(member(checks, "passed")), failed_checks, optional_integer(member(checks, "skipped")),
         r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), utc_now_iso8601());
  if (!s.step()) throw DatabaseError("SQLite: no id for the stored report");
  return s.integer(0);
}

std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const std::string &p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

void insert_values(sqlite3 *db, long long id, const nlohmann::json &r) {
  Statement s(db,
              "INSERT INTO report_values (report_id, key, table_id, row_id, column_id, value, confidence, raw, "
              "page, flags) VALUES (?,?,?,?,?,?,?,?,?,?)");
  for (const RecordValue &v : record_values(r)) {
    std::optional<std::string> raw = v.raw.empty() ? std::nullopt : std::optional(v.raw);
    std::optional<long long> page;
    if (v.page > 0) page = v.page;
    const nlohmann::json *printed = value_at(member(r, "tables"), v.key);
    if (printed && printed->is_number_integer())  // counts stay integers in SQL
      s.bind(id, v.key, v.table, v.row, v.column, printed->get<long long>(), v.confidence, raw, page, joined(v.flags));
    else
      s.bind(id, v.key, v.table, v.row, v.column, v.value, v.confidence, raw, page, joined(v.flags));
    s.run();
  }
}

void insert_warnings(sqlite3 *db, long long id, const nlohmann::json &r) {
  Statement s(db, "INSERT INTO warnings (report_id, code, key, page, confidence, message) VALUES (?,?,?,?,?,?)");
  for (const auto &w : member(r, "warnings")) {
    if (!w.is_object()) continue;
    s.bind(id, w.value("code", ""), optional_text(member(w, "key")), optional_integer(member(w, "page")),
           optional_number(member(w, "confidence")), w.value("message", ""));
    s.run();
  }
}

void insert_failed_checks(sqlite3 *db, long long id, const nlohmann::json &r) {
  Statement s(db,
              "INSERT INTO failed_checks (report_id, rule, on_what, sum_keys, sum_value, equals_keys, "
              "equals_value) VALUES (?,?,?,?,?,?,?)");
  for (const auto &f : member(member(r, "validation"), "failed")) {
    if (!f.is_object()) continue;
    const nlohmann::json &sum = member(f, "sum"), &equals = member(f, "equals");
    s.bind(id, f.value("rule", ""), optional_text(member(f, "on")), member(sum, "keys").dump(),
           optional_number(member(sum, "value")), member(equals, "keys").dump(),
           optional_number(member(equals, "value")));
    s.run();
  }
}

void insert_sections(sqlite3 *db, long long id, const nlohmann::json &r) {
  Statement s(
      db, "INSERT INTO sections (report_id, number, section_id, title, heading, page, text) VALUES (?,?,?,?,?,?,?)");
  for (const auto &sec : member(r, "sections")) {
    if (!sec.is_object()) continue;
    s.bind(id, optional_integer(member(sec, "number")), optional_text(member(sec, "id")),
           optional_text(member(sec, "title")), optional_text(member(sec, "heading")),
           optional_integer(member(sec, "page")), optional_text(member(sec, "text")));
    s.run();
  }
}

void insert_prose_checks(sqlite3 *db, long long id, const nlohmann::json &r) {
  Statement s(db,
              "INSERT INTO prose_checks (report_id, key, stated, table_value, agrees, sentence) VALUES (?,?,?,?,?,?)");
  for (const auto &p : member(r, "prose_checks")) {
    if (!p.is_object() || !member(p, "stated").is_number()) continue;
    std::optional<bool> agrees;
    if (member(p, "agrees").is_boolean()) agrees = p["agrees"].get<bool>();
    s.bind(id, p.value("key", ""), p["stated"].get<double>(), optional_number(member(p, "table")), agrees,
           p.value("sentence", ""));
    s.run();
  }
}

}  // namespace

bool is_sqlite_file(const std::string &path) {
  static const char header[] = "SQLite format 3";  // and its NUL: the file's first 16 bytes
  std::ifstream in(path, std::ios::binary);
  char first[sizeof header] = {};
  return in.read(first, sizeof first) && std::memcmp(first, header, sizeof header) == 0;
}

Database Database::open(const std::string &path) {
  sqlite3 *db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Database d(db);  // closes it again, whatever happens next
  if (rc != SQLITE_OK)
    throw DatabaseError("cannot open '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
  prepare(db, path);
  return d;
}

Database::Database(Database &&other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database &Database::operator=(Database &&other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Database::~Database() {
  sqlite3_close(db_);
}

void Database::store(const nlohmann::json &record) {
  if (!record.is_object() || text_at(record, {"source", "file"}).empty())
    throw DatabaseError("a record without source.file cannot be stored");
  Transaction t(db_);
  long long id = upsert_report(db_, record);
  delete_rows_of(db_, id);
  insert_values(db_, id, record);
  insert_warnings(db_, id, record);
  insert_failed_checks(db_, id, record);
  insert_sections(db_, id, record);
  insert_prose_checks(db_, id, record);
  t.commit();
}

bool Database::has(const std::string &file, const std::string &sha256) const {
  Statement s(db_, "SELECT 1 FROM reports WHERE identity = ? AND file = ?");
  return s.bind(identity_of(file, sha256), file).step();
}

namespace {

std::vector<ReportFacts> stored_facts(sqlite3 *db) {
  std::vector<ReportFacts> facts;
  std::map<long long, size_t> index;
  Statement reports(db,
                    "SELECT id, file, status, agency, agency_aliases, year FROM reports "
                    "WHERE status <> 'failed' ORDER BY id");
  while (reports.step()) {
    ReportFacts f;
    f.id = reports.integer(0);
    f.file = reports.text(1);
    f.status = reports.text(2);
    f.agency = reports.text(3);
    nlohmann::json aliases = nlohmann::json::parse(reports.text(4), nullptr, false);
    if (aliases.is_array())
      for (const auto &a : aliases)
        if (a.is_string()) f.aliases.push_back(a);
    if (!reports.is_null(5)) f.year = static_cast<int>(reports.integer(5));
    index[f.id] = facts.size();
    facts.push_back(std::move(f));
  }
  std::string keys;
  for (const std::string &k : carry_over_keys()) keys += (keys.empty() ? "'" : ",'") + k + "'";
  Statement values(db, "SELECT report_id, key, value, flags FROM report_values WHERE key IN (" + keys + ")");
  while (values.step()) {
    auto it = index.find(values.integer(0));
    if (it == index.end()) continue;
    ReportFacts &f = facts[it->second];
    std::string key = values.text(1);
    f.values[key] = values.maybe_real(2);
    if (!values.text(3).empty()) f.flagged.insert(key);
  }
  return facts;
}

// How many of two reports' values differ (a key one has and the other not counts too).
long long values_differing(sqlite3 *db, long long a, long long b) {
  Statement s(db,
              "SELECT key FROM (SELECT key, value FROM report_values WHERE report_id = ?1 "
              "UNION SELECT key, value FROM report_values WHERE report_id = ?2) "
              "GROUP BY key HAVING COUNT(*) > 1 OR key NOT IN (SELECT key FROM report_values WHERE report_id = ?1) "
              "OR key NOT IN (SELECT key FROM report_values WHERE report_id = ?2)");
  s.bind(a, b);
  long long n = 0;
  while (s.step()) ++n;
  return n;
}

}  // namespace

void Database::refresh_cross_checks() {
  std::vector<ReportFacts> facts = stored_facts(db_);
  std::vector<std::string> groups = agency_groups(facts);
  std::vector<CrossCheck> checks = cross_checks(facts);
  for (CrossCheck &c : checks) {
    if (c.kind != CrossCheckKind::duplicate) continue;
    long long differ = values_differing(db_, c.report, c.next_report);
    c.message += differ ? "; " + std::to_string(differ) + " value(s) differ" : "; the same values";
  }
  Transaction t(db_);
  execute(db_, "UPDATE reports SET agency_group = NULL; DELETE FROM cross_checks;");
  Statement group(db_, "UPDATE reports SET agency_group = ? WHERE id = ?");
  for (size_t i = 0; i < facts.size(); ++i)
    if (!groups[i].empty()) group.bind(groups[i], facts[i].id).run();
  Statement insert(db_,
                   "INSERT INTO cross_checks (kind, agency, year, next_year, report_id, next_report_id, column_id, "
                   "carried_forward, carried_over, result, doubtful, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const CrossCheck &c : checks) {
    insert
        .bind(to_string(c.kind), c.agency, c.year, c.next_year, c.report, c.next_report,
              c.column.empty() ? std::nullopt : std::optional(c.column), c.carried_forward, c.carried_over,
              to_string(c.result), c.doubtful, c.message)
        .run();
  }
  t.commit();
}

std::vector<CrossCheck> Database::stored_cross_checks() const {
  std::vector<CrossCheck> out;
  Statement s(db_,
              "SELECT kind, agency, year, next_year, report_id, next_report_id, column_id, carried_forward, "
              "carried_over, result, doubtful, message FROM cross_checks ORDER BY rowid");
  while (s.step()) {
    CrossCheck c;
    std::string kind = s.text(0), result = s.text(9);
    c.kind = kind == "duplicate"      ? CrossCheckKind::duplicate
             : kind == "year_missing" ? CrossCheckKind::year_missing
                                      : CrossCheckKind::carry_over;
    c.agency = s.text(1);
    c.year = static_cast<int>(s.integer(2));
    c.next_year = static_cast<int>(s.integer(3));
    c.report = s.integer(4);
    c.next_report = s.integer(5);
    c.column = s.text(6);
    c.carried_forward = s.maybe_real(7);
    c.carried_over = s.maybe_real(8);
    c.result = result == "pass"      ? CrossCheckResult::pass
               : result == "fail"    ? CrossCheckResult::fail
               : result == "unknown" ? CrossCheckResult::unknown
                                     : CrossCheckResult::note;
    c.doubtful = s.integer(10) != 0;
    c.message = s.text(11);
    out.push_back(std::move(c));
  }
  return out;
}

std::string Database::file_of(long long report_id) const {
  Statement s(db_, "SELECT file FROM reports WHERE id = ?");
  return s.bind(report_id).step() ? s.text(0) : std::string();
}

DatasetCounts Database::counts() const {
  auto count = [&](const std::string &sql) {
    Statement s(db_, sql);
    return s.step() ? s.integer(0) : 0;
  };
  DatasetCounts c;
  c.reports = count("SELECT COUNT(*) FROM reports");
  c.failed = count("SELECT COUNT(*) FROM reports WHERE status = 'failed'");
  c.values = count("SELECT COUNT(*) FROM report_values");
  c.warnings = count("SELECT COUNT(*) FROM warnings");
  c.failed_checks = count("SELECT COUNT(*) FROM failed_checks");
  c.sections = count("SELECT COUNT(*) FROM sections");
  c.prose_checks = count("SELECT COUNT(*) FROM prose_checks");
  c.cross_checks = count("SELECT COUNT(*) FROM cross_checks WHERE kind = 'carry_over'");
  c.cross_checks_failed = count("SELECT COUNT(*) FROM cross_checks WHERE kind = 'carry_over' AND result = 'fail'");
  c.duplicates = count("SELECT COUNT(*) FROM cross_checks WHERE kind = 'duplicate'");
  return c;
}

}  // namespace xxgk::dataset
