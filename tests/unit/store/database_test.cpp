// Opening the metadata store and migrating it, on each backend.
#include <soci/soci.h>

#include <thread>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/repositories/user_repository.hpp"
#include "store/sql_support.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

constexpr const char* kPlanTables[] = {
    "users",
    "projects",
    "project_templates",
    "schema_files",
    "discovered_schemas",
    "table_nodes",
    "column_nodes",
    "relationships",
    "field_mappings",
    "mapping_rules",
    "table_mappings",
    "generated_codes",
    "code_optimizations",
    "validation_reports",
    "data_anomalies",
    "validation_rules",
    "test_cases",
    "refresh_tokens",
    "password_resets",
    "mail_outbox",
    "project_members",
    "jobs",
    "audit_log",
    "schema_migrations",
};

struct ProbeRow {
  std::string key;
  long long value = 0;
  void bind(detail::Binder& b) { b, soci::into(key), soci::into(value); }
  std::pair<std::string, long long> model() const { return {key, value}; }
};

// Statements kept prepared (on SQLite) must behave as if prepared anew: new parameter
// values, rows written in between, and a failed statement must not poison later calls.
TEST_P(DatabaseTest, RepeatedQueriesSeeNewParametersAndLaterWrites) {
  {
    soci::session session(db().pool());
    session << "CREATE TABLE cache_probe (k TEXT NOT NULL, v INTEGER NOT NULL)";
    session << "INSERT INTO cache_probe VALUES ('a', 1), ('b', 2), ('b', 3)";
  }
  const std::string sql = "SELECT k, v FROM cache_probe WHERE k = :k ORDER BY v";
  auto rows_for = [&](const std::string& key) {
    detail::Params params;
    params.text("k", key);
    return detail::query_all<ProbeRow>(db(), sql, params);
  };
  auto count_for = [&](const std::string& key) {
    detail::Connection connection(db());
    detail::Params params;
    params.text("k", key);
    return detail::query_integer(connection, "SELECT COUNT(*) FROM cache_probe WHERE k = :k",
                                 params);
  };
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(rows_for("a").size(), 1u);
    ASSERT_EQ(rows_for("b").size(), 2u);
    EXPECT_EQ(rows_for("b")[1].second, 3);
    EXPECT_TRUE(rows_for("c").empty());
    EXPECT_EQ(count_for("b"), 2);
  }
  {
    soci::session session(db().pool());
    session << "INSERT INTO cache_probe VALUES ('c', 4)";
  }
  EXPECT_EQ(rows_for("c").size(), 1u);
  EXPECT_EQ(count_for("c"), 1);
  detail::Params params;
  EXPECT_THROW(detail::query_all<ProbeRow>(db(), "SELECT k, v FROM no_such_table", params),
               soci::soci_error);
  EXPECT_EQ(rows_for("b").size(), 2u);
  // A writer must not wait on a read snapshot that a kept statement holds open.
  detail::Params update;
  update.text("k", "a");
  EXPECT_EQ(detail::execute(db(), "UPDATE cache_probe SET v = 10 WHERE k = :k", update), 1);
  EXPECT_EQ(rows_for("a").at(0).second, 10);
}

TEST_P(DatabaseTest, EmptyDatabaseIsAtVersionZero) {
  EXPECT_EQ(db().schema_version(), 0);
}

TEST_P(DatabaseTest, MigrateBringsAnEmptyDatabaseToTheLatestVersion) {
  db().migrate();
  EXPECT_EQ(db().schema_version(), Database::latest_schema_version());
  EXPECT_GE(Database::latest_schema_version(), 4);
  for (const char* table : kPlanTables) {
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE 1 = 0"), 0) << table;
  }
}

TEST_P(DatabaseTest, MigrateRecordsEachMigrationOnce) {
  db().migrate();
  db().migrate();
  auto migrations = migrations_for(GetParam());
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<long long>(migrations.size()));
  soci::session session(db().pool());
  std::string name;
  session << "SELECT name FROM schema_migrations WHERE version = 1", soci::into(name);
  EXPECT_EQ(name, "accounts_and_projects");
}

TEST_P(DatabaseTest, MigrateIsIdempotentAcrossReopen) {
  db().migrate();
  auto again = open_again();
  again->migrate();
  EXPECT_EQ(again->schema_version(), Database::latest_schema_version());
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_templates"),
            count("SELECT COUNT(DISTINCT id) FROM project_templates"));
}

