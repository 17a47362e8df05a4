// Reading a column type as written in some dialect (`NUMBER(12,2)`, `TEXT[]`,
// `STRUCT<a INT64>`) into the canonical LogicalType, through that dialect's read table.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "sql/types/type_loss.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {

/// Looks up a user-defined type name (`"public"."my_enum"`, as written without quotes,
/// parts joined by '.') in a catalog; nullopt when it is not known.
using UserTypeResolver = std::function<std::optional<LogicalType>(std::string_view name)>;

struct ReadOptions {
  UserTypeResolver user_types;
};

/// The canonical type of a type text and what reading it implied.
struct ReadTypeResult {
  LogicalType type;
  /// Facts a person should know (W-TYPE-UNKNOWN, W-TYPE-DATE-TIME, W-TYPE-BOOLEAN ...).
  std::vector<TypeLoss> notes;
  /// The type name implies generated values (PostgreSQL SERIAL): an auto-increment column.
  bool auto_increment = false;
  /// Words after the type that are not part of it (NOT NULL, COLLATE x ...), as written.
  std::vector<std::string> ignored;
};

/// Never throws and never fails: text it cannot read becomes `unknown(text)` with a
/// W-TYPE-UNKNOWN note.
ReadTypeResult read_type(std::string_view text, const DialectTypeTable& table,
                         const ReadOptions& options = {});

/// The read table of Godwit's own canonical text (`to_string(LogicalType)`): not a SQL
/// dialect, so it is not among find_type_table()'s dialects.
const DialectTypeTable& canonical_type_table();

/// The inverse of to_string(LogicalType): parse_logical_type(to_string(t)) == t for every
/// type except an enum's type name, which the text does not carry. Text that is not
/// canonical becomes unknown(text).
LogicalType parse_logical_type(std::string_view text);

}  // namespace godwit::sql
