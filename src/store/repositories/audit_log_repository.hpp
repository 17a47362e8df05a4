// The audit log: who did what to which object, and when. Append-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct AuditEntry {
  std::string id;
  std::optional<std::string> project_id;
  std::optional<std::string> user_id;
  std::string action;       ///< e.g. "project.create", "auth.login_failed"
  std::string entity_type;  ///< e.g. "project"
  std::optional<std::string> entity_id;
  std::string details_json = "{}";
  std::string created_at;
};

class AuditLogRepository {
 public:
  explicit AuditLogRepository(Database& db) : db_(db) {}
  /// Fills id and created_at.
  void append(AuditEntry entry);
  /// Newest first.
  std::vector<AuditEntry> for_project(const std::string& project_id, int limit);

 private:
  Database& db_;
};

}  // namespace godwit::store
