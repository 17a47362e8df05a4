// Snowflake's type table: its type names and aliases read into canonical types, and the
// names Godwit writes for each canonical shape. Written from Snowflake's "Summary of data
// types" and its numeric, string/binary, date/time and semi-structured pages: every
// integer is NUMBER(38, 0), FLOAT is 64-bit, CHAR does not pad, VARCHAR defaults to
// 16 MB, BINARY to 8 MB, three TIMESTAMP flavours with 9 fractional digits.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_decimal("NUMBER", 38, 0),
    read_decimal("DECIMAL", 38, 0),
    read_decimal("NUMERIC", 38, 0),
    read_decimal("DEC", 38, 0),
    read_fixed_decimal("INT", 38, 0),
    read_fixed_decimal("INTEGER", 38, 0),
    read_fixed_decimal("BIGINT", 38, 0),
    read_fixed_decimal("SMALLINT", 38, 0),
    read_fixed_decimal("TINYINT", 38, 0),
    read_fixed_decimal("BYTEINT", 38, 0),
    read_decimal("DECFLOAT"),
    read_float("FLOAT", 64),
    read_float("FLOAT4", 64),
    read_float("FLOAT8", 64),
    read_float("DOUBLE", 64),
    read_float("DOUBLE PRECISION", 64),
    read_float("REAL", 64),
    read_varchar("VARCHAR").unicode().bare_is_large_object(16777216),
    read_varchar("STRING").unicode().bare_is_large_object(16777216),
    read_varchar("TEXT").unicode().bare_is_large_object(16777216),
    read_varchar("NVARCHAR").unicode().bare_is_large_object(16777216),
    read_varchar("NVARCHAR2").unicode().bare_is_large_object(16777216),
    read_varchar("CHAR VARYING").unicode().bare_is_large_object(16777216),
    read_varchar("NCHAR VARYING").unicode().bare_is_large_object(16777216),
    read_varchar("CHARACTER VARYING").unicode().bare_is_large_object(16777216),
    read_varchar("CHAR", 1).unicode(),  // no blank padding: CHAR is VARCHAR(1) by default
    read_varchar("CHARACTER", 1).unicode(),
    read_varchar("NCHAR", 1).unicode(),
    read_varbinary("BINARY").bare_is_large_object(8388608),
    read_varbinary("VARBINARY").bare_is_large_object(8388608),
    read_simple("BOOLEAN", K::kBoolean),
    read_simple("DATE", K::kDate),
    read_timestamp("DATETIME", 9),
    read_time("TIME", 9),
    read_timestamp("TIMESTAMP", 9),  // TIMESTAMP_TYPE_MAPPING defaults to TIMESTAMP_NTZ
    read_timestamp("TIMESTAMP_NTZ", 9),
    read_timestamp("TIMESTAMPNTZ", 9),
    read_timestamp("TIMESTAMP_LTZ", 9, Tz::kWithLocalTimeZone),
    read_timestamp("TIMESTAMPLTZ", 9, Tz::kWithLocalTimeZone),
    read_timestamp("TIMESTAMP_TZ", 9, Tz::kWithTimeZone),
    read_timestamp("TIMESTAMPTZ", 9, Tz::kWithTimeZone),
    read_simple("VARIANT", K::kVariant),
    read_composite("OBJECT", K::kMap),
    read_composite("ARRAY", K::kArray),
    read_composite("MAP", K::kMap),
    read_simple("GEOGRAPHY", K::kGeography),
    read_simple("GEOMETRY", K::kGeometry),
    read_simple("UUID", K::kUuid),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOLEAN"),
    write_decimal("NUMBER", 38, 37).floating_scale(10),
    write(S::kFloat64, "FLOAT"),
    write_sized(S::kVarchar, "VARCHAR", 16777216).in_unicode().bare_means(16777216),
    write_sized(S::kText, "VARCHAR", 16777216, P::kBare).bytes().in_unicode(),
    write_sized(S::kVarbinary, "BINARY", 8388608).bare_means(8388608),
    write_sized(S::kBlob, "BINARY", 8388608, P::kBare),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 9, 9),
    write_fraction(S::kTimestamp, "TIMESTAMP_NTZ", 9, 9),
    write_fraction(S::kTimestampLtz, "TIMESTAMP_LTZ", 9, 9),
    write_fraction(S::kTimestampTz, "TIMESTAMP_TZ", 9, 9),
    write(S::kVariant, "VARIANT"),
    write(S::kArray, "ARRAY"),
    write(S::kStruct, "OBJECT"),
    write(S::kMap, "OBJECT"),
    write(S::kGeography, "GEOGRAPHY"),
    write(S::kGeometry, "GEOMETRY"),
};

}  // namespace

const DialectTypeTable& snowflake_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "snowflake";
    t.display_name = "Snowflake";
    t.read = kRead;
    t.write = kWrite;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
