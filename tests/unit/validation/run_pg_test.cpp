// run_validation on the fixture's real PostgreSQL (source and target schemas in one
// database, read back by live introspection): every check derived from the mapping passes
// on equal data; planted differences fail exactly the checks they should, each with a
// sentence that explains it; a failing query is a kError check, never a throw; progress
// and cancellation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <set>

#include "connector_test_support.hpp"
#include "core/error.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/run.hpp"

namespace godwit::validation {
namespace {

using mapping::MappingStatus;
using mapping::Transformation;

class RunPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    src_ = "vrun_src_" + std::to_string(::getpid());
    dst_ = "vrun_dst_" + std::to_string(::getpid());
    for (const std::string& s : {src_, dst_}) {
      admin_->query("DROP SCHEMA IF EXISTS " + s + " CASCADE");
      admin_->query("CREATE SCHEMA " + s);
    }
    admin_->query("CREATE TABLE " + src_ +
                  ".customers (id int PRIMARY KEY, name varchar(40), cents bigint, code char(1))");
    admin_->query("INSERT INTO " + src_ +
                  ".customers SELECT g, 'name ' || g, g * 101, CASE WHEN g % 2 = 0 THEN 'P' ELSE "
                  "'C' END FROM generate_series(1, 500) g");
    admin_->query("CREATE TABLE " + src_ +
                  ".orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2))");
    admin_->query(
        "INSERT INTO " + src_ +
        ".orders SELECT g, 1 + g % 500, (g % 1000) / 7.0 FROM generate_series(1, 2000) g");
    admin_->query("CREATE TABLE " + dst_ +
                  ".customer (customer_id bigint PRIMARY KEY, full_name text, balance "
                  "numeric(12,2), kind text)");
    admin_->query("INSERT INTO " + dst_ +
                  ".customer SELECT id, name, cents / 100.0, CASE code WHEN 'P' THEN 'person' "
                  "ELSE 'company' END FROM " +
                  src_ + ".customers");
    admin_->query("CREATE TABLE " + dst_ +
                  ".sale (sale_id bigint PRIMARY KEY, customer_id bigint REFERENCES " + dst_ +
                  ".customer, amount numeric(10,2))");
    admin_->query("INSERT INTO " + dst_ + ".sale SELECT id, customer_id, amount FROM " + src_ +
                  ".orders");
    spec->read_only = true;
    source_ = connect(*spec);
    target_ = connect(*spec);
    document_ = make_document();
  }
  void TearDown() override {
    if (!admin_) return;
    for (const std::string& s : {src_, dst_})
      admin_->query("DROP SCHEMA IF EXISTS " + s + " CASCADE");
  }

  mapping::FieldMapping field(std::string id, std::string table, std::string column,
                              std::string target_table, std::string target_column,
                              std::string formula = {}) {
    mapping::FieldMapping f;
    f.id = std::move(id);
    f.sources = {{src_ + "." + table, std::move(column)}};
    f.target = {dst_ + "." + target_table, std::move(target_column)};
    f.transformation = formula.empty() ? Transformation::kDirect : Transformation::kComputed;
    f.formula = std::move(formula);
    f.status = MappingStatus::kApproved;
    return f;
  }

  mapping::MappingDocument make_document() {
    mapping::MappingDocument d;
    d.source.dialect = "postgres";
    d.target.dialect = "postgres";
    d.formula_dialect = "postgres";
    mapping::TableMapping c, s;
    c.id = "tm-customer";
    c.source_tables = {src_ + ".customers"};
    c.target_table = dst_ + ".customer";
    c.status = MappingStatus::kApproved;
    s.id = "tm-sale";
    s.source_tables = {src_ + ".orders"};
    s.target_table = dst_ + ".sale";
    s.status = MappingStatus::kApproved;
    d.tables = {c, s};
    d.fields = {field("fm-id", "customers", "id", "customer", "customer_id"),
                field("fm-name", "customers", "name", "customer", "full_name"),
                field("fm-balance", "customers", "cents", "customer", "balance", "cents / 100.0"),
                field("fm-sale-id", "orders", "id", "sale", "sale_id"),
                field("fm-sale-customer", "orders", "customer_id", "sale", "customer_id"),
                field("fm-amount", "orders", "amount", "sale", "amount")};
    mapping::FieldMapping kind = field("fm-kind", "customers", "code", "customer", "kind");
    kind.transformation = Transformation::kCaseWhen;
    kind.value_map = mapping::ValueMap{{{"'P'", "'person'"}}, "'company'"};
    d.fields.push_back(kind);
    return d;
  }

