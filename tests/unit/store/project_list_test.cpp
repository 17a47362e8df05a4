// ProjectRepository::list_for_member on each backend: search, filters, sorting,
// pagination and the total, always limited to the caller's projects.
#include <algorithm>

#include "store/repositories/project_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

std::vector<std::string> names(const ProjectPage& page) {
  std::vector<std::string> out;
  for (const ProjectView& view : page.items) out.push_back(view.project.name);
  return out;
}

class ProjectListFixture {
 public:
  explicit ProjectListFixture(Database& db) : projects(db) {}

  std::string add(const std::string& owner, const std::string& name, const std::string& source,
                  const std::string& target, const std::string& status = "draft") {
    ProjectView view = projects.create({name, std::nullopt, source, target, std::nullopt}, owner);
    if (status != "draft") {
      ProjectPatch patch;
      patch.status = status;
      projects.update(view.project.id, patch);
    }
    return view.project.id;
  }

  ProjectRepository projects;
};

TEST_P(ProjectListTest, ListsOnlyTheCallersProjectsWithTheirRoles) {
  ProjectListFixture f(db());
  std::string alice = make_user("alice@example.com");
  std::string bob = make_user("bob@example.com");
  f.add(alice, "Alice one", "oracle", "bigquery");
  std::string shared = f.add(bob, "Bob shared", "mysql", "bigquery");
  f.add(bob, "Bob private", "mysql", "bigquery");
  f.projects.upsert_member(shared, alice, ProjectRole::kViewer);

  ProjectQuery query;
  query.sort = ProjectSort::kName;
  query.descending = false;
  ProjectPage page = f.projects.list_for_member(alice, query);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(names(page), (std::vector<std::string>{"Alice one", "Bob shared"}));
  EXPECT_EQ(page.items[0].role, ProjectRole::kOwner);
  EXPECT_EQ(page.items[1].role, ProjectRole::kViewer);
}

TEST_P(ProjectListTest, SearchMatchesASubstringOfTheNameIgnoringCase) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  f.add(u, "Finance Warehouse", "oracle", "bigquery");
  f.add(u, "HR warehouse", "oracle", "bigquery");
  f.add(u, "Marketing", "oracle", "bigquery");
  ProjectQuery query;
  query.search = "WAREHOUSE";
  query.sort = ProjectSort::kName;
  query.descending = false;
  ProjectPage page = f.projects.list_for_member(u, query);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(names(page), (std::vector<std::string>{"Finance Warehouse", "HR warehouse"}));
}

TEST_P(ProjectListTest, SearchTreatsWildcardsAsPlainCharacters) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  f.add(u, "50% sample", "oracle", "bigquery");
  f.add(u, "500 rows", "oracle", "bigquery");
  f.add(u, "a_b", "oracle", "bigquery");
  f.add(u, "axb", "oracle", "bigquery");
  f.add(u, "wow!", "oracle", "bigquery");
  ProjectQuery query;
  query.search = "50%";
  EXPECT_EQ(names(f.projects.list_for_member(u, query)), (std::vector<std::string>{"50% sample"}));
  query.search = "a_b";
  EXPECT_EQ(names(f.projects.list_for_member(u, query)), (std::vector<std::string>{"a_b"}));
  query.search = "!";
  EXPECT_EQ(names(f.projects.list_for_member(u, query)), (std::vector<std::string>{"wow!"}));
}

TEST_P(ProjectListTest, FiltersByStatusesAndDialects) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  f.add(u, "a", "oracle", "bigquery", "draft");
  f.add(u, "b", "oracle", "databricks", "in_progress");
  f.add(u, "c", "teradata", "bigquery", "completed");
  f.add(u, "d", "oracle", "bigquery", "archived");

  ProjectQuery query;
  query.sort = ProjectSort::kName;
  query.descending = false;
  query.statuses = {"draft", "completed"};
  EXPECT_EQ(names(f.projects.list_for_member(u, query)), (std::vector<std::string>{"a", "c"}));

  query.statuses.clear();
  query.source_dialect = "oracle";
  query.target_dialect = "bigquery";
  ProjectPage page = f.projects.list_for_member(u, query);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(names(page), (std::vector<std::string>{"a", "d"}));

  query.statuses = {"archived"};
  EXPECT_EQ(names(f.projects.list_for_member(u, query)), (std::vector<std::string>{"d"}));
  query.target_dialect = "snowflake";
  EXPECT_EQ(f.projects.list_for_member(u, query).total, 0);
}

TEST_P(ProjectListTest, PaginatesWithATotalOfAllMatches) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  for (char c = 'a'; c <= 'g'; ++c) f.add(u, std::string("project ") + c, "oracle", "bigquery");
  ProjectQuery query;
  query.sort = ProjectSort::kName;
  query.descending = false;
  query.limit = 3;
  std::vector<std::string> seen;
  for (query.offset = 0; query.offset < 9; query.offset += 3) {
    ProjectPage page = f.projects.list_for_member(u, query);
    EXPECT_EQ(page.total, 7);
    for (const std::string& n : names(page)) seen.push_back(n);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"project a", "project b", "project c", "project d",
                                            "project e", "project f", "project g"}));
  query.offset = 100;
  ProjectPage beyond = f.projects.list_for_member(u, query);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, 7);
}

TEST_P(ProjectListTest, SortsByEveryKeyInBothDirections) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  f.add(u, "beta", "oracle", "bigquery", "in_progress");
  f.add(u, "Alpha", "oracle", "bigquery", "draft");
  f.add(u, "gamma", "oracle", "bigquery", "archived");

  ProjectQuery query;
  query.sort = ProjectSort::kName;
  query.descending = false;
  EXPECT_EQ(names(f.projects.list_for_member(u, query)),
            (std::vector<std::string>{"Alpha", "beta", "gamma"}));
  query.descending = true;
  EXPECT_EQ(names(f.projects.list_for_member(u, query)),
            (std::vector<std::string>{"gamma", "beta", "Alpha"}));

  query.sort = ProjectSort::kCreatedAt;
  EXPECT_EQ(names(f.projects.list_for_member(u, query)),
            (std::vector<std::string>{"gamma", "Alpha", "beta"}));
  query.descending = false;
  EXPECT_EQ(names(f.projects.list_for_member(u, query)),
            (std::vector<std::string>{"beta", "Alpha", "gamma"}));

  query.sort = ProjectSort::kStatus;
  EXPECT_EQ(names(f.projects.list_for_member(u, query)),
            (std::vector<std::string>{"gamma", "Alpha", "beta"}));
}

TEST_P(ProjectListTest, DefaultOrderIsMostRecentlyUpdatedFirst) {
  ProjectListFixture f(db());
  std::string u = make_user("u@example.com");
  std::string first = f.add(u, "first", "oracle", "bigquery");
  f.add(u, "second", "oracle", "bigquery");
  ProjectPatch touch;
  touch.description = std::optional<std::string>("touched");
  f.projects.update(first, touch);
  EXPECT_EQ(names(f.projects.list_for_member(u, {})),
            (std::vector<std::string>{"first", "second"}));
}

}  // namespace
}  // namespace godwit::store::testing
