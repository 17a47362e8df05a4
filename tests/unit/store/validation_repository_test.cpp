// The validation repositories on each backend: reports with their anomalies (history,
// filters, ordering by severity, cascade), rules and test cases (CRUD, last result).
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/repositories/project_repository.hpp"
#include "store/repositories/validation_report_repository.hpp"
#include "store/repositories/validation_rule_repository.hpp"
#include "store/repositories/validation_test_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

constexpr const char* kInjection = "x'); DROP TABLE users;--";

std::string make_project(Database& db, const std::string& owner) {
  ProjectRepository projects(db);
  return projects
      .create(NewProject{"Validated", std::string(""), "postgres", "postgres", std::nullopt}, owner)
      .project.id;
}

ValidationReportRecord report(const std::string& project, const std::string& status) {
  ValidationReportRecord r;
  r.project_id = project;
  r.job_id = new_uuid();
  r.options = R"({"tables":["orders"]})";
  r.status = status;
  r.overall_accuracy = 99.25;
  r.records_tested = 4000;
  r.records_failed = 30;
  r.checks_passed = 11;
  r.checks_failed = 2;
  r.checks_errored = 1;
  r.checks_skipped = 3;
  r.table_count = 2;
  r.source_engine = "postgresql";
  r.target_engine = "mariadb";
  r.duration_ms = 1234.5;
  r.report = R"({"checks":[],"note":")" + std::string(kInjection) + "\"}";
  return r;
}

AnomalyRecord anomaly(const std::string& kind, const std::string& severity,
                      const std::string& table) {
  AnomalyRecord a;
  a.anomaly_key = kind + ":" + table + ":amount";
  a.kind = kind;
  a.severity = severity;
  a.table = table;
  a.source_table = "src." + table;
  a.column = "amount";
  a.count = 7;
  a.explanation = "the share of NULL rose from 0% to 7%";
  a.evidence = R"({"source_null_rate":0,"target_null_rate":0.07})";
  a.samples = R"([{"id":"99"}])";
  a.mapping_ids = R"(["m1","m2"])";
  return a;
}

TEST_P(ValidationRepositoryTest, StoresAReportWithItsNumbersDocumentAndAnomalies) {
  std::string project = make_project(db(), make_user("v@example.com"));
  ValidationReportRepository reports(db());
  ValidationReportRecord stored =
      reports.insert(report(project, "failed"), {anomaly("null_rate_jump", "high", "orders")});
  EXPECT_TRUE(is_uuid(stored.id));
  EXPECT_EQ(stored.anomalies, 1);

  std::optional<ValidationReportRecord> found = reports.find(project, stored.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, "failed");
  EXPECT_DOUBLE_EQ(found->overall_accuracy, 99.25);
  EXPECT_EQ(found->records_tested, 4000);
  EXPECT_EQ(found->records_failed, 30);
  EXPECT_EQ(found->checks_passed, 11);
  EXPECT_EQ(found->checks_failed, 2);
  EXPECT_EQ(found->checks_errored, 1);
  EXPECT_EQ(found->checks_skipped, 3);
  EXPECT_EQ(found->anomalies, 1);
  EXPECT_EQ(found->table_count, 2);
  EXPECT_EQ(found->source_engine, "postgresql");
  EXPECT_EQ(found->target_engine, "mariadb");
  EXPECT_DOUBLE_EQ(found->duration_ms, 1234.5);
  EXPECT_EQ(found->job_id, stored.job_id);
  EXPECT_EQ(nlohmann::json::parse(found->options)["tables"][0], "orders");
  EXPECT_EQ(nlohmann::json::parse(found->report)["note"], kInjection);
  EXPECT_EQ(found->created_at, stored.created_at);

  AnomalyPage page = reports.anomalies({project, stored.id, {}, std::nullopt, 10, 0});
  ASSERT_EQ(page.total, 1);
  const AnomalyRecord& a = page.items.at(0);
  EXPECT_EQ(a.kind, "null_rate_jump");
  EXPECT_EQ(a.severity, "high");
  EXPECT_EQ(a.severity_rank, 3);
  EXPECT_EQ(a.table, "orders");
  EXPECT_EQ(a.source_table, "src.orders");
  EXPECT_EQ(a.count, 7);
  EXPECT_TRUE(a.masked);
  EXPECT_EQ(nlohmann::json::parse(a.mapping_ids)[1], "m2");
  EXPECT_EQ(nlohmann::json::parse(a.evidence)["target_null_rate"], 0.07);

  EXPECT_FALSE(reports.find(project, new_uuid()).has_value());
  EXPECT_FALSE(reports.find(project, "not-a-uuid").has_value());
  EXPECT_FALSE(reports.find(make_project(db(), make_user("w@example.com")), stored.id).has_value());
}

