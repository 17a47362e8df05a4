// Mechanics of map_type() and cast_safety(): verdicts, loss codes, user-defined types,
// and the guarantees later phases rely on (every dialect maps to every dialect).
#include "sql/types/type_mapping.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace godwit::sql {
namespace {

bool has_code(const std::vector<TypeLoss>& losses, LossCode code) {
  return std::any_of(losses.begin(), losses.end(),
                     [code](const TypeLoss& l) { return l.code == code; });
}

TEST(CastSafety, WideningIsSafe) {
  EXPECT_EQ(cast_safety(LogicalType::integer(32), LogicalType::integer(64)).verdict,
            CastVerdict::kSafe);
  EXPECT_EQ(cast_safety(LogicalType::integer(32, true), LogicalType::integer(64)).verdict,
            CastVerdict::kSafe);
  EXPECT_EQ(cast_safety(LogicalType::decimal(10, 2), LogicalType::decimal(12, 4)).verdict,
            CastVerdict::kSafe);
  EXPECT_EQ(cast_safety(LogicalType::date(), LogicalType::timestamp(6)).verdict,
            CastVerdict::kSafe);
  EXPECT_EQ(cast_safety(LogicalType::string(10), LogicalType::text()).verdict, CastVerdict::kSafe);
  EXPECT_EQ(cast_safety(LogicalType::integer(16), LogicalType::floating(32)).verdict,
            CastVerdict::kSafe);
}

TEST(CastSafety, NarrowingIsLossyWithTheRightCode) {
  auto codes = [](const LogicalType& a, const LogicalType& b) {
    CastSafety s = cast_safety(a, b);
    EXPECT_EQ(s.verdict, CastVerdict::kLossy) << to_string(a) << " -> " << to_string(b);
    return s.losses;
  };
  EXPECT_TRUE(
      has_code(codes(LogicalType::decimal(12, 4), LogicalType::decimal(12, 2)), LossCode::kScale));
  EXPECT_TRUE(has_code(codes(LogicalType::decimal(20, 0), LogicalType::decimal(10, 0)),
                       LossCode::kPrecision));
  EXPECT_TRUE(
      has_code(codes(LogicalType::string(100), LogicalType::string(10)), LossCode::kLength));
  EXPECT_TRUE(
      has_code(codes(LogicalType::timestamp(9), LogicalType::timestamp(6)), LossCode::kFractional));
  EXPECT_TRUE(has_code(
      codes(LogicalType::timestamp(6, TimeZoneKind::kWithTimeZone), LogicalType::timestamp(6)),
      LossCode::kTimeZone));
  EXPECT_TRUE(has_code(codes(LogicalType::integer(64, true), LogicalType::integer(64)),
                       LossCode::kUnsigned));
  EXPECT_TRUE(
      has_code(codes(LogicalType::integer(64), LogicalType::integer(32)), LossCode::kRange));
  EXPECT_TRUE(
      has_code(codes(LogicalType::string(10, false, LengthUnit::kCharacters, Charset::kUnicode),
                     LogicalType::string(10, false, LengthUnit::kBytes)),
               LossCode::kCharset));
  EXPECT_TRUE(
      has_code(codes(LogicalType::string(10, true), LogicalType::string(10)), LossCode::kPadding));
  EXPECT_TRUE(has_code(codes(LogicalType::decimal(10, 2), LogicalType::floating(64)),
                       LossCode::kPrecision));
  EXPECT_TRUE(
      has_code(codes(LogicalType::text(), LogicalType::integer(32)), LossCode::kConversion));
  EXPECT_TRUE(has_code(codes(LogicalType::enumeration({"a", "bb"}), LogicalType::string(2)),
                       LossCode::kDomain));
  EXPECT_TRUE(has_code(
      codes(LogicalType::array(LogicalType::integer(32)), LogicalType::simple(TypeKind::kVariant)),
      LossCode::kSemiStructured));
}

TEST(CastSafety, NonsenseIsIncompatible) {
  EXPECT_EQ(cast_safety(LogicalType::boolean(), LogicalType::date()).verdict,
            CastVerdict::kIncompatible);
  EXPECT_EQ(
      cast_safety(LogicalType::array(LogicalType::integer(32)), LogicalType::integer(32)).verdict,
      CastVerdict::kIncompatible);
  LogicalType ym = LogicalType::interval(IntervalField::kYear, IntervalField::kMonth);
  LogicalType ds = LogicalType::interval(IntervalField::kDay, IntervalField::kSecond);
  EXPECT_EQ(cast_safety(ym, ds).verdict, CastVerdict::kIncompatible);
}

TEST(CastSafety, ComparesInsideComposites) {
  LogicalType a = LogicalType::structure({{"x", LogicalType::decimal(10, 4)}});
  LogicalType b = LogicalType::structure({{"x", LogicalType::decimal(10, 2)}});
  CastSafety s = cast_safety(a, b);
  ASSERT_EQ(s.losses.size(), 1u);
  EXPECT_EQ(s.losses[0].code, LossCode::kScale);
  EXPECT_EQ(s.losses[0].message.substr(0, 3), "x: ");
}

TEST(MapType, GivesTargetTextCanonicalTypesAndLosses) {
  TypeMapping m = map_type("NUMBER(12,2)", "oracle", "bigquery");
  EXPECT_EQ(m.target_text, "NUMERIC(12, 2)");
  EXPECT_EQ(m.source, LogicalType::decimal(12, 2));
  EXPECT_EQ(m.target, LogicalType::decimal(12, 2));
  EXPECT_EQ(m.verdict, CastVerdict::kSafe);
  EXPECT_TRUE(m.losses.empty());
}

TEST(MapType, UnknownDialectThrows) {
  EXPECT_THROW(map_type("INT", "postgresql", "bigquery"), std::invalid_argument);
  EXPECT_EQ(find_type_table("postgresql"), nullptr);
}

TEST(MapType, UserDefinedTypesResolveThroughTheCatalog) {
  ReadOptions options;
  options.user_types = [](std::string_view name) -> std::optional<LogicalType> {
    if (name == "public.mood") return LogicalType::enumeration({"sad", "happy"}, false, "mood");
    return std::nullopt;
  };
  TypeMapping known = map_type("\"public\".\"mood\"", *find_type_table("postgres"),
                               *find_type_table("mysql"), options);
  EXPECT_EQ(known.target_text, "ENUM('sad', 'happy')");
  TypeMapping unknown = map_type("\"public\".\"other\"", *find_type_table("postgres"),
                                 *find_type_table("mysql"), options);
  EXPECT_EQ(unknown.target_text, "\"public\".\"other\"");
  EXPECT_EQ(unknown.source.kind, TypeKind::kUnknown);
  EXPECT_TRUE(has_code(unknown.losses, LossCode::kUnknownType));
  EXPECT_EQ(unknown.verdict, CastVerdict::kLossy);
}

TEST(MapType, IgnoredWordsAreReported) {
  TypeMapping m = map_type("VARCHAR(10) NOT NULL COLLATE x", "postgres", "mysql");
  EXPECT_EQ(m.target_text, "VARCHAR(10)");
  ASSERT_EQ(m.ignored.size(), 1u);
  EXPECT_EQ(m.ignored[0], "NOT NULL COLLATE x");
}

TEST(MapType, QuotesStructFieldNamesThatNeedIt) {
  TypeMapping m = map_type("STRUCT<`my field` INT64>", "bigquery", "databricks");
  EXPECT_EQ(m.target_text, "STRUCT<`my field`: BIGINT>");
}

// Every canonical shape must land somewhere in every dialect, with a non-empty name.
TEST(MapType, EveryShapeMapsToEveryDialect) {
  const LogicalType shapes[] = {
      LogicalType::boolean(),
      LogicalType::integer(8),
      LogicalType::integer(128),
      LogicalType::integer(64, true),
      LogicalType::decimal(50, 10),
      LogicalType::decimal(),
      LogicalType::decimal(10, -3),
      LogicalType::floating(32),
      LogicalType::string(5, true),
      LogicalType::string(100000),
      LogicalType::text(Charset::kUnicode),
      LogicalType::binary(16, true),
      LogicalType::binary(),
      LogicalType::date(),
      LogicalType::time(9, TimeZoneKind::kWithTimeZone),
      LogicalType::timestamp(9, TimeZoneKind::kWithTimeZone),
      LogicalType::interval(IntervalField::kYear, IntervalField::kMonth),
      LogicalType::interval(IntervalField::kHour, IntervalField::kSecond),
      LogicalType::interval(),
      LogicalType::simple(TypeKind::kJson),
      LogicalType::simple(TypeKind::kVariant),
      LogicalType::simple(TypeKind::kUuid),
      LogicalType::simple(TypeKind::kXml),
      LogicalType::simple(TypeKind::kGeography),
      LogicalType::simple(TypeKind::kGeometry),
      LogicalType::array(LogicalType::array(LogicalType::integer(32))),
      LogicalType::structure({{"a b", LogicalType::integer(32)}}),
      LogicalType::map(LogicalType::text(), LogicalType::integer(32)),
      LogicalType::enumeration({"a", "b"}),
      LogicalType::enumeration({"a"}, true),
      LogicalType::period(LogicalType::date()),
      LogicalType::unknown("FOO"),
  };
  for (std::string_view dialect :
       {"ansi", "bigquery", "databricks", "hive", "mysql", "oracle", "postgres", "redshift",
        "snowflake", "sqlite", "teradata", "tsql"}) {
    const DialectTypeTable* table = find_type_table(dialect);
    ASSERT_NE(table, nullptr) << dialect;
    for (const LogicalType& t : shapes) {
      TypeMapping m = map_type(t, *table);
      EXPECT_FALSE(m.target_text.empty()) << dialect << " " << to_string(t);
      // Reading the written name back gives a type every value survives into: the table's
      // write side and read side agree.
      ReadTypeResult back = read_type(m.target_text, *table);
      EXPECT_NE(cast_safety(m.target, back.type).verdict, CastVerdict::kIncompatible)
          << dialect << ": " << to_string(t) << " -> " << m.target_text << " reads back as "
          << to_string(back.type);
    }
  }
}

}  // namespace
}  // namespace godwit::sql

