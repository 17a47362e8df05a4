// Apache Hive's type table: its type names read into canonical types, and the names
// Godwit writes for each canonical shape. Written from the Hive Language Manual "Types"
// page: TINYINT..BIGINT, FLOAT/DOUBLE, DECIMAL (up to 38 digits, bare = (10, 0)),
// STRING, VARCHAR (1..65535), CHAR (1..255), BINARY, DATE, TIMESTAMP (wall-clock, 9
// fractional digits), TIMESTAMP WITH LOCAL TIME ZONE, ARRAY, MAP, STRUCT.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("TINYINT", 8),
    read_integer("SMALLINT", 16),
    read_integer("INT", 32),
    read_integer("INTEGER", 32),
    read_integer("BIGINT", 64),
    read_float("FLOAT", 32),
    read_float("DOUBLE", 64),
    read_float("DOUBLE PRECISION", 64),
    read_decimal("DECIMAL", 10, 0),
    read_decimal("NUMERIC", 10, 0),
    read_simple("BOOLEAN", K::kBoolean),
    read_text("STRING").unicode(),
    read_varchar("VARCHAR").unicode(),
    read_char("CHAR", 1).unicode(),
    read_blob("BINARY"),
    read_simple("DATE", K::kDate),
    read_timestamp("TIMESTAMP", 9),
    read_timestamp("TIMESTAMPLOCALTZ", 9, Tz::kWithLocalTimeZone),
    read_interval("INTERVAL"),
    read_composite("ARRAY", K::kArray),
    read_composite("MAP", K::kMap),
    read_composite("STRUCT", K::kStruct),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOLEAN"),
    write(S::kInt8, "TINYINT"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INT"),
    write(S::kInt64, "BIGINT"),
    write_decimal("DECIMAL", 38, 38).floating_scale(10),
    write(S::kFloat32, "FLOAT"),
    write(S::kFloat64, "DOUBLE"),
    write_sized(S::kChar, "CHAR", 255).in_unicode(),
    write_sized(S::kVarchar, "VARCHAR", 65535).in_unicode(),
    write(S::kText, "STRING").in_unicode(),
    write(S::kVarbinary, "BINARY"),
    write(S::kBlob, "BINARY"),
    write(S::kDate, "DATE"),
    write_fixed_fraction(S::kTimestamp, "TIMESTAMP", 9),
    write_fixed_fraction(S::kTimestampLtz, "TIMESTAMP WITH LOCAL TIME ZONE", 9),
    write(S::kArray, "ARRAY", P::kAngle),
    write(S::kMap, "MAP", P::kAngle),
    write(S::kStruct, "STRUCT", P::kFieldsTight),
};

}  // namespace

const DialectTypeTable& hive_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "hive";
    t.display_name = "Hive";
    t.read = kRead;
    t.write = kWrite;
    t.identifier_quote = '`';
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
