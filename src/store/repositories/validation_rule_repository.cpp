// Data-quality rules of a project (see validation_rule_repository.hpp).
#include "store/repositories/validation_rule_repository.hpp"

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kRuleColumns =
    "id, project_id, rule_name, rule_type, table_path, column_name, params, rule_expression,"
    " severity, origin, CAST(active AS INTEGER), created_by, created_at, updated_at";

struct RuleRow {
  std::string id, project_id, name, kind, table, column, params, sql, severity, origin, created_by,
      created_at, updated_at;
  int active = 1;
  soci::indicator kind_ind = soci::i_ok, created_by_ind = soci::i_ok, updated_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(name), soci::into(kind, kind_ind),
        soci::into(table), soci::into(column), soci::into(params), soci::into(sql),
        soci::into(severity), soci::into(origin), soci::into(active),
        soci::into(created_by, created_by_ind), soci::into(created_at),
        soci::into(updated_at, updated_ind);
  }

  ValidationRuleRecord model() const {
    ValidationRuleRecord r;
    r.id = id;
    r.project_id = project_id;
    r.name = name;
    r.kind = kind_ind == soci::i_null ? "" : kind;
    r.table = detail::from_json_array(table);
    r.column = column;
    r.params = params;
    // rule_expression is NOT NULL in the product plan's table: rules that are not SQL
    // store a readable form there, and the SQL field is empty for them.
    r.sql = kind == "sql" ? sql : "";
    r.severity = severity;
    r.origin = origin;
    r.enabled = active != 0;
    r.created_by = detail::optional_text(created_by, created_by_ind);
    r.created_at = detail::timestamp_from_db(created_at);
    r.updated_at =
        updated_ind == soci::i_null ? r.created_at : detail::timestamp_from_db(updated_at);
    return r;
  }
};

/// What rule_expression holds: the SQL of a sql rule, else "kind(table.column) params".
std::string expression(const ValidationRuleRecord& rule) {
  if (rule.kind == "sql") return rule.sql;
  std::string table;
  for (const std::string& part : rule.table) table += (table.empty() ? "" : ".") + part;
  return rule.kind + "(" + table + (rule.column.empty() ? "" : "." + rule.column) + ") " +
         rule.params;
}

void bind_fields(Params& p, const ValidationRuleRecord& rule) {
  p.text("name", rule.name)
      .text("kind", rule.kind)
      .text("table_path", detail::to_json_array(rule.table))
      .text("column_name", rule.column)
      .text("params", rule.params)
      .text("expression", expression(rule))
      .text("severity", rule.severity)
      .text("origin", rule.origin)
      .integer("active", rule.enabled ? 1 : 0)
      .text("updated_at", rule.updated_at);
}

/// `active` is BOOLEAN on PostgreSQL, INTEGER on SQLite: compare, do not bind an int.
constexpr const char* kActiveValue = "(:active = 1)";

}  // namespace

ValidationRuleRecord ValidationRuleRepository::insert(ValidationRuleRecord rule) {
  detail::require_json(rule.params, "the rule parameters");
  rule.id = new_uuid();
  rule.created_at = detail::now_timestamp();
  rule.updated_at = rule.created_at;
  Params p;
  p.text("id", rule.id)
      .text("project_id", rule.project_id)
      .nullable_text("created_by", rule.created_by)
      .text("created_at", rule.created_at);
  bind_fields(p, rule);
  try {
    detail::execute(db_,
                    std::string("INSERT INTO validation_rules (id, project_id, rule_name,"
                                " rule_type, table_path, column_name, params, rule_expression,"
                                " severity, origin, active, ai_generated, created_by, created_at,"
                                " updated_at) VALUES (:id, :project_id, :name, :kind,"
                                " :table_path, :column_name, :params, :expression, :severity,"
                                " :origin, ") +
                        kActiveValue + ", " + (rule.origin == "llm" ? "TRUE" : "FALSE") +
                        ", :created_by, :created_at, :updated_at)",
                    p);
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e))
      throw Error(ErrorKind::kNotFound, "the project no longer exists");
    throw;
  }
  return rule;
}

bool ValidationRuleRepository::update(ValidationRuleRecord& rule) {
  if (!detail::is_id(rule.id)) return false;
  detail::require_json(rule.params, "the rule parameters");
  rule.updated_at = detail::now_timestamp();
  Params p;
  p.text("id", rule.id).text("project_id", rule.project_id);
  bind_fields(p, rule);
  long long changed = detail::execute(
      db_,
      std::string("UPDATE validation_rules SET rule_name = :name, rule_type = :kind,"
                  " table_path = :table_path, column_name = :column_name, params = :params,"
                  " rule_expression = :expression, severity = :severity, origin = :origin,"
                  " active = ") +
          kActiveValue + ", updated_at = :updated_at WHERE id = :id AND project_id = :project_id",
      p);
  return changed > 0;
}

std::optional<ValidationRuleRecord> ValidationRuleRepository::find(const std::string& project_id,
                                                                   const std::string& rule_id) {
  if (!detail::is_id(rule_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("id", rule_id);
  return detail::query_one<RuleRow>(
      db_,
      std::string("SELECT ") + kRuleColumns +
          " FROM validation_rules WHERE project_id = :project_id AND id = :id",
      params);
}

std::vector<ValidationRuleRecord> ValidationRuleRepository::list(const std::string& project_id,
                                                                 bool enabled_only) {
  Params params;
  params.text("project_id", project_id);
  std::string sql = std::string("SELECT ") + kRuleColumns +
                    " FROM validation_rules WHERE project_id = :project_id";
  if (enabled_only) sql += " AND active = TRUE";
  sql += " ORDER BY created_at, id";
  return detail::query_all<RuleRow>(db_, sql, params);
}

bool ValidationRuleRepository::remove(const std::string& project_id, const std::string& rule_id) {
  if (!detail::is_id(rule_id)) return false;
  Params params;
  params.text("project_id", project_id).text("id", rule_id);
  return detail::execute(db_,
                         "DELETE FROM validation_rules WHERE project_id = :project_id AND id = :id",
                         params) > 0;
}

}  // namespace godwit::store
