// Composite mapping rules (mapping_rules): concatenations, splits, lookups and value maps
// that one field mapping alone cannot say. The rule's shape is a JSON definition the
// mapping service validates; here it is text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct MappingRuleRecord {
  std::string id;
  std::string project_id;
  std::string name;
  std::string description;
  std::string rule_type;                   ///< concatenation | split | lookup | value_map
  std::string source_columns_json = "[]";  ///< ["table.column", ...]
  std::string target_table;
  std::string target_column;
  std::string transformation;  ///< the SQL expression the rule stands for
  std::string definition_json = "{}";
  double confidence = 0;
  std::string provenance = "person";
  std::string created_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> updated_by;
};

class MappingRuleRepository {
 public:
  explicit MappingRuleRepository(Database& db) : db_(db) {}
  /// Fills id and created_at.
  MappingRuleRecord insert(MappingRuleRecord rule);
  void update(const MappingRuleRecord& rule);
  std::optional<MappingRuleRecord> find(const std::string& project_id, const std::string& id);
  /// Oldest first.
  std::vector<MappingRuleRecord> list(const std::string& project_id);

 private:
  Database& db_;
};

}  // namespace godwit::store