  ValidationReport run(RunOptions options = {}, const RunProgress& progress = {},
                       const std::atomic<bool>* cancel = nullptr) {
    IntrospectOptions io;
    io.schemas = {src_};
    source_catalog_ = introspect(*source_, io);
    io.schemas = {dst_};
    target_catalog_ = introspect(*target_, io);
    ValidationInputs inputs;
    inputs.source = &source_catalog_;
    inputs.target = &target_catalog_;
    inputs.mapping = &document_;
    inputs.options = std::move(options);
    return run_validation(*source_, *target_, inputs, progress, cancel);
  }

  static std::map<std::string, const CheckResult*> by_id(const ValidationReport& r) {
    std::map<std::string, const CheckResult*> out;
    for (const CheckResult& c : r.checks) out[c.id] = &c;
    return out;
  }

  std::unique_ptr<Connector> admin_, source_, target_;
  std::string src_, dst_;
  mapping::MappingDocument document_;
  schema::Catalog source_catalog_, target_catalog_;
};

TEST_F(RunPgTest, EqualDataPassesEveryDerivedCheck) {
  std::vector<std::pair<double, std::string>> progress;
  const ValidationReport r = run(
      {}, [&](double p, std::string_view stage) { progress.emplace_back(p, std::string(stage)); });
  for (const CheckResult& c : r.checks)
    EXPECT_EQ(c.status, CheckStatus::kPassed) << c.id << ": " << c.message;
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.source_engine, "postgres");
  const auto checks = by_id(r);
  const std::string customer = dst_ + ".customer", sale = dst_ + ".sale";
  for (const std::string& id :
       {"schema:" + customer, "row_count:" + customer, "aggregate:" + customer + ":balance",
        "aggregate:" + customer + ":kind", "aggregate:" + customer + ":full_name",
        "keyed_diff:" + customer, "uniqueness:" + customer + ":customer_pkey", "schema:" + sale,
        "row_count:" + sale, "keyed_diff:" + sale, "orphans:" + sale + ":sale_customer_id_fkey"})
    EXPECT_TRUE(checks.count(id)) << "no check " << id;
  EXPECT_EQ(r.records_tested, 2500u);
  EXPECT_EQ(r.records_failed, 0u);
  EXPECT_DOUBLE_EQ(r.overall_accuracy, 1.0);
  ASSERT_EQ(r.tables.size(), 2u);
  EXPECT_EQ(r.tables[0].status, "passed");
  EXPECT_EQ(r.tables[0].source_rows, 500u);
  EXPECT_EQ(r.tables[1].target_rows, 2000u);
  // The keyed diff matched rows on the target's primary key mapped back to the source.
  EXPECT_NE(checks.at("keyed_diff:" + customer)->message.find("primary key customer_id"),
            std::string::npos)
      << checks.at("keyed_diff:" + customer)->message;
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().first, 100.0);
  for (std::size_t i = 1; i < progress.size(); ++i)
    EXPECT_GE(progress[i].first, progress[i - 1].first) << progress[i].second;
}

