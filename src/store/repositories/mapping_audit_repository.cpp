// The mapping decision trail (see mapping_audit_repository.hpp).
#include "store/repositories/mapping_audit_repository.hpp"

#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

struct AuditRow {
  MappingAuditEntry e;
  std::string user_id, mapping_id, before, after;
  soci::indicator user_ind = soci::i_ok, mapping_ind = soci::i_ok, before_ind = soci::i_ok,
                  after_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    p, soci::into(e.id), soci::into(e.project_id), soci::into(user_id, user_ind),
        soci::into(e.action), soci::into(mapping_id, mapping_ind), soci::into(before, before_ind),
        soci::into(after, after_ind), soci::into(e.created_at);
  }
  MappingAuditEntry model() const {
    MappingAuditEntry m = e;
    m.user_id = detail::optional_text(user_id, user_ind);
    m.mapping_id = detail::optional_text(mapping_id, mapping_ind);
    m.before_json = detail::optional_text(before, before_ind);
    m.after_json = detail::optional_text(after, after_ind);
    m.created_at = detail::timestamp_from_db(e.created_at);
    return m;
  }
};

}  // namespace

MappingAuditEntry MappingAuditRepository::append(MappingAuditEntry entry) {
  entry.id = new_uuid();
  entry.created_at = detail::now_timestamp();
  Params params;
  params.text("id", entry.id)
      .text("project_id", entry.project_id)
      .nullable_text("user_id", entry.user_id)
      .text("action", entry.action)
      .nullable_text("mapping_id", entry.mapping_id)
      .nullable_text("before_state", entry.before_json)
      .nullable_text("after_state", entry.after_json)
      .text("created_at", entry.created_at);
  detail::execute(db_,
                  "INSERT INTO mapping_audit (id, project_id, user_id, action, mapping_id,"
                  " before_state, after_state, created_at) VALUES (:id, :project_id, :user_id,"
                  " :action, :mapping_id, :before_state, :after_state, :created_at)",
                  params);
  return entry;
}

MappingAuditPage MappingAuditRepository::list(const std::string& project_id,
                                              const std::optional<std::string>& mapping_id,
                                              int limit, int offset) {
  MappingAuditPage page;
  if (!detail::is_id(project_id)) return page;
  Params params;
  std::string where = " WHERE project_id = " + params.add_text(project_id);
  if (mapping_id) where += " AND mapping_id = " + params.add_text(*mapping_id);
  detail::Connection connection(db_);
  page.total =
      detail::query_integer(connection, "SELECT COUNT(*) FROM mapping_audit" + where, params);
  page.items = detail::query_all<AuditRow>(
      static_cast<soci::session&>(connection),
      "SELECT id, project_id, user_id, action, mapping_id, before_state, after_state, created_at"
      " FROM mapping_audit" +
          where + " ORDER BY created_at DESC, id DESC LIMIT " + std::to_string(limit) + " OFFSET " +
          std::to_string(offset),
      params);
  return page;
}

}  // namespace godwit::store
