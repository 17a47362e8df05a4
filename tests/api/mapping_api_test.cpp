// /api/v1/projects/{id}/mapping/*: the mapping workflow on a real source/target pair from
// the shared matching datasets (skipped when absent): file roles, the engine run as a job,
// filtered and paginated suggestions, bulk approval above a confidence, rejection, a
// person's mapping with a bad then a good formula, edit and undo, coverage, re-running
// without losing decisions, CSV and JSON export and import, the audit trail, and
// isolation from strangers and viewers; ai-suggestions through a fake model provider.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "api_environment.hpp"
#include "llm/fake_llm_server.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string shared_dir() {
  const char* env = std::getenv("GODWIT_SHARED");
  return env && *env ? env : "../shared";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Response send(Client& client, const std::string& method, const std::string& path,
              const std::string& body, const std::string& type, const Account& a) {
  return client.raw(method, path, body, type, {{"Authorization", "Bearer " + a.access_token}});
}

std::string new_project(Client& client, const Account& a, const std::string& source = "postgres",
                        const std::string& target = "postgres") {
  Response r =
      client.post("/api/v1/projects",
                  {{"name", "Mapping"}, {"source_dialect", source}, {"target_dialect", target}},
                  a.access_token);
  if (r.status != 201) throw std::runtime_error(r.body);
  return r.json["id"];
}

json wait_for_job(Client& client, const Account& a, const std::string& project,
                  const std::string& job, std::chrono::seconds timeout = 120s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = client.get("/api/v1/projects/" + project + "/jobs/" + job, a.access_token);
    last = r.json;
    if (r.status == 200 && (last["state"] == "succeeded" || last["state"] == "failed" ||
                            last["state"] == "cancelled")) {
      return last;
    }
    std::this_thread::sleep_for(50ms);
  }
  return last;
}

const char* kSourceDdl =
    "CREATE TABLE customers (id INT NOT NULL, first_name VARCHAR(40) NOT NULL,"
    " last_name VARCHAR(40), gender CHAR(1));\n";

