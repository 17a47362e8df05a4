// BigQuery's (GoogleSQL) type table: its type names and aliases read into canonical
// types, and the names Godwit writes for each canonical shape. Written from the
// GoogleSQL "Data types" reference: INT64 and its aliases, NUMERIC (38 digits, 9 after
// the point) and BIGNUMERIC (76.76 digits, 38 after the point) with parameterised forms,
// STRING/BYTES with optional lengths, DATETIME vs TIMESTAMP (an instant), INTERVAL,
// JSON, ARRAY (not nested), STRUCT, GEOGRAPHY and RANGE.
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;
using S = Slot;
using P = Print;
using Tz = TimeZoneKind;

constexpr ReadRule kRead[] = {
    read_integer("INT64", 64),
    read_integer("INT", 64),  // every integer alias is INT64
    read_integer("INTEGER", 64),
    read_integer("SMALLINT", 64),
    read_integer("BIGINT", 64),
    read_integer("TINYINT", 64),
    read_integer("BYTEINT", 64),
    read_decimal("NUMERIC", 38, 9),
    read_decimal("DECIMAL", 38, 9),
    read_decimal("BIGNUMERIC", 76, 38),
    read_decimal("BIGDECIMAL", 76, 38),
    read_float("FLOAT64", 64),
    read_float("FLOAT", 64),
    read_simple("BOOL", K::kBoolean),
    read_simple("BOOLEAN", K::kBoolean),
    read_varchar("STRING").unicode(),
    read_varbinary("BYTES"),
    read_simple("DATE", K::kDate),
    read_time("TIME", 6),
    read_timestamp("DATETIME", 6),
    read_timestamp("TIMESTAMP", 6, Tz::kWithLocalTimeZone),
    read_interval("INTERVAL"),
    read_simple("JSON", K::kJson),
    read_composite("ARRAY", K::kArray),
    read_composite("STRUCT", K::kStruct),
    read_composite("RECORD", K::kStruct),
    read_simple("GEOGRAPHY", K::kGeography),
    read_composite("RANGE", K::kPeriod),
};

constexpr WriteRule kWrite[] = {
    write(S::kBoolean, "BOOL"),
    write(S::kInt64, "INT64"),
    write_decimal("NUMERIC", 38, 9, 29).bare_when_max(),
    write_decimal("BIGNUMERIC", 76, 38, 38).bare_when_max().floating_scale(38),
    write(S::kFloat64, "FLOAT64"),
    write_sized(S::kVarchar, "STRING", -1).in_unicode(),
    write(S::kText, "STRING").in_unicode(),
    write_sized(S::kVarbinary, "BYTES", -1),
    write(S::kBlob, "BYTES"),
    write(S::kDate, "DATE"),
    write_fixed_fraction(S::kTime, "TIME", 6),
    write_fixed_fraction(S::kTimestamp, "DATETIME", 6),
    write_fixed_fraction(S::kTimestampLtz, "TIMESTAMP", 6),
    write(S::kIntervalYearMonth, "INTERVAL"),
    write(S::kIntervalDayTime, "INTERVAL"),
    write(S::kJson, "JSON"),
    write(S::kArray, "ARRAY", P::kAngle),
    write(S::kStruct, "STRUCT", P::kFieldsSpace),
    write(S::kGeography, "GEOGRAPHY"),
    write(S::kPeriod, "RANGE", P::kAngle),
};

}  // namespace

const DialectTypeTable& bigquery_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "bigquery";
    t.display_name = "BigQuery";
    t.read = kRead;
    t.write = kWrite;
    t.identifier_quote = '`';
    t.with_time_zone = Tz::kWithLocalTimeZone;
    t.nested_arrays = false;
    return t;
  }();
  return kTable;
}

}  // namespace godwit::sql
