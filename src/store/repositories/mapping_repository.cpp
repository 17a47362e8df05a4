// A project's stored mapping (see mapping_repository.hpp).
#include "store/repositories/mapping_repository.hpp"

#include <cstdio>
#include <string>

#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

/// Confidence travels as text and is cast in SQL: SOCI's binding here has no double,
/// and text keeps the two stored decimals exact on both backends.
std::string confidence_text(double value) {
  if (!(value >= 0)) value = 0;
  if (value > 1) value = 1;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

double confidence_from_text(const std::string& text) {
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return 0;
  }
}

constexpr const char* kFieldColumns =
    "id, project_id, mapping_key, table_mapping_id, sources, source_table_id, source_column_id,"
    " target_table_id, target_column_id, COALESCE(transformation_type, 'direct'),"
    " CAST(confidence AS TEXT), rank, status, provenance, model, COALESCE(formula, ''),"
    " COALESCE(formula_dialect, ''), COALESCE(description, ''), evidence, warnings, value_map,"
    " version, previous_versions, created_at, updated_at, updated_by, approved_at";

struct FieldRow {
  FieldMappingRecord r;
  std::string confidence, table_mapping_id, model_name, value_map, updated_at, updated_by,
      approved_at;
  soci::indicator tm_ind = soci::i_ok, model_ind = soci::i_ok, vm_ind = soci::i_ok,
                  ua_ind = soci::i_ok, ub_ind = soci::i_ok, aa_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(r.id), soci::into(r.project_id), soci::into(r.mapping_key),
        soci::into(table_mapping_id, tm_ind), soci::into(r.sources_json),
        soci::into(r.source_table), soci::into(r.source_column), soci::into(r.target_table),
        soci::into(r.target_column), soci::into(r.transformation), soci::into(confidence),
        soci::into(r.rank), soci::into(r.status), soci::into(r.provenance),
        soci::into(model_name, model_ind), soci::into(r.formula), soci::into(r.formula_dialect),
        soci::into(r.description), soci::into(r.evidence_json), soci::into(r.warnings_json),
        soci::into(value_map, vm_ind), soci::into(r.version), soci::into(r.previous_versions_json),
        soci::into(r.created_at), soci::into(updated_at, ua_ind), soci::into(updated_by, ub_ind),
        soci::into(approved_at, aa_ind);
  }

  FieldMappingRecord model_value() const {
    FieldMappingRecord m = r;
    m.confidence = confidence_from_text(confidence);
    m.table_mapping_id = detail::optional_text(table_mapping_id, tm_ind);
    m.model = detail::optional_text(model_name, model_ind);
    m.value_map_json = detail::optional_text(value_map, vm_ind);
    m.created_at = detail::timestamp_from_db(r.created_at);
    if (ua_ind != soci::i_null) m.updated_at = detail::timestamp_from_db(updated_at);
    m.updated_by = detail::optional_text(updated_by, ub_ind);
    if (aa_ind != soci::i_null) m.approved_at = detail::timestamp_from_db(approved_at);
    return m;
  }
  FieldMappingRecord model() const { return model_value(); }
};

void bind_mutable(Params& params, const FieldMappingRecord& r) {
  params.text("mapping_key", r.mapping_key)
      .nullable_text("table_mapping_id", r.table_mapping_id)
      .text("sources", r.sources_json)
      .text("source_table", r.source_table)
      .text("source_column", r.source_column)
      .text("target_table", r.target_table)
      .text("target_column", r.target_column)
      .text("transformation", r.transformation)
      .text("confidence", confidence_text(r.confidence))
      .integer("rank", r.rank)
      .text("status", r.status)
      .text("provenance", r.provenance)
      .nullable_text("model", r.model)
      .text("formula", r.formula)
      .text("formula_dialect", r.formula_dialect)
      .text("description", r.description)
      .text("evidence", r.evidence_json)
      .text("warnings", r.warnings_json)
      .nullable_text("value_map", r.value_map_json)
      .integer("version", r.version)
      .text("previous_versions", r.previous_versions_json)
      .nullable_text("updated_at", r.updated_at)
      .nullable_text("updated_by", r.updated_by)
      .nullable_text("approved_at", r.approved_at)
      .integer("ai_generated", r.provenance == "model" ? 1 : 0);
}

