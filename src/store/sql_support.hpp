// Internal helpers the repositories share so that each of them writes only its SQL:
// parameter binding that outlives a statement, row mapping loops, write transactions,
// timestamps, JSON arrays and LIKE escaping that behave the same on both backends.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "store/database.hpp"

namespace godwit::store::detail {

/// A pooled connection leased for one repository call. A PostgreSQL connection that the
/// server dropped (restart, idle timeout, failover) is reopened when next leased, so
/// one outage does not leave a dead slot failing every later call.
class StatementCache;

class Connection {
 public:
  explicit Connection(Database& db);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  operator soci::session&() { return *session_; }
  Backend backend() const { return backend_; }
  /// Statements kept prepared on this pooled session (SQLite only, see StatementCache).
  StatementCache& cache() { return *cache_; }

 private:
  soci::connection_pool& pool_;
  std::size_t position_;
  soci::session* session_;
  StatementCache* cache_;
  Backend backend_;
};

/// Per-connection settings, applied when a connection is opened or reopened: SQLite
/// WAL, foreign keys, busy timeout; PostgreSQL UTC time zone.
void configure_session(soci::session& session, Backend backend);

/// Collects a statement's into() and use() elements with the comma syntax of SOCI's
/// `session << sql, into(a), use(b)`, for statements built by run_statement().
class Binder {
 public:
  explicit Binder(soci::statement& statement) : statement_(statement) {}
  template <typename Element>
  Binder& operator,(const Element& element) {
    statement_.exchange(element);
    return *this;
  }

 private:
  soci::statement& statement_;
};

/// Values bound to one statement by name. SOCI keeps references to bound values, so
/// they live here (in deques, whose elements never move) until the statement ran.
class Params {
 public:
  Params& text(const std::string& name, std::string value);
  Params& nullable_text(const std::string& name, std::optional<std::string> value);
  Params& integer(const std::string& name, long long value);
  Params& nullable_integer(const std::string& name, std::optional<long long> value);

  /// Binds a value under a fresh name and returns its placeholder (":p0", ":p1" ...),
  /// for SQL assembled piece by piece (filters, SET lists).
  std::string add_text(std::string value);
  std::string add_nullable_text(std::optional<std::string> value);
  std::string add_integer(long long value);

  void bind(Binder& statement);
  /// Takes the values of `other`, which must have the same names in the same order
  /// (a statement cached for the same SQL); false when it has not.
  bool assign_values(const Params& other);

 private:
  struct TextValue {
    std::string name;
    std::string value;
    soci::indicator indicator = soci::i_ok;
  };
  struct IntegerValue {
    std::string name;
    long long value = 0;
    soci::indicator indicator = soci::i_ok;
  };
  std::string fresh_name();

