// Rules and anomalies on the fixture's real MariaDB: regex with REGEXP in the database,
// range with bound parameters, and the anomaly detectors with quantiles by ROW_NUMBER()
// positions: each planted problem found on its column, nothing on a clean copy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>

#include "connector_test_support.hpp"
#include "validation/anomalies.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/rules.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class QualityMariaDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::mariadb_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    prefix_ = "qa" + std::to_string(::getpid()) + "_";
    drop();
    spec->read_only = true;
    spec_ = *spec;
  }
  void TearDown() override {
    if (admin_) drop();
  }
  void drop() {
    for (const char* t : {"src", "clean", "bad", "orders"}) {
      admin_->query("DROP TABLE IF EXISTS " + prefix_ + t);
    }
  }
  std::unique_ptr<Connector> reader() { return connect(spec_); }

  ConnectionSpec spec_;
  std::unique_ptr<Connector> admin_;
  std::string prefix_;
};

TEST_F(QualityMariaDbTest, RegexAndRangeRulesRunInTheDatabase) {
  const std::string t = prefix_ + "orders";
  admin_->query("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, code VARCHAR(20), qty INT)");
  admin_->query("INSERT INTO " + t + " SELECT seq, CONCAT('AB', seq), seq % 50 FROM seq_1_to_200");
  admin_->query("UPDATE " + t + " SET code = 'ab-12', qty = 77 WHERE id = 12");
  auto db = reader();
  const schema::Catalog catalog = introspect(*db);
  Rule regex;
  regex.id = "r";
  regex.name = "code shape";
  regex.kind = "regex";
  regex.table = {t};
  regex.column = "code";
  regex.params = {{"pattern", "^AB[0-9]+$"}};
  CheckResult r = run_rule(*db, regex, catalog, false);
  EXPECT_EQ(r.status, CheckStatus::kFailed) << r.message;
  EXPECT_EQ(r.records_failed, 1u);
  EXPECT_EQ(r.actual["evaluated_by"], "database");
  Rule range = regex;
  range.kind = "range";
  range.column = "qty";
  range.params = {{"min", 0}, {"max", 49}};
  r = run_rule(*db, range, catalog, false);
  EXPECT_EQ(r.status, CheckStatus::kFailed) << r.message;
  EXPECT_EQ(r.records_failed, 1u);
  range.params = {{"min", 0}, {"max", 77}};
  EXPECT_EQ(run_rule(*db, range, catalog, false).status, CheckStatus::kPassed);
}

std::vector<AnomalyColumn> columns(const std::string& prefix, const std::string& target) {
  auto col = [&](std::string name, LogicalType st, LogicalType tt) {
    AnomalyColumn c;
    c.source_table = {prefix + "src"};
    c.target_table = {prefix + target};
    c.source_column = c.target_column = std::move(name);
    c.source_type = st;
    c.target_type = tt;
    return c;
  };
  const bool bad = target == "bad";
  return {col("a_null", LogicalType::integer(32), LogicalType::integer(32)),
          col("b_dist", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
          col("c_out", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
          col("d_trunc", LogicalType::string(30), LogicalType::string(bad ? 12 : 30)),
          col("e_round", LogicalType::decimal(12, 4), LogicalType::decimal(12, bad ? 2 : 4)),
          col("f_ts", LogicalType::timestamp(6), LogicalType::timestamp(6))};
}

TEST_F(QualityMariaDbTest, PlantedAnomaliesFoundAndNoneOnACleanCopy) {
  const std::string cols =
      " (id INT PRIMARY KEY, a_null INT, b_dist DECIMAL(10,2), c_out DECIMAL(10,2), "
      "d_trunc VARCHAR(30), e_round DECIMAL(12,4), f_ts DATETIME(6))";
  admin_->query("CREATE TABLE " + prefix_ + "src" + cols);
  admin_->query("INSERT INTO " + prefix_ +
                "src SELECT seq, seq % 50, seq % 1000, seq % 100, CONCAT('customer number ', "
                "seq), (seq * 7919 % 100000) / 10000, TIMESTAMP '2024-01-01 00:00:00' + "
                "INTERVAL seq MINUTE + INTERVAL (seq % 60) SECOND FROM seq_1_to_2000");
  admin_->query("CREATE TABLE " + prefix_ + "clean" + cols);
  admin_->query("INSERT INTO " + prefix_ + "clean SELECT * FROM " + prefix_ + "src");
  admin_->query("CREATE TABLE " + prefix_ +
                "bad (id INT PRIMARY KEY, a_null INT, b_dist DECIMAL(10,2), c_out DECIMAL(10,2), "
                "d_trunc VARCHAR(12), e_round DECIMAL(12,2), f_ts DATETIME(6))");
  admin_->query("INSERT INTO " + prefix_ +
                "bad SELECT id, CASE WHEN id % 5 = 0 THEN NULL ELSE a_null END, b_dist * 1.5 + "
                "200, CASE WHEN id % 400 = 0 THEN 1000000 ELSE c_out END, SUBSTRING(d_trunc, 1, "
                "12), ROUND(e_round, 2), f_ts + INTERVAL 1 HOUR FROM " +
                prefix_ + "src");
  auto db = reader();
  for (const Anomaly& a : detect_anomalies(*db, *db, columns(prefix_, "clean"), {})) {
    ADD_FAILURE() << a.id << ": " << a.explanation << " " << a.evidence.dump();
  }
  const std::vector<Anomaly> found = detect_anomalies(*db, *db, columns(prefix_, "bad"), {});
  std::map<std::string, const Anomaly*> by_id;
  for (const Anomaly& a : found) by_id[a.id] = &a;
  const std::string b = prefix_ + "bad:";
  for (const std::string& id :
       {"null_rate_jump:" + b + "a_null", "distribution_shift:" + b + "b_dist",
        "outlier:" + b + "c_out", "truncated_string:" + b + "d_trunc",
        "rounded_decimal:" + b + "e_round", "shifted_timestamp:" + b + "f_ts"}) {
    EXPECT_TRUE(by_id.count(id)) << "not found: " << id;
  }
  EXPECT_EQ(found.size(), 6u);
  ASSERT_TRUE(by_id.count("shifted_timestamp:" + b + "f_ts"));
  EXPECT_DOUBLE_EQ(by_id["shifted_timestamp:" + b + "f_ts"]->evidence["offset_hours"].get<double>(),
                   1.0);
  ASSERT_TRUE(by_id.count("outlier:" + b + "c_out"));
  EXPECT_EQ(by_id["outlier:" + b + "c_out"]->count, 5u);
}

}  // namespace
}  // namespace godwit::validation
