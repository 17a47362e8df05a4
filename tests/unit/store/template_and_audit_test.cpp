// TemplateRepository (the seeded templates) and AuditLogRepository on each backend.
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "store/repositories/audit_log_repository.hpp"
#include "store/repositories/template_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

TEST_P(TemplateRepositoryTest, SeedsAtLeastEightTemplatesEachFullyDescribed) {
  TemplateRepository templates(db());
  std::vector<ProjectTemplate> all = templates.list();
  ASSERT_GE(all.size(), 8u);
  for (const ProjectTemplate& t : all) {
    EXPECT_TRUE(is_uuid(t.id)) << t.name;
    EXPECT_FALSE(t.description.empty()) << t.name;
    EXPECT_FALSE(t.estimated_duration.empty()) << t.name;
    EXPECT_TRUE(t.complexity == "low" || t.complexity == "medium" || t.complexity == "high")
        << t.name;
    EXPECT_GE(t.tags.size(), 2u) << t.name;
    EXPECT_EQ(t.created_at, "2026-01-01T00:00:00.000000Z") << t.name;
    EXPECT_EQ(sql::canonical_dialect_name(t.source_dialect), t.source_dialect) << t.name;
    EXPECT_EQ(sql::canonical_dialect_name(t.target_dialect), t.target_dialect) << t.name;
  }
}

TEST_P(TemplateRepositoryTest, CoversTheRequiredMigrationPaths) {
  TemplateRepository templates(db());
  std::set<std::pair<std::string, std::string>> paths;
  bool dbt = false;
  for (const ProjectTemplate& t : templates.list()) {
    paths.insert({t.source_dialect, t.target_dialect});
    bool tagged_dbt = std::find(t.tags.begin(), t.tags.end(), "dbt") != t.tags.end();
    if (tagged_dbt && t.source_dialect == "oracle" && t.target_dialect == "bigquery") dbt = true;
  }
  for (auto path : std::vector<std::pair<std::string, std::string>>{{"oracle", "bigquery"},
                                                                    {"teradata", "bigquery"},
                                                                    {"tsql", "databricks"},
                                                                    {"mysql", "bigquery"},
                                                                    {"postgres", "databricks"},
                                                                    {"snowflake", "databricks"},
                                                                    {"hive", "bigquery"}}) {
    EXPECT_EQ(paths.count(path), 1u) << path.first << " -> " << path.second;
  }
  EXPECT_TRUE(dbt) << "no Oracle -> dbt on BigQuery template";
}

TEST_P(TemplateRepositoryTest, ListIsOrderedByName) {
  TemplateRepository templates(db());
  std::vector<ProjectTemplate> all = templates.list();
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].name, all[i].name);
}

TEST_P(TemplateRepositoryTest, FindsATemplateByIdAndNothingForUnknownIds) {
  TemplateRepository templates(db());
  std::optional<ProjectTemplate> oracle = templates.find("6f0c1a00-0000-4000-8000-000000000001");
  ASSERT_TRUE(oracle.has_value());
  EXPECT_EQ(oracle->name, "Oracle to BigQuery");
  EXPECT_EQ(oracle->tags.front(), "oracle");
  EXPECT_FALSE(templates.find(new_uuid()).has_value());
  EXPECT_FALSE(templates.find("oracle").has_value());
}

AuditEntry entry(const std::optional<std::string>& project, const std::string& action) {
  AuditEntry e;
  e.project_id = project;
  e.user_id = new_uuid();
  e.action = action;
  e.entity_type = "project";
  e.entity_id = project;
  e.details_json = R"({"name":"x'); DROP TABLE users;--"})";
  return e;
}

TEST_P(AuditLogRepositoryTest, ForProjectListsItsEntriesNewestFirst) {
  AuditLogRepository audit(db());
  std::string project = new_uuid();
  audit.append(entry(project, "project.create"));
  audit.append(entry(new_uuid(), "project.create"));
  audit.append(entry(project, "project.update"));
  audit.append(entry(std::nullopt, "auth.login_failed"));

  std::vector<AuditEntry> entries = audit.for_project(project, 10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "project.update");
  EXPECT_EQ(entries[1].action, "project.create");
  EXPECT_TRUE(is_uuid(entries[0].id));
  EXPECT_EQ(entries[0].project_id, project);
  EXPECT_EQ(entries[0].entity_type, "project");
  EXPECT_EQ(entries[0].entity_id, project);
  EXPECT_GT(entries[0].created_at, entries[1].created_at);
  EXPECT_EQ(nlohmann::json::parse(entries[0].details_json),
            nlohmann::json::parse(R"({"name":"x'); DROP TABLE users;--"})"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 4);
}

TEST_P(AuditLogRepositoryTest, ForProjectHonoursTheLimit) {
  AuditLogRepository audit(db());
  std::string project = new_uuid();
  for (int i = 0; i < 5; ++i) audit.append(entry(project, "step." + std::to_string(i)));
  std::vector<AuditEntry> entries = audit.for_project(project, 2);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "step.4");
  EXPECT_EQ(entries[1].action, "step.3");
  EXPECT_TRUE(audit.for_project("not-a-uuid", 10).empty());
}

TEST_P(AuditLogRepositoryTest, DetailsThatAreNotJsonAreRejected) {
  AuditLogRepository audit(db());
  AuditEntry bad = entry(new_uuid(), "project.update");
  bad.details_json = "{not json";
  try {
    audit.append(bad);
    FAIL() << "invalid JSON stored";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

}  // namespace
}  // namespace godwit::store::testing
