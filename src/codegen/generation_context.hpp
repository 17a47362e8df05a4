// What every platform generator reads: the catalogs, the resolved mapping, the table
// layouts (partitioning and clustering) and the options; plus the small text tools they
// share (identifier quoting per dialect, file building with provenance). Internal to
// src/codegen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/codegen.hpp"
#include "codegen/resolved_mapping.hpp"
#include "schema/catalog.hpp"

namespace godwit::codegen {

/// BigQuery integer-range partitioning: RANGE_BUCKET(column, GENERATE_ARRAY(start, end,
/// interval)); rows outside [start, end) go to the __UNPARTITIONED__ partition.
struct IntegerRange {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::int64_t interval = 1;
};

/// The range of an integer partition key: from 0 to past the largest value expected (the
/// table's row count, else the largest sample value, else 1,000,000; at most 10^12), in at most
/// 4,000 buckets (BigQuery allows 10,000) whose width is 1, 2 or 5 times a power of ten.
IntegerRange integer_partition_range(const schema::Table& table, const schema::Column& column);

/// How one target table is laid out on a warehouse.
struct TableLayout {
  std::string partition_column;                 ///< empty: not partitioned
  bool partition_by_day = false;                ///< TIMESTAMP column: partition on its date
  std::optional<IntegerRange> partition_range;  ///< integer column: RANGE_BUCKET (BigQuery)
  std::vector<std::string> cluster_columns;     ///< at most 4
  bool incremental = false;                     ///< has a primary key: MERGE / incremental model
  bool auto_compact = false;                    ///< Databricks: delta.autoOptimize.autoCompact
};

struct GenerationContext {
  const schema::Catalog& source;
  const schema::Catalog& target;
  const ResolvedMapping& mapping;
  const Options& options;
  Platform platform;
  /// The target tables to create (kTable, catalog order) and their layouts.
  std::vector<const schema::Table*> tables;
  std::vector<TableLayout> layouts;
  const TableLayout& layout_of(const schema::Table* table) const;
};

/// Builds the context: picks partition and cluster columns from the discovery findings
/// over the target catalog, and applies the auto-applicable advice named in the options.
GenerationContext make_context(const schema::Catalog& source, const schema::Catalog& target,
                               const ResolvedMapping& mapping, const Options& options,
                               Platform platform);

/// `name` as an identifier of `dialect`, quoted only when it must be (not a plain word,
/// reserved, or case the dialect would fold).
std::string quote_identifier(std::string_view dialect, std::string_view name);

/// Schema (dataset) of a target table: its own, else Options::target_schema.
std::string target_schema_of(const schema::Table& table, const Options& options);
/// "schema.table" (Databricks: "catalog.schema.table"), each part quoted as needed.
std::string target_table_sql(const schema::Table& table, const Options& options,
                             std::string_view dialect, Platform platform);
/// The staging copy of a source table: "<staging_schema>.<staging name>".
std::string staging_table_sql(const ResolvedSource& source, const Options& options,
                              std::string_view dialect, Platform platform);
/// A file-name-safe form of a table name ("analytics.customers").
std::string file_stem(const std::string& qualified_name);
/// A SQL string literal ('it''s'), BigQuery/Databricks with backslash escaping.
std::string sql_string(std::string_view text, std::string_view dialect);

/// Appends text to a file and records which mapping ids each appended block came from.
class FileBuilder {
 public:
  /// Appends `text` (a final newline is added when missing); when `ids` is not empty the
  /// lines it covers are recorded as their provenance.
  void add(std::string_view text, const std::vector<std::string>& ids = {});
  GeneratedFile finish(std::string path, std::string language, std::string dialect = {});

 private:
  std::string content_;
  int lines_ = 0;
  std::vector<Provenance> provenance_;
};

// One generator per platform folder.
void generate_bigquery(const GenerationContext& context, GenerationResult& result);
void generate_databricks(const GenerationContext& context, GenerationResult& result);
void generate_postgres(const GenerationContext& context, GenerationResult& result);
void generate_beam(const GenerationContext& context, GenerationResult& result);
void generate_dbt(const GenerationContext& context, GenerationResult& result);

}  // namespace godwit::codegen