constexpr const char* kInsertField =
    "INSERT INTO field_mappings (id, project_id, mapping_key, table_mapping_id, sources,"
    " source_table_id, source_column_id, target_table_id, target_column_id, transformation_type,"
    " confidence, rank, status, provenance, model, formula, formula_dialect, description,"
    " evidence, warnings, value_map, version, previous_versions, updated_at, updated_by,"
    " approved_at, ai_generated, created_at)"
    " VALUES (:id, :project_id, :mapping_key, :table_mapping_id, :sources, :source_table,"
    " :source_column, :target_table, :target_column, :transformation,"
    " CAST(:confidence AS NUMERIC), :rank, :status, :provenance, :model, :formula,"
    " :formula_dialect, :description, :evidence, :warnings, :value_map, :version,"
    " :previous_versions, :updated_at, :updated_by, :approved_at, :ai_generated, :created_at)";

void insert_field(soci::session& session, FieldMappingRecord& record) {
  if (record.id.empty()) record.id = new_uuid();
  if (record.created_at.empty()) record.created_at = detail::now_timestamp();
  Params params;
  params.text("id", record.id).text("project_id", record.project_id);
  bind_mutable(params, record);
  params.text("created_at", record.created_at);
  detail::execute(session, kInsertField, params);
}

constexpr const char* kTableColumns =
    "id, project_id, mapping_key, source_tables, source_table_id, target_table_id,"
    " COALESCE(join_condition, ''), COALESCE(filter_condition, ''), CAST(confidence AS TEXT),"
    " status, provenance, evidence, completion_percentage, required_fields_covered,"
    " total_required_fields, mapped_fields, total_fields, created_at, updated_at";

struct TableRow {
  TableMappingRecord r;
  std::string confidence;
  void bind(detail::Binder& p) {
    p, soci::into(r.id), soci::into(r.project_id), soci::into(r.mapping_key),
        soci::into(r.source_tables_json), soci::into(r.source_table), soci::into(r.target_table),
        soci::into(r.join_condition), soci::into(r.filter_condition), soci::into(confidence),
        soci::into(r.status), soci::into(r.provenance), soci::into(r.evidence_json),
        soci::into(r.completion_percentage), soci::into(r.required_fields_covered),
        soci::into(r.total_required_fields), soci::into(r.mapped_fields),
        soci::into(r.total_fields), soci::into(r.created_at), soci::into(r.updated_at);
  }
  TableMappingRecord model() const {
    TableMappingRecord m = r;
    m.confidence = confidence_from_text(confidence);
    m.created_at = detail::timestamp_from_db(r.created_at);
    m.updated_at = detail::timestamp_from_db(r.updated_at);
    return m;
  }
};

void insert_table(soci::session& session, TableMappingRecord& record) {
  if (record.id.empty()) record.id = new_uuid();
  record.created_at = record.updated_at = detail::now_timestamp();
  Params params;
  params.text("id", record.id)
      .text("project_id", record.project_id)
      .text("mapping_key", record.mapping_key)
      .text("source_tables", record.source_tables_json)
      .text("source_table", record.source_table)
      .text("target_table", record.target_table)
      .text("join_condition", record.join_condition)
      .text("filter_condition", record.filter_condition)
      .text("confidence", confidence_text(record.confidence))
      .text("status", record.status)
      .text("provenance", record.provenance)
      .text("evidence", record.evidence_json)
      .integer("completion", record.completion_percentage)
      .integer("covered", record.required_fields_covered)
      .integer("required", record.total_required_fields)
      .integer("mapped", record.mapped_fields)
      .integer("total", record.total_fields)
      .text("created_at", record.created_at);
  detail::execute(session,
                  "INSERT INTO table_mappings (id, project_id, mapping_key, source_tables,"
                  " source_table_id, target_table_id, join_condition, filter_condition,"
                  " confidence, status, provenance, evidence, completion_percentage,"
                  " required_fields_covered, total_required_fields, mapped_fields,"
                  " total_fields, created_at, updated_at)"
                  " VALUES (:id, :project_id, :mapping_key, :source_tables, :source_table,"
                  " :target_table, :join_condition, :filter_condition,"
                  " CAST(:confidence AS NUMERIC), :status, :provenance, :evidence, :completion,"
                  " :covered, :required, :mapped, :total, :created_at, :created_at)",
                  params);
}