/// Without any target file the target is proposed from the source tables; a person's
/// mappings work without an engine run.
TEST(MappingApi, CustomMappingsAgainstAProposedTarget) {
  Client& client = shared_client();
  Account a = register_account(client, "mapper");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project + "/mapping";
  Response up = upload_files(client, a, project, {{"files", "crm.sql", kSourceDdl}});
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json["files"][0]["role"], "source");
  wait_for_job(client, a, project, up.json["job"]["id"]);

  Response status = client.get(base + "/status", a.access_token);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json["state"], "not_started");
  EXPECT_EQ(status.json["target_proposed"], true);
  EXPECT_EQ(status.json["files"]["source"], 1);

  // A bad formula: 422 with the parser's diagnostic and its position in the formula.
  Response bad = client.post(base + "/custom",
                             {{"source_table", "customers"},
                              {"target_table", "customers"},
                              {"target_column", "last_name"},
                              {"formula", "UPPER(last_name"}},
                             a.access_token);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.header("Content-Type"), "application/problem+json");
  ASSERT_TRUE(bad.json["errors"].is_array());
  EXPECT_EQ(bad.json["errors"][0]["field"], "formula");
  EXPECT_NE(bad.json["errors"][0]["message"].get<std::string>().find("line 1, column 16"),
            std::string::npos)
      << bad.body;

  Response unknown = client.post(base + "/custom",
                                 {{"source_table", "customers"},
                                  {"target_table", "customers"},
                                  {"target_column", "last_name"},
                                  {"formula", "UPPER(surname)"}},
                                 a.access_token);
  ASSERT_EQ(unknown.status, 422);
  EXPECT_NE(
      unknown.json["errors"][0]["message"].get<std::string>().find("unknown column 'surname'"),
      std::string::npos);

  Response good = client.post(base + "/custom",
                              {{"source_table", "customers"},
                               {"target_table", "customers"},
                               {"target_column", "last_name"},
                               {"formula", "UPPER(last_name)"}},
                              a.access_token);
  ASSERT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(good.json["status"], "manual");
  EXPECT_EQ(good.json["provenance"], "person");
  EXPECT_EQ(good.json["transformation"], "custom");
  EXPECT_EQ(good.json["sources"][0]["column"], "last_name");
  EXPECT_EQ(good.json["updated_by"], a.id);

  // A value map is checked literal by literal.
  Response vm = client.post(base + "/custom",
                            {{"sources", json::array({"customers.gender"})},
                             {"target_table", "customers"},
                             {"target_column", "gender"},
                             {"transformation", "case_when"},
                             {"formula", "gender"},
                             {"value_map",
                              {{"entries", json::array({{{"from", "'M'"}, {"to", "'male'"}},
                                                        {{"from", "'F"}, {"to", "'female'"}}})}}}},
                            a.access_token);
  ASSERT_EQ(vm.status, 422) << vm.body;
  EXPECT_EQ(vm.json["errors"][0]["field"], "value_map.entries[1].from");

  Response tables = client.get(base + "/table-mappings", a.access_token);
  ASSERT_EQ(tables.status, 200);
  ASSERT_EQ(tables.json["total"], 1);
  EXPECT_EQ(tables.json["items"][0]["target_table"], "customers");
  EXPECT_EQ(tables.json["items"][0]["total_fields"], 4);
  EXPECT_EQ(tables.json["items"][0]["mapped_fields"], 1);
  EXPECT_EQ(tables.json["items"][0]["completion_percentage"], 25);
  EXPECT_EQ(tables.json["items"][0]["total_required_fields"], 2);  // id, first_name
  EXPECT_EQ(tables.json["items"][0]["required_fields_covered"], 0);

  // The AI endpoint offline: the engine's answer and why no model was used.
  Response ai = client.post(base + "/ai-suggestions", json::object(), a.access_token);
  ASSERT_EQ(ai.status, 200) << ai.body;
  EXPECT_EQ(ai.json["llm"]["used"], false);
  EXPECT_NE(ai.json["llm"]["reason"].get<std::string>().find("offline"), std::string::npos);
}

/// A member of a STRUCT target column, through nested STRUCTs, is a target column of its
/// own for field mappings (code generation builds the STRUCT from its members).
TEST(MappingApi, MembersOfStructTargetColumnsCanBeMapped) {
  Client& client = shared_client();
  Account a = register_account(client, "structs");
  const std::string project = new_project(client, a, "postgres", "bigquery");
  const std::string base = "/api/v1/projects/" + project + "/mapping";
  Response up = upload_files(client, a, project,
                             {{"files", "crm.sql", kSourceDdl},
                              {"files", "dw.sql",
                               "CREATE TABLE customers (id INT64 NOT NULL,"
                               " contact STRUCT<name STRING, address STRUCT<zip STRING>>);"},
                              {"role.dw.sql", "", "target"}});
  ASSERT_EQ(up.status, 201) << up.body;
  // Without a dialect of their own, files are read in their side's dialect.
  for (const auto& f : up.json["files"])
    EXPECT_EQ(f["dialect"], f["filename"] == "dw.sql" ? "bigquery" : "postgres") << f.dump();
  wait_for_job(client, a, project, up.json["job"]["id"]);

  Response member = client.post(base + "/custom",
                                {{"source_table", "customers"},
                                 {"target_table", "customers"},
                                 {"target_column", "Contact.Address.ZIP"},
                                 {"formula", "UPPER(last_name)"}},
                                a.access_token);
  ASSERT_EQ(member.status, 201) << member.body;
  EXPECT_EQ(member.json["target_column"], "contact.address.zip");

  Response bad = client.post(base + "/custom",
                             {{"source_table", "customers"},
                              {"target_table", "customers"},
                              {"target_column", "contact.name.first"},
                              {"formula", "first_name"}},
                             a.access_token);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json["errors"][0]["field"], "target_column");
  EXPECT_NE(bad.json["errors"][0]["message"].get<std::string>().find("column.member"),
            std::string::npos)
      << bad.body;

  Response tables = client.get(base + "/table-mappings", a.access_token);
  ASSERT_EQ(tables.status, 200) << tables.body;
  ASSERT_EQ(tables.json["total"], 1);
  EXPECT_EQ(tables.json["items"][0]["total_fields"], 2);
  EXPECT_EQ(tables.json["items"][0]["mapped_fields"], 1);  // contact, through its member
}

