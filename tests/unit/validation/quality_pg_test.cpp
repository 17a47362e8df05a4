// Rules, test cases and anomalies on the fixture's real PostgreSQL: each rule kind passes
// on clean rows and fails on planted ones (regex with PostgreSQL's ~); a test case between
// PostgreSQL and SQLite ignores order and engine spellings (t/1, 1.50/1.5) and finds a
// changed value; each anomaly kind fires on planted data (quantiles by percentile_cont)
// and nothing fires on a clean copy, also through a source formula.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "connector_test_support.hpp"
#include "validation/anomalies.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/rules.hpp"
#include "validation/test_case.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

class QualityPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    schema_ = "quality_test_" + std::to_string(::getpid());
    admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    admin_->query("CREATE SCHEMA " + schema_);
    spec->read_only = true;
    spec_ = *spec;
  }
  void TearDown() override {
    if (admin_) admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  std::unique_ptr<Connector> reader() { return connect(spec_); }
  std::string t(const std::string& name) const { return schema_ + "." + name; }

  ConnectionSpec spec_;
  std::unique_ptr<Connector> admin_;
  std::string schema_;
};

void create_orders(Connector& db, const std::string& name, bool planted) {
  db.query("CREATE TABLE " + name +
           " (id bigint PRIMARY KEY, code varchar(20) NOT NULL, status text, qty int, "
           "price numeric(10,2), created_at timestamptz)");
  db.query("INSERT INTO " + name +
           " SELECT g, 'AB' || g, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END, g % 50, "
           "g * 1.5, now() - g * interval '1 minute' FROM generate_series(1, 200) g");
  if (!planted) return;
  db.query("UPDATE " + name + " SET status = NULL WHERE id IN (3, 4)");
  db.query("UPDATE " + name + " SET code = 'AB7' WHERE id IN (8, 9)");
  db.query("UPDATE " + name + " SET qty = -5 WHERE id = 10");
  db.query("UPDATE " + name + " SET qty = 500 WHERE id = 11");
  db.query("UPDATE " + name + " SET code = 'ab-12' WHERE id = 12");
  db.query("UPDATE " + name + " SET status = 'lost' WHERE id = 13");
  db.query("UPDATE " + name + " SET created_at = timestamptz '2020-01-01 00:00:00+00'");
}

TEST_F(QualityPgTest, EachRuleKindPassesOnCleanRowsAndFailsOnPlantedOnes) {
  create_orders(*admin_, t("clean_orders"), false);
  create_orders(*admin_, t("bad_orders"), true);
  auto db = reader();
  IntrospectOptions options;
  options.schemas = {schema_};
  const schema::Catalog catalog = introspect(*db, options);
  const std::string s = schema_;
  auto make = [&](std::string kind, const std::string& table, std::string column,
                  nlohmann::json params = nlohmann::json::object()) {
    Rule r;
    r.id = kind + "-rule";
    r.name = kind + " on " + column;
    r.kind = std::move(kind);
    r.table = {s, table};
    r.column = std::move(column);
    r.params = std::move(params);
    return r;
  };
  const std::vector<std::pair<std::function<Rule(const std::string&)>, std::uint64_t>> cases = {
      {[&](const std::string& n) { return make("not_null", n, "status"); }, 2},
      {[&](const std::string& n) { return make("unique", n, "code"); }, 3},
      {[&](const std::string& n) {
         // (AB7, closed) twice: ids 7 and 9; id 8 is (AB7, open).
         return make("unique", n, "code", {{"columns", {"code", "status"}}});
       },
       2},
      {[&](const std::string& n) {
         return make("range", n, "qty", {{"min", 0}, {"max", 49}});
       },
       2},
      {[&](const std::string& n) {
         return make("regex", n, "code", {{"pattern", "^AB[0-9]+$"}});
       },
       1},
      {[&](const std::string& n) {
         return make("accepted_values", n, "status", {{"values", {"open", "closed"}}});
       },
       1},
      {[&](const std::string& n) {
         return make("freshness", n, "created_at", {{"max_age_hours", 24}});
       },
       0},
      {[&](const std::string& n) {
         Rule r = make("sql", n, "");
         r.sql = "SELECT id, qty FROM " + s + "." + n + " WHERE qty NOT BETWEEN 0 AND 49";
         return r;
       },
       2},
  };
  for (const auto& [build, failed] : cases) {
    const CheckResult good = run_rule(*db, build("clean_orders"), catalog, false);
    EXPECT_EQ(good.status, CheckStatus::kPassed) << good.id << ": " << good.message;
    const CheckResult bad = run_rule(*db, build("bad_orders"), catalog, false);
    EXPECT_EQ(bad.status, CheckStatus::kFailed) << bad.id << ": " << bad.message;
    EXPECT_EQ(bad.records_failed, failed) << bad.id << ": " << bad.message;
    if (failed) {
      EXPECT_EQ(bad.records_tested, 200u) << bad.id;
      EXPECT_FALSE(bad.samples.empty()) << bad.id;
    }
  }
  const CheckResult regex = run_rule(
      *db, make("regex", "bad_orders", "code", {{"pattern", "^AB[0-9]+$"}}), catalog, true);
  EXPECT_EQ(regex.actual["evaluated_by"], "database");
  EXPECT_EQ(regex.samples[0]["code"], "ab-12");
  // A rule injected through params stays a bound value.
  const CheckResult hostile = run_rule(
      *db, make("accepted_values", "clean_orders", "status", {{"values", {"open') OR (1=1"}}}),
      catalog, false);
  EXPECT_EQ(hostile.status, CheckStatus::kFailed);
  EXPECT_EQ(hostile.records_failed, 200u);

  // Derived rules run as they are, and pass on the clean table.
  mapping::MappingDocument doc;
  for (const Rule& r : derive_rules(catalog, doc)) {
    if (r.table.back() != "clean_orders") continue;
    const CheckResult result = run_rule(*db, r, catalog, false);
    EXPECT_EQ(result.status, CheckStatus::kPassed) << r.id << ": " << result.message;
  }
}

