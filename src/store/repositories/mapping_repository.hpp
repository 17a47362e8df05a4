// A project's stored mapping: field mappings (suggestions and decisions, with the
// versions an undo restores) and table mappings (with their coverage). JSON columns
// (sources, evidence, warnings, value map, previous versions) are kept as text here;
// the mapping service gives them meaning.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct FieldMappingRecord {
  std::string id;
  std::string project_id;
  std::string mapping_key;  ///< the engine's stable id ("fm-..."), "" for a person's row
  std::optional<std::string> table_mapping_id;
  std::string sources_json = "[]";  ///< [{"table": ..., "column": ...}]
  std::string source_table;         ///< the first source ("" for a constant)
  std::string source_column;
  std::string target_table;
  std::string target_column;
  std::string transformation = "direct";
  double confidence = 0;  ///< stored with two decimals
  int rank = 1;
  std::string status = "suggested";   ///< suggested | approved | rejected | manual
  std::string provenance = "engine";  ///< engine | model | person
  std::optional<std::string> model;
  std::string formula;
  std::string formula_dialect;
  std::string description;
  std::string evidence_json = "[]";
  std::string warnings_json = "[]";
  std::optional<std::string> value_map_json;
  int version = 1;
  std::string previous_versions_json = "[]";  ///< newest last
  std::string created_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> updated_by;
  std::optional<std::string> approved_at;
};

enum class FieldMappingSort { kConfidence, kSource, kTarget, kUpdatedAt };

struct FieldMappingQuery {
  std::string project_id;
  std::optional<std::string> source_table;
  std::optional<std::string> target_table;
  std::vector<std::string> statuses;     ///< any of
  std::vector<std::string> provenances;  ///< any of
  std::optional<double> min_confidence;  ///< inclusive
  std::optional<double> max_confidence;  ///< inclusive
  std::vector<std::string> ids;          ///< any of (empty: all)
  FieldMappingSort sort = FieldMappingSort::kConfidence;
  bool descending = true;
  int limit = 50;  ///< 0: no limit
  int offset = 0;
};

struct FieldMappingPage {
  std::vector<FieldMappingRecord> items;
  long long total = 0;
};

struct TableMappingRecord {
  std::string id;
  std::string project_id;
  std::string mapping_key;
  std::string source_tables_json = "[]";
  std::string source_table;  ///< the first source table
  std::string target_table;
  std::string join_condition;
  std::string filter_condition;
  double confidence = 0;
  std::string status = "suggested";
  std::string provenance = "engine";
  std::string evidence_json = "[]";
  int completion_percentage = 0;
  int required_fields_covered = 0;
  int total_required_fields = 0;
  int mapped_fields = 0;
  int total_fields = 0;
  std::string created_at;
  std::string updated_at;
};

class MappingRepository {
 public:
  explicit MappingRepository(Database& db) : db_(db) {}

  /// Fills id (when empty), created_at.
  FieldMappingRecord insert(FieldMappingRecord record);
  /// Writes every mutable field of `record` (found by id and project).
  void update(const FieldMappingRecord& record);
  std::optional<FieldMappingRecord> find(const std::string& project_id, const std::string& id);
  FieldMappingPage list(const FieldMappingQuery& query);

  /// One transaction: deletes the project's `suggested` rows and inserts `fresh`. Rows a
  /// person decided on (approved, rejected, manual) are never touched.
  void replace_suggestions(const std::string& project_id, std::vector<FieldMappingRecord> fresh);

  /// The project's table mappings, by target table then source.
  std::vector<TableMappingRecord> table_mappings(const std::string& project_id);
  /// One transaction: deletes the project's engine-made table mappings and inserts
  /// `tables` (ids kept when given).
  void replace_table_mappings(const std::string& project_id,
                              std::vector<TableMappingRecord> tables);
  TableMappingRecord insert_table_mapping(TableMappingRecord record);
  /// Stores the coverage numbers of one table mapping.
  void update_coverage(const TableMappingRecord& record);

 private:
  Database& db_;
};

}  // namespace godwit::store
