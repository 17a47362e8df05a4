// The normalisation SQL run on the fixture's real PostgreSQL: exact canonical texts, and
// the database's MD5 row hash equal to the one Godwit computes for engines without one.
#include <gtest/gtest.h>

#include "connector_test_support.hpp"
#include "validation/normalize.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class NormalizePgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    db_ = connect(*spec);
  }

  /// The canonical text of `literal` (an SQL expression) read as `type`.
  Value canonical(const std::string& literal, const LogicalType& type,
                  const NormalizeOptions& options = {},
                  std::optional<LogicalType> other = std::nullopt) {
    const ColumnCanon canon = column_canon({type, other.value_or(type)}, options);
    const std::string sql =
        "SELECT " + normalized_text_sql({Engine::kPostgres, literal, type}, canon, options);
    return db_->query(sql).rows.at(0).at(0);
  }

  std::unique_ptr<Connector> db_;
};

TEST_F(NormalizePgTest, Decimals) {
  EXPECT_EQ(
      canonical("1.5::numeric(6,1)", LogicalType::decimal(6, 1), {}, LogicalType::decimal(6, 2)),
      "1.50");
  EXPECT_EQ(canonical("-0.001::numeric(6,3)", LogicalType::decimal(6, 2)), "0.00");
  EXPECT_EQ(canonical("2.345::numeric(6,3)", LogicalType::decimal(6, 2)), "2.35");
  EXPECT_EQ(canonical("-2.345::numeric(6,3)", LogicalType::decimal(6, 2)), "-2.35");
  EXPECT_EQ(canonical("7::numeric(6,0)", LogicalType::decimal(6, 0)), "7");
  EXPECT_EQ(canonical("NULL::numeric", LogicalType::decimal(6, 2)), std::nullopt);
}

TEST_F(NormalizePgTest, FloatsAreRoundedToTheTolerance) {
  EXPECT_EQ(canonical("(0.1::float8 + 0.2::float8)", LogicalType::floating(64)), "0.300000");
  NormalizeOptions options;
  options.float_decimals = 2;
  EXPECT_EQ(canonical("1.005e3::float8", LogicalType::floating(64), options), "1005.00");
}

TEST_F(NormalizePgTest, TimestampsAreUtcWithTheCommonPrecision) {
  const LogicalType zoned = LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone);
  EXPECT_EQ(canonical("'2024-01-31 15:45:00.123456+02'::timestamptz", zoned),
            "2024-01-31 13:45:00.123456");
  EXPECT_EQ(canonical("'2024-01-31 15:45:00.123456+02'::timestamptz", zoned, {},
                      LogicalType::timestamp(3)),
            "2024-01-31 13:45:00.123");
  EXPECT_EQ(canonical("'2024-01-31 15:45:00'::timestamp", LogicalType::timestamp(0)),
            "2024-01-31 15:45:00");
  EXPECT_EQ(canonical("'2024-01-31'::date", LogicalType::date()), "2024-01-31");
  EXPECT_EQ(canonical("'13:45:00.5'::time", LogicalType::time(6)), "13:45:00.500000");
  EXPECT_EQ(canonical("'13:45:00'::time", LogicalType::time(6)), "13:45:00.000000");
}

TEST_F(NormalizePgTest, StringsBooleansBinaryUuid) {
  EXPECT_EQ(canonical("'abc  '::text", LogicalType::text()), "abc");
  EXPECT_EQ(canonical("'abc  '::char(6)", LogicalType::string(6, true)), "abc");
  NormalizeOptions options;
  options.empty_string_as_null = true;
  options.case_insensitive = true;
  EXPECT_EQ(canonical("'  '::text", LogicalType::text(), options), std::nullopt);
  EXPECT_EQ(canonical("'AbC'::text", LogicalType::text(), options), "abc");
  EXPECT_EQ(canonical("true", LogicalType::boolean()), "1");
  EXPECT_EQ(canonical("false", LogicalType::boolean()), "0");
  EXPECT_EQ(canonical("'\\x0A0b'::bytea", LogicalType::binary()), "0a0b");
  EXPECT_EQ(canonical("'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid",
                      LogicalType::simple(sql::TypeKind::kUuid)),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

TEST_F(NormalizePgTest, DatabaseMd5RowHashEqualsGodwits) {
  const std::string text = row_text_sql(Engine::kPostgres, {"'12'", "NULL", "'zürich'"});
  ResultSet result = db_->query("SELECT " + text + ", " +
                                row_hash_sql(Engine::kPostgres, RowHash::kPortableMd5, text));
  const Value expected_text = row_text({std::string("12"), std::nullopt, std::string("zürich")});
  EXPECT_EQ(result.rows.at(0).at(0), expected_text);
  EXPECT_EQ(result.rows.at(0).at(1), std::to_string(portable_md5_hash(*expected_text)));
}

}  // namespace
}  // namespace godwit::validation
