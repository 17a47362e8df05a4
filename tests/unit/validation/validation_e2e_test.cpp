// End to end: a real MariaDB source holding a Sakila subset (the corpus's own CREATE TABLE
// statements for actor, customer and payment) with generated rows, a real PostgreSQL
// target holding the same rows (the CTest fixtures), both catalogs read by live
// introspection, and an approved mapping. Planted differences in the target (a changed
// value, missing rows, an extra row, a rounded decimal, a shifted time zone, orphans) must
// each be found and explained, and nothing else may be reported.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "connector_test_support.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/run.hpp"

namespace godwit::validation {
namespace {

using mapping::MappingStatus;

std::filesystem::path sakila_schema() {
  const char* env = std::getenv("GODWIT_SHARED");
  const std::filesystem::path shared = env != nullptr && *env ? env : GODWIT_TEST_SHARED_DIR;
  return shared / "corpora/ddl/gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql";
}

/// The corpus's CREATE TABLE statement of `table`, up to its semicolon.
std::string create_statement(const std::string& script, const std::string& table) {
  const auto start = script.find("CREATE TABLE " + table + " (");
  if (start == std::string::npos) return {};
  return script.substr(start, script.find(';', start) - start);
}

class ValidationE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(sakila_schema());
    if (!in)
      GTEST_SKIP() << "the Sakila corpus is not at " << sakila_schema()
                   << " (set GODWIT_SHARED to the shared data directory)";
    std::ostringstream text;
    text << in.rdbuf();
    script_ = text.str();