  std::deque<TextValue> texts_;
  std::deque<IntegerValue> integers_;
  int next_ = 0;
};

/// Prepares and executes `statement` (whose elements are bound) as a one-time query:
/// on PostgreSQL that is one PQexecParams round trip, where SOCI's default prepared
/// statement costs three (PREPARE, EXECUTE, DEALLOCATE) for SQL run once per lease.
/// Returns whether a first row was fetched when `fetch_first` is set.
bool run_statement(soci::statement& statement, const std::string& sql, bool fetch_first);

/// Called from a catch block for soci::soci_error: when the connection itself failed
/// (the server went away mid-call) throws godwit::Error(kUnavailable), which callers
/// answer with 503; otherwise rethrows the SQL error unchanged.
[[noreturn]] void rethrow_database_error(soci::session& session);

/// Runs a statement that returns no rows; returns the number of rows it changed.
long long execute(soci::session& session, const std::string& sql, Params& params);
long long execute(Database& db, const std::string& sql, Params& params);

/// Runs `sql` and maps every row through a `Row`: a struct with `void bind(Binder&)`
/// (its into() targets) and `model() const` (the mapped value of the current row).
template <typename Row>
auto query_all(soci::session& session, const std::string& sql, Params& params) {
  Row row;
  std::vector<decltype(row.model())> rows;
  try {
    soci::statement statement(session);
    Binder binder(statement);
    row.bind(binder);
    params.bind(binder);
    run_statement(statement, sql, false);
    while (statement.fetch()) rows.push_back(row.model());
  } catch (const soci::soci_error&) {
    rethrow_database_error(session);
  }
  return rows;
}

/// As query_all, for at most one row.
template <typename Row>
auto query_one(soci::session& session, const std::string& sql, Params& params)
    -> std::optional<decltype(Row{}.model())> {
  Row row;
  try {
    soci::statement statement(session);
    Binder binder(statement);
    row.bind(binder);
    params.bind(binder);
    if (!run_statement(statement, sql, true)) return std::nullopt;
  } catch (const soci::soci_error&) {
    rethrow_database_error(session);
  }
  return row.model();
}

/// One BIGINT result (COUNT(*), MAX(...)); `fallback` when the row or value is absent.
long long query_integer(soci::session& session, const std::string& sql, Params& params,
                        long long fallback = 0);

/// Statements kept prepared on one pooled SQLite session, keyed by their SQL and row
/// type. sqlite3_prepare was a fifth of the cost of a short query (GET /projects runs two
/// per request). Not used on PostgreSQL: SOCI deallocates a prepared statement from its
/// destructor with a query that throws when the connection is gone, and one-time queries
/// (PQexecParams) already cost a single round trip there.
struct CachedStatement {
  virtual ~CachedStatement() = default;
};

class StatementCache {
 public:
  static constexpr std::size_t kMaxEntries = 128;
  CachedStatement* find(const std::string& key) {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second.get();
  }
  CachedStatement* put(const std::string& key, std::unique_ptr<CachedStatement> entry) {
    if (entries_.size() >= kMaxEntries) entries_.clear();  // SQL assembled from filters
    return (entries_[key] = std::move(entry)).get();
  }
  void erase(const std::string& key) { entries_.erase(key); }
  void clear() { entries_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<CachedStatement>> entries_;
};

template <typename Row>
struct CachedQuery : CachedStatement {
  explicit CachedQuery(soci::session& session) : statement(session) {}
  soci::statement statement;  // bound to row's and params' members, which never move
  Row row;
  Params params;
};

/// The cached statement for `sql` with `params`' values, prepared on first use.
template <typename Row>
CachedQuery<Row>& cached_query(Connection& connection, const std::string& key,
                               const std::string& sql, const Params& params) {
  StatementCache& cache = connection.cache();
  if (CachedStatement* found = cache.find(key)) {
    auto& entry = static_cast<CachedQuery<Row>&>(*found);  // the key names Row's type
    if (entry.params.assign_values(params)) return entry;
    cache.erase(key);
  }
  auto entry = std::make_unique<CachedQuery<Row>>(static_cast<soci::session&>(connection));
  entry->params = params;
  Binder binder(entry->statement);
  entry->row.bind(binder);
  entry->params.bind(binder);
  entry->statement.alloc();
  entry->statement.prepare(sql, soci::details::st_repeatable_query);
  entry->statement.define_and_bind();
  return static_cast<CachedQuery<Row>&>(*cache.put(key, std::move(entry)));
}

template <typename Row>
std::string cache_key(const std::string& sql) {
  return sql + '\0' + typeid(Row).name();
}

/// query_all on a leased connection: through the statement cache on SQLite.
template <typename Row>
auto query_all(Connection& connection, const std::string& sql, Params& params) {
  if (connection.backend() != Backend::kSqlite) {
    return query_all<Row>(static_cast<soci::session&>(connection), sql, params);
  }
  std::vector<decltype(Row{}.model())> rows;
  std::string key = cache_key<Row>(sql);
  try {
    CachedQuery<Row>& q = cached_query<Row>(connection, key, sql, params);
    q.statement.execute(false);
    while (q.statement.fetch()) rows.push_back(q.row.model());
  } catch (const soci::soci_error&) {
    connection.cache().erase(key);
    throw;
  }
  return rows;
}

/// query_one on a leased connection: through the statement cache on SQLite.
template <typename Row>
auto query_one(Connection& connection, const std::string& sql, Params& params)
    -> std::optional<decltype(Row{}.model())> {
  if (connection.backend() != Backend::kSqlite) {
    return query_one<Row>(static_cast<soci::session&>(connection), sql, params);
  }
  std::string key = cache_key<Row>(sql);
  try {
    CachedQuery<Row>& q = cached_query<Row>(connection, key, sql, params);
    if (!q.statement.execute(true)) return std::nullopt;
    auto model = q.row.model();
    // Finish the step so the statement holds no read transaction open between calls.
    while (q.statement.fetch()) {
    }
    return model;
  } catch (const soci::soci_error&) {
    connection.cache().erase(key);
    throw;
  }
}

/// query_integer on a leased connection: through the statement cache on SQLite.
long long query_integer(Connection& connection, const std::string& sql, Params& params,
                        long long fallback = 0);

/// The same helpers on a connection leased for just this statement.
template <typename Row>
auto query_all(Database& db, const std::string& sql, Params& params) {
  Connection connection(db);
  return query_all<Row>(connection, sql, params);
}
template <typename Row>
auto query_one(Database& db, const std::string& sql, Params& params) {
  Connection connection(db);
  return query_one<Row>(connection, sql, params);
}

/// A transaction that takes the write lock up front (BEGIN IMMEDIATE on SQLite), so two
/// writers queue on busy_timeout instead of failing with SQLITE_BUSY when one of them
/// upgrades a read lock. Rolls back unless committed.
class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, Backend backend);
  ~WriteTransaction();
  void commit();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