TEST(MappingApi, StrangersSeeNothingAndViewersCannotDecide) {
  Client& client = shared_client();
  Account owner = register_account(client, "owner");
  Account viewer = register_account(client, "viewer");
  Account stranger = register_account(client, "stranger");
  std::string project = new_project(client, owner);
  ASSERT_EQ(client
                .post("/api/v1/projects/" + project + "/members",
                      {{"email", viewer.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            201);
  std::string base = "/api/v1/projects/" + project + "/mapping";
  for (const std::string& path :
       {base + "/status", base + "/suggestions", base + "/rules", base + "/table-mappings",
        base + "/audit", base + "/export?format=csv"}) {
    EXPECT_EQ(client.get(path, stranger.access_token).status, 404) << path;
    EXPECT_EQ(client.get(path, viewer.access_token).status, 200) << path;
  }
  for (const std::string& path : {base + "/start", base + "/approve", base + "/reject",
                                  base + "/custom", base + "/rules", base + "/ai-suggestions"}) {
    EXPECT_EQ(client.post(path, {{"ids", json::array({"x"})}}, stranger.access_token).status, 404)
        << path;
    EXPECT_EQ(
        client.post(path, {{"min_confidence", 0.9}, {"rule_type", "split"}}, viewer.access_token)
            .status,
        403)
        << path;
  }
  EXPECT_EQ(
      send(client, "POST", base + "/import", "target_table,target_column\n", "text/csv", stranger)
          .status,
      404);
  EXPECT_EQ(
      send(client, "POST", base + "/import", "target_table,target_column\n", "text/csv", viewer)
          .status,
      403);
  std::string fake = "/suggestions/00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(
      send(client, "PATCH", base + fake, R"({"formula":"1"})", "application/json", stranger).status,
      404);
  EXPECT_EQ(client.post(base + fake + "/undo", json::object(), owner.access_token).status, 404);
}

/// The whole workflow on a real pair (Sakila schema1 -> schema2 of the Schematch suite).
TEST(MappingApi, WorkflowOnARealPairKeepsDecisionsAcrossRuns) {
  std::filesystem::path pair = std::filesystem::path(shared_dir()) /
                               "datasets/matching/schematch_suite/Sakila/schema1_schema2";
  if (!std::filesystem::exists(pair / "source_schema.sql")) {
    GTEST_SKIP() << "the shared matching datasets are not at " << pair << " (GODWIT_SHARED)";
  }
  Client& client = shared_client();
  Account a = register_account(client, "workflow");
  Account stranger = register_account(client, "outsider");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project + "/mapping";

  // Upload both; the target is marked by a form field, then moved back and forth by PATCH.
  Response up = upload_files(client, a, project,
                             {{"files", "source_schema.sql", read_text(pair / "source_schema.sql")},
                              {"files", "target_schema.sql", read_text(pair / "target_schema.sql")},
                              {"role.target_schema.sql", "", "target"}});
  ASSERT_EQ(up.status, 201) << up.body;
  std::string target_file;
  for (const auto& f : up.json["files"]) {
    if (f["filename"] == "target_schema.sql") {
      EXPECT_EQ(f["role"], "target");
      target_file = f["id"];
    } else {
      EXPECT_EQ(f["role"], "source");
    }
  }
  ASSERT_FALSE(target_file.empty());
  wait_for_job(client, a, project, up.json["job"]["id"]);
  std::string file_path = "/api/v1/projects/" + project + "/files/" + target_file;
  Response role = send(client, "PATCH", file_path, R"({"role":"sideways"})", "application/json", a);
  EXPECT_EQ(role.status, 400) << role.body;
  role = send(client, "PATCH", file_path, R"({"role":"target"})", "application/json", a);
  ASSERT_EQ(role.status, 200) << role.body;
  EXPECT_EQ(role.json["role"], "target");

  // Run the engine.
  Response start = client.post(base + "/start", json::object(), a.access_token);
  ASSERT_EQ(start.status, 202) << start.body;
  json job = wait_for_job(client, a, project, start.json["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  Response status = client.get(base + "/status", a.access_token);
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json["state"], "succeeded");
  EXPECT_EQ(status.json["target_proposed"], false);
  long long suggested = status.json["counts"]["suggested"];
  ASSERT_GT(suggested, 20);

  // Filters, sorting and pages.
  Response actor = client.get(
      base + "/suggestions?source_table=actor&status=suggested&min_confidence=0.2&limit=100",
      a.access_token);
  ASSERT_EQ(actor.status, 200) << actor.body;
  ASSERT_FALSE(actor.json["items"].empty());
  double previous = 1.0;
  for (const auto& s : actor.json["items"]) {
    EXPECT_EQ(s["source_table"], "actor");
    EXPECT_EQ(s["status"], "suggested");
    EXPECT_EQ(s["provenance"], "engine");
    EXPECT_GE(s["confidence"].get<double>(), 0.2);
    EXPECT_LE(s["confidence"].get<double>(), previous);
    previous = s["confidence"].get<double>();
    EXPECT_TRUE(s["evidence"].is_array());
  }
  Response page1 = client.get(base + "/suggestions?limit=3&offset=0&sort=source", a.access_token);
  Response page2 = client.get(base + "/suggestions?limit=3&offset=3&sort=source", a.access_token);
  ASSERT_EQ(page1.json["items"].size(), 3u);
  ASSERT_EQ(page2.json["items"].size(), 3u);
  EXPECT_EQ(page1.json["total"], page2.json["total"]);
  std::set<std::string> ids;
  for (const auto& s : page1.json["items"]) ids.insert(s["id"]);
  for (const auto& s : page2.json["items"]) ids.insert(s["id"]);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_EQ(client.get(base + "/suggestions?min_confidence=2", a.access_token).status, 400);
  EXPECT_EQ(client.get(base + "/suggestions?status=maybe", a.access_token).status, 400);

  // Approve everything rank 1 at or above 0.9.
  Response approve = client.post(base + "/approve", {{"min_confidence", 0.9}}, a.access_token);
  ASSERT_EQ(approve.status, 200) << approve.body;
  long long approved = approve.json["changed_count"];
  ASSERT_GT(approved, 0);
  for (const auto& s : approve.json["changed"]) {
    EXPECT_EQ(s["status"], "approved");
    EXPECT_GE(s["confidence"].get<double>(), 0.9);
    EXPECT_EQ(s["rank"], 1);
    EXPECT_FALSE(s["approved_at"].is_null());
  }
  Response approved_list =
      client.get(base + "/suggestions?status=approved&limit=500", a.access_token);
  EXPECT_EQ(approved_list.json["total"], approved);

  // Reject one suggestion.
  Response low =
      client.get(base + "/suggestions?status=suggested&max_confidence=0.9&limit=1", a.access_token);
  ASSERT_EQ(low.json["items"].size(), 1u) << low.body;
  std::string rejected_id = low.json["items"][0]["id"];
  Response reject =
      client.post(base + "/reject", {{"ids", json::array({rejected_id})}}, a.access_token);
  ASSERT_EQ(reject.status, 200) << reject.body;
  EXPECT_EQ(reject.json["changed"][0]["status"], "rejected");

  // A person's mapping: bad formula, then a good one.
  json custom = {{"sources", json::array({{{"table", "actor"}, {"column", "first_name"}}})},
                 {"target_table", "actor"},
                 {"target_column", "last_name"},
                 {"transformation", "computed"},
                 {"formula", "CONCAT(first_name, ' ', last_name"}};
  Response bad = client.post(base + "/custom", custom, a.access_token);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json["errors"][0]["field"], "formula");
  EXPECT_NE(bad.json["errors"][0]["message"].get<std::string>().find("line 1, column"),
            std::string::npos);
  custom["formula"] = "CONCAT(first_name, ' ', last_name)";
  Response good = client.post(base + "/custom", custom, a.access_token);
  ASSERT_EQ(good.status, 201) << good.body;
  std::string custom_id = good.json["id"];
  EXPECT_EQ(good.json["sources"].size(), 2u);  // last_name comes from the formula

  // Edit, then undo.
  Response edit = send(client, "PATCH", base + "/suggestions/" + custom_id,
                       R"j({"formula":"UPPER(last_name)"})j", "application/json", a);
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(edit.json["formula"], "UPPER(last_name)");
  EXPECT_EQ(edit.json["can_undo"], true);
  Response bad_edit = send(client, "PATCH", base + "/suggestions/" + custom_id,
                           R"j({"formula":"UPPER(last_name"})j", "application/json", a);
  EXPECT_EQ(bad_edit.status, 422);
  Response undo =
      client.post(base + "/suggestions/" + custom_id + "/undo", json::object(), a.access_token);
  ASSERT_EQ(undo.status, 200) << undo.body;
  EXPECT_EQ(undo.json["formula"], "CONCAT(first_name, ' ', last_name)");

  // Coverage follows the decisions.
  Response tables = client.get(base + "/table-mappings", a.access_token);
  ASSERT_EQ(tables.status, 200);
  bool covered = false;
  for (const auto& t : tables.json["items"]) covered = covered || t["mapped_fields"].get<int>() > 0;
  EXPECT_TRUE(covered) << tables.body;

  // Re-running replaces suggestions only.
  Response again = client.post(base + "/start", json::object(), a.access_token);
  ASSERT_EQ(again.status, 202);
  ASSERT_EQ(wait_for_job(client, a, project, again.json["job"]["id"])["state"], "succeeded");
  EXPECT_EQ(client.get(base + "/suggestions?status=approved&limit=1", a.access_token).json["total"],
            approved);
  EXPECT_EQ(client.get(base + "/suggestions/" + rejected_id, a.access_token).json["status"],
            "rejected");
  Response kept = client.get(base + "/suggestions/" + custom_id, a.access_token);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json["formula"], "CONCAT(first_name, ' ', last_name)");
  EXPECT_GT(client.get(base + "/suggestions?status=suggested&limit=1", a.access_token)
                .json["total"]
                .get<long long>(),
            0);

  // Export and import back.
  Response csv = client.get(base + "/export?format=csv", a.access_token);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("source_table,source_column,target_table,target_column,"
                           "transformation,formula,status,confidence\r\n",
                           0),
            0u);
  EXPECT_NE(csv.body.find("actor,first_name,actor,last_name,computed,"), std::string::npos);
  Response imported = send(client, "POST", base + "/import", csv.body, "text/csv", a);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json["created"], 0);
  EXPECT_EQ(imported.json["updated"], 0);
  EXPECT_GT(imported.json["unchanged"].get<int>(), 0);
  Response bad_csv = send(client, "POST", base + "/import",
                          "source_table,source_column,target_table,target_column,formula\n"
                          "actor,first_name,actor,first_name,\n"
                          "actor,first_name,actor,nosuchcolumn,\n"
                          "actor,first_name,actor,last_name,UPPER(first_name\n",
                          "text/csv", a);
  ASSERT_EQ(bad_csv.status, 422) << bad_csv.body;
  ASSERT_EQ(bad_csv.json["errors"].size(), 2u);
  EXPECT_EQ(bad_csv.json["errors"][0]["field"], "rows[3].target_column");
  EXPECT_EQ(bad_csv.json["errors"][1]["field"], "rows[4].formula");
  Response document = client.get(base + "/export?format=json", a.access_token);
  ASSERT_EQ(document.status, 200);
  EXPECT_EQ(document.json["format_version"], 1);
  EXPECT_FALSE(document.json["fields"].empty());
  EXPECT_FALSE(document.json["tables"].empty());
  Response json_import =
      send(client, "POST", base + "/import", document.body, "application/json", a);
  ASSERT_EQ(json_import.status, 200) << json_import.body;
  EXPECT_EQ(json_import.json["created"], 0);
  Response bad_doc =
      send(client, "POST", base + "/import",
           R"({"format_version":1,"fields":[{"confidence":"high"}]})", "application/json", a);
  EXPECT_EQ(bad_doc.status, 422) << bad_doc.body;

  // The audit trail: who and when for each decision.
  Response audit = client.get(base + "/audit?limit=500", a.access_token);
  ASSERT_EQ(audit.status, 200);
  std::set<std::string> actions;
  for (const auto& e : audit.json["items"]) {
    actions.insert(e["action"]);
    if (e["action"] != "run") {
      EXPECT_EQ(e["user_id"], a.id);
    }
    EXPECT_FALSE(e["created_at"].get<std::string>().empty());
  }
  for (const char* action : {"approve", "reject", "custom", "edit", "undo"}) {
    EXPECT_EQ(actions.count(action), 1u) << action;
  }
  Response history = client.get(base + "/audit?mapping_id=" + custom_id, a.access_token);
  EXPECT_EQ(history.json["total"], 3);  // custom, edit, undo

  // Another user's token sees none of it.
  EXPECT_EQ(client.get(base + "/suggestions", stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/suggestions/" + custom_id, stranger.access_token).status, 404);
  EXPECT_EQ(
      client.post(base + "/approve", {{"ids", json::array({custom_id})}}, stranger.access_token)
          .status,
      404);
  EXPECT_EQ(client.get(base + "/export?format=json", stranger.access_token).status, 404);
}

}  // namespace
}  // namespace godwit::api_test

