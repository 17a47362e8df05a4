// Databricks (Spark SQL, Delta) type table: its type names and aliases read into
// canonical types, and the names Godwit writes for each canonical shape. Written from
// the Databricks SQL "Data types" reference: TINYINT..BIGINT (signed only), DECIMAL up to
// 38 digits (bare DECIMAL is DECIMAL(10, 0)), FLOAT/DOUBLE, STRING (CHAR/VARCHAR are
// STRING with a length check), BINARY, TIMESTAMP (an instant shown in the session zone)
// and TIMESTAMP_NTZ, year-month and day-time INTERVALs, ARRAY, MAP, STRUCT, VARIANT.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("TINYINT", 8),
    read_integer("BYTE", 8),
    read_integer("SMALLINT", 16),
    read_integer("SHORT", 16),
    read_integer("INT", 32),
    read_integer("INTEGER", 32),
    read_integer("BIGINT", 64),
    read_integer("LONG", 64),
    read_decimal("DECIMAL", 10, 0),
    read_decimal("DEC", 10, 0),
    read_decimal("NUMERIC", 10, 0),
    read_float("FLOAT", 32),
    read_float("REAL", 32),
    read_float("DOUBLE", 64),
    read_float("DOUBLE PRECISION", 64),
    read_simple("BOOLEAN", K::kBoolean),
    read_text("STRING").unicode(),
    read_varchar("VARCHAR").unicode(),
    read_char("CHAR", 1).unicode(),
    read_blob("BINARY"),
    read_simple("DATE", K::kDate),
    read_timestamp("TIMESTAMP", 6, Tz::kWithLocalTimeZone),
    read_timestamp("TIMESTAMP_LTZ", 6, Tz::kWithLocalTimeZone),
    read_timestamp("TIMESTAMP_NTZ", 6),
    read_interval("INTERVAL"),
    read_composite("ARRAY", K::kArray),
    read_composite("MAP", K::kMap),
    read_composite("STRUCT", K::kStruct),
    read_simple("VARIANT", K::kVariant),
    read_simple("GEOGRAPHY", K::kGeography),
    read_simple("GEOMETRY", K::kGeometry),
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
    write(S::kVarchar, "STRING").in_unicode(),
    write(S::kText, "STRING").in_unicode(),
    write(S::kVarbinary, "BINARY"),
    write(S::kBlob, "BINARY"),
    write(S::kDate, "DATE"),
    write_fixed_fraction(S::kTimestamp, "TIMESTAMP_NTZ", 6),
    write_fixed_fraction(S::kTimestampLtz, "TIMESTAMP", 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalFields),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalFields),
    write(S::kVariant, "VARIANT"),
    write(S::kArray, "ARRAY", P::kAngle),
    write(S::kMap, "MAP", P::kAngle),
    write(S::kStruct, "STRUCT", P::kFieldsColon),
};

}  // namespace

const DialectTypeTable& databricks_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "databricks";
    t.display_name = "Databricks";
    t.read = kRead;
    t.write = kWrite;
    t.identifier_quote = '`';
    t.with_time_zone = Tz::kWithLocalTimeZone;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
