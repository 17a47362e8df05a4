// The audit log (see audit_log_repository.hpp).
#include "store/repositories/audit_log_repository.hpp"

#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

struct AuditRow {
  std::string id, project_id, user_id, action, entity_type, entity_id, details, created_at;
  soci::indicator project_ind = soci::i_ok, user_ind = soci::i_ok, entity_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id, project_ind), soci::into(user_id, user_ind),
        soci::into(action), soci::into(entity_type), soci::into(entity_id, entity_ind),
        soci::into(details), soci::into(created_at);
  }

  AuditEntry model() const {
    return AuditEntry{id,
                      detail::optional_text(project_id, project_ind),
                      detail::optional_text(user_id, user_ind),
                      action,
                      entity_type,
                      detail::optional_text(entity_id, entity_ind),
                      details,
                      detail::timestamp_from_db(created_at)};
  }
};

}  // namespace

void AuditLogRepository::append(AuditEntry entry) {
  detail::require_json(entry.details_json, "audit details");
  entry.id = new_uuid();
  entry.created_at = detail::now_timestamp();
  Params params;
  params.text("id", entry.id)
      .nullable_text("project_id", entry.project_id)
      .nullable_text("user_id", entry.user_id)
      .text("action", entry.action)
      .text("entity_type", entry.entity_type)
      .nullable_text("entity_id", entry.entity_id)
      .text("details", entry.details_json)
      .text("created_at", entry.created_at);
  detail::execute(db_,
                  "INSERT INTO audit_log (id, project_id, user_id, action, entity_type,"
                  " entity_id, details, created_at) VALUES (:id, :project_id, :user_id,"
                  " :action, :entity_type, :entity_id, :details, :created_at)",
                  params);
}

std::vector<AuditEntry> AuditLogRepository::for_project(const std::string& project_id, int limit) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id).integer("limit", limit);
  return detail::query_all<AuditRow>(
      db_,
      "SELECT id, project_id, user_id, action, entity_type, entity_id, details, created_at"
      " FROM audit_log WHERE project_id = :project_id ORDER BY created_at DESC, id DESC"
      " LIMIT :limit",
      params);
}

}  // namespace godwit::store
