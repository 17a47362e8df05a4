// The ANSI (ISO SQL:2016) type table, Godwit's neutral dialect: the standard's type names
// read into canonical types, and the names Godwit writes for each canonical shape
// (exact and approximate numerics, BOOLEAN, CHARACTER / NATIONAL CHARACTER [VARYING |
// LARGE OBJECT], BINARY [VARYING | LARGE OBJECT], datetimes WITH TIME ZONE, INTERVAL,
// ROW, ARRAY and MULTISET, XML, JSON).
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;

constexpr ReadRule kRead[] = {
    read_integer("SMALLINT", 16),
    read_integer("INTEGER", 32),
    read_integer("INT", 32),
    read_integer("BIGINT", 64),
    read_decimal("DECIMAL"),
    read_decimal("DEC"),
    read_decimal("NUMERIC"),
    read_float("REAL", 32),
    read_float("DOUBLE PRECISION", 64),
    read_float_bits("FLOAT", 64),
    read_decimal("DECFLOAT"),
    read_simple("BOOLEAN", K::kBoolean),
    read_char("CHARACTER", 1),
    read_char("CHAR", 1),
    read_varchar("CHARACTER VARYING"),
    read_varchar("CHAR VARYING"),
    read_varchar("VARCHAR"),
    read_text("CHARACTER LARGE OBJECT"),
    read_text("CHAR LARGE OBJECT"),
    read_text("CLOB"),
    read_char("NATIONAL CHARACTER", 1).unicode(),
    read_char("NATIONAL CHAR", 1).unicode(),
    read_char("NCHAR", 1).unicode(),
    read_varchar("NATIONAL CHARACTER VARYING").unicode(),
    read_varchar("NATIONAL CHAR VARYING").unicode(),
    read_varchar("NCHAR VARYING").unicode(),
    read_text("NATIONAL CHARACTER LARGE OBJECT").unicode(),
    read_text("NCHAR LARGE OBJECT").unicode(),
    read_text("NCLOB").unicode(),
    read_binary("BINARY", 1),
    read_varbinary("BINARY VARYING"),
    read_varbinary("VARBINARY"),
    read_blob("BINARY LARGE OBJECT"),
    read_blob("BLOB"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 0),
    read_timestamp("TIMESTAMP", 6),
    read_interval("INTERVAL"),
    read_composite("ROW", K::kStruct),
    read_composite("ARRAY", K::kArray),
    read_simple("JSON", K::kJson),
    read_simple("XML", K::kXml),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOLEAN"),
    write(S::kInt16, "SMALLINT"),
    write(S::kInt32, "INTEGER"),
    write(S::kInt64, "BIGINT"),
    write_decimal("DECIMAL", -1, -1),
    write(S::kFloat32, "REAL"),
    write(S::kFloat64, "DOUBLE PRECISION"),
    write_sized(S::kChar, "CHARACTER", -1),
    write_sized(S::kVarchar, "CHARACTER VARYING", -1),
    write(S::kText, "CHARACTER LARGE OBJECT"),
    write_sized(S::kNChar, "NATIONAL CHARACTER", -1),
    write_sized(S::kNVarchar, "NATIONAL CHARACTER VARYING", -1),
    write(S::kNText, "NATIONAL CHARACTER LARGE OBJECT"),
    write_sized(S::kBinary, "BINARY", -1),
    write_sized(S::kVarbinary, "BINARY VARYING", -1),
    write(S::kBlob, "BINARY LARGE OBJECT"),
    write(S::kDate, "DATE"),
    write_fraction(S::kTime, "TIME", 9, 0),
    write_fraction(S::kTimeTz, "TIME{} WITH TIME ZONE", 9, 0),
    write_fraction(S::kTimestamp, "TIMESTAMP", 9, 6),
    write_fraction(S::kTimestampTz, "TIMESTAMP{} WITH TIME ZONE", 9, 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalAnsi),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalAnsi),
    write(S::kJson, "JSON"),
    write(S::kXml, "XML"),
    write(S::kArray, "ARRAY", P::kSuffixArray),
    write(S::kStruct, "ROW", P::kRowParens),
};

}  // namespace

const DialectTypeTable& ansi_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "ansi";
    t.display_name = "ANSI SQL";
    t.read = kRead;
    t.write = kWrite;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
