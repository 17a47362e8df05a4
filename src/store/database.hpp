// The metadata store: one connection pool over SQLite (embedded default) or PostgreSQL,
// chosen by URL, with versioned migrations applied at start-up. Repositories
// (repositories/*.hpp) are the only code that writes SQL against it.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

namespace godwit::store {

namespace detail {
class StatementCache;
}

enum class Backend { kSqlite, kPostgres };

struct DatabaseConfig {
  /// `sqlite:<path>` (also `sqlite://<path>`, `sqlite::memory:`) or
  /// `postgresql://user:password@host:port/db?sslmode=...` (also `postgres://`).
  std::string url;
  /// Connections in the pool; SQLite uses WAL so readers do not block the writer.
  std::size_t pool_size = 8;
};

/// Owns the connection pool. Thread-safe: each repository call leases one session.
class Database {
 public:
  /// Opens the pool. Throws godwit::Error (kInvalidInput for a malformed URL with the
  /// accepted forms in the message, kUnavailable when the server cannot be reached,
  /// naming host and port but never the password).
  static std::unique_ptr<Database> open(const DatabaseConfig& config);

  Backend backend() const { return backend_; }

  /// Applies every pending migration in order, each in its own transaction, recording
  /// it in `schema_migrations`. Throws godwit::Error(kUnavailable) with a clear message
  /// when the database was migrated by a newer Godwit (its version is above ours).
  void migrate();

  /// Highest applied migration version (0 for an empty database).
  int schema_version();

  /// Highest migration version this binary knows.
  static int latest_schema_version();

  /// True when a trivial query succeeds (used by /readyz).
  bool ping();

  /// The pool repositories lease sessions from: `soci::session s(db.pool());`.
  soci::connection_pool& pool() { return *pool_; }
  /// The prepared statements kept for the pooled session at `position`; only the
  /// thread that leased that session touches it (detail::Connection).
  detail::StatementCache& statement_cache(std::size_t position) { return *caches_.at(position); }

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

 private:
  Database(Backend backend, std::size_t pool_size);
  Backend backend_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  // After pool_: cached statements refer to its sessions, so they go first.
  std::vector<std::unique_ptr<detail::StatementCache>> caches_;
};

}  // namespace godwit::store
