// The metadata store's connection pool and migration runner (see database.hpp).
#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>

#include "core/error.hpp"
#include "store/database_url.hpp"
#include "store/migrations.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

// Any constant works as long as every Godwit uses the same one: it names the
// PostgreSQL advisory lock that serialises migrations of concurrently starting servers.
constexpr long long kMigrationLockKey = 0x676f647769740001LL;

constexpr const char* kSqliteMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr const char* kPostgresMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)";

std::string replace_all(std::string text, const std::string& needle, std::string_view with) {
  if (needle.empty()) return text;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + with.size())) {
    text.replace(pos, needle.size(), with);
  }
  return text;
}

// Process-wide SQLite settings, before the first connection initialises the library:
// - MEMSTATUS off: otherwise every sqlite3_malloc takes one global mutex to keep
//   statistics nobody reads, and the pool's threads queue on it.
// - MULTITHREAD: a connection is used by one thread at a time (the pool guarantees it),
//   so SQLite's per-connection mutexes are unnecessary.
// sqlite3_config fails with SQLITE_MISUSE once the library is initialised (by an
// earlier user in this process); the defaults are then kept, which is only slower.
// SOCI's header declares the SQLite API inside namespace sqlite_api.
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
}

void open_sqlite(soci::session& session, const DatabaseTarget& target) {
  configure_sqlite_library();
  std::string path = target.in_memory ? std::string(":memory:") : target.sqlite_path;
  // SOCI's SQLite connect string: quoted so that paths with spaces survive.
  session.open(soci::sqlite3, "db=\"" + path + "\" timeout=5");
  detail::configure_session(session, Backend::kSqlite);
}

void open_postgres(soci::session& session, const DatabaseTarget& target) {
  session.open(soci::postgresql, target.conninfo);
  detail::configure_session(session, Backend::kPostgres);
}

void ensure_parent_directory(const DatabaseTarget& target) {
  if (target.in_memory) return;
  std::filesystem::path parent = std::filesystem::path(target.sqlite_path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    throw Error(ErrorKind::kUnavailable, "cannot create the directory " + parent.string() +
                                             " for the metadata database: " + ec.message());
  }
}

std::vector<int> applied_versions(soci::session& session) {
  detail::Params none;
  struct Row {
    int version = 0;
    void bind(detail::Binder& p) { p, soci::into(version); }
    int model() const { return version; }
  };
  return detail::query_all<Row>(session, "SELECT version FROM schema_migrations", none);
}

[[noreturn]] void refuse_newer(int database_version) {
  throw Error(ErrorKind::kUnavailable,
              "the metadata database is at schema version " + std::to_string(database_version) +
                  " but this Godwit knows only up to " +
                  std::to_string(Database::latest_schema_version()) +
                  "; upgrade Godwit or point GODWIT_DATABASE_URL at another database");
}

/// Applies the lowest pending migration inside one transaction; false when none was
/// pending. Under the transaction's lock (BEGIN IMMEDIATE on SQLite, an advisory lock
/// on PostgreSQL) the applied versions are read again, so a concurrently starting
/// process that applied it first is seen and nothing is applied twice.
bool apply_next(soci::session& session, Backend backend) {
  detail::WriteTransaction transaction(session, backend);
  if (backend == Backend::kPostgres) {
    detail::Params lock;
    lock.integer("key", kMigrationLockKey);
    detail::execute(session, "SELECT pg_advisory_xact_lock(:key)", lock);
  }
  detail::execute_script(
      session, backend,
      backend == Backend::kSqlite ? kSqliteMigrationsTable : kPostgresMigrationsTable);
  std::vector<int> applied = applied_versions(session);
  int highest = applied.empty() ? 0 : *std::max_element(applied.begin(), applied.end());
  if (highest > Database::latest_schema_version()) refuse_newer(highest);
  std::set<int> done(applied.begin(), applied.end());
  for (const Migration& migration : migrations_for(backend)) {
    if (done.count(migration.version) != 0) continue;
    try {
      detail::execute_script(session, backend, std::string(migration.sql));
    } catch (const std::runtime_error& e) {
      throw Error(ErrorKind::kUnavailable,
                  "metadata database migration " + std::to_string(migration.version) + "_" +
                      std::string(migration.name) + " failed: " + e.what());
    }
    detail::Params record;
    record.integer("version", migration.version)
        .text("name", std::string(migration.name))
        .text("applied_at", detail::now_timestamp());
    detail::execute(session,
                    "INSERT INTO schema_migrations (version, name, applied_at)"
                    " VALUES (:version, :name, :applied_at)",
                    record);
    transaction.commit();
    return true;
  }
  transaction.commit();
  return false;
}

bool migrations_table_exists(soci::session& session, Backend backend) {
  detail::Params none;
  const char* sql = backend == Backend::kSqlite
                        ? "SELECT COUNT(*) FROM sqlite_master"
                          " WHERE type = 'table' AND name = 'schema_migrations'"
                        : "SELECT COUNT(*) FROM pg_catalog.pg_class"
                          " WHERE oid = to_regclass('schema_migrations')";
  return detail::query_integer(session, sql, none) > 0;
}

}  // namespace

Database::Database(Backend backend, std::size_t pool_size)
    : backend_(backend), pool_size_(pool_size) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const DatabaseConfig& config) {
  DatabaseTarget target = parse_database_url(config.url);
  std::size_t size = std::max<std::size_t>(config.pool_size, 1);
  // Every connection to ":memory:" is a database of its own: one connection keeps one.
  if (target.in_memory) size = 1;
  if (target.backend == Backend::kSqlite) ensure_parent_directory(target);

  std::unique_ptr<Database> db(new Database(target.backend, size));
  db->pool_ = std::make_unique<soci::connection_pool>(size);
  for (std::size_t i = 0; i < size; ++i)
    db->caches_.push_back(std::make_unique<detail::StatementCache>());
  for (std::size_t i = 0; i < size; ++i) {
    soci::session& session = db->pool_->at(i);
    try {
      if (target.backend == Backend::kSqlite) {
        open_sqlite(session, target);
      } else {
        open_postgres(session, target);
      }
    } catch (const std::exception& e) {
      // The driver's text helps (refused, auth failed, no such database) but could
      // echo connection parameters, so the password is scrubbed from it.
      std::string reason = replace_all(e.what(), target.password, "***");
      while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
        reason.pop_back();
      }
      throw Error(ErrorKind::kUnavailable,
                  "cannot open the metadata database at " + target.display + ": " + reason);
    }
  }
  return db;
}

void Database::migrate() {
  detail::Connection session(*this);
  while (apply_next(session, backend_)) {
  }
}

int Database::schema_version() {
  detail::Connection session(*this);
  if (!migrations_table_exists(session, backend_)) return 0;
  detail::Params none;
  return static_cast<int>(
      detail::query_integer(session, "SELECT MAX(version) FROM schema_migrations", none));
}

int Database::latest_schema_version() {
  auto sqlite = migrations_for(Backend::kSqlite);
  return sqlite.empty() ? 0 : sqlite.back().version;
}

bool Database::ping() {
  // Twice: a connection the server dropped fails once, then is reopened on the next
  // lease, and readiness should report the database, not one stale socket.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      detail::Connection session(*this);
      detail::Params none;
      if (detail::query_integer(session, "SELECT 1", none) == 1) return true;
    } catch (const std::exception&) {
    }
  }
  return false;
}

}  // namespace godwit::store