TEST_P(ValidationRepositoryTest, HistoryIsNewestFirstPaginatedAndListedWithoutDocuments) {
  std::string project = make_project(db(), make_user("v@example.com"));
  ValidationReportRepository reports(db());
  std::string first = reports.insert(report(project, "failed"), {}).id;
  std::string second = reports.insert(report(project, "passed"), {}).id;
  std::string third = reports.insert(report(project, "passed"), {}).id;

  ValidationReportPage page = reports.list(project, 2, 0);
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, third);
  EXPECT_EQ(page.items[1].id, second);
  EXPECT_TRUE(page.items[0].report.empty());
  ValidationReportPage rest = reports.list(project, 2, 2);
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].id, first);
  EXPECT_EQ(reports.latest(project)->id, third);
  EXPECT_FALSE(reports.latest(make_project(db(), make_user("x@example.com"))).has_value());
}

TEST_P(ValidationRepositoryTest, AnomaliesAreOrderedBySeverityAndFilteredBySeverityAndTable) {
  std::string project = make_project(db(), make_user("v@example.com"));
  ValidationReportRepository reports(db());
  std::string id = reports
                       .insert(report(project, "failed"),
                               {anomaly("outlier", "low", "orders"),
                                anomaly("distribution_shift", "critical", "customers"),
                                anomaly("truncated_string", "medium", "Orders"),
                                anomaly("null_rate_jump", "high", "orders")})
                       .id;
  AnomalyPage all = reports.anomalies({project, id, {}, std::nullopt, 50, 0});
  ASSERT_EQ(all.items.size(), 4u);
  EXPECT_EQ(all.items[0].severity, "critical");
  EXPECT_EQ(all.items[1].severity, "high");
  EXPECT_EQ(all.items[2].severity, "medium");
  EXPECT_EQ(all.items[3].severity, "low");

  AnomalyPage serious = reports.anomalies({project, id, {"high", "critical"}, std::nullopt, 50, 0});
  EXPECT_EQ(serious.total, 2);
  AnomalyPage orders = reports.anomalies({project, id, {}, std::string("ORDERS"), 50, 0});
  EXPECT_EQ(orders.total, 3);
  AnomalyPage second_page = reports.anomalies({project, id, {}, std::string("orders"), 1, 1});
  EXPECT_EQ(second_page.total, 3);
  ASSERT_EQ(second_page.items.size(), 1u);
  EXPECT_EQ(second_page.items[0].severity, "medium");
  EXPECT_EQ(reports.anomalies({project, id, {kInjection}, std::nullopt, 50, 0}).total, 0);
}