namespace godwit::sql {
namespace {

// A type read from a dialect and written back to the same dialect keeps every value,
// except where the dialect's own writing baseline lacks the type (Oracle 19c has no
// BOOLEAN or JSON column type) or the type itself always carries a warning (MySQL
// TIMESTAMP's 1970-2038 range).
TEST(MapType, SameDialectRoundTripKeepsValues) {
  const std::pair<std::string_view, std::string_view> kExpectedLossy[] = {
      {"oracle", "BOOLEAN"},
      {"oracle", "JSON"},
      {"tsql", "SQL_VARIANT"},
      {"mysql", "TIMESTAMP(3)"}};
  const std::pair<std::string_view, std::vector<std::string_view>> kTypes[] = {
      {"oracle",
       {"NUMBER", "NUMBER(12,2)", "NUMBER(10,-2)", "VARCHAR2(20 CHAR)", "NCHAR(5)", "CLOB",
        "RAW(16)", "DATE", "TIMESTAMP(9) WITH TIME ZONE", "INTERVAL DAY(3) TO SECOND(2)", "XMLTYPE",
        "BOOLEAN", "JSON"}},
      {"postgres",
       {"numeric", "numeric(10,-3)", "text[]", "timestamptz(3)", "timetz", "uuid", "jsonb",
        "interval", "bytea", "char(10)", "varchar"}},
      {"mysql",
       {"TINYINT UNSIGNED", "BIGINT UNSIGNED", "DECIMAL(65,30)", "TEXT", "LONGBLOB",
        "ENUM('a','b')", "SET('x')", "DATETIME(6)", "TIMESTAMP(3)", "JSON"}},
      {"tsql",
       {"TINYINT", "MONEY", "NVARCHAR(MAX)", "VARCHAR(8000)", "DATETIME2(7)", "DATETIMEOFFSET",
        "UNIQUEIDENTIFIER", "SQL_VARIANT", "VARBINARY(MAX)"}},
      {"bigquery",
       {"NUMERIC", "BIGNUMERIC", "NUMERIC(20,5)", "STRING(10)", "BYTES",
        "ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>", "TIMESTAMP", "RANGE<DATE>"}},
      {"snowflake",
       {"NUMBER", "VARCHAR", "VARCHAR(100)", "BINARY", "TIMESTAMP_TZ(3)", "TIMESTAMP_LTZ",
        "VARIANT", "OBJECT", "GEOMETRY"}},
      {"databricks",
       {"TINYINT", "DECIMAL(38,18)", "STRING", "CHAR(3)", "TIMESTAMP_NTZ",
        "MAP<STRING, ARRAY<INT>>", "STRUCT<a: INT, b: STRING>", "INTERVAL DAY TO SECOND"}},
      {"hive", {"CHAR(255)", "VARCHAR(100)", "TIMESTAMP", "MAP<STRING,BIGINT>"}},
      {"redshift", {"VARCHAR(65535)", "CHAR(10)", "TIMESTAMPTZ", "SUPER", "VARBYTE(100)"}},
      {"teradata",
       {"BYTEINT", "NUMBER", "VARCHAR(100) CHARACTER SET UNICODE", "CLOB", "PERIOD(DATE)",
        "INTERVAL DAY(4) TO SECOND(6)", "TIME(3) WITH TIME ZONE"}},
      {"ansi",
       {"INTEGER ARRAY", "ROW(a INTEGER, b VARCHAR(10))", "NCHAR VARYING(10)",
        "TIMESTAMP(9) WITH TIME ZONE", "INTERVAL YEAR(4) TO MONTH"}},
  };
  for (const auto& [dialect, types] : kTypes) {
    for (std::string_view text : types) {
      TypeMapping m = map_type(text, dialect, dialect);
      const bool expected_lossy = std::find(std::begin(kExpectedLossy), std::end(kExpectedLossy),
                                            std::pair{dialect, text}) != std::end(kExpectedLossy);
      EXPECT_EQ(m.verdict == CastVerdict::kSafe, !expected_lossy)
          << dialect << ": " << text << " -> " << m.target_text << " ("
          << (m.losses.empty() ? "" : m.losses.back().message) << ")";
    }
  }
}

}  // namespace
}  // namespace godwit::sql

