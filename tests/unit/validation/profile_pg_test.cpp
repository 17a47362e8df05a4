// Column profiles on the fixture's real PostgreSQL: one aggregate scan per table, and the
// comparison through a column map (a renamed column, an expression) with tolerances.
#include <gtest/gtest.h>
#include <unistd.h>

#include "connector_test_support.hpp"
#include "core/error.hpp"
#include "validation/profile.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class ProfilePgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    schema_ = "profile_test_" + std::to_string(::getpid());
    admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    admin_->query("CREATE SCHEMA " + schema_);
    admin_->query("CREATE TABLE " + schema_ +
                  ".src (id int, cents bigint, name text, at timestamptz, ok boolean)");
    admin_->query("INSERT INTO " + schema_ +
                  ".src SELECT g, g * 100 + 5, CASE WHEN g % 10 = 0 THEN NULL ELSE 'n' || g END, "
                  "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour', g % 2 = 0 "
                  "FROM generate_series(1, 1000) g");
    // The target stores amounts in currency units and names the column differently.
    admin_->query("CREATE TABLE " + schema_ +
                  ".dst (id bigint, amount numeric(14,2), label varchar(20), at timestamptz, "
                  "ok boolean)");
    admin_->query("INSERT INTO " + schema_ + ".dst SELECT id, cents / 100.0, name, at, ok FROM " +
                  schema_ + ".src");
    spec->read_only = true;
    db_ = connect(*spec);
  }
  void TearDown() override {
    if (admin_) admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  ProfileRequest request() {
    ProfileRequest r;
    r.source_table = {schema_, "src"};
    r.target_table = {schema_, "dst"};
    const LogicalType zoned = LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone);
    r.columns = {{"id", LogicalType::integer(64), "id", "", LogicalType::integer(32), true, {}},
                 {"amount",
                  LogicalType::decimal(14, 2),
                  "",
                  db_->quote_identifier("cents") + " / 100.0",
                  LogicalType::decimal(14, 2),
                  false,
                  {}},
                 {"label", LogicalType::string(20), "name", "", LogicalType::text(), false, {}},
                 {"at", zoned, "at", "", zoned, false, {}},
                 {"ok", LogicalType::boolean(), "ok", "", LogicalType::boolean(), false, {}}};
    return r;
  }

  const ProfileCheck* find(const ProfileComparison& c, const std::string& column,
                           const std::string& metric) {
    for (const auto& check : c.checks) {
      if (check.column == column && check.metric == metric) return &check;
    }
    return nullptr;
  }

  std::unique_ptr<Connector> admin_, db_;
  std::string schema_;
};

TEST_F(ProfilePgTest, ProfilesEveryMetricInOneScan) {
  const ProfileComparison c = compare_profiles(*db_, *db_, request());
  EXPECT_TRUE(c.passed());
  EXPECT_EQ(c.source.rows, 1000u);
  const ColumnProfile& id = c.source.columns[0];
  EXPECT_EQ(id.min, "1");
  EXPECT_EQ(id.max, "1000");
  EXPECT_EQ(id.sum, "500500");
  EXPECT_EQ(id.distinct, 1000u);
  const ColumnProfile& amount = c.target.columns[1];
  EXPECT_EQ(amount.min, "1.05");
  EXPECT_EQ(amount.max, "1000.05");
  const ColumnProfile& label = c.target.columns[2];
  EXPECT_EQ(label.nulls, 100u);
  EXPECT_EQ(label.min_length, 2);
  EXPECT_EQ(label.max_length, 4);
  EXPECT_EQ(c.target.columns[3].min, "2024-01-01 01:00:00.000000");
  EXPECT_EQ(c.target.columns[4].min, "0");
  EXPECT_EQ(c.target.columns[4].max, "1");
  // rows + per column nulls; id, amount: min, max, sum, avg; id distinct; label min, max,
  // min_length, max_length; at, ok: min, max.
  EXPECT_EQ(c.checks.size(), 1u + 5 + 4 + 1 + 4 + 4 + 2 + 2);
}

TEST_F(ProfilePgTest, FindsDifferencesBeyondTheTolerance) {
  admin_->query("UPDATE " + schema_ + ".dst SET amount = amount + 0.01 WHERE id = 7");
  admin_->query("UPDATE " + schema_ + ".dst SET label = NULL WHERE id = 11");
  admin_->query("DELETE FROM " + schema_ + ".dst WHERE id = 999");
  ProfileComparison c = compare_profiles(*db_, *db_, request());
  EXPECT_FALSE(c.passed());
  const ProfileCheck* rows = find(c, "", "rows");
  ASSERT_NE(rows, nullptr);
  EXPECT_FALSE(rows->passed);
  EXPECT_EQ(rows->detail, "differs by 1 (0.1%), tolerance 0");
  EXPECT_FALSE(find(c, "label", "nulls")->passed);
  const ProfileCheck* sum = find(c, "amount", "sum");
  EXPECT_FALSE(sum->passed);
  EXPECT_EQ(sum->source, "500550.0000000000000000");  // the expression cents / 100.0
  EXPECT_EQ(sum->target, "499550.96");                // 999.05 deleted, 0.01 added
  EXPECT_FALSE(find(c, "id", "sum")->passed);
  EXPECT_TRUE(find(c, "id", "max")->passed);
  EXPECT_TRUE(find(c, "amount", "min")->passed);

  // With a row tolerance of 0.2% and a relative tolerance of 1%, the sums pass.
  ProfileRequest tolerant = request();
  tolerant.tolerance.row_count_relative = 0.002;
  tolerant.tolerance.relative = 0.01;
  c = compare_profiles(*db_, *db_, tolerant);
  EXPECT_TRUE(find(c, "", "rows")->passed);
  EXPECT_TRUE(find(c, "amount", "sum")->passed);
  EXPECT_TRUE(find(c, "label", "nulls")->passed);   // 1 of 1000 is within 0.2%
  EXPECT_FALSE(find(c, "id", "distinct")->passed);  // distinct counts are exact
}

TEST_F(ProfilePgTest, EmptyMapIsRefused) {
  ProfileRequest r = request();
  r.columns.clear();
  EXPECT_THROW(compare_profiles(*db_, *db_, r), Error);
}

}  // namespace
}  // namespace godwit::validation