std::string in_list(Params& params, const std::vector<std::string>& values) {
  std::string list;
  for (const std::string& v : values) {
    if (!list.empty()) list += ", ";
    list += params.add_text(v);
  }
  return list;
}

/// In one transaction: deletes the project's rows that `delete_sql` selects (the engine's,
/// never a person's), then inserts `rows` with `insert`. Re-running the engine goes here.
template <typename Record, typename Insert>
void replace_project_rows(Database& db, const std::string& project_id, const char* delete_sql,
                          std::vector<Record>& rows, Insert insert) {
  detail::Connection connection(db);
  soci::session& session = connection;
  try {
    detail::WriteTransaction tx(session, connection.backend());
    Params params;
    params.text("project_id", project_id);
    detail::execute(session, delete_sql, params);
    for (Record& record : rows) {
      record.project_id = project_id;
      insert(session, record);
    }
    tx.commit();
  } catch (const soci::soci_error&) {
    detail::rethrow_database_error(session);
  }
}

}  // namespace

FieldMappingRecord MappingRepository::insert(FieldMappingRecord record) {
  detail::Connection connection(db_);
  soci::session& session = connection;
  try {
    insert_field(session, record);
  } catch (const soci::soci_error&) {
    detail::rethrow_database_error(session);
  }
  return record;
}

void MappingRepository::update(const FieldMappingRecord& record) {
  if (!detail::is_id(record.id) || !detail::is_id(record.project_id)) return;
  Params params;
  bind_mutable(params, record);
  params.text("id", record.id).text("project_id", record.project_id);
  detail::execute(db_,
                  "UPDATE field_mappings SET mapping_key = :mapping_key,"
                  " table_mapping_id = :table_mapping_id, sources = :sources,"
                  " source_table_id = :source_table, source_column_id = :source_column,"
                  " target_table_id = :target_table, target_column_id = :target_column,"
                  " transformation_type = :transformation,"
                  " confidence = CAST(:confidence AS NUMERIC), rank = :rank, status = :status,"
                  " provenance = :provenance, model = :model, formula = :formula,"
                  " formula_dialect = :formula_dialect, description = :description,"
                  " evidence = :evidence, warnings = :warnings, value_map = :value_map,"
                  " version = :version, previous_versions = :previous_versions,"
                  " updated_at = :updated_at, updated_by = :updated_by,"
                  " approved_at = :approved_at, ai_generated = :ai_generated"
                  " WHERE id = :id AND project_id = :project_id",
                  params);
}

std::optional<FieldMappingRecord> MappingRepository::find(const std::string& project_id,
                                                          const std::string& id) {
  if (!detail::is_id(project_id) || !detail::is_id(id)) return std::nullopt;
  Params params;
  params.text("id", id).text("project_id", project_id);
  return detail::query_one<FieldRow>(db_,
                                     std::string("SELECT ") + kFieldColumns +
                                         " FROM field_mappings WHERE id = :id AND"
                                         " project_id = :project_id",
                                     params);
}

