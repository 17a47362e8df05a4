// Rules, test cases and anomalies on real SQLite files: each rule kind passes on clean
// rows and fails on planted ones (regex evaluated by Godwit, SQLite has no REGEXP); a
// test case passes with reordered rows and fails with a changed value; each anomaly kind
// fires on planted data and nothing fires on a clean copy.
#include <gtest/gtest.h>

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

class QualitySqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("godwit-quality-sqlite");
    spec_.engine = Engine::kSqlite;
    spec_.path = dir_ + "/q.db";
    std::ofstream(spec_.path).flush();
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    admin_ = connect(writable);
  }
  void TearDown() override {
    admin_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Connector> reader() { return connect(spec_); }

  std::string dir_;
  ConnectionSpec spec_;
  std::unique_ptr<Connector> admin_;
};

// ---------------------------------------------------------------------------------------
// Rules

void create_orders(Connector& db, const std::string& name, bool planted) {
  db.query("CREATE TABLE " + name +
           " (id integer PRIMARY KEY, code text NOT NULL, status text, qty integer, "
           "price real, created_at text)");
  db.query("INSERT INTO " + name +
           " WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 200) "
           "SELECT n, 'AB' || n, CASE WHEN n % 2 = 0 THEN 'open' ELSE 'closed' END, n % 50, "
           "n * 1.5, datetime('now', '-' || n || ' minutes') FROM g");
  if (!planted) return;
  db.query("UPDATE " + name + " SET status = NULL WHERE id IN (3, 4)");
  db.query("UPDATE " + name + " SET code = 'AB7' WHERE id IN (8, 9)");  // 3 rows share AB7
  db.query("UPDATE " + name + " SET qty = -5 WHERE id = 10");
  db.query("UPDATE " + name + " SET qty = 500 WHERE id = 11");
  db.query("UPDATE " + name + " SET code = 'ab-12' WHERE id = 12");
  db.query("UPDATE " + name + " SET status = 'lost' WHERE id = 13");
  db.query("UPDATE " + name + " SET created_at = '2020-01-01 00:00:00'");
}

Rule make(std::string kind, std::string table, std::string column, nlohmann::json params = {}) {
  Rule r;
  r.id = kind + "-rule";
  r.name = kind + " on " + column;
  r.kind = std::move(kind);
  r.table = {std::move(table)};
  r.column = std::move(column);
  r.params = params.is_null() ? nlohmann::json::object() : std::move(params);
  r.origin = "person";
  return r;
}

