// The keyed diff: finds the rows that differ between a source and a target table (on
// the same or different engines) without downloading either table. Each database
// computes per-segment row counts and checksums over key ranges; differing segments are
// split again until they are small, their (key, row hash) lists are compared, and only
// the differing keys' rows are fetched, by point look-ups, for column-level detail.
// Engine code: it takes connectors and returns values (docs/validation.md).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/normalize.hpp"

namespace godwit::validation {

/// One compared column: its name on each side and its type on each side.
struct ComparedColumn {
  std::string source;
  std::string target;
  sql::LogicalType source_type;
  sql::LogicalType target_type;
  /// A computed column: the SQL expression over the source table's columns, in the source
  /// engine's dialect, that yields the value (`source` then only names it in reports).
  /// Always normalised before hashing: its result type is the engine's, not a column's.
  std::string source_expression = {};
};

struct DiffOptions {
  NormalizeOptions normalize;
  /// A differing segment with at most this many rows on each side is compared by its
  /// (key, row hash) list; a larger one is split again.
  std::size_t leaf_rows = 256;
  /// Segments the whole key range is split into first. Unset: one per leaf_rows / 8 keys,
  /// so that dense keys need no second level; a small number makes the diff bisect.
  std::optional<std::size_t> first_level_segments;
  /// Most segments one checksum query may return (one GROUP BY over a key range).
  std::size_t max_segments_per_query = 32768;
  /// Rows reported with column detail; the counts stay exact beyond it.
  std::size_t max_detailed_rows = 1000;
  /// Keys per point look-up query.
  std::size_t lookup_batch = 200;
  /// Key ranges per leaf-listing query.
  std::size_t leaf_batch = 64;
  /// Row hash; unset: kNativePostgres when both sides are PostgreSQL, else kPortableMd5.
  std::optional<RowHash> hash;
};

/// Called with the share of work done (0..100) and the stage ("bounds", "checksums",
/// "bisecting", "listing keys", "fetching rows", "done").
using DiffProgress = std::function<void(double percent, std::string_view stage)>;

/// Thrown when the cancel flag is set; the connections stay usable.
class DiffCancelled : public std::runtime_error {
 public:
  DiffCancelled() : std::runtime_error("the diff was cancelled") {}
};

struct TableDiffRequest {
  std::vector<std::string> source_table;  ///< {schema, table} or {table}
  /// When set, the source rows come from this query instead of `source_table` (a join of
  /// several source tables): a SELECT in the source engine's dialect whose output columns
  /// carry the compared columns' `source` names. It is used as a derived table, so the
  /// key-range predicates apply to its output (engines push them into the scan).
  std::string source_query;
  std::vector<std::string> target_table;
  /// The key, leading column first. Empty: the table has no key, and rows are compared
  /// as a multiset of full-row hashes (missing and extra rows, with counts).
  std::vector<ComparedColumn> key;
  /// The compared non-key columns.
  std::vector<ComparedColumn> columns;
  DiffOptions options;
  DiffProgress progress;
  const std::atomic<bool>* cancel = nullptr;
};

/// A compared column whose values are not the same in one row.
struct ColumnDifference {
  std::string source_column;
  std::string target_column;
  Value source_value;  ///< as stored (raw text)
  Value target_value;
  ValueComparison comparison;
};

enum class RowDifferenceKind {
  kMissing,         ///< in the source, not in the target
  kExtra,           ///< in the target, not in the source
  kChanged,         ///< in both, at least one value differs
  kRepresentation,  ///< in both, values equal once normalised (only with raw hashing)
};
std::string_view to_string(RowDifferenceKind kind);

struct RowDifference {
  RowDifferenceKind kind = RowDifferenceKind::kChanged;
  /// The key as stored on the side that has the row (the source for kChanged); for a
  /// table without key, the row's values.
  std::vector<Value> key;
  /// kChanged / kRepresentation: the columns that are not the same.
  std::vector<ColumnDifference> columns;
  /// kMissing / kExtra: the row's compared column values (raw text, in column order).
  std::vector<Value> values;
  /// Tables without key: how many identical rows this line stands for.
  std::uint64_t count = 1;
};

struct DiffStats {
  std::uint64_t source_rows = 0;
  std::uint64_t target_rows = 0;
  std::string hash;                ///< "postgres-hashtextextended" or "md5-60"
  bool normalized = true;          ///< false: same-engine same-type columns hashed as stored
  std::size_t queries = 0;         ///< statements sent, both sides
  std::size_t segments = 0;        ///< segment checksums compared
  std::size_t levels = 0;          ///< bisection depth reached
  std::uint64_t rows_listed = 0;   ///< (key, hash) pairs downloaded, both sides
  std::uint64_t rows_fetched = 0;  ///< full rows fetched by point look-up, both sides
  std::uint64_t rows_hashed_by_godwit = 0;  ///< rows streamed for engines without a hash
};

struct TableDiff {
  std::uint64_t missing = 0;
  std::uint64_t extra = 0;
  std::uint64_t changed = 0;
  std::uint64_t representation_only = 0;
  /// At most options.max_detailed_rows, ordered by kind then key.
  std::vector<RowDifference> rows;
  bool detail_truncated = false;
  DiffStats stats;

  bool equal() const { return missing == 0 && extra == 0 && changed == 0; }
};

/// Compares the tables. Throws godwit::Error(kInvalidInput) for a request it cannot run
/// (no columns, key types it cannot segment across engines ...), ConnectorError when a
/// database fails, DiffCancelled when cancelled.
TableDiff diff_table(Connector& source, Connector& target, const TableDiffRequest& request);

}  // namespace godwit::validation
