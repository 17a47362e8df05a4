// Normalisation SQL per engine, the row text and hash Godwit computes itself, and the
// explanation of mismatches. The SQL is run on a real PostgreSQL in normalize_pg_test.cpp.
#include "validation/normalize.hpp"

#include <gtest/gtest.h>

namespace godwit::validation {
namespace {

using sql::LogicalType;

ColumnRendering column(Engine engine, LogicalType type) {
  return {engine, "\"c\"", type};
}

TEST(NormalizeSql, DecimalsAreRoundedToTheLargerScaleWithZeroWrittenByGodwit) {
  const ColumnCanon canon =
      column_canon({LogicalType::decimal(12, 4), LogicalType::decimal(12, 2)}, {});
  EXPECT_EQ(canon.decimal_scale, 4);
  EXPECT_EQ(normalized_text_sql(column(Engine::kPostgres, LogicalType::decimal(12, 4)), canon, {}),
            "round((\"c\")::numeric, 4)::text");
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, LogicalType::decimal(12, 2)), canon, {}),
            "CASE WHEN CAST((\"c\") AS DECIMAL(65, 4)) = 0 THEN '0.0000' ELSE "
            "CAST(CAST((\"c\") AS DECIMAL(65, 4)) AS CHAR) END");
  EXPECT_EQ(normalized_text_sql(column(Engine::kSqlite, LogicalType::decimal(12, 2)), canon, {}),
            "CASE WHEN round((\"c\"), 4) = 0 THEN '0.0000' ELSE printf('%.4f', (\"c\")) END");
}

TEST(NormalizeSql, ScaleOptionAndUnknownScales) {
  NormalizeOptions options;
  EXPECT_EQ(column_canon({LogicalType::decimal(), LogicalType::decimal()}, options).decimal_scale,
            10);
  EXPECT_EQ(
      column_canon({LogicalType::decimal(), LogicalType::decimal(10, 3)}, options).decimal_scale,
      3);
  options.decimal_scale = 1;
  EXPECT_EQ(column_canon({LogicalType::decimal(12, 4), LogicalType::decimal(12, 2)}, options)
                .decimal_scale,
            1);
}

TEST(NormalizeSql, TimestampsWithZoneAreConvertedToUtcAndTruncatedToTheCommonPrecision) {
  const LogicalType zoned = LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone);
  const LogicalType naive = LogicalType::timestamp(3);
  const ColumnCanon canon = column_canon({zoned, naive}, {});
  EXPECT_EQ(canon.timestamp_precision, 3);
  EXPECT_EQ(normalized_text_sql(column(Engine::kPostgres, zoned), canon, {}),
            "left(to_char(((\"c\") AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS.US'), 23)");
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, zoned), canon, {}),
            "LEFT(DATE_FORMAT(CONVERT_TZ((\"c\"), @@session.time_zone, '+00:00'), "
            "'%Y-%m-%d %H:%i:%s.%f'), 23)");
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, naive), canon, {}),
            "LEFT(DATE_FORMAT((\"c\"), '%Y-%m-%d %H:%i:%s.%f'), 23)");
}

TEST(NormalizeSql, StringsFollowTheOptions) {
  NormalizeOptions options;
  const LogicalType text = LogicalType::text();
  EXPECT_EQ(normalized_text_sql(column(Engine::kPostgres, text), {}, options),
            "RTRIM((\"c\")::text)");
  options.trim_trailing_spaces = false;
  options.case_insensitive = true;
  options.empty_string_as_null = true;
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, text), {}, options),
            "NULLIF(LOWER(CAST((\"c\") AS CHAR)), '')");
  options.trim_trailing_spaces = true;
  EXPECT_EQ(normalized_text_sql(column(Engine::kSqlite, text), {}, options),
            "NULLIF(LOWER(rtrim(CAST((\"c\") AS TEXT), ' ')), '')");
}

TEST(NormalizeSql, BooleansBinaryAndIntegers) {
  EXPECT_EQ(normalized_text_sql(column(Engine::kPostgres, LogicalType::boolean()), {}, {}),
            "CASE WHEN (\"c\") THEN '1' WHEN NOT (\"c\") THEN '0' END");
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, LogicalType::boolean()), {}, {}),
            "CASE WHEN (\"c\") <> 0 THEN '1' WHEN (\"c\") = 0 THEN '0' END");
  EXPECT_EQ(normalized_text_sql(column(Engine::kMariaDb, LogicalType::binary()), {}, {}),
            "LOWER(HEX((\"c\")))");
  EXPECT_EQ(normalized_text_sql(column(Engine::kSqlite, LogicalType::integer(64)), {}, {}),
            "CAST((\"c\") AS TEXT)");
}

