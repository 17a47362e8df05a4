// The keyed diff with an ODBC side: the fixture's PostgreSQL through Debian's psqlODBC
// driver as the source, the same server through libpq as the target. The ODBC side
// writes PostgreSQL SQL (Connector::sql_engine), so both the portable MD5 hash and the
// native one are computed inside the database, and the planted differences are found.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>

#include "connector_test_support.hpp"
#include "odbc_test_support.hpp"
#include "validation/diff.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class DiffOdbcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    auto odbc = testing::odbc_postgres_spec(&why);
    ASSERT_TRUE(odbc.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    schema_ = "diff_odbc_" + std::to_string(::getpid());
    exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    exec("CREATE SCHEMA " + schema_);
    for (const char* table : {"src", "dst"}) {
      exec("CREATE TABLE " + schema_ + "." + table +
           " (id bigint PRIMARY KEY, qty int, name text, amount numeric(12,4))");
      exec("INSERT INTO " + schema_ + "." + table +
           " SELECT g, g % 97, 'name ' || g, (g * 7919 % 100000) / 10000.0 "
           "FROM generate_series(1, 4000) g");
    }
    const std::string t = schema_ + ".dst";
    exec("UPDATE " + t + " SET qty = qty + 1 WHERE id = 17");
    exec("UPDATE " + t + " SET name = 'Zürich' WHERE id = 3000");
    exec("DELETE FROM " + t + " WHERE id = 100");
    exec("INSERT INTO " + t + " VALUES (5001, 1, 'new', 1)");
    spec->read_only = true;
    native_ = connect(*spec);
    odbc_ = connect(*odbc);
  }
  void TearDown() override {
    if (admin_) exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  void exec(const std::string& sql) { admin_->query(sql); }

  TableDiffRequest request() const {
    TableDiffRequest r;
    r.source_table = {schema_, "src"};
    r.target_table = {schema_, "dst"};
    r.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
    r.columns = {{"qty", "qty", LogicalType::integer(32), LogicalType::integer(32)},
                 {"name", "name", LogicalType::text(), LogicalType::text()},
                 {"amount", "amount", LogicalType::decimal(12, 4), LogicalType::decimal(12, 4)}};
    r.options.first_level_segments = 4;  // bisect
    return r;
  }

  std::unique_ptr<Connector> admin_, native_, odbc_;
  std::string schema_;
};

void expect_planted(const TableDiff& diff) {
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 1u);
  EXPECT_EQ(diff.changed, 2u);
  std::map<std::string, const RowDifference*> rows;
  for (const auto& row : diff.rows) rows[row.key.at(0).value_or("NULL")] = &row;
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows["100"]->kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(rows["5001"]->kind, RowDifferenceKind::kExtra);
  ASSERT_EQ(rows["17"]->columns.size(), 1u);
  EXPECT_EQ(rows["17"]->columns[0].source_value, "17");
  EXPECT_EQ(rows["17"]->columns[0].target_value, "18");
  ASSERT_EQ(rows["3000"]->columns.size(), 1u);
  EXPECT_EQ(rows["3000"]->columns[0].target_value, "Zürich");
}

TEST_F(DiffOdbcTest, PortableMd5FindsThePlantedDifferencesWithAnOdbcSide) {
  TableDiffRequest r = request();
  r.options.hash = RowHash::kPortableMd5;
  TableDiff diff = diff_table(*odbc_, *native_, r);
  expect_planted(diff);
  EXPECT_EQ(diff.stats.hash, "md5-60");
  EXPECT_EQ(diff.stats.source_rows, 4000u);
  EXPECT_EQ(diff.stats.target_rows, 4000u);
  EXPECT_EQ(diff.stats.rows_hashed_by_godwit, 0u);  // hashed inside PostgreSQL
}

TEST_F(DiffOdbcTest, DefaultHashIsPostgresNativeWhenOdbcReachesPostgres) {
  TableDiff diff = diff_table(*native_, *odbc_, request());
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 1u);
  EXPECT_EQ(diff.changed, 2u);
  EXPECT_NE(diff.stats.hash, "md5-60");
  TableDiffRequest same = request();
  same.target_table = {schema_, "src"};
  EXPECT_TRUE(diff_table(*odbc_, *native_, same).equal());
}

}  // namespace
}  // namespace godwit::validation
