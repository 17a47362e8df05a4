// MySQL's (and MariaDB's) type table: its type names and aliases read into canonical
// types, and the names Godwit writes for each canonical shape. Written from the MySQL 8
// reference manual, chapter "Data Types": integer types with UNSIGNED and display
// widths, BOOL as TINYINT(1), BIT(n), DECIMAL up to (65, 30), CHAR/VARCHAR in characters
// (utf8mb4 by default), the TEXT and BLOB families and their byte limits, ENUM/SET,
// DATETIME(fsp) vs TIMESTAMP(fsp) (UTC-converted, 1970-2038), JSON and spatial types.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using L = LossCode;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("TINYINT", 8).boolean_when_one(),
    read_integer("INT1", 8).boolean_when_one(),
    read_integer("SMALLINT", 16),
    read_integer("INT2", 16),
    read_integer("MEDIUMINT", 32),  // 24-bit: INT32 holds it
    read_integer("INT3", 32),
    read_integer("MIDDLEINT", 32),
    read_integer("INT", 32),
    read_integer("INTEGER", 32),
    read_integer("INT4", 32),
    read_integer("BIGINT", 64),
    read_integer("INT8", 64),
    read_integer("SERIAL", 64, true),  // BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
    read_simple("BOOL", K::kBoolean),
    read_simple("BOOLEAN", K::kBoolean),
    read_bits("BIT"),
    read_decimal("DECIMAL", 10, 0, 65),
    read_decimal("DEC", 10, 0, 65),
    read_decimal("NUMERIC", 10, 0, 65),
    read_decimal("FIXED", 10, 0, 65),
    read_float_bits("FLOAT", 32),
    read_float("FLOAT4", 32),
    read_float("DOUBLE", 64),
    read_float("DOUBLE PRECISION", 64),
    read_float("FLOAT8", 64),
    read_float("REAL", 64),  // DOUBLE unless the REAL_AS_FLOAT SQL mode is set
    read_char("CHAR", 1).unicode(),
    read_char("CHARACTER", 1).unicode(),
    read_char("NCHAR", 1).unicode(),
    read_char("NATIONAL CHAR", 1).unicode(),
    read_char("NATIONAL CHARACTER", 1).unicode(),
    read_varchar("VARCHAR").unicode(),
    read_varchar("CHARACTER VARYING").unicode(),
    read_varchar("CHAR VARYING").unicode(),
    read_varchar("NVARCHAR").unicode(),
    read_varchar("NCHAR VARCHAR").unicode(),
    read_varchar("NATIONAL VARCHAR").unicode(),
    read_varchar("NATIONAL CHARACTER VARYING").unicode(),
    read_varchar("NATIONAL CHAR VARYING").unicode(),
    read_text("TINYTEXT", 255).bytes().unicode(),
    read_text("TEXT", 65535).bytes().unicode(),
    read_text("MEDIUMTEXT", 16777215).bytes().unicode(),
    read_text("LONG", 16777215).bytes().unicode(),
    read_text("LONG VARCHAR", 16777215).bytes().unicode(),
    read_text("LONGTEXT", 4294967295).bytes().unicode(),
    read_binary("BINARY", 1),
    read_varbinary("VARBINARY"),
    read_blob("TINYBLOB", 255),
    read_blob("BLOB", 65535),
    read_blob("MEDIUMBLOB", 16777215),
    read_blob("LONG VARBINARY", 16777215),
    read_blob("LONGBLOB", 4294967295),
    read_composite("ENUM", K::kEnum),
    read_set("SET"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 0).noting(L::kRange,
                                "MySQL TIME is a duration from -838:59:59 to "
                                "838:59:59; values outside 00:00-24:00 exist"),
    read_timestamp("DATETIME", 0),
    read_timestamp("TIMESTAMP", 0, Tz::kWithLocalTimeZone)
        .noting(L::kRange,
                "MySQL TIMESTAMP is stored as UTC and only covers 1970-01-01 to "
                "2038-01-19"),
    read_integer("YEAR", 16).noting(L::kDomain, "YEAR holds 1901 to 2155; read as an integer"),
    read_simple("JSON", K::kJson),
    read_simple("GEOMETRY", K::kGeometry),
    read_simple("POINT", K::kGeometry),
    read_simple("LINESTRING", K::kGeometry),
    read_simple("POLYGON", K::kGeometry),
    read_simple("MULTIPOINT", K::kGeometry),
    read_simple("MULTILINESTRING", K::kGeometry),
    read_simple("MULTIPOLYGON", K::kGeometry),
    read_simple("GEOMETRYCOLLECTION", K::kGeometry),
    read_simple("GEOMCOLLECTION", K::kGeometry),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "TINYINT(1)")
        .approx(L::kBooleanConvention,
                "MySQL BOOLEAN is TINYINT(1): any value from -128 to 127 can be stored"),
    write(S::kInt8, "TINYINT"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INT"),
    write(S::kInt64, "BIGINT"),
    write(S::kUInt8, "TINYINT UNSIGNED"),
    write(S::kUInt16, "SMALLINT UNSIGNED"),
    write(S::kUInt32, "INT UNSIGNED"),
    write(S::kUInt64, "BIGINT UNSIGNED"),
    write_decimal("DECIMAL", 65, 30).floating_scale(30),
    write(S::kFloat32, "FLOAT"),
    write(S::kFloat64, "DOUBLE"),
    write_sized(S::kChar, "CHAR", 255).in_unicode(),
    write_sized(S::kVarchar, "VARCHAR", 16383).in_unicode(),  // 65535-byte rows, utf8mb4
    write_sized(S::kText, "TINYTEXT", 255, P::kBare).bytes().in_unicode(),
    write_sized(S::kText, "TEXT", 65535, P::kBare).bytes().in_unicode(),
    write_sized(S::kText, "MEDIUMTEXT", 16777215, P::kBare).bytes().in_unicode(),
    write(S::kText, "LONGTEXT").bytes().in_unicode(),  // 4 GB: as good as unbounded
    write_sized(S::kBinary, "BINARY", 255),
    write_sized(S::kVarbinary, "VARBINARY", 65535),
    write_sized(S::kBlob, "TINYBLOB", 255, P::kBare),
    write_sized(S::kBlob, "BLOB", 65535, P::kBare),
    write_sized(S::kBlob, "MEDIUMBLOB", 16777215, P::kBare),
    write(S::kBlob, "LONGBLOB"),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 6, 0),
    write_fraction(S::kTimestamp, "DATETIME", 6, 0),
    write_fraction(S::kTimestampLtz, "TIMESTAMP", 6, 0)
        .approx(L::kRange, "MySQL TIMESTAMP only holds 1970-01-01 to 2038-01-19 (UTC)"),
    write(S::kJson, "JSON"),
    write(S::kEnum, "ENUM", P::kEnumValues),
    write(S::kGeometry, "GEOMETRY"),
};

}  // namespace

const DialectTypeTable& mysql_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "mysql";
    t.display_name = "MySQL";
    t.read = kRead;
    t.write = kWrite;
    t.identifier_quote = '`';
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