TEST(NormalizeSql, RowTextAndHashPerEngine) {
  EXPECT_EQ(row_text_sql(Engine::kPostgres, {"a", "b"}),
            "concat_ws(E'\\x1F', coalesce(a, E'\\x1E'), coalesce(b, E'\\x1E'))");
  EXPECT_EQ(row_text_sql(Engine::kSqlite, {"a", "b"}),
            "coalesce(a, char(30)) || char(31) || coalesce(b, char(30))");
  EXPECT_EQ(row_hash_sql(Engine::kMariaDb, RowHash::kPortableMd5, "t"),
            "CAST(CONV(SUBSTRING(MD5(t), 1, 15), 16, 10) AS UNSIGNED)");
  EXPECT_EQ(row_hash_sql(Engine::kPostgres, RowHash::kNativePostgres, "t"),
            "hashtextextended(t, 0)");
  EXPECT_TRUE(computes_hash_in_database(Engine::kMariaDb, RowHash::kPortableMd5));
  EXPECT_FALSE(computes_hash_in_database(Engine::kSqlite, RowHash::kPortableMd5));
  EXPECT_FALSE(computes_hash_in_database(Engine::kMariaDb, RowHash::kNativePostgres));
  EXPECT_EQ(integer_division_sql(Engine::kMariaDb, "k - 1", "10"), "(k - 1) DIV (10)");
}

TEST(NormalizeSql, BigQueryAndDatabricksHashTheSameRowTextWithTheSameMd5Bits) {
  // Same joined text as the other engines (U+001F between values, U+001E for NULL) ...
  EXPECT_EQ(row_text_sql(Engine::kBigQuery, {"a", "b"}),
            "CONCAT('', COALESCE(a, '\\x1e'), '\\x1f', COALESCE(b, '\\x1e'))");
  EXPECT_EQ(row_text_sql(Engine::kDatabricks, {"a", "b"}),
            "concat_ws(chr(31), coalesce(a, chr(30)), coalesce(b, chr(30)))");
  // ... and the first 15 hex digits of its MD5 as a number, widened so sums never overflow.
  EXPECT_EQ(row_hash_sql(Engine::kBigQuery, RowHash::kPortableMd5, "t"),
            "CAST(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(t)), 1, 15)) AS INT64) AS NUMERIC)");
  EXPECT_EQ(row_hash_sql(Engine::kDatabricks, RowHash::kPortableMd5, "t"),
            "CAST(conv(substr(md5(t), 1, 15), 16, 10) AS DECIMAL(20, 0))");
  EXPECT_TRUE(computes_hash_in_database(Engine::kBigQuery, RowHash::kPortableMd5));
  EXPECT_TRUE(computes_hash_in_database(Engine::kDatabricks, RowHash::kPortableMd5));
  EXPECT_FALSE(computes_hash_in_database(Engine::kBigQuery, RowHash::kNativePostgres));
  // '/' on BigQuery INT64 is FLOAT64: segment numbers need DIV.
  EXPECT_EQ(integer_division_sql(Engine::kBigQuery, "k - 1", "10"), "DIV(k - 1, 10)");
  EXPECT_EQ(integer_division_sql(Engine::kDatabricks, "k - 1", "10"), "(k - 1) DIV (10)");
}

TEST(NormalizeSql, BigQueryAndDatabricksValueTexts) {
  const ColumnCanon canon =
      column_canon({LogicalType::decimal(12, 2), LogicalType::decimal(12, 2)}, {});
  EXPECT_EQ(normalized_text_sql(column(Engine::kBigQuery, LogicalType::decimal(12, 2)), canon, {}),
            "CASE WHEN ROUND(CAST((\"c\") AS BIGNUMERIC), 2) = 0 THEN '0.00' ELSE "
            "FORMAT('%.2f', ROUND(CAST((\"c\") AS BIGNUMERIC), 2)) END");
  EXPECT_EQ(
      normalized_text_sql(column(Engine::kDatabricks, LogicalType::decimal(12, 2)), canon, {}),
      "CASE WHEN CAST((\"c\") AS DECIMAL(38, 2)) = 0 THEN '0.00' ELSE "
      "CAST(CAST((\"c\") AS DECIMAL(38, 2)) AS STRING) END");
  const LogicalType zoned = LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone);
  const ColumnCanon micro = column_canon({zoned, zoned}, {});
  EXPECT_EQ(normalized_text_sql(column(Engine::kBigQuery, zoned), micro, {}),
            "LEFT(FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', (\"c\"), 'UTC'), 26)");
  EXPECT_EQ(normalized_text_sql(column(Engine::kBigQuery, LogicalType::timestamp(6)), micro, {}),
            "LEFT(FORMAT_DATETIME('%Y-%m-%d %H:%M:%E6S', (\"c\")), 26)");
  EXPECT_EQ(normalized_text_sql(column(Engine::kDatabricks, zoned), micro, {}),
            "left(date_format(to_utc_timestamp((\"c\"), current_timezone()), "
            "'yyyy-MM-dd HH:mm:ss.SSSSSS'), 26)");
  EXPECT_EQ(normalized_text_sql(column(Engine::kBigQuery, LogicalType::text()), {}, {}),
            "rtrim(CAST((\"c\") AS STRING), ' ')");
  EXPECT_EQ(normalized_text_sql(column(Engine::kBigQuery, LogicalType::binary()), {}, {}),
            "TO_HEX((\"c\"))");
  EXPECT_EQ(normalized_text_sql(column(Engine::kDatabricks, LogicalType::boolean()), {}, {}),
            "CASE WHEN (\"c\") THEN '1' WHEN NOT (\"c\") THEN '0' END");
}

