// The load SQL shared by the SQL warehouses (BigQuery, Databricks, PostgreSQL): a full load
// (INSERT ... SELECT from the staging copies of the sources) and an incremental upsert
// (MERGE keyed on the target's primary key), the values computed by the mapping's
// formulas translated to the warehouse dialect and cast to the target column types.
#pragma once

#include <string>
#include <vector>

#include "codegen/generation_context.hpp"

namespace godwit::codegen {

struct LoadSqlStyle {
  std::string dialect;                 ///< canonical dialect name
  std::string cast_function = "CAST";  ///< SAFE_CAST, TRY_CAST: NULL instead of an error
};

/// The SELECT over the staging tables, one line per target column (with its provenance).
struct LoadSelect {
  std::vector<std::string> columns;                   ///< target column names, quoted
  std::string text;                                   ///< the SELECT, several lines, no terminator
  std::vector<std::pair<int, std::string>> line_ids;  ///< 0-based line in `text`, mapping id
};

LoadSelect build_load_select(const GenerationContext& context, const ResolvedTable& table,
                             const std::string& file, const LoadSqlStyle& style,
                             std::vector<Diagnostic>& diagnostics);

/// Appends `INSERT INTO target (...) SELECT ...;` to `file`.
void add_insert(FileBuilder& file, const GenerationContext& context, const ResolvedTable& table,
                const LoadSelect& select, const LoadSqlStyle& style);

/// Appends `MERGE INTO target ... ;` keyed on the primary key; false (nothing appended)
/// when the target has no primary key or not all its columns are mapped.
bool add_merge(FileBuilder& file, const GenerationContext& context, const ResolvedTable& table,
               const LoadSelect& select, const LoadSqlStyle& style);

/// `value` (a field's translated expression) cast to `type` with `cast_function`, unless
/// it already has that type: a direct copy of the same type, an outer cast to `type`, or a
/// concatenation / value map of string literals into a string column.
std::string cast_value(const ResolvedField& field, const std::string& value,
                       const std::string& type, const std::string& cast_function);

/// The target type of `column` in `dialect` as the DDL writes it.
std::string column_type_sql(const schema::Column& column, std::string_view dialect);

}  // namespace godwit::codegen
