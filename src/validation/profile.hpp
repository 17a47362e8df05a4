// Column profiles: one aggregate query per table, pushed down to the database (row
// count; per column null count, min, max, sum, average, distinct count when asked,
// string length range), then the source and target profiles compared through the
// column map with tolerances. Engine code: connectors in, values out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/normalize.hpp"

namespace godwit::validation {

/// One profiled column of one table. `sql` is a column reference quoted with the
/// connector's quote_identifier, or an expression over such references printed from the
/// parsed mapping (never user text pasted as is).
struct ProfiledExpression {
  std::string sql;
  sql::LogicalType type;
  bool distinct = false;  ///< count(DISTINCT ...): a sort or hash of the column, not free
};

/// What one column's profile holds; a metric that does not apply to the type is unset.
struct ColumnProfile {
  std::uint64_t nulls = 0;
  Value min;  ///< normalised text (numbers, dates, timestamps comparable across engines)
  Value max;
  Value sum;  ///< numbers only
  Value avg;
  std::optional<std::uint64_t> distinct;
  std::optional<std::int64_t> min_length;  ///< strings only, in characters
  std::optional<std::int64_t> max_length;
};

struct TableProfile {
  std::uint64_t rows = 0;
  std::vector<ColumnProfile> columns;  ///< in the order asked
};

/// The single-scan aggregate query of `columns` over `table_sql` (already quoted).
/// `canons` gives each column's decimal scale and timestamp precision for min/max.
std::string profile_sql(Engine engine, const std::string& table_sql,
                        const std::vector<ProfiledExpression>& columns,
                        const std::vector<ColumnCanon>& canons, const NormalizeOptions& options);

/// Runs profile_sql() and reads its one row. Throws ConnectorError.
TableProfile profile_table(Connector& connection, const std::vector<std::string>& table,
                           const std::vector<ProfiledExpression>& columns,
                           const std::vector<ColumnCanon>& canons,
                           const NormalizeOptions& options = {});

/// One entry of the column map: a target column and what it is computed from.
struct ProfileColumnPair {
  std::string target_column;
  sql::LogicalType target_type;
  /// A source column name (quoted by the connector) ...
  std::string source_column;
  /// ... or, when set, an SQL expression over source columns from the parsed mapping.
  std::string source_expression;
  sql::LogicalType source_type;
  bool distinct = false;
  /// Relative tolerance of sum, avg, min and max for this column; unset: the table's.
  std::optional<double> relative_tolerance;
};

struct ProfileTolerance {
  std::uint64_t row_count_absolute = 0;  ///< rows may differ by this many ...
  double row_count_relative = 0;         ///< ... or this share of the source's rows
  double relative = 1e-9;                ///< sums, averages, numeric min/max
  double absolute = 0;
};

struct ProfileRequest {
  std::vector<std::string> source_table;
  std::vector<std::string> target_table;
  std::vector<ProfileColumnPair> columns;
  ProfileTolerance tolerance;
  NormalizeOptions normalize;
};

/// One compared metric: "rows", or a column's "nulls", "min", "max", "sum", "avg",
/// "distinct", "min_length", "max_length".
struct ProfileCheck {
  std::string column;  ///< the target column; empty for "rows"
  std::string metric;
  Value source;
  Value target;
  bool passed = true;
  std::string detail;  ///< why it failed, e.g. "differs by 3 (0.3%), tolerance 0"
};

struct ProfileComparison {
  TableProfile source;
  TableProfile target;
  std::vector<ProfileCheck> checks;
  bool passed() const;
};

/// Profiles both tables (concurrently, one scan each) and compares every metric. String
/// min/max are compared only between engines of the same kind (collations order
/// differently). Throws ConnectorError, or godwit::Error(kInvalidInput) for an empty map.
ProfileComparison compare_profiles(Connector& source, Connector& target,
                                   const ProfileRequest& request);

}  // namespace godwit::validation