TEST(NormalizeHash, PortableMd5IsTheFirstSixtyBitsOfTheDigest) {
  // md5("") = d41d8cd98f00b204e9800998ecf8427e
  EXPECT_EQ(portable_md5_hash(""), 0xd41d8cd98f00b20ULL);
  // md5("abc") = 900150983cd24fb0d6963f7d28e17f72
  EXPECT_EQ(portable_md5_hash("abc"), 0x900150983cd24fbULL);
  EXPECT_EQ(row_text({std::string("1"), std::nullopt, std::string("x")}),
            std::string("1\x1F\x1E\x1Fx"));
}

ObservedValue observed(Value raw, Value normalized) {
  return {std::move(raw), std::move(normalized)};
}

TEST(CompareValues, SameAndRepresentation) {
  const ComparedTypes types{LogicalType::decimal(6, 2), LogicalType::decimal(6, 3)};
  EXPECT_EQ(compare_values(types, observed("1.50", "1.500"), observed("1.50", "1.500")).kind,
            DifferenceKind::kSame);
  const ValueComparison c =
      compare_values(types, observed("1.50", "1.500"), observed("1.500", "1.500"));
  EXPECT_EQ(c.kind, DifferenceKind::kRepresentation);
  EXPECT_EQ(c.symptom, "representation");
  EXPECT_EQ(c.reason, "written differently ('1.50' vs '1.500')");
}

TEST(CompareValues, RoundedAndTruncatedDecimals) {
  const ComparedTypes types{LogicalType::decimal(12, 4), LogicalType::decimal(12, 4)};
  ValueComparison c =
      compare_values(types, observed("12.3456", "12.3456"), observed("12.3500", "12.3500"));
  EXPECT_EQ(c.kind, DifferenceKind::kValue);
  EXPECT_EQ(c.symptom, "rounded");
  EXPECT_EQ(c.reason, "rounded to 2 decimals (12.3456 -> 12.3500)");
  c = compare_values(types, observed("12.3456", "12.3456"), observed("12.34", "12.3400"));
  EXPECT_EQ(c.symptom, "truncated");
  c = compare_values(types, observed("12.3456", "12.3456"), observed("99.1", "99.1000"));
  EXPECT_EQ(c.symptom, "changed");
  EXPECT_EQ(c.reason, "'12.3456' in the source, '99.1' in the target");
}

TEST(CompareValues, TimeZoneShift) {
  const LogicalType ts = LogicalType::timestamp(6);
  ValueComparison c =
      compare_values({ts, ts}, observed("2024-01-31 13:45:00", "2024-01-31 13:45:00.000000"),
                     observed("2024-01-31 11:45:00", "2024-01-31 11:45:00.000000"));
  EXPECT_EQ(c.symptom, "time_zone_shift");
  EXPECT_EQ(c.reason,
            "shifted by -02:00 (a time zone conversion?): 2024-01-31 13:45:00 in the source, "
            "2024-01-31 11:45:00 in the target");
  c = compare_values({ts, ts}, observed("2024-01-31 23:30:00", "2024-01-31 23:30:00.000000"),
                     observed("2024-02-01 05:00:00", "2024-02-01 05:00:00.000000"));
  EXPECT_EQ(c.reason.substr(0, 17), "shifted by +05:30");
  c = compare_values({ts, ts}, observed("2024-01-31 13:45:00", "2024-01-31 13:45:00.000000"),
                     observed("2024-01-31 13:45:07", "2024-01-31 13:45:07.000000"));
  EXPECT_EQ(c.symptom, "changed");
}

TEST(CompareValues, StringsAndNulls) {
  const LogicalType text = LogicalType::text();
  EXPECT_EQ(
      compare_values({text, text}, observed("abc", "abc"), observed("abc  ", "abc  ")).symptom,
      "trailing_spaces");
  EXPECT_EQ(compare_values({text, text}, observed("Abc", "Abc"), observed("abc", "abc")).symptom,
            "letter_case");
  ValueComparison c =
      compare_values({text, text}, observed("abcdef", "abcdef"), observed("abc", "abc"));
  EXPECT_EQ(c.symptom, "truncated");
  EXPECT_EQ(c.reason, "truncated to 3 characters ('abcdef' -> 'abc')");
  c = compare_values({text, text}, observed("", ""), observed(std::nullopt, std::nullopt));
  EXPECT_EQ(c.symptom, "empty_vs_null");
  EXPECT_EQ(c.reason, "empty string in the source, NULL in the target");
  c = compare_values({text, text}, observed(std::nullopt, std::nullopt), observed("x", "x"));
  EXPECT_EQ(c.symptom, "null");
  EXPECT_EQ(c.reason, "NULL in the source, 'x' in the target");
}

}  // namespace
}  // namespace godwit::validation
