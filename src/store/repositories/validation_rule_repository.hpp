// Data-quality rules of a project (validation_rules): the engine's Rule fields (kind,
// target table and column, parameters, SQL, severity, origin, enabled) and who wrote them.
// The services check a rule with the parser before it is stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct ValidationRuleRecord {
  std::string id;
  std::string project_id;
  std::string name;
  std::string kind;  ///< not_null | unique | range | regex | accepted_values | freshness | sql
  std::vector<std::string> table;  ///< {schema, table} or {table}
  std::string column;
  std::string params = "{}";  ///< JSON object
  std::string sql;            ///< kind sql: the SELECT of violating rows
  std::string severity = "medium";
  std::string origin = "person";  ///< person | mapping | discovery | llm
  bool enabled = true;
  std::optional<std::string> created_by;
  std::string created_at;
  std::string updated_at;
};

class ValidationRuleRepository {
 public:
  explicit ValidationRuleRepository(Database& db) : db_(db) {}

  /// Sets id and timestamps. Throws Error(kNotFound) when the project no longer exists.
  ValidationRuleRecord insert(ValidationRuleRecord rule);
  /// Replaces every field but id, project, created_by and created_at; false when absent.
  bool update(ValidationRuleRecord& rule);
  std::optional<ValidationRuleRecord> find(const std::string& project_id,
                                           const std::string& rule_id);
  /// Oldest first; only enabled rules when `enabled_only`.
  std::vector<ValidationRuleRecord> list(const std::string& project_id, bool enabled_only);
  bool remove(const std::string& project_id, const std::string& rule_id);

 private:
  Database& db_;
};

}  // namespace godwit::store
