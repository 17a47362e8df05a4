// /api/v1/projects/{id}/codegen/*: generating each platform from a project's approved
// mappings, the stored files with provenance and verification, downloads (one file and a
// zip), advice and applying it, re-verification, the codegen.run job, and the errors a
// person can cause (nothing approved yet, unknown platform, a stranger's token), and
// advice from a language model (the fake provider) checked before it is stored.
#include <gtest/gtest.h>

#include <thread>

#include "api_environment.hpp"
#include "llm/fake_llm_server.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kSource =
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name VARCHAR(50) NOT NULL,"
    " last_name VARCHAR(50), gender CHAR(1), joined DATE);\n"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id),"
    " total NUMERIC(12,2));\n";
const std::string kTarget =
    "CREATE TABLE dw.customer (customer_id INT64 NOT NULL, full_name STRING, gender STRING,"
    " joined_on DATE);\n"
    "CREATE TABLE dw.sale (sale_id INT64 NOT NULL, customer_id INT64, amount NUMERIC);\n";

Response upload(Client& client, const Account& a, const std::string& project,
                const std::string& name, const std::string& content, const std::string& dialect) {
  return upload_files(client, a, project, {{"dialect", "", dialect}, {"files", name, content}});
}

json wait_for_job(Client& client, const Account& a, const std::string& project,
                  const std::string& job) {
  auto deadline = std::chrono::steady_clock::now() + 60s;
  json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = client.get("/api/v1/projects/" + project + "/jobs/" + job, a.access_token);
    last = r.json;
    if (r.status == 200 &&
        (last["state"] == "succeeded" || last["state"] == "failed" || last["state"] == "cancelled"))
      return last;
    std::this_thread::sleep_for(20ms);
  }
  return last;
}

/// A project with a PostgreSQL source, a BigQuery target and person-written mappings
/// (direct copies, a concatenation and a value map).
std::string mapped_project(Client& client, const Account& a) {
  Response p = client.post(
      "/api/v1/projects",
      {{"name", "Codegen"}, {"source_dialect", "postgres"}, {"target_dialect", "bigquery"}},
      a.access_token);
  if (p.status != 201) throw std::runtime_error(p.body);
  std::string project = p.json["id"];
  Response s = upload(client, a, project, "source.sql", kSource, "postgres");
  Response t = upload(client, a, project, "target.sql", kTarget, "bigquery");
  if (s.status != 201 || t.status != 201) throw std::runtime_error(s.body + t.body);
  for (const Response* r : {&s, &t})
    if (r->json.contains("job") && r->json["job"].is_object())
      wait_for_job(client, a, project, r->json["job"]["id"]);
  std::string target_file = t.json["files"][0]["id"];
  Response role = client.raw("PATCH", "/api/v1/projects/" + project + "/files/" + target_file,
                             json{{"role", "target"}}.dump(), "application/json",
                             {{"Authorization", "Bearer " + a.access_token}});
  if (role.status != 200) throw std::runtime_error(role.body);
  auto add = [&](json body) {
    Response r =
        client.post("/api/v1/projects/" + project + "/mapping/custom", body, a.access_token);
    if (r.status != 201) throw std::runtime_error(body.dump() + " -> " + r.body);
  };
  auto src = [](const char* table, const char* column) {
    return json{{"table", table}, {"column", column}};
  };
  add({{"sources", {src("customers", "id")}},
       {"target_table", "dw.customer"},
       {"target_column", "customer_id"},
       {"transformation", "direct"}});
  add({{"sources", {src("customers", "first_name"), src("customers", "last_name")}},
       {"target_table", "dw.customer"},
       {"target_column", "full_name"},
       {"transformation", "concatenated"},
       {"formula", "CONCAT(first_name, ' ', COALESCE(last_name, ''))"}});
  add({{"sources", {src("customers", "gender")}},
       {"target_table", "dw.customer"},
       {"target_column", "gender"},
       {"transformation", "case_when"},
       {"formula", "gender"},
       {"value_map",
        {{"entries", {{{"from", "'M'"}, {"to", "'male'"}}, {{"from", "'F'"}, {"to", "'female'"}}}},
         {"otherwise", "'unknown'"}}}});
  add({{"sources", {src("customers", "joined")}},
       {"target_table", "dw.customer"},
       {"target_column", "joined_on"},
       {"transformation", "direct"}});
  add({{"sources", {src("orders", "id")}},
       {"target_table", "dw.sale"},
       {"target_column", "sale_id"},
       {"transformation", "direct"}});
  add({{"sources", {src("orders", "customer_id")}},
       {"target_table", "dw.sale"},
       {"target_column", "customer_id"},
       {"transformation", "direct"}});
  add({{"sources", {src("orders", "total")}},
       {"target_table", "dw.sale"},
       {"target_column", "amount"},
       {"transformation", "direct"}});
  return project;
}

