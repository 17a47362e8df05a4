// Mapping a column type from one dialect to another, and judging whether a value of one
// canonical type survives a cast to another. These are the questions the mapping and
// codegen phases ask; every answer lists its losses as coded warnings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "sql/types/type_loss.hpp"
#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {

enum class CastVerdict : std::uint8_t {
  kSafe,          ///< every value converts exactly
  kLossy,         ///< every value converts, some change or may fail (see losses)
  kIncompatible,  ///< no meaningful conversion (BOOLEAN -> DATE, ARRAY -> INT)
};

std::string_view to_string(CastVerdict verdict);

struct CastSafety {
  CastVerdict verdict = CastVerdict::kSafe;
  std::vector<TypeLoss> losses;
};

/// Whether values of `from` survive a cast to `to`, and how not. Pure canonical
/// comparison: no dialect involved.
CastSafety cast_safety(const LogicalType& from, const LogicalType& to);

/// How plausible it is that a column of type `a` maps to a column of type `b`, in [0, 1],
/// for ranking mapping candidates: 1 identical, about 0.85 a safe cast within one family
/// (INT32 -> INT64, DATE -> TIMESTAMP), 0.65 a lossy one, 0.5 a safe cast across families
/// (INT32 -> TEXT), 0.35 a lossy one, 0.5 when either type is unknown, 0 incompatible.
double type_compatibility(const LogicalType& a, const LogicalType& b);

/// A source type carried over to a target dialect.
struct TypeMapping {
  LogicalType source;       ///< canonical type of the source text
  LogicalType target;       ///< canonical type the target name really holds
  std::string target_text;  ///< the target dialect's type name, e.g. "NUMERIC(12, 2)"
  CastVerdict verdict = CastVerdict::kSafe;
  /// Reading notes, then the target's substitutions, then value losses; no duplicates.
  std::vector<TypeLoss> losses;
  std::vector<std::string> ignored;  ///< words after the source type that were skipped
};

/// Maps a type as written in `from` to the best type of `to`.
TypeMapping map_type(std::string_view type_text, const DialectTypeTable& from,
                     const DialectTypeTable& to, const ReadOptions& options = {});
/// Maps an already canonical type to the best type of `to`.
TypeMapping map_type(const LogicalType& type, const DialectTypeTable& to);

/// Conveniences taking canonical dialect names ("oracle", "bigquery"); resolve aliases
/// with canonical_dialect_name() first. Throw std::invalid_argument for an unknown name
/// (validating user input is the caller's job).
TypeMapping map_type(std::string_view type_text, std::string_view from_dialect,
                     std::string_view to_dialect, const ReadOptions& options = {});
ReadTypeResult read_type(std::string_view type_text, std::string_view dialect,
                         const ReadOptions& options = {});

}  // namespace godwit::sql
