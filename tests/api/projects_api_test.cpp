// /api/v1/projects/*, /api/v1/project-templates: CRUD, listing, members and roles,
// phases, and isolation between users on every project route.
#include <gtest/gtest.h>

#include <set>

#include "api_environment.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;

Response create_project(const Account& a, const json& body) {
  return shared_client().post("/api/v1/projects", body, a.access_token);
}

std::string new_project(const Account& a, const std::string& name = "Warehouse move") {
  Response r = create_project(
      a, {{"name", name}, {"source_dialect", "oracle"}, {"target_dialect", "bigquery"}});
  if (r.status != 201) throw std::runtime_error(r.body);
  return r.json["id"];
}

TEST(ProjectsApi, CreateAndRead) {
  Account a = register_account(shared_client(), "owner");
  Response r = create_project(a, {{"name", "  Finance DW  "},
                                  {"description", "Q3 cut-over"},
                                  {"source_dialect", "PostgreSQL"},
                                  {"target_dialect", "spark"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["name"], "Finance DW");
  EXPECT_EQ(r.json["source_dialect"], "postgres");
  EXPECT_EQ(r.json["target_dialect"], "databricks");
  EXPECT_EQ(r.json["status"], "draft");
  EXPECT_EQ(r.json["current_phase"], "upload");
  EXPECT_EQ(r.json["completed_phases"], json::array());
  EXPECT_EQ(r.json["role"], "owner");
  EXPECT_EQ(r.json["owner_id"], a.id);
  EXPECT_EQ(r.header("Location"), "/api/v1/projects/" + r.json["id"].get<std::string>());
  Response got =
      shared_client().get("/api/v1/projects/" + r.json["id"].get<std::string>(), a.access_token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json["description"], "Q3 cut-over");
  ASSERT_EQ(got.json["phases"].size(), 5u);
  EXPECT_EQ(got.json["phases"][0]["state"], "current");
  EXPECT_EQ(got.json["phases"][2]["state"], "blocked");
  EXPECT_EQ(got.json["phases"][2]["blocked_by"], "upload");
}

TEST(ProjectsApi, UnknownDialectListsTheAcceptedNames) {
  Account a = register_account(shared_client(), "dialect");
  Response r = create_project(
      a, {{"name", "x"}, {"source_dialect", "foxpro"}, {"target_dialect", "bigquery"}});
  ASSERT_EQ(r.status, 400);
  std::string detail = r.json["detail"];
  EXPECT_NE(detail.find("foxpro"), std::string::npos);
  EXPECT_NE(detail.find("teradata"), std::string::npos);
  EXPECT_EQ(r.json["errors"][0]["field"], "source_dialect");
}

TEST(ProjectsApi, MissingFieldsAreListed) {
  Account a = register_account(shared_client(), "missing");
  Response r = create_project(a, json::object());
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json["errors"].size(), 3u) << r.body;
}

TEST(ProjectsApi, TemplatesAreSeededAndCreateProjects) {
  Account a = register_account(shared_client(), "templates");
  Response t = shared_client().get("/api/v1/project-templates", a.access_token);
  ASSERT_EQ(t.status, 200);
  ASSERT_GE(t.json["items"].size(), 8u);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& item : t.json["items"]) {
    pairs.emplace(item["source_dialect"].get<std::string>(),
                  item["target_dialect"].get<std::string>());
    EXPECT_FALSE(item["tags"].empty());
    EXPECT_FALSE(item["estimated_duration"].get<std::string>().empty());
  }
  EXPECT_TRUE(pairs.count({"oracle", "bigquery"}));
  EXPECT_TRUE(pairs.count({"teradata", "bigquery"}));
  EXPECT_TRUE(pairs.count({"tsql", "databricks"}));
  EXPECT_TRUE(pairs.count({"snowflake", "databricks"}));
  json tpl = t.json["items"][0];
  Response r = create_project(a, {{"name", "From template"}, {"template_id", tpl["id"]}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["source_dialect"], tpl["source_dialect"]);
  EXPECT_EQ(r.json["target_dialect"], tpl["target_dialect"]);
  EXPECT_EQ(r.json["template_id"], tpl["id"]);
  Response unknown =
      create_project(a, {{"name", "x"}, {"template_id", "00000000-0000-4000-8000-000000000000"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(shared_client().get("/api/v1/project-templates").status, 401);
}

TEST(ProjectsApi, ListSearchFilterSortAndPaginate) {
  Account a = register_account(shared_client(), "lister");
  for (std::string name :
       {"Alpha sales", "beta SALES", "Gamma hr", "Delta finance", "Epsilon sales"}) {
    new_project(a, name);
  }
  create_project(
      a, {{"name", "Zeta pg"}, {"source_dialect", "postgres"}, {"target_dialect", "databricks"}});
  Response all = shared_client().get("/api/v1/projects", a.access_token);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["total"], 6);
  EXPECT_EQ(all.json["items"][0]["name"], "Zeta pg");  // default: newest update first

  Response search = shared_client().get("/api/v1/projects?search=SaLeS&sort=name", a.access_token);
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(search.json["total"], 3);
  EXPECT_EQ(search.json["items"][0]["name"], "Alpha sales");
  EXPECT_EQ(search.json["items"][2]["name"], "Epsilon sales");

  Response page =
      shared_client().get("/api/v1/projects?sort=-name&limit=2&offset=2", a.access_token);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["total"], 6);
  ASSERT_EQ(page.json["items"].size(), 2u);
  // Names compare case-insensitively: Zeta, Gamma, Epsilon, Delta, beta, Alpha.
  EXPECT_EQ(page.json["items"][0]["name"], "Epsilon sales");
  EXPECT_EQ(page.json["items"][1]["name"], "Delta finance");
  EXPECT_EQ(page.json["limit"], 2);
  EXPECT_EQ(page.json["offset"], 2);

  Response by_dialect =
      shared_client().get("/api/v1/projects?source_dialect=postgresql", a.access_token);
  EXPECT_EQ(by_dialect.json["total"], 1);
  Response by_status =
      shared_client().get("/api/v1/projects?status=completed,archived", a.access_token);
  EXPECT_EQ(by_status.json["total"], 0);
  Response wildcard = shared_client().get("/api/v1/projects?search=%25", a.access_token);
  EXPECT_EQ(wildcard.json["total"], 0);  // % is a character, not a pattern
}

TEST(ProjectsApi, BadListParametersAreExplained) {
  Account a = register_account(shared_client(), "badlist");
  Response r = shared_client().get("/api/v1/projects?limit=0&sort=bogus&offset=-1&status=weird",
                                   a.access_token);
  ASSERT_EQ(r.status, 400);
  EXPECT_GE(r.json["errors"].size(), 3u) << r.body;
}

TEST(ProjectsApi, UpdateAndDelete) {
  Account a = register_account(shared_client(), "updater");
  std::string id = new_project(a);
  Response upd = shared_client().put(
      "/api/v1/projects/" + id,
      {{"name", "Renamed"}, {"description", nullptr}, {"status", "archived"}}, a.access_token);
  ASSERT_EQ(upd.status, 200) << upd.body;
  EXPECT_EQ(upd.json["name"], "Renamed");
  EXPECT_TRUE(upd.json["description"].is_null());
  EXPECT_EQ(upd.json["status"], "archived");
  EXPECT_EQ(
      shared_client().put("/api/v1/projects/" + id, {{"status", "bogus"}}, a.access_token).status,
      400);
  EXPECT_EQ(shared_client().put("/api/v1/projects/" + id, {{"name", ""}}, a.access_token).status,
            400);
  EXPECT_EQ(shared_client().del("/api/v1/projects/" + id, a.access_token).status, 204);
  EXPECT_EQ(shared_client().get("/api/v1/projects/" + id, a.access_token).status, 404);
  EXPECT_EQ(shared_client().del("/api/v1/projects/" + id, a.access_token).status, 404);
}

TEST(ProjectsApi, PhasesFollowTheirOrder) {
  Account a = register_account(shared_client(), "phases");
  std::string id = new_project(a);
  std::string base = "/api/v1/projects/" + id + "/phases/";
  Response early = shared_client().post(base + "mapping", json::object(), a.access_token);
  ASSERT_EQ(early.status, 409);
  EXPECT_NE(early.json["detail"].get<std::string>().find("upload"), std::string::npos)
      << early.body;
  Response unknown = shared_client().post(base + "deploy", json::object(), a.access_token);
  EXPECT_EQ(unknown.status, 400);

  Response up = shared_client().raw("POST", base + "upload", "", "",
                                    {{"Authorization", "Bearer " + a.access_token}});
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json["completed_phases"], json::array({"upload"}));
  EXPECT_EQ(up.json["current_phase"], "discovery");
  EXPECT_EQ(up.json["status"], "in_progress");
  EXPECT_EQ(up.json["schemas_uploaded"], true);
  for (std::string phase : {"discovery", "mapping", "codegen", "validation"}) {
    Response r = shared_client().post(base + phase, {{"action", "complete"}}, a.access_token);
    ASSERT_EQ(r.status, 200) << phase << r.body;
  }
  Response done = shared_client().get("/api/v1/projects/" + id, a.access_token);
  EXPECT_EQ(done.json["status"], "completed");
  EXPECT_EQ(done.json["mappings_complete"], true);
  EXPECT_EQ(done.json["validation_complete"], true);

  Response reopen = shared_client().post(base + "mapping", {{"action", "reopen"}}, a.access_token);
  ASSERT_EQ(reopen.status, 200);
  EXPECT_EQ(reopen.json["completed_phases"], json::array({"upload", "discovery"}));
  EXPECT_EQ(reopen.json["current_phase"], "mapping");
  EXPECT_EQ(reopen.json["status"], "in_progress");
  EXPECT_EQ(reopen.json["mappings_complete"], false);
  EXPECT_EQ(shared_client().post(base + "upload", {{"action", "skip"}}, a.access_token).status,
            400);
}

TEST(ProjectsApi, MembersAndRoles) {
  Account owner = register_account(shared_client(), "own");
  Account editor = register_account(shared_client(), "edit");
  Account viewer = register_account(shared_client(), "view");
  std::string id = new_project(owner);
  std::string members = "/api/v1/projects/" + id + "/members";
  Response add = shared_client().post(members, {{"email", editor.email}, {"role", "editor"}},
                                      owner.access_token);
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(add.json["role"], "editor");
  EXPECT_EQ(shared_client()
                .post(members, {{"email", editor.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            409);
  EXPECT_EQ(
      shared_client()
          .post(members, {{"email", "nobody@example.com"}, {"role", "viewer"}}, owner.access_token)
          .status,
      422);
  EXPECT_EQ(shared_client()
                .post(members, {{"email", viewer.email}, {"role", "admin"}}, owner.access_token)
                .status,
            400);
  ASSERT_EQ(shared_client()
                .post(members, {{"email", viewer.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            201);

  // The viewer sees the project but cannot change it.
  Response seen = shared_client().get("/api/v1/projects", viewer.access_token);
  ASSERT_EQ(seen.json["total"], 1);
  EXPECT_EQ(seen.json["items"][0]["role"], "viewer");
  Response denied =
      shared_client().put("/api/v1/projects/" + id, {{"name", "x"}}, viewer.access_token);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(
      shared_client()
          .post("/api/v1/projects/" + id + "/phases/upload", json::object(), viewer.access_token)
          .status,
      403);
  EXPECT_EQ(shared_client()
                .post(members, {{"email", owner.email}, {"role", "viewer"}}, viewer.access_token)
                .status,
            403);
  // The editor can edit but not delete or manage members.
  EXPECT_EQ(shared_client()
                .put("/api/v1/projects/" + id, {{"name", "Edited"}}, editor.access_token)
                .status,
            200);
  EXPECT_EQ(shared_client().del("/api/v1/projects/" + id, editor.access_token).status, 403);
  EXPECT_EQ(shared_client()
                .put(members + "/" + viewer.id, {{"role", "editor"}}, editor.access_token)
                .status,
            403);
  // Roles change; the last owner cannot be demoted or leave.
  Response promoted =
      shared_client().put(members + "/" + viewer.id, {{"role", "editor"}}, owner.access_token);
  EXPECT_EQ(promoted.status, 200);
  EXPECT_EQ(promoted.json["role"], "editor");
  EXPECT_EQ(shared_client()
                .put(members + "/" + owner.id, {{"role", "viewer"}}, owner.access_token)
                .status,
            409);
  EXPECT_EQ(shared_client().del(members + "/" + owner.id, owner.access_token).status, 409);
  // A member may leave; then the project is gone for them.
  EXPECT_EQ(shared_client().del(members + "/" + viewer.id, viewer.access_token).status, 204);
  EXPECT_EQ(shared_client().get("/api/v1/projects/" + id, viewer.access_token).status, 404);
  Response list = shared_client().get(members, owner.access_token);
  EXPECT_EQ(list.json["total"], 2);
}

TEST(ProjectsApi, StrangersGetNotFoundOnEveryProjectRoute) {
  Account owner = register_account(shared_client(), "mine");
  Account stranger = register_account(shared_client(), "stranger");
  std::string id = new_project(owner);
  std::string p = "/api/v1/projects/" + id;
  std::string t = stranger.access_token;
  Client& c = shared_client();
  EXPECT_EQ(c.get(p, t).status, 404);
  EXPECT_EQ(c.put(p, {{"name", "mine now"}}, t).status, 404);
  EXPECT_EQ(c.del(p, t).status, 404);
  EXPECT_EQ(c.post(p + "/phases/upload", json::object(), t).status, 404);
  EXPECT_EQ(c.get(p + "/members", t).status, 404);
  EXPECT_EQ(c.post(p + "/members", {{"email", stranger.email}, {"role", "owner"}}, t).status, 404);
  EXPECT_EQ(c.put(p + "/members/" + owner.id, {{"role", "viewer"}}, t).status, 404);
  EXPECT_EQ(c.del(p + "/members/" + owner.id, t).status, 404);
  EXPECT_EQ(c.get("/api/v1/projects", t).json["total"], 0);
  // And the project is untouched.
  Response still = c.get(p, owner.access_token);
  EXPECT_EQ(still.json["name"], "Warehouse move");
}

TEST(ProjectsApi, UnknownAndMalformedIdsAreNotFound) {
  Account a = register_account(shared_client(), "ids");
  for (std::string id :
       {"00000000-0000-4000-8000-000000000000", "not-a-uuid", "1%27%20OR%201%3D1"}) {
    Response r = shared_client().get("/api/v1/projects/" + id, a.access_token);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  }
}

TEST(ProjectsApi, InjectionLookingNamesAreStoredVerbatim) {
  Account a = register_account(shared_client(), "bobby");
  std::string name = "Robert'); DROP TABLE projects;-- \"x\" \\ % _ 数据迁移 🐦";
  Response r = create_project(
      a, {{"name", name}, {"source_dialect", "mysql"}, {"target_dialect", "bigquery"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["name"], name);
  Response found = shared_client().get("/api/v1/projects?search=DROP%20TABLE", a.access_token);
  ASSERT_EQ(found.json["total"], 1);
  EXPECT_EQ(found.json["items"][0]["name"], name);
}

}  // namespace
}  // namespace godwit::api_test