namespace godwit::api_test {
namespace {

const char* kAiSource =
    "CREATE TABLE cust (cust_id INT PRIMARY KEY, cust_nm VARCHAR(80), sex CHAR(1));\n";
const char* kAiTarget =
    "CREATE TABLE customers (customer_id BIGINT, name VARCHAR(100), display_name VARCHAR(100),"
    " gender VARCHAR(10));\n";

json ai_item(std::string sc, std::string tc, int rank, std::string formula) {
  return {{"source_table", "cust"},
          {"source_column", sc},
          {"target_table", "customers"},
          {"target_column", tc},
          {"rank", rank},
          {"confidence", 0.9},
          {"transformation", formula.empty() ? "direct" : "computed"},
          {"formula", formula},
          {"explanation", "Display names are trimmed names."}};
}

/// A model configured for the project re-ranks and gives formulas; its bad suggestions are
/// dropped with warnings, a person's decision stands, undo restores the engine's version,
/// and a failing model falls back to the engine with the reason.
TEST(MappingApi, AiSuggestionsThroughAFakeModel) {
  Client& client = shared_client();
  Account a = register_account(client, "ai-mapper");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project;
  Response up = upload_files(client, a, project,
                             {{"files", "src.sql", kAiSource},
                              {"files", "tgt.sql", kAiTarget},
                              {"role.tgt.sql", "", "target"}});
  ASSERT_EQ(up.status, 201) << up.body;
  wait_for_job(client, a, project, up.json["job"]["id"]);
  Response start = client.post(base + "/mapping/start", json::object(), a.access_token);
  ASSERT_EQ(start.status, 202) << start.body;
  ASSERT_EQ(wait_for_job(client, a, project, start.json["job"]["id"])["state"], "succeeded");

  // A person rejects the engine's cust_id -> customer_id: the model must not change it.
  Response ids =
      client.get(base + "/mapping/suggestions?source_table=cust&limit=100", a.access_token);
  ASSERT_EQ(ids.status, 200);
  std::string decided;
  for (const json& s : ids.json["items"])
    if (s["source_column"] == "cust_id" && s["target_column"] == "customer_id") decided = s["id"];
  ASSERT_FALSE(decided.empty()) << ids.body;
  ASSERT_EQ(client.post(base + "/mapping/reject", {{"ids", json::array({decided})}}, a.access_token)
                .status,
            200);

  llm::testing::FakeLlmServer fake;
  fake.set_answer_for(
      "field_mapping_ranking",
      {{"suggestions",
        {ai_item("cust_nm", "display_name", 1, "TRIM(cust_nm)"), ai_item("cust_nm", "name", 2, ""),
         ai_item("cust_id", "customer_id", 1, ""), ai_item("cust_pwd", "name", 1, ""),
         ai_item("sex", "gender", 1, "UPPER(sex")}}});
  Response put = client.put(
      base + "/settings/llm",
      {{"provider", "openai-compatible"}, {"model", "fake-model"}, {"base_url", fake.base_url()}},
      a.access_token);
  ASSERT_EQ(put.status, 200) << put.body;

  Response ai = client.post(base + "/mapping/ai-suggestions", json::object(), a.access_token);
  ASSERT_EQ(ai.status, 200) << ai.body;
  EXPECT_EQ(ai.json["llm"]["used"], true) << ai.body;
  EXPECT_EQ(ai.json["llm"]["model"], "fake-model");
  EXPECT_EQ(ai.json["llm"]["prompt"], "rank_field_mappings@1");
  std::string warnings = ai.json["llm"]["warnings"].dump();
  EXPECT_NE(warnings.find("cust.cust_pwd"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("formula was rejected"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("rejected by a person"), std::string::npos) << warnings;
  EXPECT_EQ(fake.request_count(), 1u);
  std::string model_row;
  for (const json& s : ai.json["suggestions"]) {
    if (s["source_column"] == "cust_nm") {
      EXPECT_EQ(s["origin"], "llm");
      EXPECT_EQ(s["provenance"], "model");
      EXPECT_EQ(s["target_column"], "display_name");
      EXPECT_EQ(s["formula"], "TRIM(cust_nm)");
      EXPECT_EQ(s["model"], "openai-compatible/fake-model/rank_field_mappings@1");
      EXPECT_EQ(s["rank"], 1);
      model_row = s["id"];
    } else {
      EXPECT_EQ(s["origin"], "engine") << s.dump();
    }
  }
  ASSERT_FALSE(model_row.empty()) << ai.body;
  Response rejected = client.get(base + "/mapping/suggestions/" + decided, a.access_token);
  EXPECT_EQ(rejected.json["status"], "rejected");
  EXPECT_EQ(rejected.json["provenance"], "engine");
  // The model's row is a normal suggestion: it can be approved.
  Response approve =
      client.post(base + "/mapping/approve", {{"ids", json::array({model_row})}}, a.access_token);
  ASSERT_EQ(approve.status, 200) << approve.body;
  EXPECT_EQ(approve.json["changed_count"], 1);

  // A model that fails: the engine's answer and the reason.
  fake.script({llm::testing::Behaviour::kServerError, llm::testing::Behaviour::kServerError,
               llm::testing::Behaviour::kServerError, llm::testing::Behaviour::kServerError});
  Response failed = client.post(base + "/mapping/ai-suggestions", {{"limit", 5}}, a.access_token);
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json["llm"]["used"], false);
  EXPECT_NE(failed.json["llm"]["reason"].get<std::string>().find("could not be used"),
            std::string::npos)
      << failed.body;
}

}  // namespace
}  // namespace godwit::api_test