TEST_F(RunPgTest, PlantedDifferencesFailTheirChecksWithReasons) {
  admin_->query("UPDATE " + dst_ +
                ".customer SET full_name = 'someone else' WHERE customer_id = 7");
  admin_->query("UPDATE " + dst_ + ".customer SET balance = balance + 1 WHERE customer_id = 8");
  admin_->query("ALTER TABLE " + dst_ + ".sale DROP CONSTRAINT sale_customer_id_fkey");
  admin_->query("UPDATE " + dst_ + ".sale SET customer_id = 9999 WHERE sale_id = 3");
  admin_->query("ALTER TABLE " + dst_ +
                ".sale ADD CONSTRAINT sale_customer_id_fkey FOREIGN KEY "
                "(customer_id) REFERENCES " +
                dst_ + ".customer NOT VALID");
  RunOptions options;
  options.allow_sample_values = true;
  const ValidationReport r = run(options);
  const auto checks = by_id(r);
  const std::string customer = dst_ + ".customer", sale = dst_ + ".sale";
  std::set<std::string> failed;
  for (const CheckResult& c : r.checks) {
    EXPECT_NE(c.status, CheckStatus::kError) << c.id << ": " << c.message;
    if (c.status == CheckStatus::kFailed) failed.insert(c.id);
  }
  const std::set<std::string> expected = {
      "keyed_diff:" + customer,              // full_name of row 7, the formula's balance of 8
      "aggregate:" + customer + ":balance",  // sum/avg/max through cents / 100.0
      "aggregate:" + customer + ":full_name",
      "keyed_diff:" + sale,  // customer_id of sale 3
      "aggregate:" + sale + ":customer_id",
      "orphans:" + sale + ":sale_customer_id_fkey"};
  for (const std::string& id : failed) EXPECT_TRUE(expected.count(id)) << "unexpected " << id;
  for (const std::string& id : {"keyed_diff:" + customer, "aggregate:" + customer + ":balance",
                                "keyed_diff:" + sale, "orphans:" + sale + ":sale_customer_id_fkey"})
    EXPECT_TRUE(failed.count(id)) << id << " did not fail";

  const CheckResult& diff = *checks.at("keyed_diff:" + customer);
  EXPECT_EQ(diff.records_failed, 2u);
  EXPECT_EQ(diff.records_tested, 500u);
  EXPECT_NE(diff.message.find("2 changed"), std::string::npos) << diff.message;
  EXPECT_NE(diff.message.find("full_name: value differs"), std::string::npos) << diff.message;
  // The computed column is compared by key through its formula on the source.
  EXPECT_NE(diff.message.find("balance: value differs"), std::string::npos) << diff.message;
  ASSERT_EQ(diff.samples.size(), 2u);
  EXPECT_EQ(diff.samples[0]["key"]["customer_id"], "7");
  EXPECT_EQ(diff.samples[0]["columns"][0]["target"], "someone else");
  EXPECT_EQ(diff.samples[1]["key"]["customer_id"], "8");
  EXPECT_EQ(diff.samples[1]["columns"][0]["column"], "balance");
  // As the source computes it (cents / 100.0), compared at the target's scale.
  EXPECT_EQ(diff.samples[1]["columns"][0]["source"].get<std::string>().substr(0, 5), "8.080");
  EXPECT_EQ(diff.samples[1]["columns"][0]["target"], "9.08");
  const CheckResult& balance = *checks.at("aggregate:" + customer + ":balance");
  EXPECT_NE(balance.message.find("cents / 100.0"), std::string::npos) << balance.message;
  EXPECT_NE(balance.message.find("sum"), std::string::npos) << balance.message;
  const CheckResult& orphans = *checks.at("orphans:" + sale + ":sale_customer_id_fkey");
  EXPECT_EQ(orphans.records_failed, 1u);
  EXPECT_EQ(orphans.samples[0]["customer_id"], "9999");
  EXPECT_NE(orphans.message.find("1 row of " + sale + " references a customer_id"),
            std::string::npos)
      << orphans.message;
  EXPECT_EQ(r.records_failed, 3u);
  EXPECT_FALSE(r.passed());
  EXPECT_EQ(r.tables[0].status, "failed");
}

TEST_F(RunPgTest, ATableJoinedFromTwoSourcesIsDiffedAgainstTheJoin) {
  admin_->query("CREATE TABLE " + dst_ +
                ".sale_report (sale_id bigint PRIMARY KEY, customer_name text, cents bigint)");
  admin_->query("INSERT INTO " + dst_ + ".sale_report SELECT o.id, c.name, o.amount * 100 FROM " +
                src_ + ".orders o JOIN " + src_ + ".customers c ON c.id = o.customer_id");
  admin_->query("UPDATE " + dst_ + ".sale_report SET customer_name = 'nobody' WHERE sale_id = 5");
  admin_->query("DELETE FROM " + dst_ + ".sale_report WHERE sale_id = 6");
  mapping::TableMapping t;
  t.id = "tm-report";
  t.source_tables = {src_ + ".orders", src_ + ".customers"};
  t.target_table = dst_ + ".sale_report";
  t.join = src_ + ".orders.customer_id = " + src_ + ".customers.id";
  t.status = MappingStatus::kApproved;
  document_.tables.push_back(t);
  document_.fields.push_back(field("fm-r-id", "orders", "id", "sale_report", "sale_id"));
  document_.fields.push_back(
      field("fm-r-name", "customers", "name", "sale_report", "customer_name"));
  document_.fields.push_back(field("fm-r-cents", "orders", "amount", "sale_report", "cents",
                                   src_ + ".orders.amount * 100"));
  RunOptions options;
  options.allow_sample_values = true;
  options.tables = {dst_ + ".sale_report"};
  const ValidationReport r = run(options);
  const std::string report = dst_ + ".sale_report";
  const auto checks = by_id(r);
  ASSERT_TRUE(checks.count("keyed_diff:" + report));
  const CheckResult& diff = *checks.at("keyed_diff:" + report);
  EXPECT_EQ(diff.status, CheckStatus::kFailed) << diff.message;
  EXPECT_EQ(diff.records_failed, 2u) << diff.message;
  EXPECT_NE(diff.message.find("1 missing in the target, 1 changed"), std::string::npos)
      << diff.message;
  EXPECT_NE(diff.message.find("customer_name: value differs"), std::string::npos) << diff.message;
  EXPECT_EQ(checks.count("row_count:" + report), 0u);  // no single source table to count
  bool noted = false;
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_NE(d.code, "W-VALIDATE-NOT-COMPARED") << d.message;
    noted |= d.code == "I-VALIDATE-JOINED-SOURCE";
  }
  EXPECT_TRUE(noted);

  // Without a join condition the sources would be cross joined: not compared, and why.
  document_.tables.back().join.clear();
  const ValidationReport cross = run(options);
  EXPECT_EQ(by_id(cross).count("keyed_diff:" + report), 0u);
  bool warned = false;
  for (const Diagnostic& d : cross.diagnostics)
    if (d.code == "W-VALIDATE-NOT-COMPARED") {
      warned = true;
      EXPECT_NE(d.message.find("no join condition"), std::string::npos) << d.message;
    }
  EXPECT_TRUE(warned);
}