TEST_F(QualitySqliteTest, EachRuleKindPassesOnCleanRowsAndFailsOnPlantedOnes) {
  create_orders(*admin_, "clean_orders", false);
  create_orders(*admin_, "bad_orders", true);
  auto db = reader();
  const schema::Catalog catalog = introspect(*db);
  const std::vector<std::pair<std::function<Rule(const std::string&)>, std::uint64_t>> cases = {
      {[](const std::string& t) { return make("not_null", t, "status"); }, 2},
      {[](const std::string& t) { return make("unique", t, "code"); }, 3},
      {[](const std::string& t) {
         return make("range", t, "qty", {{"min", 0}, {"max", 49}});
       },
       2},
      {[](const std::string& t) {
         return make("regex", t, "code", {{"pattern", "^AB[0-9]+$"}});
       },
       1},
      {[](const std::string& t) {
         return make("accepted_values", t, "status", {{"values", {"open", "closed"}}});
       },
       1},
      {[](const std::string& t) {
         Rule r = make("sql", t, "");
         r.sql = "SELECT id, qty FROM " + t + " WHERE qty < 0 OR qty > 49;";
         return r;
       },
       2},
  };
  for (const auto& [build, failed] : cases) {
    const CheckResult good = run_rule(*db, build("clean_orders"), catalog, false);
    EXPECT_EQ(good.status, CheckStatus::kPassed) << good.id << ": " << good.message;
    EXPECT_EQ(good.records_failed, 0u) << good.id;
    EXPECT_EQ(good.records_tested, 200u) << good.id;
    const CheckResult bad = run_rule(*db, build("bad_orders"), catalog, false);
    EXPECT_EQ(bad.status, CheckStatus::kFailed) << bad.id << ": " << bad.message;
    EXPECT_EQ(bad.records_failed, failed) << bad.id << ": " << bad.message;
    EXPECT_FALSE(bad.samples.empty()) << bad.id;
    EXPECT_LE(bad.samples.size(), 5u);
  }
  const CheckResult regex = run_rule(
      *db, make("regex", "bad_orders", "code", {{"pattern", "^AB[0-9]+$"}}), catalog, false);
  EXPECT_EQ(regex.actual["evaluated_by"], "godwit");
  EXPECT_NE(regex.message.find("SQLite has no REGEXP"), std::string::npos) << regex.message;
  EXPECT_EQ(regex.samples[0]["value"], "xx-99");  // masked: 'ab-12'
  const CheckResult shown = run_rule(
      *db, make("regex", "bad_orders", "code", {{"pattern", "^AB[0-9]+$"}}), catalog, true);
  EXPECT_EQ(shown.samples[0]["value"], "ab-12");

  const Rule fresh = make("freshness", "clean_orders", "created_at", {{"max_age_hours", 24}});
  EXPECT_EQ(run_rule(*db, fresh, catalog, false).status, CheckStatus::kPassed);
  const CheckResult stale = run_rule(
      *db, make("freshness", "bad_orders", "created_at", {{"max_age_hours", 24}}), catalog, false);
  EXPECT_EQ(stale.status, CheckStatus::kFailed) << stale.message;
  EXPECT_GT(stale.actual["age_hours"].get<double>(), 24 * 365);
}

TEST_F(QualitySqliteTest, AnInvalidRuleOrAFailingQueryIsAnErrorResultNotAThrow) {
  create_orders(*admin_, "clean_orders", false);
  auto db = reader();
  const schema::Catalog catalog = introspect(*db);
  Rule dml = make("sql", "clean_orders", "");
  dml.sql = "DELETE FROM clean_orders";
  CheckResult r = run_rule(*db, dml, catalog, false);
  EXPECT_EQ(r.status, CheckStatus::kError);
  EXPECT_NE(r.message.find("not a SELECT"), std::string::npos) << r.message;
  Rule unknown = make("sql", "clean_orders", "");
  unknown.sql = "SELECT nope FROM clean_orders";
  r = run_rule(*db, unknown, catalog, false);
  EXPECT_EQ(r.status, CheckStatus::kError);
  EXPECT_NE(r.message.find("nope"), std::string::npos) << r.message;
  Rule disabled = make("not_null", "clean_orders", "status");
  disabled.enabled = false;
  EXPECT_EQ(run_rule(*db, disabled, catalog, false).status, CheckStatus::kSkipped);
}

// ---------------------------------------------------------------------------------------
// Test cases