TEST_P(ValidationRepositoryTest, DeletingTheProjectRemovesItsReportsAndAnomalies) {
  std::string owner = make_user("v@example.com");
  std::string project = make_project(db(), owner);
  ValidationReportRepository reports(db());
  reports.insert(report(project, "failed"), {anomaly("outlier", "low", "orders")});
  exec("DELETE FROM projects WHERE id = '" + project + "'");
  EXPECT_EQ(count("SELECT COUNT(*) FROM validation_reports"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM data_anomalies"), 0);
}

TEST_P(ValidationRepositoryTest, AReportOfAVanishedProjectIsNotFound) {
  ValidationReportRepository reports(db());
  try {
    reports.insert(report(new_uuid(), "passed"), {});
    FAIL() << "stored a report for no project";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

ValidationRuleRecord rule(const std::string& project, const std::string& kind) {
  ValidationRuleRecord r;
  r.project_id = project;
  r.name = "amount in range";
  r.kind = kind;
  r.table = {"dw", "orders"};
  r.column = "amount";
  r.params = R"({"min":0,"max":1000})";
  r.severity = "high";
  return r;
}

TEST_P(ValidationRepositoryTest, RulesAreCreatedReadUpdatedListedAndDeleted) {
  std::string owner = make_user("v@example.com");
  std::string project = make_project(db(), owner);
  ValidationRuleRepository rules(db());
  ValidationRuleRecord range = rule(project, "range");
  range.created_by = owner;
  ValidationRuleRecord stored = rules.insert(range);
  ValidationRuleRecord sql = rule(project, "sql");
  sql.column.clear();
  sql.params = "{}";
  sql.sql = std::string("SELECT * FROM dw.orders WHERE note = '") + kInjection + "'";
  sql.enabled = false;
  ValidationRuleRecord stored_sql = rules.insert(sql);

  std::optional<ValidationRuleRecord> found = rules.find(project, stored.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "amount in range");
  EXPECT_EQ(found->kind, "range");
  EXPECT_EQ(found->table, (std::vector<std::string>{"dw", "orders"}));
  EXPECT_EQ(found->column, "amount");
  EXPECT_EQ(nlohmann::json::parse(found->params)["max"], 1000);
  EXPECT_EQ(found->sql, "");
  EXPECT_EQ(found->severity, "high");
  EXPECT_EQ(found->origin, "person");
  EXPECT_TRUE(found->enabled);
  EXPECT_EQ(found->created_by, owner);
  EXPECT_EQ(rules.find(project, stored_sql.id)->sql, sql.sql);

  EXPECT_EQ(rules.list(project, false).size(), 2u);
  std::vector<ValidationRuleRecord> enabled = rules.list(project, true);
  ASSERT_EQ(enabled.size(), 1u);
  EXPECT_EQ(enabled[0].id, stored.id);

  found->enabled = false;
  found->severity = "critical";
  found->params = R"({"min":1})";
  ASSERT_TRUE(rules.update(*found));
  EXPECT_TRUE(rules.list(project, true).empty());
  EXPECT_EQ(rules.find(project, stored.id)->severity, "critical");
  ValidationRuleRecord stranger = *found;
  stranger.project_id = make_project(db(), make_user("w@example.com"));
  EXPECT_FALSE(rules.update(stranger));

  EXPECT_TRUE(rules.remove(project, stored.id));
  EXPECT_FALSE(rules.remove(project, stored.id));
  EXPECT_FALSE(rules.find(project, stored.id).has_value());
  EXPECT_FALSE(rules.find(project, "nope").has_value());
}

TEST_P(ValidationRepositoryTest, TestCasesKeepTheirLastResultUntilTheirQueriesChange) {
  std::string project = make_project(db(), make_user("v@example.com"));
  ValidationTestRepository tests(db());
  ValidationTestRecord t;
  t.project_id = project;
  t.name = "revenue per day";
  t.source_query = "SELECT day, SUM(total) FROM orders GROUP BY day";
  t.target_query = "SELECT day, SUM(amount) FROM dw.sale GROUP BY day";
  t.numeric_tolerance = 0.005;
  t.max_rows = 500;
  ValidationTestRecord stored = tests.insert(t);
  EXPECT_EQ(stored.status, "pending");

  ASSERT_TRUE(tests.set_result(project, stored.id, "failed", R"({"status":"failed"})"));
  std::optional<ValidationTestRecord> run = tests.find(project, stored.id);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->status, "failed");
  ASSERT_TRUE(run->last_result.has_value());
  EXPECT_EQ(nlohmann::json::parse(*run->last_result)["status"], "failed");
  EXPECT_TRUE(run->executed_at.has_value());
  EXPECT_DOUBLE_EQ(run->numeric_tolerance, 0.005);
  EXPECT_EQ(run->max_rows, 500);
  EXPECT_FALSE(run->ordered);

  run->ordered = true;
  run->target_query = "SELECT day, SUM(amount) FROM dw.sale GROUP BY day ORDER BY day";
  ASSERT_TRUE(tests.update(*run));
  std::optional<ValidationTestRecord> changed = tests.find(project, stored.id);
  EXPECT_TRUE(changed->ordered);
  EXPECT_EQ(changed->status, "pending");
  EXPECT_FALSE(changed->last_result.has_value());
  EXPECT_FALSE(changed->executed_at.has_value());
  EXPECT_EQ(tests.list(project).size(), 1u);
  EXPECT_TRUE(tests.remove(project, stored.id));
  EXPECT_TRUE(tests.list(project).empty());
  EXPECT_FALSE(tests.set_result(project, stored.id, "passed", "{}"));
}

}  // namespace
}  // namespace godwit::store::testing
