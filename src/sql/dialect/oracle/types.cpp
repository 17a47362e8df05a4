// Oracle's type table: its type names and aliases read into canonical types, and the
// names Godwit writes for each canonical shape. Written from the Oracle Database SQL
// Language Reference, "Data Types" (19c as the baseline target: no BOOLEAN column type
// before 23ai, JSON from 21c). NUMBER(p, s) with scale -84..127, FLOAT(p) in binary
// digits is still a NUMBER, VARCHAR2 up to 4000 bytes (32767 with
// MAX_STRING_SIZE=EXTENDED), CHAR/BYTE length semantics, DATE carries a time of day.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using L = LossCode;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_decimal("NUMBER"),  // bare NUMBER: a floating decimal of up to 38 digits
    read_decimal("NUMERIC", 38, 0),
    read_decimal("DECIMAL", 38, 0),
    read_decimal("DEC", 38, 0),
    read_fixed_decimal("INTEGER", 38, 0),
    read_fixed_decimal("INT", 38, 0),
    read_fixed_decimal("SMALLINT", 38, 0),
    read_decimal_float("FLOAT").noting(
        L::kPrecision, "Oracle FLOAT is a NUMBER with binary precision; read as a decimal"),
    read_decimal("REAL"),              // FLOAT(63)
    read_decimal("DOUBLE PRECISION"),  // FLOAT(126)
    read_float("BINARY_FLOAT", 32),
    read_float("BINARY_DOUBLE", 64),
    read_char("CHAR", 1).bytes().unicode(),
    read_char("CHARACTER", 1).bytes().unicode(),
    read_varchar("VARCHAR2").bytes().unicode(),
    read_varchar("VARCHAR").bytes().unicode(),
    read_varchar("CHARACTER VARYING").bytes().unicode(),
    read_varchar("CHAR VARYING").bytes().unicode(),
    read_char("NCHAR", 1).unicode(),
    read_char("NATIONAL CHARACTER", 1).unicode(),
    read_char("NATIONAL CHAR", 1).unicode(),
    read_varchar("NVARCHAR2").unicode(),
    read_varchar("NCHAR VARYING").unicode(),
    read_varchar("NATIONAL CHARACTER VARYING").unicode(),
    read_varchar("NATIONAL CHAR VARYING").unicode(),
    read_text("CLOB").unicode(),
    read_text("NCLOB").unicode(),
    read_text("LONG").noting(L::kUnsupported, "LONG is deprecated; read as a CLOB").unicode(),
    read_varbinary("RAW"),
    read_blob("LONG RAW"),
    read_blob("BLOB"),
    read_blob("BFILE").noting(L::kUnsupported,
                              "BFILE points to a file outside the database; read as a BLOB"),
    read_timestamp("DATE", 0).noting(L::kDateHasTime,
                                     "Oracle DATE carries a time of day to the second; read "
                                     "as TIMESTAMP(0) (use DATE if the column holds midnights "
                                     "only)"),
    read_timestamp("TIMESTAMP", 6),
    read_interval("INTERVAL"),
    read_varchar("ROWID", 18)
        .noting(L::kUnsupported, "ROWID is a physical address; read as its text form"),
    read_varchar("UROWID", 4000)
        .noting(L::kUnsupported, "UROWID is a row address; read as its text form"),
    read_simple("XMLTYPE", K::kXml),
    read_simple("JSON", K::kJson),
    read_simple("BOOLEAN", K::kBoolean),
    read_simple("SDO_GEOMETRY", K::kGeometry),
    read_simple("ST_GEOMETRY", K::kGeometry),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "NUMBER(1)")
        .approx(L::kBooleanConvention,
                "Oracle has no BOOLEAN column type before 23ai; booleans are stored as "
                "NUMBER(1) with 0 and 1"),
    write_decimal("NUMBER", 38, 127).negative_scale_down_to(-84),
    write(S::kFloat32, "BINARY_FLOAT"),
    write(S::kFloat64, "BINARY_DOUBLE"),
    write_sized(S::kChar, "CHAR", 2000, P::kLengthUnit).bytes().in_unicode(),
    write_sized(S::kVarchar, "VARCHAR2", 4000, P::kLengthUnit).bytes().in_unicode(),
    write(S::kText, "CLOB").in_unicode(),
    write_sized(S::kNChar, "NCHAR", 1000),
    write_sized(S::kNVarchar, "NVARCHAR2", 2000),
    write(S::kNText, "NCLOB"),
    write_sized(S::kBinary, "RAW", 2000),
    write_sized(S::kVarbinary, "RAW", 2000),
    write(S::kBlob, "BLOB"),
    write(S::kDate, "DATE"),
    write_fixed_fraction(S::kTimestamp, "DATE", 0),
    write_fraction(S::kTimestamp, "TIMESTAMP", 9, 6),
    write_fraction(S::kTimestampTz, "TIMESTAMP{} WITH TIME ZONE", 9, 6),
    write_fraction(S::kTimestampLtz, "TIMESTAMP{} WITH LOCAL TIME ZONE", 9, 6),
    write(S::kIntervalYearMonth, "INTERVAL", P::kIntervalTwoKinds),
    write(S::kIntervalDayTime, "INTERVAL", P::kIntervalTwoKinds),
    write(S::kXml, "XMLTYPE"),
    write(S::kGeometry, "SDO_GEOMETRY"),
};

}  // namespace

const DialectTypeTable& oracle_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "oracle";
    t.display_name = "Oracle";
    t.read = kRead;
    t.write = kWrite;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
