// Runs the job suites on SQLite (a temp file per test).
#include "jobs_test_support.hpp"

namespace godwit::jobs::testing {

#define GODWIT_INSTANTIATE_ON_SQLITE(Suite)                                           \
  INSTANTIATE_TEST_SUITE_P(Sqlite, Suite, ::testing::Values(store::Backend::kSqlite), \
                           store::testing::backend_name);
GODWIT_JOBS_SUITES(GODWIT_INSTANTIATE_ON_SQLITE)

}  // namespace godwit::jobs::testing