    std::string why;
    auto maria = testing::mariadb_spec(&why);
    ASSERT_TRUE(maria.has_value()) << why;
    auto pg = testing::postgres_spec(&why);
    ASSERT_TRUE(pg.has_value()) << why;
    name_ = "vale2e_" + std::to_string(::getpid());
    maria->read_only = false;
    pg->read_only = false;
    maria_root_ = connect(*maria);
    maria_root_->query("DROP DATABASE IF EXISTS " + name_);
    maria_root_->query("CREATE DATABASE " + name_);
    maria->database = name_;
    maria_admin_ = connect(*maria);
    pg_admin_ = connect(*pg);
    pg_admin_->query("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    pg_admin_->query("CREATE SCHEMA " + name_);
    maria->read_only = true;
    pg->read_only = true;
    source_ = connect(*maria);
    target_ = connect(*pg);
  }
  void TearDown() override {
    if (maria_root_) maria_root_->query("DROP DATABASE IF EXISTS " + name_);
    if (pg_admin_) pg_admin_->query("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  }

  void load_source() {
    // The corpus tables reference address, store, rental and staff, which are not loaded.
    maria_admin_->query("SET SESSION foreign_key_checks = 0");
    for (const char* table : {"actor", "customer", "payment"}) {
      const std::string statement = create_statement(script_, table);
      ASSERT_FALSE(statement.empty()) << "no CREATE TABLE " << table << " in the corpus";
      maria_admin_->query(statement);
    }
    maria_admin_->query(
        "INSERT INTO actor SELECT seq, CONCAT('First', seq), CONCAT('LAST', seq % 50), "
        "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_200");
    maria_admin_->query(
        "INSERT INTO customer SELECT seq, 1 + seq % 2, CONCAT('Ann', seq), CONCAT('Lee', seq), "
        "CASE WHEN seq % 10 = 0 THEN NULL ELSE CONCAT('c', seq, '@example.org') END, seq, "
        "seq % 7 <> 0, TIMESTAMP '2023-06-01 08:00:00' + INTERVAL seq HOUR, "
        "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_300");
    maria_admin_->query(
        "INSERT INTO payment SELECT seq, 1 + seq % 300, 1 + seq % 2, seq, (seq * 37 % 1000) / "
        "100.0, TIMESTAMP '2024-02-01 00:00:00' + INTERVAL seq * 17 MINUTE, "
        "TIMESTAMP '2024-03-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_3000");
  }

  void load_target() {
    const std::string s = name_ + ".";
    pg_admin_->query("CREATE TABLE " + s +
                     "actor (actor_id integer PRIMARY KEY, first_name varchar(45) NOT NULL, "
                     "last_name varchar(45) NOT NULL, last_update timestamp NOT NULL, "
                     "full_name varchar(91))");
    pg_admin_->query("CREATE TABLE " + s +
                     "customer (customer_id integer PRIMARY KEY, store_id integer NOT NULL, "
                     "first_name varchar(45) NOT NULL, last_name varchar(45) NOT NULL, email "
                     "varchar(50), address_id integer NOT NULL, active boolean NOT NULL, "
                     "create_date timestamp NOT NULL, last_update timestamp)");
    pg_admin_->query("CREATE TABLE " + s +
                     "payment (payment_id integer PRIMARY KEY, customer_id integer NOT NULL, "
                     "staff_id integer NOT NULL, rental_id integer, amount numeric(5,2) NOT NULL, "
                     "payment_date timestamp NOT NULL, last_update timestamp)");
    pg_admin_->query("INSERT INTO " + s +
                     "actor SELECT g, 'First' || g, 'LAST' || (g % 50), timestamp '2024-01-01 "
                     "00:00:00' + g * interval '1 minute', 'First' || g || ' LAST' || (g % 50) "
                     "FROM generate_series(1, 200) g");
    pg_admin_->query(
        "INSERT INTO " + s +
        "customer SELECT g, 1 + g % 2, 'Ann' || g, 'Lee' || g, CASE WHEN g % 10 = 0 THEN NULL "
        "ELSE 'c' || g || '@example.org' END, g, g % 7 <> 0, timestamp '2023-06-01 08:00:00' + "
        "g * interval '1 hour', timestamp '2024-01-01 00:00:00' + g * interval '1 minute' FROM "
        "generate_series(1, 300) g");
    pg_admin_->query("INSERT INTO " + s +
                     "payment SELECT g, 1 + g % 300, 1 + g % 2, g, (g * 37 % 1000) / 100.0, "
                     "timestamp '2024-02-01 00:00:00' + g * 17 * interval '1 minute', timestamp "
                     "'2024-03-01 00:00:00' + g * interval '1 second' FROM generate_series(1, "
                     "3000) g");
  }

  void plant_differences() {
    const std::string s = name_ + ".";
    // A changed value.
    pg_admin_->query("UPDATE " + s + "actor SET first_name = 'Changed' WHERE actor_id = 7");
    // A computed column (first_name || ' ' || last_name) loaded wrong in one row: found by
    // its key through the formula evaluated on the source.
    pg_admin_->query("UPDATE " + s + "actor SET full_name = 'Nine Wrong' WHERE actor_id = 9");
    // Missing rows (whose payments become orphans) and an extra row.
    pg_admin_->query("DELETE FROM " + s + "customer WHERE customer_id IN (11, 12)");
    pg_admin_->query("INSERT INTO " + s +
                     "customer VALUES (1001, 1, 'New', 'Person', NULL, 1, true, "
                     "'2024-05-01 00:00:00', NULL)");
    // A time zone shift: loaded as if 08:00 local were UTC+02:00.
    pg_admin_->query("UPDATE " + s +
                     "customer SET create_date = create_date + interval '2 hours' WHERE "
                     "customer_id = 20");
    // A rounded decimal: 1.87 loaded as 1.90.
    pg_admin_->query("UPDATE " + s +
                     "payment SET amount = round(amount, 1) WHERE payment_id = 951");
    // The foreign key the migration created without checking the rows it had loaded.
    pg_admin_->query("ALTER TABLE " + s +
                     "payment ADD CONSTRAINT fk_payment_customer FOREIGN KEY (customer_id) "
                     "REFERENCES " +
                     s + "customer (customer_id) NOT VALID");
  }

  mapping::MappingDocument document() {
    mapping::MappingDocument d;
    d.source.dialect = "mysql";
    d.target.dialect = "postgres";
    d.formula_dialect = "postgres";
    const std::map<std::string, std::vector<std::string>> columns = {
        {"actor", {"actor_id", "first_name", "last_name", "last_update"}},
        {"customer",
         {"customer_id", "store_id", "first_name", "last_name", "email", "address_id", "active",
          "create_date", "last_update"}},
        {"payment",
         {"payment_id", "customer_id", "staff_id", "rental_id", "amount", "payment_date",
          "last_update"}}};
    for (const auto& [table, names] : columns) {
      mapping::TableMapping t;
      t.source_tables = {name_ + "." + table};
      t.target_table = name_ + "." + table;
      t.id = mapping::table_mapping_id(t.source_tables, t.target_table);
      t.status = MappingStatus::kApproved;
      d.tables.push_back(t);
      for (const std::string& column : names) {
        mapping::FieldMapping f;
        f.sources = {{t.source_tables[0], column}};
        f.target = {t.target_table, column};
        f.id = mapping::field_mapping_id(f.sources, f.target);
        f.status = MappingStatus::kApproved;
        d.fields.push_back(f);
      }
    }
    // A computed column: the formula (PostgreSQL) becomes CONCAT on the MariaDB source.
    mapping::FieldMapping full;
    full.sources = {{name_ + ".actor", "first_name"}, {name_ + ".actor", "last_name"}};
    full.target = {name_ + ".actor", "full_name"};
    full.id = mapping::field_mapping_id(full.sources, full.target);
    full.transformation = mapping::Transformation::kConcatenated;
    full.formula = "first_name || ' ' || last_name";
    full.status = MappingStatus::kApproved;
    d.fields.push_back(full);
    return d;
  }

  ValidationReport run() {
    IntrospectOptions io;
    io.schemas = {name_};
    source_catalog_ = introspect(*source_, io);
    target_catalog_ = introspect(*target_, io);
    document_ = document();
    ValidationInputs inputs;
    inputs.source = &source_catalog_;
    inputs.target = &target_catalog_;
    inputs.mapping = &document_;
    inputs.options.allow_sample_values = true;
    // The rules Godwit derives from the target catalog (NOT NULL, keys) run too.
    inputs.rules = derive_rules(target_catalog_, document_);
    return run_validation(*source_, *target_, inputs);
  }

  std::string script_, name_;
  std::unique_ptr<Connector> maria_root_, maria_admin_, pg_admin_, source_, target_;
  schema::Catalog source_catalog_, target_catalog_;
  mapping::MappingDocument document_;
};

std::string describe(const ValidationReport& r) {
  std::string out;
  for (const CheckResult& c : r.checks)
    if (c.status != CheckStatus::kPassed)
      out += std::string(to_string(c.status)) + " " + c.id + ": " + c.message + "\n";
  for (const Anomaly& a : r.anomalies) out += "anomaly " + a.id + ": " + a.explanation + "\n";
  for (const Diagnostic& d : r.diagnostics) out += "note: " + d.message + "\n";
  return out;
}

TEST_F(ValidationE2eTest, EqualDataAcrossEnginesReportsNothing) {
  load_source();
  load_target();
  const ValidationReport r = run();
  EXPECT_TRUE(r.passed()) << describe(r);
  EXPECT_EQ(r.checks_skipped, 0u) << describe(r);
  EXPECT_EQ(r.source_engine, "mariadb");
  EXPECT_TRUE(r.anomalies.empty()) << describe(r);
  std::size_t rules = 0;
  for (const CheckResult& c : r.checks) rules += c.kind == CheckKind::kRule ? 1 : 0;
  EXPECT_GT(rules, 0u) << describe(r);
  EXPECT_GE(r.records_tested, 3500u);
  EXPECT_GE(r.checks_passed, 3u * 5u);
}

TEST_F(ValidationE2eTest, EveryPlantedDifferenceIsFoundExplainedAndNothingElse) {
  load_source();
  load_target();
  plant_differences();
  const ValidationReport r = run();
  const std::string actor = name_ + ".actor", customer = name_ + ".customer",
                    payment = name_ + ".payment";
  std::map<std::string, const CheckResult*> failed;
  for (const CheckResult& c : r.checks) {
    EXPECT_NE(c.status, CheckStatus::kError) << c.id << ": " << c.message;
    if (c.status == CheckStatus::kFailed) failed[c.id] = &c;
  }
  // Found and explained.
  ASSERT_TRUE(failed.count("keyed_diff:" + actor)) << describe(r);
  const CheckResult& a = *failed["keyed_diff:" + actor];
  EXPECT_EQ(a.records_failed, 2u);
  EXPECT_NE(a.message.find("2 changed; first_name: value differs, changed (1 row"),
            std::string::npos)
      << a.message;
  EXPECT_NE(a.message.find("full_name: value differs"), std::string::npos) << a.message;
  ASSERT_EQ(a.samples.size(), 2u);
  EXPECT_EQ(a.samples.at(0)["key"]["actor_id"], "7");
  EXPECT_EQ(a.samples.at(1)["key"]["actor_id"], "9");
  EXPECT_EQ(a.samples.at(1)["columns"].at(0)["column"], "full_name");
  EXPECT_EQ(a.samples.at(1)["columns"].at(0)["source"], "First9 LAST9");
  EXPECT_EQ(a.samples.at(1)["columns"].at(0)["target"], "Nine Wrong");

  ASSERT_TRUE(failed.count("keyed_diff:" + customer)) << describe(r);
  const CheckResult& c = *failed["keyed_diff:" + customer];
  EXPECT_EQ(c.records_failed, 4u);
  EXPECT_NE(c.message.find("2 missing in the target, 1 extra in the target, 1 changed"),
            std::string::npos)
      << c.message;
  EXPECT_NE(c.message.find("create_date: value differs, time_zone_shift"), std::string::npos)
      << c.message;
  EXPECT_NE(c.message.find("shifted by +02:00"), std::string::npos) << c.message;
  ASSERT_TRUE(failed.count("row_count:" + customer)) << describe(r);
  EXPECT_NE(failed["row_count:" + customer]->message.find("1 fewer than the source"),
            std::string::npos)
      << failed["row_count:" + customer]->message;

  ASSERT_TRUE(failed.count("keyed_diff:" + payment)) << describe(r);
  const CheckResult& p = *failed["keyed_diff:" + payment];
  EXPECT_EQ(p.records_failed, 1u);
  EXPECT_NE(p.message.find("amount: value differs, rounded"), std::string::npos) << p.message;
  EXPECT_NE(p.message.find("1.87 -> 1.90"), std::string::npos) << p.message;

  ASSERT_TRUE(failed.count("orphans:" + payment + ":fk_payment_customer")) << describe(r);
  const CheckResult& o = *failed["orphans:" + payment + ":fk_payment_customer"];
  EXPECT_EQ(o.records_failed, 20u);  // the payments of customers 11 and 12
  EXPECT_EQ(o.samples.at(0)["customer_id"], "11");
  EXPECT_EQ(o.samples.at(1)["customer_id"], "12");

  // Nothing else: the only other failures are aggregates of the columns the planted rows
  // moved (sums, nulls and lengths of customer's columns; payment.amount's sum).
  for (const auto& [id, check] : failed) {
    const bool planted = id == "keyed_diff:" + actor || id == "keyed_diff:" + customer ||
                         id == "row_count:" + customer || id == "keyed_diff:" + payment ||
                         id == "orphans:" + payment + ":fk_payment_customer";
    const bool moved_aggregate = id.rfind("aggregate:" + customer + ":", 0) == 0 ||
                                 id == "aggregate:" + payment + ":amount" ||
                                 id == "aggregate:" + actor + ":first_name" ||
                                 id == "aggregate:" + actor + ":full_name";
    EXPECT_TRUE(planted || moved_aggregate)
        << "unexpected failure " << id << ": " << check->message;
  }
  EXPECT_TRUE(failed.count("aggregate:" + payment + ":amount"));
  // Anomalies, when the detectors see any, are about the planted columns only.
  for (const Anomaly& an : r.anomalies) {
    const std::string column = an.target_table + "." + an.target_column;
    EXPECT_TRUE(an.target_table == customer || column == actor + ".first_name" ||
                column == actor + ".full_name" || column == payment + ".amount" ||
                column == payment + ".customer_id")
        << "unexpected anomaly " << an.id << ": " << an.explanation;
  }
  // Everything row-level counted: 200 + 301 + 3000 rows tested, 2 + 4 + 1 failed.
  EXPECT_GE(r.records_tested, 3501u);
  EXPECT_EQ(r.records_failed, 7u);
  EXPECT_FALSE(r.passed());
}

}  // namespace
}  // namespace godwit::validation
