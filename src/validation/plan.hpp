// The validation plan: what run_validation compares, derived from the approved mapping and
// both catalogs without touching a database. Per mapped target table: its source table,
// the column pairs (formulas translated to the SOURCE engine's dialect, so aggregates of a
// computed column compare like with like), the key the keyed diff uses (the target's
// primary key mapped back to source columns, else a unique key, else none: full-row
// hashes), and the schema findings (missing tables and columns, incompatible types).
// Pure: catalogs and the mapping in, a plan out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "sql/types/logical_type.hpp"
#include "validation/diff.hpp"
#include "validation/report.hpp"

namespace godwit::validation {

/// One mapped target column and what fills it.
struct PlannedColumn {
  std::string mapping_id;
  std::string target_column;
  sql::LogicalType target_type;
  /// The single source column of a plain copy (direct or cast, no formula, no value map);
  /// empty when the column is computed.
  std::string source_column;
  /// Computed columns: the formula (value map applied) in the source engine's dialect.
  std::string source_expression;
  /// The source column's type; a computed column's, and a copy's across type families
  /// (TINYINT(1) into BOOLEAN), is the target's: what the value is meant to become.
  sql::LogicalType source_type;
  /// A plain copy of one source column. Computed columns are compared row by row too,
  /// through `source_expression` evaluated on the source. (Over a join a plain copy has
  /// both: its column name and its expression over the alias.)
  bool row_comparable() const { return !source_column.empty(); }
};

/// One source table of a join, as its FROM item: its name and its alias (s1, s2 ...).
struct JoinedSource {
  std::vector<std::string> parts;  ///< {schema, table} or {table}, for quote_name
  std::string alias;
};

struct PlannedTable {
  std::string mapping_id;                ///< the table mapping
  std::vector<std::string> mapping_ids;  ///< the table mapping's, then its fields'
  const schema::Table* target = nullptr;
  std::string target_name;                ///< QualifiedName text
  std::vector<std::string> target_parts;  ///< {schema, table} or {table}, for quote_name
  const schema::Table* source = nullptr;  ///< the single source table, when there is one
  std::string source_name;                ///< the source tables' names joined with ", "
  std::vector<std::string> source_parts;
  std::vector<PlannedColumn> columns;  ///< in target column order
  /// Key pairs for the keyed diff, leading column first; empty: full-row hashes.
  std::vector<ComparedColumn> key;
  /// Where the key came from: "primary key", "unique key <name>", "source primary key",
  /// or empty.
  std::string key_origin;
  /// The source side can be compared table to table (one source table, no join, no
  /// filter); otherwise `not_comparable` says why.
  bool comparable = true;
  std::string not_comparable;
  /// A join of several source tables or a filtered source that the keyed diff can still
  /// compare, as the SELECT the generated code loads from: these FROM items, joined on
  /// `join_condition` and filtered by `source_filter` (both in the source dialect, aliases
  /// s1, s2 ...). Every column's `source_expression` is then written over the aliases.
  /// Empty when the table is comparable, or when the query cannot be expressed
  /// (`not_comparable` says why).
  std::vector<JoinedSource> joined_sources;
  std::string join_condition;
  std::string source_filter;
  bool diffable_as_query() const { return !joined_sources.empty(); }
};

struct ValidationPlan {
  std::string source_dialect;  ///< the dialect formulas were translated to
  std::vector<PlannedTable> tables;
  /// One kSchema check per mapped target table, already decided (a pure catalog check).
  std::vector<CheckResult> schema_checks;
  /// Mappings that could not be resolved or translated, tables that were filtered out.
  std::vector<Diagnostic> diagnostics;
};

/// Derives the plan. `source_dialect` is the source engine's SQL dialect ("postgres",
/// "mysql", "sqlite" ...); `tables` restricts it to these target tables (QualifiedName
/// text or bare table name, ignoring case; empty: every mapped table). Only approved and
/// manual mappings are used (what codegen generated code from).
ValidationPlan plan_validation(const schema::Catalog& source, const schema::Catalog& target,
                               const mapping::MappingDocument& mapping,
                               std::string_view source_dialect,
                               const std::vector<std::string>& tables = {});

/// The SQL dialect an engine speaks: "postgres", "mysql", "sqlite"; for ODBC, `fallback`
/// (the mapping's source dialect).
std::string dialect_of(Engine engine, std::string_view fallback);

}  // namespace godwit::validation
