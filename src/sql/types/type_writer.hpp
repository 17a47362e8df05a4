// Writing a canonical LogicalType as a dialect's best type name, through that
// dialect's write table. The result says what the target will really hold, so the
// caller can compare it with the source (cast_safety) to list the losses.
#pragma once

#include <string>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "sql/types/type_loss.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {

struct WriteTypeResult {
  LogicalType type;  ///< the canonical type the written name really denotes
  std::string text;  ///< e.g. "NUMERIC(12, 2)"
  /// Substitutions the table made (no such type, closest used; boolean convention ...).
  std::vector<TypeLoss> notes;
};

/// Never throws; an unknown type is written verbatim.
WriteTypeResult write_type(const LogicalType& type, const DialectTypeTable& table);

}  // namespace godwit::sql