namespace godwit::sql {
namespace {

TEST(TypeCompatibility, RanksIdenticalSafeLossyAndIncompatiblePairs) {
  const LogicalType i32 = LogicalType::integer(32);
  EXPECT_DOUBLE_EQ(type_compatibility(i32, i32), 1.0);
  EXPECT_DOUBLE_EQ(type_compatibility(i32, LogicalType::integer(64)), 0.85);
  EXPECT_DOUBLE_EQ(type_compatibility(LogicalType::decimal(12, 4), LogicalType::decimal(12, 2)),
                   0.65);
  EXPECT_DOUBLE_EQ(type_compatibility(i32, LogicalType::text()), 0.5);
  EXPECT_DOUBLE_EQ(type_compatibility(LogicalType::boolean(), LogicalType::date()), 0.0);
  EXPECT_DOUBLE_EQ(type_compatibility(i32, LogicalType::unknown("x")), 0.5);
  // Order matters: a wide source into a narrow target is worse than the reverse.
  EXPECT_GT(type_compatibility(i32, LogicalType::integer(64)),
            type_compatibility(LogicalType::integer(64), i32));
  EXPECT_GT(type_compatibility(LogicalType::date(), LogicalType::timestamp(6)),
            type_compatibility(LogicalType::date(), LogicalType::string(10)));
}

}  // namespace
}  // namespace godwit::sql
