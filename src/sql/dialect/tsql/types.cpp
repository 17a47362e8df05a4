// SQL Server's (T-SQL) type table: its type names and aliases read into canonical types,
// and the names Godwit writes for each canonical shape. Written from the Transact-SQL
// reference "Data types": BIT, TINYINT (unsigned 0..255), DECIMAL up to 38 digits (bare =
// (18, 0)), MONEY, FLOAT(n), CHAR/VARCHAR in bytes of the collation's code page (8000, or
// MAX), NCHAR/NVARCHAR in UTF-16 (4000, or MAX), DATETIME (1/300 s), DATETIME2(7),
// DATETIMEOFFSET, UNIQUEIDENTIFIER, ROWVERSION (not a time), XML, spatial types.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using L = LossCode;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_simple("BIT", K::kBoolean),
    read_integer("TINYINT", 8, true),
    read_integer("SMALLINT", 16),
    read_integer("INT", 32),
    read_integer("INTEGER", 32),
    read_integer("BIGINT", 64),
    read_decimal("DECIMAL", 18, 0),
    read_decimal("DEC", 18, 0),
    read_decimal("NUMERIC", 18, 0),
    read_fixed_decimal("MONEY", 19, 4),
    read_fixed_decimal("SMALLMONEY", 10, 4),
    read_float_bits("FLOAT", 64),
    read_float("REAL", 32),
    read_float("DOUBLE PRECISION", 64),
    read_char("CHAR", 1).bytes(),
    read_char("CHARACTER", 1).bytes(),
    read_varchar("VARCHAR", 1).bytes(),
    read_varchar("CHAR VARYING", 1).bytes(),
    read_varchar("CHARACTER VARYING", 1).bytes(),
    read_text("TEXT").bytes().noting(L::kUnsupported, "TEXT is deprecated; read as VARCHAR(MAX)"),
    read_char("NCHAR", 1).unicode(),
    read_char("NATIONAL CHAR", 1).unicode(),
    read_char("NATIONAL CHARACTER", 1).unicode(),
    read_varchar("NVARCHAR", 1).unicode(),
    read_varchar("NATIONAL CHAR VARYING", 1).unicode(),
    read_varchar("NATIONAL CHARACTER VARYING", 1).unicode(),
    read_text("NTEXT").unicode().noting(L::kUnsupported,
                                        "NTEXT is deprecated; read as NVARCHAR(MAX)"),
    read_varchar("SYSNAME", 128).unicode(),
    read_binary("BINARY", 1),
    read_varbinary("VARBINARY", 1),
    read_varbinary("BINARY VARYING", 1),
    read_blob("IMAGE").noting(L::kUnsupported, "IMAGE is deprecated; read as VARBINARY(MAX)"),
    read_binary("ROWVERSION", 8)
        .noting(L::kUnsupported,
                "ROWVERSION is an automatic version stamp, not a time; "
                "read as BINARY(8)"),
    read_binary("TIMESTAMP", 8)
        .noting(L::kUnsupported,
                "T-SQL TIMESTAMP is ROWVERSION, not a date and time; "
                "read as BINARY(8)"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 7),
    read_timestamp("DATETIME", 3)
        .noting(L::kFractional,
                "DATETIME is accurate to 1/300 second (.000, .003, "
                ".007); read as TIMESTAMP(3)"),
    read_timestamp("DATETIME2", 7),
    read_timestamp("SMALLDATETIME", 0)
        .noting(L::kFractional, "SMALLDATETIME keeps whole minutes only"),
    read_timestamp("DATETIMEOFFSET", 7, Tz::kWithTimeZone),
    read_simple("UNIQUEIDENTIFIER", K::kUuid),
    read_simple("XML", K::kXml),
    read_simple("JSON", K::kJson),
    read_simple("SQL_VARIANT", K::kVariant),
    read_simple("GEOGRAPHY", K::kGeography),
    read_simple("GEOMETRY", K::kGeometry),
    read_varbinary("HIERARCHYID", 892)
        .noting(L::kUnsupported, "HIERARCHYID is read as its binary form"),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BIT"),
    write(S::kUInt8, "TINYINT"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INT"),
    write(S::kInt64, "BIGINT"),
    write_decimal("DECIMAL", 38, 38).floating_scale(10),
    write(S::kFloat32, "REAL"),
    write(S::kFloat64, "FLOAT"),
    write_sized(S::kChar, "CHAR", 8000).bytes(),
    write_sized(S::kVarchar, "VARCHAR", 8000, P::kLengthOrMax).bytes(),
    write(S::kText, "VARCHAR(MAX)").bytes(),
    write_sized(S::kNChar, "NCHAR", 4000),
    write_sized(S::kNVarchar, "NVARCHAR", 4000, P::kLengthOrMax),
    write(S::kNText, "NVARCHAR(MAX)"),
    write_sized(S::kBinary, "BINARY", 8000),
    write_sized(S::kVarbinary, "VARBINARY", 8000, P::kLengthOrMax),
    write(S::kBlob, "VARBINARY(MAX)"),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 7, 7),
    write_fraction(S::kTimestamp, "DATETIME2", 7, 7),
    write_fraction(S::kTimestampTz, "DATETIMEOFFSET", 7, 7),
    write(S::kUuid, "UNIQUEIDENTIFIER"),
    write(S::kXml, "XML"),
    write(S::kGeography, "GEOGRAPHY"),
    write(S::kGeometry, "GEOMETRY"),
};

}  // namespace

const DialectTypeTable& tsql_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "tsql";
    t.display_name = "SQL Server";
    t.read = kRead;
    t.write = kWrite;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
