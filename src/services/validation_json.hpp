// Conversions between the stored validation rows (rules, test cases) and the engine's
// values, and the JSON the API answers with for them and for one check result.
#pragma once

#include <nlohmann/json.hpp>

#include "store/repositories/validation_rule_repository.hpp"
#include "store/repositories/validation_test_repository.hpp"
#include "validation/report.hpp"
#include "validation/rules.hpp"
#include "validation/test_case.hpp"

namespace godwit::services {

validation::Rule to_engine_rule(const store::ValidationRuleRecord& record);
validation::TestCase to_engine_test(const store::ValidationTestRecord& record);

nlohmann::json rule_json(const store::ValidationRuleRecord& record);
nlohmann::json test_json(const store::ValidationTestRecord& record);
/// One check as the report document writes it (validation::to_json).
nlohmann::json check_json(const validation::CheckResult& check);

}  // namespace godwit::services
