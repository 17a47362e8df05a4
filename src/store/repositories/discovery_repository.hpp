// Discovery snapshots (discovered_schemas) with their table, column and relationship rows,
// and each project's LLM settings. A snapshot is written once, in one transaction with
// bulk inserts (a 5,000-table schema is 100,000 column rows); afterwards only node
// positions, table domains and AI-proposed relationships change (each change bumps the
// snapshot's revision so readers that cache a snapshot know to reload it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct SnapshotSummary {
  std::string id;
  std::string project_id;
  int version = 0;
  std::optional<std::string> job_id;
  std::string created_at;
  long long table_count = 0;
  long long view_count = 0;
  long long column_count = 0;
  long long relationship_count = 0;
  double complexity_score = 0;
  long long diagnostic_count = 0;
  long long revision = 0;
};

/// The JSON documents kept whole on a snapshot (filtered in memory when read).
struct SnapshotDocuments {
  std::string diagnostics = "[]";  ///< array of {code,severity,message,file,line,column,snippet}
  std::string findings = "[]";
  std::string complexity = "{}";
  std::string domains = "[]";
  std::string files = "[]";
};

struct TableNodeRow {
  std::string id;
  int ordinal = 0;
  std::string name;
  std::string schema_name;
  std::string kind;  ///< table | view | materialized_view
  std::string dialect;
  std::optional<long long> row_count;
  std::string role;  ///< source | intermediate | target
  long long column_count = 0;
  std::optional<double> complexity;
  long long finding_count = 0;
  long long degree = 0;  ///< edges touching the table (all types)
  std::optional<std::string> domain;
  std::optional<long long> position_x;
  std::optional<long long> position_y;
  std::string metadata = "{}";  ///< keys, indexes, complexity factors, findings, origin
};

struct ColumnNodeRow {
  std::string id;
  std::string table_id;
  int ordinal = 0;
  std::string name;
  std::string data_type;
  std::string canonical_type;
  bool nullable = true;
  bool is_primary_key = false;
  bool is_foreign_key = false;
  std::optional<std::string> references_table;
  std::optional<std::string> references_column;
  std::optional<std::string> sample_values;  ///< JSON array
  std::optional<std::string> description;
};

struct RelationshipRow {
  std::string id;
  std::string edge_type;  ///< foreign_key | inferred | lineage
  std::string source_table;
  std::string source_column;
  std::string target_table;
  std::string target_column;
  std::optional<std::string> source_table_id;
  std::optional<std::string> target_table_id;
  std::string
      relationship_type;  ///< one-to-one | one-to-many | many-to-many | direct | transformed
  double confidence = 0;
  bool ai_generated = false;
  std::string evidence = "[]";            ///< JSON array of strings
  std::optional<std::string> provenance;  ///< JSON object for AI-generated rows
};

struct NewSnapshot {
  std::string project_id;
  std::optional<std::string> job_id;
  std::string schema_content = "{}";  ///< the catalog JSON
  long long table_count = 0;
  long long view_count = 0;
  long long column_count = 0;
  double complexity_score = 0;
  SnapshotDocuments documents;
  long long diagnostic_count = 0;
  std::vector<TableNodeRow> tables;  ///< ids assigned by the caller (columns refer to them)
  std::vector<ColumnNodeRow> columns;
  std::vector<RelationshipRow> relationships;
};

struct NodePosition {
  std::string node_id;
  long long x = 0;
  long long y = 0;
};

struct PositionsSaved {
  long long changed = 0;   ///< rows that changed
  long long revision = 0;  ///< the snapshot's revision after the change
};

struct ProjectLlmSettings {
  std::string provider = "offline";
  std::optional<std::string> model;
  std::optional<std::string> base_url;
  bool allow_sample_values = false;
  long long monthly_token_limit = 0;      ///< 0: no project limit beyond the server's
  std::optional<std::string> updated_at;  ///< absent: never saved (defaults)
};

class DiscoveryRepository {
 public:
  explicit DiscoveryRepository(Database& db) : db_(db) {}

  /// Stores the snapshot with the next version of its project and every row, in one
  /// transaction. Returns its summary.
  SnapshotSummary insert(NewSnapshot snapshot);
  std::optional<SnapshotSummary> latest(const std::string& project_id);
  /// Newest first.
  std::vector<SnapshotSummary> list(const std::string& project_id, int limit, int offset);
  long long count(const std::string& project_id);
  /// The version the next snapshot of the project gets.
  int next_version(const std::string& project_id);
  SnapshotDocuments documents(const std::string& snapshot_id);
  long long revision(const std::string& snapshot_id);

  /// Every table row of the snapshot in catalog order, without `metadata`.
  std::vector<TableNodeRow> tables(const std::string& snapshot_id);
  /// One table with its metadata.
  std::optional<TableNodeRow> table(const std::string& snapshot_id, const std::string& table_id);
  /// Columns of the given tables, by table then ordinal.
  std::vector<ColumnNodeRow> columns(const std::vector<std::string>& table_ids);
  std::vector<RelationshipRow> relationships(const std::string& snapshot_id);
  /// Relationships touching one table (either end).
  std::vector<RelationshipRow> relationships_of(const std::string& snapshot_id,
                                                const std::string& table_id);

  /// Stores positions of tables of the snapshot (ids of other snapshots change nothing)
  /// and, when a row changed, bumps the snapshot's revision in the same transaction, so
  /// readers that cache a snapshot's tables with their positions know to reload them.
  PositionsSaved set_positions(const std::string& snapshot_id,
                               const std::vector<NodePosition>& positions);
  /// Tables of the snapshot that have a stored position.
  std::vector<NodePosition> positions(const std::string& snapshot_id);

  /// Replaces the snapshot's domains (document and per-table column) and its AI-generated
  /// relationships with `ai_relationships`; bumps the revision.
  void save_analysis(const std::string& snapshot_id, const std::string& domains_json,
                     const std::vector<std::pair<std::string, std::string>>& table_domains,
                     const std::vector<RelationshipRow>& ai_relationships);

  ProjectLlmSettings llm_settings(const std::string& project_id);
  ProjectLlmSettings save_llm_settings(const std::string& project_id, ProjectLlmSettings settings);

 private:
  Database& db_;
};

}  // namespace godwit::store