TEST(CodegenApi, GeneratesVerifiesStoresAndDownloadsAPlatform) {
  Client& client = shared_client();
  Account a = register_account(client, "codegen");
  std::string project = mapped_project(client, a);
  const std::string base = "/api/v1/projects/" + project + "/codegen";

  Response g = client.post(base + "/generate", {{"platform", "bigquery"}}, a.access_token);
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(g.json["platform"], "bigquery");
  EXPECT_EQ(g.json["version"], 1);
  ASSERT_GT(g.json["files"].size(), 0u);
  EXPECT_GT(g.json["verification"]["ok"].get<int>(), 0);
  EXPECT_EQ(g.json["verification"]["failed"], 0) << g.body;
  EXPECT_FALSE(g.json["load_plan"].empty());

  // The load SQL of the customer table carries the formulas and the value map.
  Response codes = client.get(base + "/codes?platform=bigquery&content=true", a.access_token);
  ASSERT_EQ(codes.status, 200) << codes.body;
  ASSERT_EQ(codes.json["items"].size(), 1u);
  std::string all_sql;
  std::string some_id;
  bool any_provenance = false;
  for (const json& f : codes.json["items"][0]["files"]) {
    all_sql += f["content"].get<std::string>();
    some_id = f["id"];
    if (!f["provenance"].empty()) any_provenance = true;
  }
  EXPECT_NE(all_sql.find("'male'"), std::string::npos);
  EXPECT_NE(all_sql.find("CONCAT"), std::string::npos);
  EXPECT_TRUE(any_provenance);

  Response one = client.get(base + "/codes/" + some_id, a.access_token);
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(one.json["content"].get<std::string>().empty());
  Response raw = client.get(base + "/codes/" + some_id + "/download", a.access_token);
  ASSERT_EQ(raw.status, 200);
  EXPECT_EQ(raw.body, one.json["content"].get<std::string>());
  EXPECT_NE(raw.header("Content-Disposition").find("attachment"), std::string::npos);

  Response zip = client.get(base + "/download?platform=bigquery", a.access_token);
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(zip.header("Content-Type"), "application/zip");
  EXPECT_EQ(zip.body.substr(0, 2), "PK");

  Response check = client.post(base + "/validate", {{"platform", "bigquery"}}, a.access_token);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(check.json["ok"].get<bool>()) << check.body;

  // Advice: applying an automatic one regenerates the platform as version 2.
  Response advice = client.get(base + "/optimizations?platform=bigquery", a.access_token);
  ASSERT_EQ(advice.status, 200);
  for (const json& item : advice.json["items"]) {
    if (!item["auto_applicable"].get<bool>()) continue;
    Response applied = client.post(base + "/optimize",
                                   {{"platform", "bigquery"}, {"advice_ids", {item["advice_id"]}}},
                                   a.access_token);
    ASSERT_EQ(applied.status, 201) << applied.body;
    EXPECT_EQ(applied.json["version"], 2);
    EXPECT_EQ(applied.json["applied_advice"][0], item["advice_id"]);
    break;
  }
  Response history = client.get(base + "/generations?platform=bigquery", a.access_token);
  ASSERT_EQ(history.status, 200);
  EXPECT_GE(history.json["items"].size(), 1u);
}

