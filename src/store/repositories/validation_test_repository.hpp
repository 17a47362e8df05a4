// Validation test cases of a project (test_cases): a source query and a target query that
// must give the same rows (order-insensitive unless `ordered`, numbers within a
// tolerance), with the result and time of their last run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct ValidationTestRecord {
  std::string id;
  std::string project_id;
  std::string name;
  std::string source_query;
  std::string target_query;
  bool ordered = false;
  double numeric_tolerance = 0.0;
  long long max_rows = 100000;
  std::string status = "pending";          ///< pending | passed | failed | error
  std::optional<std::string> last_result;  ///< JSON: the CheckResult of the last run
  std::optional<std::string> executed_at;
  std::optional<std::string> created_by;
  std::string created_at;
  std::string updated_at;
};

class ValidationTestRepository {
 public:
  explicit ValidationTestRepository(Database& db) : db_(db) {}

  /// Sets id, status pending and timestamps. Throws Error(kNotFound) when the project no
  /// longer exists.
  ValidationTestRecord insert(ValidationTestRecord test);
  /// Replaces name, queries and comparison settings; the last result is cleared (it was
  /// of other queries). False when absent.
  bool update(ValidationTestRecord& test);
  /// Stores the result of a run.
  bool set_result(const std::string& project_id, const std::string& test_id,
                  const std::string& status, const std::string& result_json);
  std::optional<ValidationTestRecord> find(const std::string& project_id,
                                           const std::string& test_id);
  /// Oldest first.
  std::vector<ValidationTestRecord> list(const std::string& project_id);
  bool remove(const std::string& project_id, const std::string& test_id);

 private:
  Database& db_;
};

}  // namespace godwit::store
