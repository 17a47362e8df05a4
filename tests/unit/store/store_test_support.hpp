// The fixture every repository suite derives from: a fresh, empty metadata database per
// test on the backend the suite is instantiated for (SQLite file in a temp dir, or a
// new schema in the fixture's PostgreSQL), so tests run in any order.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/database.hpp"

namespace godwit::store {
/// Names the backend in test listings instead of a byte dump.
void PrintTo(Backend backend, std::ostream* out);
}  // namespace godwit::store

namespace godwit::store::testing {

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// The URL of this test's private database.
  const std::string& url() const { return url_; }
  /// This test's database, opened but not migrated.
  Database& db() { return *db_; }
  /// A second pool on the same database (another "process").
  std::unique_ptr<Database> open_again(std::size_t pool_size = 2);
  /// Runs SQL that is not a repository's business (test setup, probing).
  void exec(const std::string& sql);
  long long count(const std::string& sql);
  /// A user to own projects and tokens.
  std::string make_user(const std::string& email, const std::string& name = "Test User");

 private:
  std::string url_;
  std::string scratch_;  ///< SQLite: temp dir; PostgreSQL: schema name
  std::unique_ptr<Database> db_;
};

/// A StoreTest whose database is migrated before each test.
class MigratedStoreTest : public StoreTest {
 protected:
  void SetUp() override;
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// One fixture per suite so test names say what they cover. DatabaseTest starts from an
// empty database; the others from a migrated one.
class DatabaseTest : public StoreTest {};
class UserRepositoryTest : public MigratedStoreTest {};
class RefreshTokenRepositoryTest : public MigratedStoreTest {};
class PasswordResetRepositoryTest : public MigratedStoreTest {};
class ProjectRepositoryTest : public MigratedStoreTest {};
class ProjectListTest : public MigratedStoreTest {};
class TemplateRepositoryTest : public MigratedStoreTest {};
class AuditLogRepositoryTest : public MigratedStoreTest {};
class ValidationRepositoryTest : public MigratedStoreTest {};

}  // namespace godwit::store::testing

// Every parameterised suite, so each backend's binary instantiates all of them.
#define GODWIT_STORE_SUITES(X)   \
  X(DatabaseTest)                \
  X(UserRepositoryTest)          \
  X(RefreshTokenRepositoryTest)  \
  X(PasswordResetRepositoryTest) \
  X(ProjectRepositoryTest)       \
  X(ProjectListTest)             \
  X(TemplateRepositoryTest)      \
  X(AuditLogRepositoryTest)      \
  X(ValidationRepositoryTest)
