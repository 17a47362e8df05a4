// The keyed diff across engines: a real MariaDB source and a real PostgreSQL target (the
// CTest fixtures), the same generated rows on both with planted differences. Normalised
// MD5 row hashes must agree on every equal row, so only the planted rows are reported.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>

#include "connector_test_support.hpp"
#include "validation/diff.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class CrossEngineDiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto maria = testing::mariadb_spec(&why);
    ASSERT_TRUE(maria.has_value()) << why;
    auto pg = testing::postgres_spec(&why);
    ASSERT_TRUE(pg.has_value()) << why;
    maria->read_only = false;
    pg->read_only = false;
    maria_admin_ = connect(*maria);
    pg_admin_ = connect(*pg);
    name_ = "xdiff_" + std::to_string(::getpid());
    maria_admin_->query("DROP TABLE IF EXISTS " + name_);
    pg_admin_->query("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    pg_admin_->query("CREATE SCHEMA " + name_);
    maria->read_only = true;
    pg->read_only = true;
    source_ = connect(*maria);
    target_ = connect(*pg);
  }
  void TearDown() override {
    if (maria_admin_) maria_admin_->query("DROP TABLE IF EXISTS " + name_);
    if (pg_admin_) pg_admin_->query("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  }

  void create_tables(int rows) {
    const std::string n = std::to_string(rows);
    maria_admin_->query("CREATE TABLE " + name_ +
                        " (id BIGINT PRIMARY KEY, qty INT, name VARCHAR(50), amount "
                        "DECIMAL(12,4), at DATETIME(6), flag BOOLEAN, price DOUBLE)");
    maria_admin_->query(
        "INSERT INTO " + name_ +
        " SELECT seq, seq % 97, CONCAT('name ', seq), (seq * 7919 % 100000) / 10000, "
        "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE + INTERVAL seq * 1000 "
        "MICROSECOND, seq % 3 = 0, CAST(seq AS DOUBLE) / 7 FROM seq_1_to_" +
        n);
    const std::string t = name_ + ".orders";
    pg_admin_->query("CREATE TABLE " + t +
                     " (id bigint PRIMARY KEY, qty int, name text, amount numeric(12,4), "
                     "at timestamp(6), flag boolean, price float8)");
    pg_admin_->query("INSERT INTO " + t +
                     " SELECT g, g % 97, 'name ' || g, (g * 7919 % 100000) / 10000.0, "
                     "timestamp '2024-01-01 00:00:00' + g * interval '1 minute 0.001 second', "
                     "g % 3 = 0, g::float8 / 7 FROM generate_series(1, " +
                     n + ") g");
  }

  TableDiffRequest request() {
    TableDiffRequest r;
    r.source_table = {name_};
    r.target_table = {name_, "orders"};
    r.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
    r.columns = {{"qty", "qty", LogicalType::integer(32), LogicalType::integer(32)},
                 {"name", "name", LogicalType::string(50), LogicalType::text()},
                 {"amount", "amount", LogicalType::decimal(12, 4), LogicalType::decimal(12, 4)},
                 {"at", "at", LogicalType::timestamp(6), LogicalType::timestamp(6)},
                 {"flag", "flag", LogicalType::boolean(), LogicalType::boolean()},
                 {"price", "price", LogicalType::floating(64), LogicalType::floating(64)}};
    return r;
  }

  std::unique_ptr<Connector> maria_admin_, pg_admin_, source_, target_;
  std::string name_;
};

TEST_F(CrossEngineDiffTest, EqualDataHashesEquallyOnMariaDbAndPostgres) {
  create_tables(3000);
  TableDiff diff = diff_table(*source_, *target_, request());
  EXPECT_EQ(diff.stats.hash, "md5-60");
  EXPECT_TRUE(diff.equal()) << diff.changed << " changed, e.g. "
                            << (diff.rows.empty() ? std::string("-")
                                : diff.rows[0].columns.empty()
                                    ? std::string("?")
                                    : diff.rows[0].columns[0].comparison.reason);
  EXPECT_EQ(diff.representation_only, 0u);
  EXPECT_EQ(diff.stats.source_rows, 3000u);
  EXPECT_EQ(diff.stats.target_rows, 3000u);
}

TEST_F(CrossEngineDiffTest, FindsAndExplainsPlantedDifferencesMariaDbToPostgres) {
  create_tables(3000);
  const std::string t = name_ + ".orders";
  pg_admin_->query("UPDATE " + t + " SET qty = qty + 1 WHERE id = 17");
  pg_admin_->query("UPDATE " + t + " SET amount = round(amount, 2) WHERE id = 301");
  pg_admin_->query("UPDATE " + t + " SET at = at + interval '1 hour' WHERE id = 1234");
  pg_admin_->query("DELETE FROM " + t + " WHERE id = 2500");
  pg_admin_->query("INSERT INTO " + t + " VALUES (9999, 1, 'new', 1, now(), true, 1)");
  TableDiff diff = diff_table(*source_, *target_, request());
  EXPECT_EQ(diff.changed, 3u);
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 1u);
  std::map<std::string, const RowDifference*> rows;
  for (const auto& row : diff.rows) rows[*row.key.at(0)] = &row;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows["2500"]->kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(rows["9999"]->kind, RowDifferenceKind::kExtra);
  ASSERT_EQ(rows["17"]->columns.size(), 1u);
  EXPECT_EQ(rows["17"]->columns[0].source_column, "qty");
  ASSERT_EQ(rows["301"]->columns.size(), 1u);
  EXPECT_EQ(rows["301"]->columns[0].comparison.symptom, "rounded");
  ASSERT_EQ(rows["1234"]->columns.size(), 1u);
  EXPECT_EQ(rows["1234"]->columns[0].comparison.symptom, "time_zone_shift");
  EXPECT_EQ(rows["1234"]->columns[0].comparison.reason.substr(0, 17), "shifted by +01:00");
}

}  // namespace
}  // namespace godwit::validation