TEST_P(DatabaseTest, RefusesADatabaseMigratedByANewerGodwit) {
  db().migrate();
  int newer = Database::latest_schema_version() + 1;
  exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
       std::to_string(newer) + ", 'from_the_future', '2030-01-01T00:00:00.000000Z')");
  auto again = open_again();
  try {
    again->migrate();
    FAIL() << "migrate() accepted a newer database";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
    EXPECT_EQ(std::string(e.what()),
              "the metadata database is at schema version " + std::to_string(newer) +
                  " but this Godwit knows only up to " +
                  std::to_string(Database::latest_schema_version()) +
                  "; upgrade Godwit or point GODWIT_DATABASE_URL at another database");
  }
}

TEST_P(DatabaseTest, ConcurrentStartsApplyEachMigrationOnce) {
  auto first = open_again(1);
  auto second = open_again(1);
  std::exception_ptr failure;
  std::thread a([&] {
    try {
      first->migrate();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  second->migrate();
  a.join();
  if (failure) std::rethrow_exception(failure);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<long long>(migrations_for(GetParam()).size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_templates"),
            count("SELECT COUNT(DISTINCT id) FROM project_templates"));
}

TEST_P(DatabaseTest, PingAnswersTrueWhenTheDatabaseIsReachable) {
  EXPECT_TRUE(db().ping());
}

TEST_P(DatabaseTest, RecoversAfterTheServerDropsItsConnections) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "an embedded SQLite cannot drop us";
  db().migrate();
  make_user("before@example.com");
  {
    auto killer = open_again(1);
    soci::session session(killer->pool());
    session << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
               " WHERE application_name = current_setting('application_name')"
               " AND pid <> pg_backend_pid()";
  }
  // The first call on a dropped connection reports the outage as such (503, not 500)...
  UserRepository users(db());
  try {
    users.find_by_email("before@example.com");
    ADD_FAILURE() << "a dropped connection answered";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
  }
  // ... and the next lease reconnects.
  EXPECT_TRUE(users.find_by_email("before@example.com").has_value());
  EXPECT_TRUE(db().ping());
  make_user("after@example.com");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 2);
}

TEST_P(DatabaseTest, BackendFollowsTheUrlScheme) {
  EXPECT_EQ(db().backend(), GetParam());
}

TEST_P(DatabaseTest, DeletingAProjectCascadesToEveryTableItOwns) {
  db().migrate();
  std::string user = make_user("owner@example.com");
  const std::string project = "11111111-1111-4111-8111-111111111111";
  const std::string schema = "22222222-2222-4222-8222-222222222222";
  const std::string table = "33333333-3333-4333-8333-333333333333";
  const std::string code = "44444444-4444-4444-8444-444444444444";
  exec(
      "INSERT INTO projects (id, name, source_dialect, target_dialect, user_id, created_at,"
      " updated_at) VALUES ('" +
      project + "', 'p', 'oracle', 'bigquery', '" + user +
      "', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')");
  exec("INSERT INTO discovered_schemas (id, project_id, schema_content) VALUES ('" + schema +
       "', '" + project + "', '{}')");
  exec("INSERT INTO table_nodes (id, schema_id, name) VALUES ('" + table + "', '" + schema +
       "', 'orders')");
  exec(
      "INSERT INTO column_nodes (id, table_id, name, data_type) VALUES "
      "('55555555-5555-4555-8555-555555555555', '" +
      table + "', 'id', 'NUMBER')");
  exec(
      "INSERT INTO generated_codes (id, project_id, platform, code_content, filename, language,"
      " file_size) VALUES ('" +
      code + "', '" + project +
      "', 'bigquery', 'SELECT 1', 'a.sql',"
      " 'sql', 8)");
  exec(
      "INSERT INTO code_optimizations (id, code_id, title) VALUES "
      "('66666666-6666-4666-8666-666666666666', '" +
      code + "', 'partition')");
  exec(
      "INSERT INTO jobs (id, project_id, kind) VALUES "
      "('77777777-7777-4777-8777-777777777777', '" +
      project + "', 'discovery')");
  exec("DELETE FROM projects WHERE id = '" + project + "'");
  for (const char* owned : {"discovered_schemas", "table_nodes", "column_nodes", "generated_codes",
                            "code_optimizations", "jobs"}) {
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + owned), 0) << owned;
  }
}

TEST_P(DatabaseTest, MigrationVersionsAreTheSameOnBothBackends) {
  auto sqlite = migrations_for(Backend::kSqlite);
  auto postgres = migrations_for(Backend::kPostgres);
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1);
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
  }
}

}  // namespace
}  // namespace godwit::store::testing