TEST_F(QualityPgTest, TestCaseAcrossPostgresAndSqlite) {
  admin_->query("CREATE TABLE " + t("totals") + " (region text, total numeric(12,2), ok boolean)");
  admin_->query("INSERT INTO " + t("totals") +
                " VALUES ('north', 10.50, true), ('south', 7.25, false), ('east', 0, true)");
  const std::string dir = testing::make_temp_dir("godwit-quality-pg-sqlite");
  ConnectionSpec lite;
  lite.engine = Engine::kSqlite;
  lite.path = dir + "/t.db";
  std::ofstream(lite.path).flush();
  {
    ConnectionSpec writable = lite;
    writable.read_only = false;
    auto w = connect(writable);
    w->query("CREATE TABLE totals (region text, total real, ok integer)");
    w->query("INSERT INTO totals VALUES ('east', 0.0, 1), ('south', 7.25, 0), ('north', 10.5, 1)");
  }
  auto pg = reader();
  auto sq = connect(lite);
  TestCase tc;
  tc.id = "totals";
  tc.name = "totals per region";
  tc.source_query = "SELECT region, total, ok FROM " + t("totals");
  tc.target_query = "SELECT region, total, ok FROM totals";
  CheckResult r = run_test_case(*pg, *sq, tc, false);
  EXPECT_EQ(r.status, CheckStatus::kPassed) << r.message << " " << r.actual.dump();
  EXPECT_EQ(r.actual["compared_as"]["ok"], "boolean");
  {
    ConnectionSpec writable = lite;
    writable.read_only = false;
    connect(writable)->query("UPDATE totals SET total = 7.2 WHERE region = 'south'");
  }
  r = run_test_case(*pg, *sq, tc, false);
  EXPECT_EQ(r.status, CheckStatus::kFailed) << r.message;
  EXPECT_EQ(r.records_failed, 2u);
  EXPECT_EQ(r.samples[0]["row"]["total"], "9.99");  // masked 7.25
  std::filesystem::remove_all(dir);
}