TEST_F(QualitySqliteTest, TestCaseIgnoresOrderAndFindsAChangedValue) {
  admin_->query("CREATE TABLE a (id integer, amount numeric, flag integer, at text, label text)");
  admin_->query("CREATE TABLE b (id integer, amount numeric, flag integer, at text, label text)");
  admin_->query(
      "INSERT INTO a VALUES (1, 1.5, 1, '2024-01-01 10:00:00', 'x'), (2, 2.25, 0, "
      "'2024-01-02 10:00:00', 'y'), (3, 3, 1, '2024-01-03 10:00:00', 'z'), (3, 3, 1, "
      "'2024-01-03 10:00:00', 'z')");
  // Reordered, decimals written differently, ISO 'T' and fractional zeros, CHAR padding.
  admin_->query(
      "INSERT INTO b VALUES (3, 3.0, 1, '2024-01-03T10:00:00.000', 'z'), (2, 2.250, 0, "
      "'2024-01-02 10:00:00', 'y  '), (3, 3, 1, '2024-01-03 10:00:00', 'z'), (1, 1.50, 1, "
      "'2024-01-01 10:00:00', 'x')");
  auto db = reader();
  TestCase t;
  t.id = "t1";
  t.name = "orders match";
  t.source_query = "SELECT id, amount, flag, at, label FROM a";
  t.target_query = "SELECT id, amount, flag, at, label FROM b;";
  CheckResult r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kPassed) << r.message;
  EXPECT_EQ(r.actual["matched"], 4);

  t.ordered = true;
  t.source_query = "SELECT id, amount FROM a ORDER BY id";
  t.target_query = "SELECT id, amount FROM b ORDER BY id DESC";
  r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kFailed) << r.message;

  t.ordered = false;
  t.source_query = "SELECT id, amount, flag, at, label FROM a";
  t.target_query = "SELECT id, amount, flag, at, label FROM b";
  admin_->query("UPDATE b SET amount = 2.26 WHERE id = 2");
  r = run_test_case(*db, *db, t, true);
  EXPECT_EQ(r.status, CheckStatus::kFailed) << r.message;
  EXPECT_EQ(r.actual["missing"], 1);
  EXPECT_EQ(r.actual["extra"], 1);
  EXPECT_EQ(r.actual["matched"], 3);
  ASSERT_EQ(r.samples.size(), 2u);
  EXPECT_EQ(r.samples[0]["side"], "source");
  EXPECT_EQ(r.samples[0]["row"]["amount"], "2.25");
  EXPECT_EQ(r.samples[1]["row"]["amount"], "2.26");

  t.numeric_tolerance = 0.02;  // now within the tolerance
  r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kPassed) << r.message;
  EXPECT_EQ(r.actual["matched_within_tolerance"], 1);

  t.numeric_tolerance = 0;
  t.max_rows = 3;
  r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kError);
  EXPECT_NE(r.message.find("more than max_rows (3)"), std::string::npos) << r.message;

  t.max_rows = 100;
  t.target_query = "SELECT id FROM b";
  r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kError);
  EXPECT_NE(r.message.find("5 columns"), std::string::npos) << r.message;

  t.target_query = "UPDATE b SET id = 0";
  r = run_test_case(*db, *db, t, false);
  EXPECT_EQ(r.status, CheckStatus::kError);
}

// ---------------------------------------------------------------------------------------
// Anomalies

/// The source and two targets: a clean copy and one with a planted problem per column.
void create_anomaly_tables(Connector& db) {
  const std::string rows =
      " WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 2000) ";
  const std::string columns =
      " (id integer PRIMARY KEY, a_null integer, b_dist numeric(10,2), c_out numeric(10,2), "
      "d_trunc varchar(30), e_round numeric(12,4), f_ts timestamp, g_fit varchar(5))";
  db.query("CREATE TABLE src" + columns);
  db.query("INSERT INTO src" + rows +
           "SELECT n, n % 50, n % 1000, n % 100, 'customer number ' || n, "
           "(n * 7919 % 100000) / 10000.0, datetime('2024-01-01', '+' || n || ' minutes', '+' "
           "|| (n % 60) || ' seconds'), 'ab' || (n % 100) FROM g");
  db.query("CREATE TABLE clean" + columns);
  db.query("INSERT INTO clean SELECT * FROM src ORDER BY id DESC");
  const std::string bad_columns =
      " (id integer PRIMARY KEY, a_null integer, b_dist numeric(10,2), c_out numeric(10,2), "
      "d_trunc varchar(12), e_round numeric(12,2), f_ts timestamp, g_fit varchar(5))";
  db.query("CREATE TABLE bad" + bad_columns);
  db.query(
      "INSERT INTO bad SELECT id, CASE WHEN id % 5 = 0 THEN NULL ELSE a_null END, "
      "b_dist * 1.5 + 200, CASE WHEN id % 400 = 0 THEN 1000000 ELSE c_out END, "
      "substr(d_trunc, 1, 12), round(e_round, 2), datetime(f_ts, '+2 hours'), "
      "CASE WHEN id % 10 = 0 THEN g_fit || 'xyz' ELSE g_fit END FROM src");
}