FieldMappingPage MappingRepository::list(const FieldMappingQuery& query) {
  FieldMappingPage page;
  if (!detail::is_id(query.project_id)) return page;
  Params params;
  std::string where = " WHERE project_id = " + params.add_text(query.project_id);
  if (query.source_table) where += " AND source_table_id = " + params.add_text(*query.source_table);
  if (query.target_table) where += " AND target_table_id = " + params.add_text(*query.target_table);
  if (!query.statuses.empty()) where += " AND status IN (" + in_list(params, query.statuses) + ")";
  if (!query.provenances.empty())
    where += " AND provenance IN (" + in_list(params, query.provenances) + ")";
  if (query.min_confidence) {
    where += " AND confidence >= CAST(" + params.add_text(confidence_text(*query.min_confidence)) +
             " AS NUMERIC)";
  }
  if (query.max_confidence) {
    where += " AND confidence <= CAST(" + params.add_text(confidence_text(*query.max_confidence)) +
             " AS NUMERIC)";
  }
  if (!query.ids.empty()) {
    std::vector<std::string> ids;
    for (const std::string& id : query.ids)
      if (detail::is_id(id)) ids.push_back(id);
    if (ids.empty()) return page;
    where += " AND id IN (" + in_list(params, ids) + ")";
  }
  detail::Connection connection(db_);
  page.total =
      detail::query_integer(connection, "SELECT COUNT(*) FROM field_mappings" + where, params);
  const char* direction = query.descending ? " DESC" : " ASC";
  std::string order;
  switch (query.sort) {
    case FieldMappingSort::kConfidence:
      order = std::string("confidence") + direction + ", source_table_id, source_column_id, rank";
      break;
    case FieldMappingSort::kSource:
      order = std::string("source_table_id") + direction + ", source_column_id" + direction +
              ", rank, confidence DESC";
      break;
    case FieldMappingSort::kTarget:
      order = std::string("target_table_id") + direction + ", target_column_id" + direction +
              ", confidence DESC";
      break;
    case FieldMappingSort::kUpdatedAt:
      order = std::string("COALESCE(updated_at, created_at)") + direction;
      break;
  }
  std::string sql = std::string("SELECT ") + kFieldColumns + " FROM field_mappings" + where +
                    " ORDER BY " + order + ", id";
  if (query.limit > 0) {
    sql += " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
  }
  page.items = detail::query_all<FieldRow>(static_cast<soci::session&>(connection), sql, params);
  return page;
}

void MappingRepository::replace_suggestions(const std::string& project_id,
                                            std::vector<FieldMappingRecord> fresh) {
  if (!detail::is_id(project_id)) return;
  replace_project_rows(db_, project_id,
                       "DELETE FROM field_mappings WHERE project_id = :project_id AND"
                       " status = 'suggested'",
                       fresh, insert_field);
}

std::vector<TableMappingRecord> MappingRepository::table_mappings(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<TableRow>(db_,
                                     std::string("SELECT ") + kTableColumns +
                                         " FROM table_mappings WHERE project_id = :project_id"
                                         " ORDER BY target_table_id, source_table_id, id",
                                     params);
}

void MappingRepository::replace_table_mappings(const std::string& project_id,
                                               std::vector<TableMappingRecord> tables) {
  if (!detail::is_id(project_id)) return;
  replace_project_rows(db_, project_id,
                       "DELETE FROM table_mappings WHERE project_id = :project_id AND"
                       " provenance <> 'person'",
                       tables, insert_table);
}

TableMappingRecord MappingRepository::insert_table_mapping(TableMappingRecord record) {
  detail::Connection connection(db_);
  soci::session& session = connection;
  try {
    insert_table(session, record);
  } catch (const soci::soci_error&) {
    detail::rethrow_database_error(session);
  }
  return record;
}

void MappingRepository::update_coverage(const TableMappingRecord& record) {
  if (!detail::is_id(record.id)) return;
  Params params;
  params.integer("completion", record.completion_percentage)
      .integer("covered", record.required_fields_covered)
      .integer("required", record.total_required_fields)
      .integer("mapped", record.mapped_fields)
      .integer("total", record.total_fields)
      .text("updated_at", detail::now_timestamp())
      .text("id", record.id);
  detail::execute(db_,
                  "UPDATE table_mappings SET completion_percentage = :completion,"
                  " required_fields_covered = :covered, total_required_fields = :required,"
                  " mapped_fields = :mapped, total_fields = :total, updated_at = :updated_at"
                  " WHERE id = :id",
                  params);
}

}  // namespace godwit::store
