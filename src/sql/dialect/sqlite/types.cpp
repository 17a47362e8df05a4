// SQLite's type table. SQLite has storage classes and column *affinity*, not types
// (the "Datatypes In SQLite" page, section 3.1 gives the rules): any declared name is
// accepted and decides an affinity by substring. Godwit reads the common declared names
// as what the schema author meant (DATE, VARCHAR(20), BOOLEAN ...), noting that SQLite
// does not enforce them; other names follow the affinity rules. Written types are the
// five affinity names.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using L = LossCode;

constexpr std::string_view kNotEnforced = "SQLite does not enforce declared types or lengths";

constexpr ReadRule kRead[] = {
    read_integer("INTEGER", 64),
    read_integer("INT", 64),
    read_integer("TINYINT", 64),
    read_integer("SMALLINT", 64),
    read_integer("MEDIUMINT", 64),
    read_integer("BIGINT", 64),
    read_integer("INT2", 64),
    read_integer("INT8", 64),
    read_integer("UNSIGNED BIG INT", 64),
    read_float("REAL", 64),
    read_float("DOUBLE", 64),
    read_float("DOUBLE PRECISION", 64),
    read_float("FLOAT", 64),
    read_decimal("NUMERIC").noting(L::kAffinity, kNotEnforced),
    read_decimal("DECIMAL").noting(L::kAffinity, kNotEnforced),
    read_simple("BOOLEAN", K::kBoolean).noting(L::kAffinity, kNotEnforced),
    read_simple("BOOL", K::kBoolean).noting(L::kAffinity, kNotEnforced),
    read_text("TEXT").unicode(),
    read_text("CLOB").unicode(),
    read_char("CHARACTER").noting(L::kAffinity, kNotEnforced).unicode(),
    read_char("CHAR").noting(L::kAffinity, kNotEnforced).unicode(),
    read_char("NCHAR").unicode().noting(L::kAffinity, kNotEnforced),
    read_char("NATIVE CHARACTER").unicode().noting(L::kAffinity, kNotEnforced),
    read_varchar("VARCHAR").noting(L::kAffinity, kNotEnforced).unicode(),
    read_varchar("VARYING CHARACTER").noting(L::kAffinity, kNotEnforced).unicode(),
    read_varchar("NVARCHAR").unicode().noting(L::kAffinity, kNotEnforced),
    read_blob("BLOB"),
    read_simple("DATE", K::kDate).noting(L::kAffinity, kNotEnforced),
    read_timestamp("DATETIME", 3).noting(L::kAffinity, kNotEnforced),
    read_timestamp("TIMESTAMP", 3).noting(L::kAffinity, kNotEnforced),
    read_time("TIME", 3).noting(L::kAffinity, kNotEnforced),
    read_simple("JSON", K::kJson).noting(L::kAffinity, kNotEnforced),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "INTEGER")
        .approx(L::kBooleanConvention, "SQLite has no BOOLEAN; booleans are stored as 0 and 1"),
    write(S::kInt64, "INTEGER"),
    write(S::kDecimal, "NUMERIC")
        .approx(L::kPrecision,
                "SQLite stores a NUMERIC value with a fraction as an 8-byte REAL (about 15 "
                "significant digits)"),
    write(S::kFloat64, "REAL"),
    write(S::kVarchar, "TEXT").in_unicode(),
    write(S::kText, "TEXT").in_unicode(),
    write(S::kVarbinary, "BLOB"),
    write(S::kBlob, "BLOB"),
    write(S::kDate, "TEXT")
        .approx(L::kAffinity, "SQLite has no DATE type; dates are stored as ISO-8601 text"),
    write(S::kTime, "TEXT")
        .approx(L::kAffinity, "SQLite has no TIME type; times are stored as ISO-8601 text"),
    write(S::kTimestamp, "TEXT")
        .approx(L::kAffinity,
                "SQLite has no TIMESTAMP type; timestamps are stored as ISO-8601 text"),
    write(S::kJson, "TEXT")
        .approx(L::kAffinity, "SQLite stores JSON as text (the JSON functions read it)"),
};

}  // namespace

const DialectTypeTable& sqlite_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "sqlite";
    t.display_name = "SQLite";
    t.read = kRead;
    t.write = kWrite;
    t.fallback = ReadFallback::kSqliteAffinity;
    t.write_note = "SQLite columns have type affinity: the declared type is not enforced";
    t.write_note_code = L::kAffinity;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
