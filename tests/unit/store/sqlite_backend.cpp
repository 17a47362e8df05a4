// Runs every store suite on SQLite (a temp file per test).
#include "store_test_support.hpp"

namespace godwit::store::testing {

#define GODWIT_INSTANTIATE_ON_SQLITE(Suite) \
  INSTANTIATE_TEST_SUITE_P(Sqlite, Suite, ::testing::Values(Backend::kSqlite), backend_name);
GODWIT_STORE_SUITES(GODWIT_INSTANTIATE_ON_SQLITE)

}  // namespace godwit::store::testing
