// Amazon Redshift's type table: its type names and aliases read into canonical types,
// and the names Godwit writes for each canonical shape. Written from the Redshift
// Database Developer Guide, "Data types": SMALLINT/INTEGER/BIGINT, DECIMAL up to 38
// digits (bare = (18, 0)), CHAR up to 4096 single-byte characters, VARCHAR up to 65535
// bytes of UTF-8 (bare and TEXT = 256), TIMESTAMPTZ stored as UTC, SUPER for
// semi-structured data (no arrays), VARBYTE (up to 16 MB), GEOMETRY/GEOGRAPHY.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("SMALLINT", 16),
    read_integer("INT2", 16),
    read_integer("INTEGER", 32),
    read_integer("INT", 32),
    read_integer("INT4", 32),
    read_integer("BIGINT", 64),
    read_integer("INT8", 64),
    read_decimal("DECIMAL", 18, 0),
    read_decimal("NUMERIC", 18, 0),
    read_float("REAL", 32),
    read_float("FLOAT4", 32),
    read_float("DOUBLE PRECISION", 64),
    read_float("FLOAT8", 64),
    read_float("FLOAT", 64),
    read_simple("BOOLEAN", K::kBoolean),
    read_simple("BOOL", K::kBoolean),
    read_char("CHAR", 1).bytes(),  // single-byte characters only
    read_char("CHARACTER", 1).bytes(),
    read_char("NCHAR", 1).bytes(),
    read_char("BPCHAR", 256).bytes(),
    read_varchar("VARCHAR", 256).bytes().unicode().length(256, 65535),
    read_varchar("CHARACTER VARYING", 256).bytes().unicode().length(256, 65535),
    read_varchar("NVARCHAR", 256).bytes().unicode().length(256, 65535),
    read_varchar("TEXT", 256).bytes().unicode(),
    read_simple("DATE", K::kDate),
    read_time("TIME", 6),
    read_time("TIMETZ", 6, Tz::kWithTimeZone),
    read_timestamp("TIMESTAMP", 6),
    read_timestamp("TIMESTAMPTZ", 6, Tz::kWithLocalTimeZone),
    read_interval("INTERVAL"),
    read_simple("SUPER", K::kVariant),
    read_varbinary("VARBYTE", 64000),
    read_varbinary("VARBINARY", 64000),
    read_varbinary("BINARY VARYING", 64000),
    read_simple("GEOMETRY", K::kGeometry),
    read_simple("GEOGRAPHY", K::kGeography),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOLEAN"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INTEGER"),
    write(S::kInt64, "BIGINT"),
    write_decimal("DECIMAL", 38, 37).floating_scale(10),
    write(S::kFloat32, "REAL"),
    write(S::kFloat64, "DOUBLE PRECISION"),
    write_sized(S::kChar, "CHAR", 4096).bytes(),
    write_sized(S::kVarchar, "VARCHAR", 65535).bytes().in_unicode(),
    write_sized(S::kVarbinary, "VARBYTE", 16777216),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 6, 6),
    write_fraction(S::kTimeTz, "TIMETZ", 6, 6),
    write_fraction(S::kTimestamp, "TIMESTAMP", 6, 6),
    write_fraction(S::kTimestampLtz, "TIMESTAMPTZ", 6, 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalTwoKinds),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalTwoKinds),
    write(S::kVariant, "SUPER"),
    write(S::kGeometry, "GEOMETRY"),
    write(S::kGeography, "GEOGRAPHY"),
};

}  // namespace

const DialectTypeTable& redshift_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "redshift";
    t.display_name = "Redshift";
    t.read = kRead;
    t.write = kWrite;
    t.with_time_zone = Tz::kWithLocalTimeZone;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
