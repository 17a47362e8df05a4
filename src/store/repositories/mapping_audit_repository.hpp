// The mapping decision trail: who did what to which mapping, when, and the mapping
// before and after. Append-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct MappingAuditEntry {
  std::string id;
  std::string project_id;
  std::optional<std::string> user_id;  ///< null for the engine (a job)
  std::string
      action;  ///< approve, reject, custom, edit, undo, import, rule.create, rule.update, run
  std::optional<std::string> mapping_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string created_at;
};

struct MappingAuditPage {
  std::vector<MappingAuditEntry> items;
  long long total = 0;
};

class MappingAuditRepository {
 public:
  explicit MappingAuditRepository(Database& db) : db_(db) {}
  /// Fills id and created_at.
  MappingAuditEntry append(MappingAuditEntry entry);
  /// Newest first; `mapping_id` narrows to one mapping's history.
  MappingAuditPage list(const std::string& project_id, const std::optional<std::string>& mapping_id,
                        int limit, int offset);

 private:
  Database& db_;
};

}  // namespace godwit::store
