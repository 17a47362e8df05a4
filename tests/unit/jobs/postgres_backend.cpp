// Runs the job suites on the CTest fixture's PostgreSQL (a new schema per test).
#include "jobs_test_support.hpp"

namespace godwit::jobs::testing {

#define GODWIT_INSTANTIATE_ON_POSTGRES(Suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Postgres, Suite, ::testing::Values(store::Backend::kPostgres), \
                           store::testing::backend_name);
GODWIT_JOBS_SUITES(GODWIT_INSTANTIATE_ON_POSTGRES)

}  // namespace godwit::jobs::testing
