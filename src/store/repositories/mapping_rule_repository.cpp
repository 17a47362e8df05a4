// Composite mapping rules (see mapping_rule_repository.hpp).
#include "store/repositories/mapping_rule_repository.hpp"

#include <cstdio>

#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kRuleColumns =
    "id, project_id, name, COALESCE(description, ''), rule_type, source_columns, target_table,"
    " target_column, transformation, definition, CAST(confidence AS TEXT), provenance,"
    " created_at, updated_at, updated_by";

struct RuleRow {
  MappingRuleRecord r;
  std::string confidence, updated_at, updated_by;
  soci::indicator ua_ind = soci::i_ok, ub_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    p, soci::into(r.id), soci::into(r.project_id), soci::into(r.name), soci::into(r.description),
        soci::into(r.rule_type), soci::into(r.source_columns_json), soci::into(r.target_table),
        soci::into(r.target_column), soci::into(r.transformation), soci::into(r.definition_json),
        soci::into(confidence), soci::into(r.provenance), soci::into(r.created_at),
        soci::into(updated_at, ua_ind), soci::into(updated_by, ub_ind);
  }
  MappingRuleRecord model() const {
    MappingRuleRecord m = r;
    try {
      m.confidence = std::stod(confidence);
    } catch (const std::exception&) {
      m.confidence = 0;
    }
    m.created_at = detail::timestamp_from_db(r.created_at);
    if (ua_ind != soci::i_null) m.updated_at = detail::timestamp_from_db(updated_at);
    m.updated_by = detail::optional_text(updated_by, ub_ind);
    return m;
  }
};

void bind_rule(Params& params, const MappingRuleRecord& rule) {
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f",
                rule.confidence < 0 ? 0.0 : (rule.confidence > 1 ? 1.0 : rule.confidence));
  params.text("name", rule.name)
      .text("description", rule.description)
      .text("rule_type", rule.rule_type)
      .text("source_columns", rule.source_columns_json)
      .text("target_table", rule.target_table)
      .text("target_column", rule.target_column)
      .text("transformation", rule.transformation)
      .text("definition", rule.definition_json)
      .text("confidence", confidence)
      .text("provenance", rule.provenance)
      .integer("composite", 1)
      .integer("ai_generated", rule.provenance == "model" ? 1 : 0)
      .nullable_text("updated_at", rule.updated_at)
      .nullable_text("updated_by", rule.updated_by);
}

}  // namespace

MappingRuleRecord MappingRuleRepository::insert(MappingRuleRecord rule) {
  rule.id = new_uuid();
  rule.created_at = detail::now_timestamp();
  Params params;
  params.text("id", rule.id).text("project_id", rule.project_id);
  bind_rule(params, rule);
  params.text("created_at", rule.created_at);
  detail::execute(db_,
                  "INSERT INTO mapping_rules (id, project_id, name, description, rule_type,"
                  " source_columns, target_table, target_column, transformation, definition,"
                  " confidence, provenance, is_composite, ai_generated, updated_at, updated_by,"
                  " created_at) VALUES (:id, :project_id, :name, :description, :rule_type,"
                  " :source_columns, :target_table, :target_column, :transformation,"
                  " :definition, CAST(:confidence AS NUMERIC), :provenance, :composite,"
                  " :ai_generated, :updated_at, :updated_by, :created_at)",
                  params);
  return rule;
}

void MappingRuleRepository::update(const MappingRuleRecord& rule) {
  if (!detail::is_id(rule.id) || !detail::is_id(rule.project_id)) return;
  Params params;
  bind_rule(params, rule);
  params.text("id", rule.id).text("project_id", rule.project_id);
  detail::execute(db_,
                  "UPDATE mapping_rules SET name = :name, description = :description,"
                  " rule_type = :rule_type, source_columns = :source_columns,"
                  " target_table = :target_table, target_column = :target_column,"
                  " transformation = :transformation, definition = :definition,"
                  " confidence = CAST(:confidence AS NUMERIC), provenance = :provenance,"
                  " is_composite = :composite, ai_generated = :ai_generated,"
                  " updated_at = :updated_at, updated_by = :updated_by"
                  " WHERE id = :id AND project_id = :project_id",
                  params);
}

std::optional<MappingRuleRecord> MappingRuleRepository::find(const std::string& project_id,
                                                             const std::string& id) {
  if (!detail::is_id(project_id) || !detail::is_id(id)) return std::nullopt;
  Params params;
  params.text("id", id).text("project_id", project_id);
  return detail::query_one<RuleRow>(db_,
                                    std::string("SELECT ") + kRuleColumns +
                                        " FROM mapping_rules WHERE id = :id AND"
                                        " project_id = :project_id",
                                    params);
}

std::vector<MappingRuleRecord> MappingRuleRepository::list(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<RuleRow>(db_,
                                    std::string("SELECT ") + kRuleColumns +
                                        " FROM mapping_rules WHERE project_id = :project_id"
                                        " ORDER BY created_at, id",
                                    params);
}

}  // namespace godwit::store
