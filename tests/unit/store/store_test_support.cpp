// The per-test database of the store suites (see store_test_support.hpp).
#include "store_test_support.hpp"

#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/uuid.hpp"
#include "store/repositories/user_repository.hpp"

namespace godwit::store::testing {
namespace {

std::string postgres_base_url() {
  const char* file = std::getenv("GODWIT_TEST_PG_URL_FILE");
#ifdef GODWIT_DEFAULT_PG_URL_FILE
  // The fixture's file, for when the environment did not make it through CTest.
  if (file == nullptr || *file == '\0') file = GODWIT_DEFAULT_PG_URL_FILE;
#endif
  if (file == nullptr) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

std::string schema_name() {
  std::string id = new_uuid();
  std::string name = "t_";
  for (char c : id) {
    if (c != '-') name.push_back(c);
  }
  return name;
}

}  // namespace

void StoreTest::SetUp() {
  if (GetParam() == Backend::kSqlite) {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("godwit-store-" + new_uuid());
    scratch_ = dir.string();
    // A subdirectory that does not exist yet: open() must create it.
    url_ = "sqlite:" + (dir / "data" / "godwit.db").string();
  } else {
    std::string base = postgres_base_url();
    // A failure, not a skip: a PostgreSQL run that silently tests nothing looks green.
    if (base.empty()) GTEST_FAIL() << "no PostgreSQL URL: run through ctest (fixture postgres)";
    scratch_ = schema_name();
    {
      auto admin = Database::open({base, 1});
      soci::session session(admin->pool());
      session << "CREATE SCHEMA " + scratch_;
    }
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
           "options=-c%20search_path%3D" + scratch_ + "&application_name=" + scratch_;
  }
  db_ = Database::open({url_, 4});
}

void StoreTest::TearDown() {
  db_.reset();
  if (scratch_.empty()) return;
  if (GetParam() == Backend::kSqlite) {
    std::error_code ec;
    std::filesystem::remove_all(scratch_, ec);
  } else {
    auto admin = Database::open({postgres_base_url(), 1});
    soci::session session(admin->pool());
    session << "DROP SCHEMA " + scratch_ + " CASCADE";
  }
}

std::unique_ptr<Database> StoreTest::open_again(std::size_t pool_size) {
  return Database::open({url_, pool_size});
}

void StoreTest::exec(const std::string& sql) {
  soci::session session(db_->pool());
  session << sql;
}

long long StoreTest::count(const std::string& sql) {
  soci::session session(db_->pool());
  long long n = -1;
  session << sql, soci::into(n);
  return n;
}

std::string StoreTest::make_user(const std::string& email, const std::string& name) {
  UserRepository users(*db_);
  return users.create({email, name, std::nullopt, std::string("hash"), std::nullopt}).id;
}

void MigratedStoreTest::SetUp() {
  StoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  db().migrate();
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgres";
}

}  // namespace godwit::store::testing

namespace godwit::store {

void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::kSqlite ? "sqlite" : "postgres");
}

}  // namespace godwit::store
