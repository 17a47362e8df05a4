// Teradata's type table: its type names read into canonical types, and the names Godwit
// writes for each canonical shape. Written from "Teradata Vantage SQL Data Types and
// Literals": BYTEINT, DECIMAL up to 38 digits (bare = (5, 0)), NUMBER, FLOAT (always
// 64-bit), CHAR/VARCHAR of CHARACTER SET LATIN (64000) or UNICODE (32000), CLOB,
// BYTE/VARBYTE/BLOB, TIME/TIMESTAMP WITH TIME ZONE, the ANSI INTERVALs, PERIOD, JSON,
// XML, ST_GEOMETRY. No BOOLEAN.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using L = LossCode;

constexpr ReadRule kRead[] = {
    read_integer("BYTEINT", 8),
    read_integer("SMALLINT", 16),
    read_integer("INTEGER", 32),
    read_integer("INT", 32),
    read_integer("BIGINT", 64),
    read_decimal("DECIMAL", 5, 0),
    read_decimal("DEC", 5, 0),
    read_decimal("NUMERIC", 5, 0),
    read_decimal("NUMBER"),
    read_float("FLOAT", 64),
    read_float("REAL", 64),
    read_float("DOUBLE PRECISION", 64),
    read_char("CHAR", 1),
    read_char("CHARACTER", 1),
    read_varchar("VARCHAR"),
    read_varchar("CHARACTER VARYING"),
    read_varchar("CHAR VARYING"),
    read_varchar("LONG VARCHAR", 64000),
    read_char("GRAPHIC", 1).unicode(),
    read_varchar("VARGRAPHIC").unicode(),
    read_text("CLOB"),
    read_text("CHARACTER LARGE OBJECT"),
    read_binary("BYTE", 1),
    read_varbinary("VARBYTE"),
    read_blob("BLOB"),
    read_blob("BINARY LARGE OBJECT"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 6),
    read_timestamp("TIMESTAMP", 6),
    read_interval("INTERVAL"),
    read_composite("PERIOD", K::kPeriod),
    read_simple("JSON", K::kJson),
    read_simple("XML", K::kXml),
    read_simple("ST_GEOMETRY", K::kGeometry),
    read_simple("MBR", K::kGeometry),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BYTEINT")
        .approx(L::kBooleanConvention,
                "Teradata has no BOOLEAN; booleans are stored as BYTEINT 0 and 1"),
    write(S::kInt8, "BYTEINT"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INTEGER"),
    write(S::kInt64, "BIGINT"),
    write_decimal("DECIMAL", 38, 38),
    write_decimal("NUMBER", 38, 38),  // bare NUMBER: a floating decimal, as in Oracle
    write(S::kFloat64, "FLOAT"),
    write_sized(S::kChar, "CHAR", 64000),
    write_sized(S::kVarchar, "VARCHAR", 64000),
    write(S::kText, "CLOB"),
    write_sized(S::kNChar, "CHAR{} CHARACTER SET UNICODE", 32000),
    write_sized(S::kNVarchar, "VARCHAR{} CHARACTER SET UNICODE", 32000),
    write(S::kNText, "CLOB CHARACTER SET UNICODE"),
    write_sized(S::kBinary, "BYTE", 64000),
    write_sized(S::kVarbinary, "VARBYTE", 64000),
    write(S::kBlob, "BLOB"),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 6, 6),
    write_fraction(S::kTimeTz, "TIME{} WITH TIME ZONE", 6, 6),
    write_fraction(S::kTimestamp, "TIMESTAMP", 6, 6),
    write_fraction(S::kTimestampTz, "TIMESTAMP{} WITH TIME ZONE", 6, 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalAnsi),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalAnsi),
    write(S::kJson, "JSON"),
    write(S::kXml, "XML"),
    write(S::kGeometry, "ST_GEOMETRY"),
    write(S::kPeriod, "PERIOD", P::kParens),
};

}  // namespace

const DialectTypeTable& teradata_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "teradata";
    t.display_name = "Teradata";
    t.read = kRead;
    t.write = kWrite;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
