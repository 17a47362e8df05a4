// Runs every store suite on the CTest fixture's PostgreSQL (a new schema per test).
#include "store_test_support.hpp"

namespace godwit::store::testing {

#define GODWIT_INSTANTIATE_ON_POSTGRES(Suite) \
  INSTANTIATE_TEST_SUITE_P(Postgres, Suite, ::testing::Values(Backend::kPostgres), backend_name);
GODWIT_STORE_SUITES(GODWIT_INSTANTIATE_ON_POSTGRES)

}  // namespace godwit::store::testing