void create_anomaly_tables(Connector& db, const std::string& s) {
  const std::string columns =
      " (id int PRIMARY KEY, a_null int, b_dist numeric(10,2), c_out numeric(10,2), "
      "d_trunc varchar(30), e_round numeric(12,4), f_ts timestamp, cents bigint)";
  db.query("CREATE TABLE " + s + ".src" + columns);
  db.query("INSERT INTO " + s +
           ".src SELECT n, n % 50, n % 1000, n % 100, 'customer number ' || n, "
           "(n * 7919 % 100000) / 10000.0, timestamp '2024-01-01' + n * interval '1 minute' + "
           "(n % 60) * interval '1 second', n * 37 % 10000 FROM generate_series(1, 2000) n");
  db.query("CREATE TABLE " + s + ".clean" + columns);
  db.query("INSERT INTO " + s + ".clean SELECT * FROM " + s + ".src ORDER BY id DESC");
  db.query("CREATE TABLE " + s +
           ".bad (id int PRIMARY KEY, a_null int, b_dist numeric(10,2), c_out numeric(10,2), "
           "d_trunc varchar(12), e_round numeric(12,2), f_ts timestamp, cents bigint)");
  db.query("INSERT INTO " + s +
           ".bad SELECT id, CASE WHEN id % 5 = 0 THEN NULL ELSE a_null END, b_dist * 1.5 + 200, "
           "CASE WHEN id % 400 = 0 THEN 1000000 ELSE c_out END, substr(d_trunc, 1, 12), "
           "e_round, f_ts - interval '3 hours', cents FROM " +
           s + ".src");
}

std::vector<AnomalyColumn> anomaly_columns(Connector& db, const std::string& s,
                                           const std::string& target) {
  auto col = [&](std::string name, LogicalType st, LogicalType tt) {
    AnomalyColumn c;
    c.source_table = {s, "src"};
    c.target_table = {s, target};
    c.source_column = name;
    c.target_column = name;
    c.source_type = st;
    c.target_type = tt;
    return c;
  };
  const bool bad = target == "bad";
  std::vector<AnomalyColumn> columns = {
      col("a_null", LogicalType::integer(32), LogicalType::integer(32)),
      col("b_dist", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
      col("c_out", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
      col("d_trunc", LogicalType::string(30), LogicalType::string(bad ? 12 : 30)),
      col("e_round", LogicalType::decimal(12, 4), LogicalType::decimal(12, bad ? 2 : 4)),
      col("f_ts", LogicalType::timestamp(6), LogicalType::timestamp(6))};
  // A computed column: the target's cents, compared with the source formula (equal).
  AnomalyColumn formula = col("cents", LogicalType::integer(64), LogicalType::integer(64));
  formula.source_column.clear();
  formula.source_expression = db.quote_identifier("cents") + " * 2 / 2";
  columns.push_back(formula);
  return columns;
}

TEST_F(QualityPgTest, NoAnomalyOnACleanCopy) {
  create_anomaly_tables(*admin_, schema_);
  auto db = reader();
  for (const Anomaly& a : detect_anomalies(*db, *db, anomaly_columns(*db, schema_, "clean"), {})) {
    ADD_FAILURE() << a.id << ": " << a.explanation << " " << a.evidence.dump();
  }
}

TEST_F(QualityPgTest, EachPlantedProblemIsFoundOnItsColumnOnly) {
  create_anomaly_tables(*admin_, schema_);
  auto db = reader();
  const std::vector<Anomaly> found =
      detect_anomalies(*db, *db, anomaly_columns(*db, schema_, "bad"), {});
  std::map<std::string, const Anomaly*> by_id;
  for (const Anomaly& a : found) by_id[a.id] = &a;
  const std::string b = schema_ + ".bad:";
  const std::map<std::string, std::uint64_t> expected = {
      {"null_rate_jump:" + b + "a_null", 400}, {"distribution_shift:" + b + "b_dist", 0},
      {"outlier:" + b + "c_out", 5},           {"truncated_string:" + b + "d_trunc", 2000},
      {"rounded_decimal:" + b + "e_round", 0}, {"shifted_timestamp:" + b + "f_ts", 2000}};
  for (const auto& [id, count] : expected) {
    ASSERT_TRUE(by_id.count(id)) << "not found: " << id;
    if (count) {
      EXPECT_EQ(by_id[id]->count, count) << id << ": " << by_id[id]->explanation;
    }
  }
  for (const Anomaly& a : found) {
    EXPECT_TRUE(expected.count(a.id)) << "unexpected: " << a.id << ": " << a.explanation;
  }
  EXPECT_DOUBLE_EQ(by_id["shifted_timestamp:" + b + "f_ts"]->evidence["offset_hours"].get<double>(),
                   -3.0);
  EXPECT_EQ(by_id["rounded_decimal:" + b + "e_round"]->evidence["rounding_explains_sum"], true);
  EXPECT_EQ(by_id["outlier:" + b + "c_out"]->severity, Severity::kHigh);
}

}  // namespace
}  // namespace godwit::validation
