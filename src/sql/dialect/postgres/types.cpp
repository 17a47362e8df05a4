// PostgreSQL's type table: its type names and aliases read into canonical types, and
// the names Godwit writes for each canonical shape. Written from the PostgreSQL manual,
// chapter "Data Types" (numeric, character, binary, date/time, boolean, geometric,
// network, UUID, XML, JSON, arrays); PostGIS adds GEOMETRY and GEOGRAPHY. Written
// strings are taken as Unicode: a PostgreSQL database is UTF8 in practice.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using L = LossCode;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("SMALLINT", 16),
    read_integer("INT2", 16),
    read_integer("SMALLSERIAL", 16).serial(),
    read_integer("SERIAL2", 16).serial(),
    read_integer("INTEGER", 32),
    read_integer("INT", 32),
    read_integer("INT4", 32),
    read_integer("SERIAL", 32).serial(),
    read_integer("SERIAL4", 32).serial(),
    read_integer("BIGINT", 64),
    read_integer("INT8", 64),
    read_integer("BIGSERIAL", 64).serial(),
    read_integer("SERIAL8", 64).serial(),
    read_integer("OID", 32, true),
    read_decimal("NUMERIC"),  // bare NUMERIC: any precision up to the implementation limit
    read_decimal("DECIMAL"),
    read_fixed_decimal("MONEY", 19, 2)
        .noting(L::kScale, "MONEY's fractional digits follow lc_monetary; read as DECIMAL(19, 2)"),
    read_float("REAL", 32),
    read_float("FLOAT4", 32),
    read_float("DOUBLE PRECISION", 64),
    read_float("FLOAT8", 64),
    read_float_bits("FLOAT", 64),
    read_simple("BOOLEAN", K::kBoolean),
    read_simple("BOOL", K::kBoolean),
    read_char("CHARACTER", 1).unicode(),
    read_char("CHAR", 1).unicode(),
    read_char("BPCHAR", -1).unicode(),
    read_varchar("CHARACTER VARYING").unicode(),
    read_varchar("CHAR VARYING").unicode(),
    read_varchar("VARCHAR").unicode(),
    read_text("TEXT").unicode(),
    read_text("CITEXT").unicode(),
    read_varchar("NAME", 63).bytes(),
    read_blob("BYTEA"),
    read_bits("BIT"),
    read_bits("BIT VARYING"),
    read_bits("VARBIT"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 6),
    read_time("TIMETZ", 6, Tz::kWithTimeZone),
    read_timestamp("TIMESTAMP", 6),
    read_timestamp("TIMESTAMPTZ", 6, Tz::kWithLocalTimeZone),
    read_interval("INTERVAL"),
    read_simple("UUID", K::kUuid),
    read_simple("JSON", K::kJson),
    read_simple("JSONB", K::kJson),
    read_simple("XML", K::kXml),
    read_simple("GEOMETRY", K::kGeometry),
    read_simple("GEOGRAPHY", K::kGeography),
    read_simple("POINT", K::kGeometry),
    read_simple("LINE", K::kGeometry),
    read_simple("LSEG", K::kGeometry),
    read_simple("BOX", K::kGeometry),
    read_simple("PATH", K::kGeometry),
    read_simple("POLYGON", K::kGeometry),
    read_simple("CIRCLE", K::kGeometry),
    read_varchar("INET", 43).noting(L::kDomain, "INET is read as text of its address form"),
    read_varchar("CIDR", 43).noting(L::kDomain, "CIDR is read as text of its network form"),
    read_varchar("MACADDR", 17).noting(L::kDomain, "MACADDR is read as text"),
    read_varchar("MACADDR8", 23).noting(L::kDomain, "MACADDR8 is read as text"),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOLEAN"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INTEGER"),
    write(S::kInt64, "BIGINT"),
    write_decimal("NUMERIC", 1000, 1000).negative_scale_down_to(-1000),
    write(S::kFloat32, "REAL"),
    write(S::kFloat64, "DOUBLE PRECISION"),
    write_sized(S::kChar, "CHAR", 10485760).in_unicode(),
    write_sized(S::kVarchar, "VARCHAR", 10485760).in_unicode(),
    write(S::kText, "TEXT").in_unicode(),
    write(S::kVarbinary, "BYTEA"),
    write(S::kBlob, "BYTEA"),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 6, 6),
    write_fraction(S::kTimeTz, "TIMETZ", 6, 6),
    write_fraction(S::kTimestamp, "TIMESTAMP", 6, 6),
    write_fraction(S::kTimestampLtz, "TIMESTAMPTZ", 6, 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalFields),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalFields),
    write(S::kJson, "JSONB"),
    write(S::kUuid, "UUID"),
    write(S::kXml, "XML"),
    write(S::kArray, "ARRAY", P::kBrackets),
    write(S::kGeography, "GEOGRAPHY"),
    write(S::kGeometry, "GEOMETRY"),
};

}  // namespace

const DialectTypeTable& postgres_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "postgres";
    t.display_name = "PostgreSQL";
    t.read = kRead;
    t.write = kWrite;
    t.with_time_zone = Tz::kWithLocalTimeZone;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