 private:
  soci::session& session_;
  bool open_ = true;
};

/// Runs a script of several statements through the driver itself (sqlite3_exec,
/// PQexec): SOCI prepares one statement at a time. Throws std::runtime_error with the
/// driver's message.
void execute_script(soci::session& session, Backend backend, const std::string& sql);

/// The current instant as stored: ISO 8601 UTC with microseconds,
/// `2026-11-25T07:54:54.123456Z`. A fixed width keeps text comparison chronological on
/// SQLite, and microseconds keep "newest first" stable for rows written back to back.
std::string now_timestamp();
/// The stored form of the instant `offset` from now (negative: in the past), for
/// leases and retry delays.
std::string timestamp_from_now(std::chrono::milliseconds offset);

/// A timestamp as read from either backend (SQLite text as stored, PostgreSQL
/// `2026-11-25 07:54:54.123+00`) in the stored form above.
std::string timestamp_from_db(std::string_view raw);

/// A JSON array of strings, as stored in TEXT (SQLite) or JSONB (PostgreSQL) columns.
std::string to_json_array(const std::vector<std::string>& values);
/// The strings of a stored JSON array; non-string elements are skipped.
std::vector<std::string> from_json_array(const std::string& json);
/// Checks that `json` is a JSON document (JSONB rejects anything else, so SQLite must too).
void require_json(const std::string& json, std::string_view what);

/// `%text%` for `LIKE ... ESCAPE '!'`, with the wildcards of `text` escaped.
std::string like_contains(std::string_view text);

/// True for a UNIQUE or PRIMARY KEY violation on either backend.
bool is_unique_violation(const soci::soci_error& error);
/// True for a FOREIGN KEY violation on either backend.
bool is_foreign_key_violation(const soci::soci_error& error);

/// Ids are UUIDs; PostgreSQL rejects anything else in a UUID comparison, so lookups
/// by a malformed id answer "not found" before reaching the database.
bool is_id(std::string_view text);

inline std::optional<std::string> optional_text(const std::string& value, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return value;
}

}  // namespace godwit::store::detail