TEST_F(RunPgTest, SampleValuesAreMaskedUnlessAllowed) {
  admin_->query("UPDATE " + dst_ + ".customer SET full_name = 'Ann 42' WHERE customer_id = 7");
  const ValidationReport r = run();
  const CheckResult& diff = *by_id(r).at("keyed_diff:" + dst_ + ".customer");
  ASSERT_EQ(diff.samples.size(), 1u);
  EXPECT_EQ(diff.samples[0]["columns"][0]["target"], "Xxx 99");
  EXPECT_EQ(diff.samples[0]["columns"][0]["source"], "xxxx 9");
  EXPECT_EQ(diff.message.find("Ann"), std::string::npos) << diff.message;
}

TEST_F(RunPgTest, AFailingQueryIsAnErrorCheckNotAThrow) {
  IntrospectOptions io;
  io.schemas = {src_};
  source_catalog_ = introspect(*source_, io);
  io.schemas = {dst_};
  target_catalog_ = introspect(*target_, io);
  // The catalog still lists the table; the database no longer has it.
  admin_->query("DROP TABLE " + dst_ + ".sale");
  ValidationInputs inputs;
  inputs.source = &source_catalog_;
  inputs.target = &target_catalog_;
  inputs.mapping = &document_;
  const ValidationReport r = run_validation(*source_, *target_, inputs);
  const auto checks = by_id(r);
  const CheckResult& rows = *checks.at("row_count:" + dst_ + ".sale");
  EXPECT_EQ(rows.status, CheckStatus::kError);
  EXPECT_NE(rows.message.find("does not exist"), std::string::npos) << rows.message;
  EXPECT_EQ(checks.at("keyed_diff:" + dst_ + ".sale")->status, CheckStatus::kError);
  EXPECT_EQ(checks.at("keyed_diff:" + dst_ + ".customer")->status, CheckStatus::kPassed);
  EXPECT_GT(r.checks_errored, 0u);
  EXPECT_FALSE(r.passed());
  EXPECT_EQ(r.tables[1].status, "error");
}

TEST_F(RunPgTest, CancellationAndMissingInputs) {
  std::atomic<bool> cancel{true};
  EXPECT_THROW(run({}, {}, &cancel), DiffCancelled);
  ValidationInputs empty;
  try {
    run_validation(*source_, *target_, empty);
    FAIL() << "ran without catalogs";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
  }
}

TEST_F(RunPgTest, OptionsSelectTablesAndChecks) {
  RunOptions options;
  options.tables = {"sale"};
  options.aggregates = false;
  options.keyed_diff = false;
  const ValidationReport r = run(options);
  ASSERT_EQ(r.tables.size(), 1u);
  EXPECT_EQ(r.tables[0].target_table, dst_ + ".sale");
  for (const CheckResult& c : r.checks) {
    EXPECT_EQ(c.target_table, dst_ + ".sale") << c.id;
    EXPECT_NE(c.kind, CheckKind::kAggregate);
    EXPECT_NE(c.kind, CheckKind::kKeyedDiff);
  }
  EXPECT_EQ(by_id(r).at("row_count:" + dst_ + ".sale")->status, CheckStatus::kPassed);
}

TEST_F(RunPgTest, RowCountToleranceIsPerTable) {
  admin_->query("DELETE FROM " + dst_ + ".sale WHERE sale_id <= 10");
  RunOptions options;
  options.keyed_diff = false;
  options.aggregates = false;
  options.table_row_count_tolerance[dst_ + ".sale"] = 0.01;  // 20 of 2000 rows
  const ValidationReport r = run(options);
  const CheckResult& rows = *by_id(r).at("row_count:" + dst_ + ".sale");
  EXPECT_EQ(rows.status, CheckStatus::kPassed) << rows.message;
  options.table_row_count_tolerance.clear();
  const ValidationReport strict = run(options);
  const CheckResult& failed = *by_id(strict).at("row_count:" + dst_ + ".sale");
  EXPECT_EQ(failed.status, CheckStatus::kFailed);
  EXPECT_NE(failed.message.find("10 fewer than the source"), std::string::npos) << failed.message;
}

}  // namespace
}  // namespace godwit::validation