std::vector<AnomalyColumn> anomaly_columns(const std::string& target) {
  auto col = [&](std::string name, LogicalType s, LogicalType t) {
    AnomalyColumn c;
    c.source_table = {"src"};
    c.target_table = {target};
    c.source_column = name;
    c.target_column = name;
    c.source_type = s;
    c.target_type = t;
    c.mapping_ids = {"fm-" + name};
    return c;
  };
  const bool bad = target == "bad";
  return {col("a_null", LogicalType::integer(32), LogicalType::integer(32)),
          col("b_dist", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
          col("c_out", LogicalType::decimal(10, 2), LogicalType::decimal(10, 2)),
          col("d_trunc", LogicalType::string(30), LogicalType::string(bad ? 12 : 30)),
          col("e_round", LogicalType::decimal(12, 4), LogicalType::decimal(12, bad ? 2 : 4)),
          col("f_ts", LogicalType::timestamp(), LogicalType::timestamp()),
          col("g_fit", LogicalType::string(5), LogicalType::string(5))};
}

TEST_F(QualitySqliteTest, NoAnomalyOnACleanCopy) {
  create_anomaly_tables(*admin_);
  auto db = reader();
  const std::vector<Anomaly> found = detect_anomalies(*db, *db, anomaly_columns("clean"), {});
  for (const Anomaly& a : found)
    ADD_FAILURE() << a.id << ": " << a.explanation << " " << a.evidence.dump();
}

TEST_F(QualitySqliteTest, EachPlantedProblemIsFoundOnItsColumnOnly) {
  create_anomaly_tables(*admin_);
  auto db = reader();
  const std::vector<Anomaly> found = detect_anomalies(*db, *db, anomaly_columns("bad"), {});
  std::map<std::string, const Anomaly*> by_id;
  for (const Anomaly& a : found) by_id[a.id] = &a;
  const std::map<std::string, std::uint64_t> expected = {{"null_rate_jump:bad:a_null", 400},
                                                         {"distribution_shift:bad:b_dist", 0},
                                                         {"outlier:bad:c_out", 5},
                                                         {"truncated_string:bad:d_trunc", 2000},
                                                         {"rounded_decimal:bad:e_round", 0},
                                                         {"shifted_timestamp:bad:f_ts", 2000},
                                                         {"constraint_violation:bad:g_fit", 200}};
  for (const auto& [id, count] : expected) {
    ASSERT_TRUE(by_id.count(id)) << "not found: " << id;
    if (count) {
      EXPECT_EQ(by_id[id]->count, count) << id << ": " << by_id[id]->explanation;
    }
    EXPECT_FALSE(by_id[id]->explanation.empty());
    EXPECT_TRUE(by_id[id]->masked);
  }
  for (const Anomaly& a : found) {
    EXPECT_TRUE(expected.count(a.id)) << "unexpected: " << a.id << ": " << a.explanation;
  }
  const Anomaly& shifted = *by_id["shifted_timestamp:bad:f_ts"];
  EXPECT_DOUBLE_EQ(shifted.evidence["offset_hours"].get<double>(), 2.0);
  const Anomaly& rounded = *by_id["rounded_decimal:bad:e_round"];
  EXPECT_EQ(rounded.evidence["target_decimals"], 2);
  EXPECT_EQ(rounded.evidence["rounding_explains_sum"], true);
  const Anomaly& out = *by_id["outlier:bad:c_out"];
  EXPECT_EQ(out.evidence["source_outliers"], 0);
  ASSERT_FALSE(out.samples.empty());
  EXPECT_EQ(out.samples[0]["c_out"], "9999999");  // masked 1000000
  EXPECT_GT(by_id["distribution_shift:bad:b_dist"]->evidence["ks_statistic"].get<double>(), 0.1);
}

}  // namespace
}  // namespace godwit::validation
