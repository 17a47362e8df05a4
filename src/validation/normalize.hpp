// Canonical text of column values, computed inside each database, so that a checksum
// computed by PostgreSQL and one computed by MariaDB or SQLite agree for equal data; and
// the explanation of a mismatch once both values are fetched ("value differs" or only
// "representation differs"). Engine code: it builds SQL text and compares values, it
// runs nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::validation {

/// What counts as "the same value" across engines. Every rule is applied identically on
/// both sides, so a tolerance never makes two sides disagree.
struct NormalizeOptions {
  /// Decimals are compared at this scale (rounded half away from zero). Unset: the
  /// larger declared scale of the two sides (10 when neither declares one), so a target
  /// that rounded 1.2345 to 1.23 is found, while 1.5 and 1.50 are equal.
  std::optional<int> decimal_scale;
  /// Binary floats are rounded to this many decimals before comparing (the tolerance).
  int float_decimals = 6;
  /// Fractional-second digits kept (truncated, not rounded). Unset: the smaller declared
  /// precision of the two sides, 6 when neither says.
  std::optional<int> timestamp_precision;
  /// 'abc  ' equals 'abc' (CHAR(n) padding, MariaDB PAD SPACE collations).
  bool trim_trailing_spaces = true;
  /// '' equals NULL (Oracle-style targets).
  bool empty_string_as_null = false;
  /// 'Abc' equals 'abc' (case-insensitive collations). Lower-casing of non-ASCII letters
  /// may differ between engines; documented in docs/validation.md.
  bool case_insensitive = false;
};

/// How a column is rendered on one side: the engine, the column's SQL reference
/// (already quoted) and its logical type.
struct ColumnRendering {
  Engine engine = Engine::kPostgres;
  std::string column_sql;
  sql::LogicalType type;
};

/// The type of both sides of a compared column, which fixes the common decimal scale
/// and timestamp precision.
struct ComparedTypes {
  sql::LogicalType source;
  sql::LogicalType target;
};

/// The effective decimal scale and timestamp precision used for a column pair.
struct ColumnCanon {
  int decimal_scale = 0;
  int timestamp_precision = 6;
};
ColumnCanon column_canon(const ComparedTypes& types, const NormalizeOptions& options);

/// An SQL expression of type text that is NULL exactly when the value is NULL (or an
/// empty string with `empty_string_as_null`) and otherwise the canonical text:
///   integers   -123                       decimals  -1.50 (exactly `scale` digits)
///   floats     1.500000 (float_decimals)  booleans  1 / 0
///   dates      2024-01-31                 times     13:45:00.123456 (precision digits)
///   timestamps 2024-01-31 13:45:00.123456, converted to UTC when the type has a zone
///   strings    as stored (trailing spaces trimmed, lower-cased, per the options)
///   binary     lower-case hex              uuid     lower-case 8-4-4-4-12
///   others     the engine's text form (JSON, intervals, arrays: not canonical across
///              engines; see docs/validation.md)
std::string normalized_text_sql(const ColumnRendering& column, const ColumnCanon& canon,
                                const NormalizeOptions& options);

/// The engine's plain text cast of a column (what a person sees in that engine).
std::string raw_text_sql(const ColumnRendering& column);

/// How rows are hashed inside a database.
enum class RowHash {
  /// PostgreSQL only: a native 64-bit hash, several times cheaper than MD5. Both sides
  /// must be PostgreSQL; the diff hashes columns of equal type as binary values
  /// (hash_record_extended, PostgreSQL 14+) and this is hashtextextended() of the row
  /// text otherwise.
  kNativePostgres,
  /// The first 60 bits of the MD5 of the row text as an unsigned integer: computable
  /// identically by PostgreSQL (md5), MariaDB (MD5/CONV) and by Godwit itself.
  kPortableMd5,
};

/// Whether `engine` can compute `hash` itself. SQLite has no hash function and a
/// connector cannot register one, and ODBC may reach any engine: for those Godwit
/// streams the row text and hashes it (docs/validation.md).
bool computes_hash_in_database(Engine engine, RowHash hash);

/// The row text: the column texts joined with U+001F, NULL written as U+001E.
std::string row_text_sql(Engine engine, const std::vector<std::string>& column_texts);

/// A 64-bit signed (kNativePostgres) or 60-bit unsigned (kPortableMd5) integer
/// expression of `row_text_sql`. Only for engines where computes_hash_in_database().
std::string row_hash_sql(Engine engine, RowHash hash, std::string_view row_text);

/// The row text joined in C++ exactly as row_text_sql() joins it in SQL.
std::string row_text(const std::vector<Value>& column_texts);
/// kPortableMd5 of a row text, computed by Godwit (same number as the databases').
std::uint64_t portable_md5_hash(std::string_view row_text);

/// `a / b` in integer arithmetic, truncating, for non-negative operands.
std::string integer_division_sql(Engine engine, std::string_view a, std::string_view b);

/// How a value compared with a column of `type` is bound (a key the diff looks a row up
/// by, a range rule's bound): its ParamType, so BigQuery and Databricks get the column's
/// type instead of STRING.
ParamType param_type_of(const sql::LogicalType& type);

/// Whether a compared pair of values is the same.
enum class DifferenceKind {
  kSame,            ///< equal as stored
  kRepresentation,  ///< equal once normalised ('1.50' and '1.5', 't' and '1')
  kValue,           ///< different values
};
std::string_view to_string(DifferenceKind kind);

/// One column's comparison, with the reason a person reads.
struct ValueComparison {
  DifferenceKind kind = DifferenceKind::kSame;
  /// Empty for kSame; otherwise e.g. "rounded to 2 decimals (12.3456 -> 12.35)",
  /// "shifted by -02:00 (a time zone conversion?)", "trailing spaces", "written
  /// differently ('1.50' vs '1.5')".
  std::string reason;
  /// A short stable code: "rounded", "time_zone_shift", "truncated", "trailing_spaces",
  /// "letter_case", "empty_vs_null", "null", "changed", "representation"; empty for kSame.
  std::string symptom;
};

/// The raw and normalised texts of one value on one side.
struct ObservedValue {
  Value raw;
  Value normalized;
};

/// Compares one column's values: normalised texts decide whether the value differs, raw
/// texts whether only the representation does; the types and texts name the symptom.
ValueComparison compare_values(const ComparedTypes& types, const ObservedValue& source,
                               const ObservedValue& target);

}  // namespace godwit::validation