TEST(CodegenApi, TheJobGeneratesSeveralPlatforms) {
  Client& client = shared_client();
  Account a = register_account(client, "codegen");
  std::string project = mapped_project(client, a);
  const std::string base = "/api/v1/projects/" + project + "/codegen";
  Response started =
      client.post(base + "/start", {{"platforms", {"dbt", "beam", "databricks"}}}, a.access_token);
  ASSERT_EQ(started.status, 202) << started.body;
  json job = wait_for_job(client, a, project, started.json["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  Response status = client.get(base + "/status", a.access_token);
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json["state"], "succeeded");
  for (const char* p : {"dbt", "beam", "databricks"}) {
    ASSERT_TRUE(status.json["platforms"][p].is_object()) << p;
    EXPECT_GT(status.json["platforms"][p]["file_count"].get<int>(), 0) << p;
  }
  EXPECT_TRUE(status.json["platforms"]["bigquery"].is_null());
  Response zip = client.get(base + "/download", a.access_token);
  ASSERT_EQ(zip.status, 200);
  EXPECT_NE(zip.body.find("dbt/"), std::string::npos);
}

json model_suggestion(const std::string& table, const std::string& file,
                      const std::string& change) {
  return {{"table", table},
          {"file", file},
          {"type", "performance"},
          {"impact", "medium"},
          {"message", "Keep the customer names in their own table."},
          {"change", change}};
}

// CodegenService with a model configured for the project: the model is shown the code,
// its parseable suggestion is stored as ai_generated advice naming the model, and the
// unparseable and destructive ones are dropped, each with a warning on the generation.
TEST(CodegenApi, ModelAdviceIsCheckedStoredAsAiGeneratedOrDroppedWithAWarning) {
  Client& client = shared_client();
  Account a = register_account(client, "codegen");
  std::string project = mapped_project(client, a);
  const std::string base = "/api/v1/projects/" + project + "/codegen";

  // Offline first: the rules' advice only, and the file the suggestions will name.
  Response offline = client.post(base + "/generate", {{"platform", "bigquery"}}, a.access_token);
  ASSERT_EQ(offline.status, 201) << offline.body;
  std::string load_file;
  for (const json& f : offline.json["files"])
    if (f["path"].get<std::string>().rfind("load/", 0) == 0 &&
        f["path"].get<std::string>().find("customer") != std::string::npos)
      load_file = f["path"];
  ASSERT_FALSE(load_file.empty()) << offline.body;
  Response rules = client.get(base + "/optimizations?platform=bigquery", a.access_token);
  ASSERT_EQ(rules.status, 200);
  for (const json& item : rules.json["items"]) EXPECT_FALSE(item["ai_generated"].get<bool>());

  llm::testing::FakeLlmServer fake;
  fake.set_answer_for(
      "code_optimizations",
      {{"suggestions",
        json::array({model_suggestion("dw.customer", load_file,
                                      "CREATE TABLE dw.customer_names AS SELECT customer_id, "
                                      "full_name FROM dw.customer;"),
                     model_suggestion("dw.customer", load_file,
                                      "CREATE TABLE dw.x AS SELECT customer_id FROM WHERE"),
                     model_suggestion("dw.sale", load_file, "DROP TABLE dw.sale;")})}});
  Response put = client.put(
      "/api/v1/projects/" + project + "/settings/llm",
      {{"provider", "openai-compatible"}, {"model", "fake-model"}, {"base_url", fake.base_url()}},
      a.access_token);
  ASSERT_EQ(put.status, 200) << put.body;

  Response g = client.post(base + "/generate", {{"platform", "bigquery"}}, a.access_token);
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(g.json["version"], 2);
  ASSERT_EQ(fake.request_count(), 1u);
  // The generated code went to the model inside a data fence.
  const std::string sent = fake.requests()[0].body.dump();
  EXPECT_NE(sent.find("<<<DATA name=code"), std::string::npos);
  EXPECT_NE(sent.find(load_file), std::string::npos);

  Response advice = client.get(base + "/optimizations?platform=bigquery", a.access_token);
  ASSERT_EQ(advice.status, 200);
  std::vector<json> ai;
  for (const json& item : advice.json["items"])
    if (item["ai_generated"].get<bool>()) ai.push_back(item);
  ASSERT_EQ(ai.size(), 1u) << advice.body;
  EXPECT_EQ(ai[0]["rule"], "LLM-SUGGESTION");
  EXPECT_EQ(ai[0]["table"], "dw.customer");
  EXPECT_EQ(ai[0]["auto_applicable"], false);
  EXPECT_EQ(ai[0]["generation_id"], g.json["id"]);
  EXPECT_NE(ai[0]["suggestion"].get<std::string>().find("dw.customer_names"), std::string::npos);
  EXPECT_NE(ai[0]["description"].get<std::string>().find("fake-model"), std::string::npos)
      << ai[0].dump();
  EXPECT_EQ(advice.json["items"].size(), rules.json["items"].size() + 1) << advice.body;

  std::string warnings;
  for (const json& d : g.json["diagnostics"])
    if (d.value("code", "") == "W-CODEGEN-LLM-ADVICE") warnings += d.value("message", "") + "\n";
  EXPECT_NE(warnings.find("suggestion 2 was dropped: its change does not parse as bigquery"),
            std::string::npos)
      << g.json["diagnostics"].dump();
  EXPECT_NE(warnings.find("its change runs DROP"), std::string::npos) << warnings;

  // Model advice is shown, not applied automatically: asking to apply it is a 422.
  Response apply =
      client.post(base + "/optimize",
                  {{"platform", "bigquery"}, {"advice_ids", {ai[0]["advice_id"]}}}, a.access_token);
  EXPECT_EQ(apply.status, 422) << apply.body;
}

TEST(CodegenApi, ErrorsSayWhatIsWrong) {
  Client& client = shared_client();
  Account a = register_account(client, "codegen");
  Response p = client.post(
      "/api/v1/projects",
      {{"name", "Empty"}, {"source_dialect", "postgres"}, {"target_dialect", "bigquery"}},
      a.access_token);
  ASSERT_EQ(p.status, 201);
  std::string base = "/api/v1/projects/" + p.json["id"].get<std::string>() + "/codegen";

  Response unknown = client.post(base + "/generate", {{"platform", "cobol"}}, a.access_token);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.json["errors"][0]["field"], "platform");
  Response bad_option = client.post(
      base + "/generate", {{"platform", "bigquery"}, {"options", {{"target_schema", "a b"}}}},
      a.access_token);
  EXPECT_EQ(bad_option.status, 422);
  EXPECT_EQ(bad_option.json["errors"][0]["field"], "options.target_schema");
  Response nothing = client.post(base + "/generate", {{"platform", "bigquery"}}, a.access_token);
  EXPECT_EQ(nothing.status, 409) << nothing.body;
  Response no_files = client.get(base + "/download", a.access_token);
  EXPECT_EQ(no_files.status, 404);
  Response not_json = client.raw("POST", base + "/generate", "platform=bigquery",
                                 "application/x-www-form-urlencoded",
                                 {{"Authorization", "Bearer " + a.access_token}});
  EXPECT_EQ(not_json.status, 415);

  Account stranger = register_account(client, "stranger");
  EXPECT_EQ(client.get(base + "/status", stranger.access_token).status, 404);
  EXPECT_EQ(
      client.post(base + "/generate", {{"platform", "bigquery"}}, stranger.access_token).status,
      404);
  EXPECT_EQ(client.get(base + "/status").status, 401);
}

}  // namespace
}  // namespace godwit::api_test
