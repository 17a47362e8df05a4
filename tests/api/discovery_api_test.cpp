// /api/v1/projects/{id}/discovery/*, /lineage-graph*, /settings/llm: real multi-dialect
// corpus files (Sakila for MySQL, Chinook for PostgreSQL; skipped without the shared
// corpus) uploaded, discovered by the job, and read back: status, snapshots, tables with
// an inferred relationship, the focused and the truncated graph, positions, analysis
// offline and through a fake LLM provider, history on a re-run, strangers and bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "api_environment.hpp"
#include "llm/fake_llm_server.hpp"

namespace godwit::api_test {
namespace {

using Part = FormPart;

using nlohmann::json;
using namespace std::chrono_literals;

std::filesystem::path corpus_dir() {
  const char* shared = std::getenv("GODWIT_SHARED");
  std::filesystem::path root = shared && *shared ? shared : GODWIT_DEFAULT_SHARED;
  return root / "corpora" / "ddl";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string new_project(Client& client, const Account& a) {
  Response r = client.post(
      "/api/v1/projects",
      {{"name", "Discovery"}, {"source_dialect", "mysql"}, {"target_dialect", "bigquery"}},
      a.access_token);
  if (r.status != 201) throw std::runtime_error(r.body);
  return r.json["id"];
}

json wait_for_discovery(Client& client, const Account& a, const std::string& project,
                        std::chrono::seconds timeout = 120s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = client.get("/api/v1/projects/" + project + "/discovery/status", a.access_token);
    last = r.json;
    if (r.status == 200 && (last["state"] == "succeeded" || last["state"] == "failed" ||
                            last["state"] == "cancelled")) {
      return last;
    }
    std::this_thread::sleep_for(50ms);
  }
  return last;
}

const char* kSakila = "gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql";
const char* kChinook = "gh-chinook/postgres/Chinook_PostgreSql.sql";
const std::string kCsv = "id,name\n1,Ada\n2,Grace\n";

/// One project discovered once for the read tests (the job is the slow part).
struct Discovered {
  Account owner;
  std::string project;
  json status;
};

Discovered& discovered() {
  static Discovered d = [] {
    Client& client = shared_client();
    Discovered out;
    out.owner = register_account(client, "discoverer");
    out.project = new_project(client, out.owner);
    Response up = upload_files(client, out.owner, out.project,
                               {{"dialect.sakila.sql", "", "mysql"},
                                {"dialect.chinook.sql", "", "auto"},
                                {"files", "sakila.sql", read_file(corpus_dir() / kSakila)},
                                {"files", "chinook.sql", read_file(corpus_dir() / kChinook)},
                                {"files", "people.csv", kCsv}});
    if (up.status != 201) throw std::runtime_error(up.body);
    Response start = client.post("/api/v1/projects/" + out.project + "/discovery/start",
                                 json::object(), out.owner.access_token);
    if (start.status != 202) throw std::runtime_error(start.body);
    out.status = wait_for_discovery(client, out.owner, out.project);
    return out;
  }();
  return d;
}

class DiscoveryApi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(corpus_dir() / kSakila))
      GTEST_SKIP() << "shared corpus not found at " << corpus_dir();
  }
  std::string base() { return "/api/v1/projects/" + discovered().project; }
  const std::string& token() { return discovered().owner.access_token; }
};

TEST_F(DiscoveryApi, JobStoresAVersionedSnapshotOfEveryFile) {
  const json& status = discovered().status;
  ASSERT_EQ(status["state"], "succeeded") << status.dump();
  EXPECT_EQ(status["job"]["kind"], "discovery.run");
  EXPECT_EQ(status["job"]["progress"], 100);
  const json& latest = status["latest"];
  EXPECT_EQ(latest["version"], 1);
  // Sakila: 16 tables and 7 views; Chinook: 11 tables; the CSV sample: 1 table.
  EXPECT_EQ(latest["table_count"], 28);
  EXPECT_GT(latest["column_count"].get<int>(), 150);
  EXPECT_GT(latest["relationship_count"].get<int>(), 30);
  EXPECT_GT(latest["complexity_score"].get<double>(), 0.0);

  // The CSV sample is imported as a table of its own, with its row count.
  Response people = shared_client().get(base() + "/discovery/tables?search=people", token());
  ASSERT_EQ(people.status, 200) << people.body;
  ASSERT_EQ(people.json["total"], 1) << people.body;
  EXPECT_EQ(people.json["items"][0]["name"], "people");
  EXPECT_GT(people.json["items"][0]["column_count"].get<int>(), 0);

  // Uploading and discovering completes the upload phase.
  Response p = shared_client().get(base(), token());
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(p.json["current_phase"], "discovery");
}

TEST_F(DiscoveryApi, TableDetailShowsTheInferredRelationshipWithItsConfidence) {
  Client& client = shared_client();
  Response list = client.get(base() + "/discovery/tables?search=film_text", token());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["total"], 1);
  const json& summary = list.json["items"][0];
  EXPECT_EQ(summary["name"], "film_text");
  EXPECT_EQ(summary["kind"], "table");
  Response t =
      client.get(base() + "/discovery/tables/" + summary["id"].get<std::string>(), token());
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.json["columns"].size(), 3u);
  EXPECT_EQ(t.json["columns"][0]["name"], "film_id");
  EXPECT_EQ(t.json["columns"][0]["is_primary_key"], true);
  EXPECT_EQ(t.json["origin"]["file"], "sakila.sql");
  int inferred = 0;
  for (const json& r : t.json["relationships"]) {
    if (r["type"] != "inferred") continue;
    ++inferred;
    EXPECT_EQ(r["target_table"], "sakila.film");
    EXPECT_EQ(r["source_column"], "film_id");
    EXPECT_DOUBLE_EQ(r["confidence"].get<double>(), 0.95);
    EXPECT_EQ(r["relationship_type"], "one-to-one");
    EXPECT_EQ(r["ai_generated"], false);
    EXPECT_EQ(r["evidence"][0], "name-matches-table: film_id -> film");
  }
  EXPECT_EQ(inferred, 1);

  // A declared key of Chinook, confidence 1.
  Response track = client.get(base() + "/discovery/tables?search=playlist_track", token());
  ASSERT_EQ(track.json["total"], 1);
  Response pt = client.get(
      base() + "/discovery/tables/" + track.json["items"][0]["id"].get<std::string>(), token());
  int declared = 0;
  for (const json& r : pt.json["relationships"]) {
    if (r["type"] == "foreign_key" && r["source_table"] == "playlist_track") {
      ++declared;
      EXPECT_DOUBLE_EQ(r["confidence"].get<double>(), 1.0);
    }
  }
  EXPECT_EQ(declared, 2);
  EXPECT_EQ(pt.json["columns"][0]["is_foreign_key"], true);
}

TEST_F(DiscoveryApi, FocusedGraphWalksTheNeighbourhoodAndUnfocusedIsTruncated) {
  Client& client = shared_client();
  Response g =
      client.get(base() + "/lineage-graph?focus=sakila.film_text&depth=1&columns=true", token());
  ASSERT_EQ(g.status, 200) << g.body;
  ASSERT_GE(g.json["nodes"].size(), 2u);
  EXPECT_EQ(g.json["nodes"][0]["name"], "film_text");
  EXPECT_EQ(g.json["nodes"][0]["columns"].size(), 3u);
  std::set<std::string> ids;
  for (const json& n : g.json["nodes"]) ids.insert(n["id"].get<std::string>());
  std::set<std::string> names;
  for (const json& n : g.json["nodes"]) names.insert(n["name"].get<std::string>());
  EXPECT_TRUE(names.count("film"));
  for (const json& e : g.json["edges"]) {
    EXPECT_TRUE(ids.count(e["source"].get<std::string>()));
    EXPECT_TRUE(ids.count(e["target"].get<std::string>()));
  }
  EXPECT_EQ(g.json["truncated"], false);

  // Depth 2 reaches further (film's language, categories, actors ...).
  Response g2 = client.get(base() + "/lineage-graph?focus=sakila.film_text&depth=2", token());
  ASSERT_EQ(g2.status, 200);
  EXPECT_GT(g2.json["nodes"].size(), g.json["nodes"].size());

  // Views are lineage targets of the tables they read.
  Response views = client.get(base() + "/lineage-graph?focus=sakila.customer_list", token());
  ASSERT_EQ(views.status, 200) << views.body;
  EXPECT_EQ(views.json["nodes"][0]["role"], "target");
  bool lineage_edge = false;
  for (const json& e : views.json["edges"]) lineage_edge |= e["type"] == "lineage";
  EXPECT_TRUE(lineage_edge);

  Response all = client.get(base() + "/lineage-graph?limit=5", token());
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["nodes"].size(), 5u);
  EXPECT_EQ(all.json["truncated"], true);
  EXPECT_EQ(all.json["total_nodes"], 35);  // 28 tables (one from the CSV sample) and 7 views

  Response schema = client.get(base() + "/lineage-graph?schema=sakila", token());
  EXPECT_EQ(schema.json["total_nodes"], 23);
}

TEST_F(DiscoveryApi, PositionsAreStoredOnTheSnapshot) {
  Client& client = shared_client();
  Response g = client.get(base() + "/lineage-graph?focus=playlist", token());
  ASSERT_EQ(g.status, 200) << g.body;
  std::string id = g.json["nodes"][0]["id"];
  Response put =
      client.put(base() + "/lineage-graph/positions",
                 {{"positions", {{{"node_id", id}, {"x", 120.4}, {"y", -40}}}}}, token());
  ASSERT_EQ(put.status, 204) << put.body;
  Response again = client.get(base() + "/lineage-graph?focus=" + id, token());
  EXPECT_EQ(again.json["nodes"][0]["position"], (json{{"x", 120}, {"y", -40}}));

  Response unknown = client.put(
      base() + "/lineage-graph/positions",
      {{"positions", {{{"node_id", "00000000-0000-4000-8000-000000000000"}, {"x", 1}, {"y", 2}}}}},
      token());
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  Response malformed =
      client.put(base() + "/lineage-graph/positions", {{"positions", {{{"x", 1}}}}}, token());
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json["errors"][0]["field"], "positions[0].node_id");
}

TEST_F(DiscoveryApi, AnalyzeOfflineGivesFindingsComplexityAndDomains) {
  Client& client = shared_client();
  Response r = client.post(base() + "/discovery/analyze", json::object(), token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["llm"]["used"], false);
  EXPECT_EQ(r.json["llm"]["provider"], "offline");
  EXPECT_GT(r.json["findings"].size(), 0u);
  EXPECT_GT(r.json["complexity"]["score"].get<double>(), 0.0);
  std::map<std::string, std::string> domain;
  for (const json& d : r.json["domains"]) domain[d["table"]] = d["domain"];
  EXPECT_EQ(domain["sakila.payment"], "finance");
  EXPECT_EQ(domain["invoice"], "finance");
  EXPECT_EQ(domain["sakila.customer"], "customer");
  EXPECT_EQ(domain["sakila.staff"], "hr");
  EXPECT_EQ(domain["sakila.inventory"], "inventory");
  EXPECT_EQ(domain["sakila.country"], "reference");
}

TEST_F(DiscoveryApi, BadInputIsAProblemNotAFailure) {
  Client& client = shared_client();
  EXPECT_EQ(client.get(base() + "/lineage-graph?depth=9", token()).status, 400);
  EXPECT_EQ(client.get(base() + "/lineage-graph?columns=maybe", token()).status, 400);
  EXPECT_EQ(client.get(base() + "/lineage-graph?focus=no_such_table", token()).status, 422);
  EXPECT_EQ(client.get(base() + "/discovery/diagnostics?severity=loud", token()).status, 400);
  EXPECT_EQ(client.get(base() + "/discovery/tables/not-a-table", token()).status, 404);
  EXPECT_EQ(client.post(base() + "/discovery/start", {{"files", "x"}}, token()).status, 400);
  Response unknown = client.post(base() + "/discovery/start",
                                 {{"files", {"00000000-0000-4000-8000-000000000000"}}}, token());
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(client.post(base() + "/discovery/analyze", {{"use_llm", "yes"}}, token()).status, 400);
}

TEST_F(DiscoveryApi, StrangersSeeNothing) {
  Client& client = shared_client();
  Account stranger = register_account(client, "stranger");
  for (const char* path : {"/discovery/status", "/discovery/snapshots", "/discovery/tables",
                           "/discovery/diagnostics", "/lineage-graph", "/settings/llm"}) {
    EXPECT_EQ(client.get(base() + std::string(path), stranger.access_token).status, 404) << path;
  }
  EXPECT_EQ(client.post(base() + "/discovery/start", json::object(), stranger.access_token).status,
            404);
  EXPECT_EQ(
      client.post(base() + "/discovery/analyze", json::object(), stranger.access_token).status,
      404);
  EXPECT_EQ(client
                .put(base() + "/lineage-graph/positions", {{"positions", json::array()}},
                     stranger.access_token)
                .status,
            404);
  EXPECT_EQ(
      client.put(base() + "/settings/llm", {{"provider", "offline"}}, stranger.access_token).status,
      404);
}

TEST(DiscoveryApiStart, NothingToDiscoverIs422AndASecondStartIs409) {
  // No workers: the job stays queued, so the second start deterministically conflicts.
  static ServerProcess server(std::map<std::string, std::string>{{"GODWIT_WORKERS", "0"}});
  Client client(server.port());
  Account a = register_account(client, "starter");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project;
  Response status = client.get(base + "/discovery/status", a.access_token);
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json["state"], "idle");
  EXPECT_TRUE(status.json["latest"].is_null());
  Response empty = client.post(base + "/discovery/start", json::object(), a.access_token);
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(client.get(base + "/lineage-graph", a.access_token).status, 409);

  ASSERT_EQ(
      upload_files(client, a, project, {{"files", "a.sql", "CREATE TABLE a (id INT PRIMARY KEY);"}})
          .status,
      201);
  Response first = client.post(base + "/discovery/start", json::object(), a.access_token);
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(first.json["snapshot_version"], 1);
  EXPECT_EQ(first.json["job"]["kind"], "discovery.run");
  EXPECT_EQ(first.json["job"]["state"], "queued");
  Response second = client.post(base + "/discovery/start", json::object(), a.access_token);
  EXPECT_EQ(second.status, 409) << second.body;
  Response queued = client.get(base + "/discovery/status", a.access_token);
  EXPECT_EQ(queued.json["state"], "queued");
}

TEST(DiscoveryApiRuns, SelectedFilesOnlyWithDiagnosticsLinkedToTheFileLines) {
  Client& client = shared_client();
  Account a = register_account(client, "selected");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project;
  Response up = upload_files(
      client, a, project,
      {{"dialect", "", "postgres"},
       {"files", "bad.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n\nCREATE TABLE (x int);\n"},
       {"files", "customers.csv", "customer_id,name\n1,Ada\n2,Grace\n3,Edsger\n"},
       {"files", "orders.csv", "order_id,customer_id\n10,1\n11,2\n12,2\n"},
       {"files", "other.sql", "CREATE TABLE other (id INT PRIMARY KEY);"}});
  ASSERT_EQ(up.status, 201) << up.body;
  std::map<std::string, std::string> id_of;
  for (const json& f : up.json["files"]) id_of[f["filename"]] = f["id"];
  ASSERT_EQ(id_of.size(), 4u) << up.body;

  Response start = client.post(
      base + "/discovery/start",
      {{"files", {id_of["bad.sql"], id_of["customers.csv"], id_of["orders.csv"]}}}, a.access_token);
  ASSERT_EQ(start.status, 202) << start.body;
  json status = wait_for_discovery(client, a, project);
  ASSERT_EQ(status["state"], "succeeded") << status.dump();
  EXPECT_EQ(status["latest"]["table_count"], 3);  // a, customers, orders: not other.sql
  EXPECT_EQ(client.get(base + "/discovery/tables?search=other", a.access_token).json["total"], 0);

  // The parse error names the file by id and line, and the content endpoint shows it.
  Response diags = client.get(base + "/discovery/diagnostics?file=bad.sql", a.access_token);
  ASSERT_EQ(diags.status, 200) << diags.body;
  ASSERT_GE(diags.json["total"].get<int>(), 1) << diags.body;
  const json& d = diags.json["items"][0];
  EXPECT_EQ(d["file_id"], id_of["bad.sql"]);
  EXPECT_EQ(d["line"], 3);
  Response lines =
      client.get(base + "/files/" + id_of["bad.sql"] + "/content?from=2&to=40", a.access_token);
  ASSERT_EQ(lines.status, 200) << lines.body;
  EXPECT_EQ(lines.json["filename"], "bad.sql");
  EXPECT_EQ(lines.json["from"], 2);
  EXPECT_EQ(lines.json["to"], 3);
  EXPECT_EQ(lines.json["total_lines"], 3);
  EXPECT_EQ(lines.json["lines"], json({"", "CREATE TABLE (x int);"}));
  std::string content = base + "/files/" + id_of["bad.sql"] + "/content";
  EXPECT_EQ(client.get(content + "?from=5&to=4", a.access_token).status, 400);
  EXPECT_EQ(client.get(content + "?from=1&to=1001", a.access_token).status, 400);
  EXPECT_EQ(client.get(content + "?from=zero", a.access_token).status, 400);
  EXPECT_EQ(client.get(base + "/files/00000000-0000-4000-8000-000000000000/content", a.access_token)
                .status,
            404);
  Account stranger = register_account(client, "peeker");
  EXPECT_EQ(client.get(content, stranger.access_token).status, 404);

  // The CSV samples give value-overlap evidence: orders.customer_id -> customers.customer_id
  // scores 0.45 on names alone (a non-unique target) and is kept only thanks to the samples.
  Response orders = client.get(base + "/discovery/tables?search=orders", a.access_token);
  ASSERT_EQ(orders.json["total"], 1) << orders.body;
  Response detail =
      client.get(base + "/discovery/tables/" + orders.json["items"][0]["id"].get<std::string>(),
                 a.access_token);
  ASSERT_EQ(detail.status, 200) << detail.body;
  bool overlap = false;
  for (const json& r : detail.json["relationships"]) {
    if (r["source_column"] != "customer_id" || r["target_column"] != "customer_id") continue;
    for (const json& e : r["evidence"]) {
      if (e.get<std::string>().rfind("value-overlap", 0) == 0) overlap = true;
    }
  }
  EXPECT_TRUE(overlap) << detail.json["relationships"].dump();
}

TEST(DiscoveryApiRuns, ReRunKeepsHistoryAndTheLlmAnswersAreCheckedAndStored) {
  Client& client = shared_client();
  Account a = register_account(client, "rerun");
  std::string project = new_project(client, a);
  std::string base = "/api/v1/projects/" + project;
  ASSERT_EQ(upload_files(client, a, project,
                         {{"files", "shop.sql",
                           "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200));\n"
                           "CREATE TABLE invoices (id INT PRIMARY KEY, customer_id INT, amount "
                           "DECIMAL(12,2), buyer INT);\n"}})
                .status,
            201);
  ASSERT_EQ(client.post(base + "/discovery/start", json::object(), a.access_token).status, 202);
  ASSERT_EQ(wait_for_discovery(client, a, project)["state"], "succeeded");

  // Settings: offline by default; keys are refused; bad values named.
  Response settings = client.get(base + "/settings/llm", a.access_token);
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.json["provider"], "offline");
  EXPECT_EQ(settings.json["allow_sample_values"], false);
  Response key = client.put(base + "/settings/llm", {{"api_key", "sk-123"}}, a.access_token);
  EXPECT_EQ(key.status, 400);
  Response bad = client.put(base + "/settings/llm",
                            {{"provider", "magic"}, {"monthly_token_limit", -1}}, a.access_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["errors"].size(), 2u);

  llm::testing::FakeLlmServer fake;
  fake.set_answer_for("table_domains", {{"tables",
                                         {{{"table", "invoices"},
                                           {"domain", "sales"},
                                           {"confidence", 0.8},
                                           {"reason", "Invoices issued to buyers."}},
                                          {{"table", "ghosts"},
                                           {"domain", "hr"},
                                           {"confidence", 0.9},
                                           {"reason", "Not in the schema."}}}}});
  fake.set_answer_for("relationships", {{"relationships",
                                         {{{"from_table", "invoices"},
                                           {"from_column", "buyer"},
                                           {"to_table", "customers"},
                                           {"to_column", "id"},
                                           {"cardinality", "one_to_many"},
                                           {"confidence", 0.7},
                                           {"evidence", "buyer holds customer ids."}},
                                          {{"from_table", "invoices"},
                                           {"from_column", "nope"},
                                           {"to_table", "customers"},
                                           {"to_column", "id"},
                                           {"cardinality", "one_to_many"},
                                           {"confidence", 0.7},
                                           {"evidence", "Unknown column."}}}}});
  Response put = client.put(base + "/settings/llm",
                            {{"provider", "openai-compatible"},
                             {"model", "fake-model"},
                             {"base_url", fake.base_url()},
                             {"monthly_token_limit", 100000}},
                            a.access_token);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json["provider"], "openai-compatible");
  EXPECT_FALSE(put.json.contains("api_key"));

  Response analyzed = client.post(base + "/discovery/analyze", json::object(), a.access_token);
  ASSERT_EQ(analyzed.status, 200) << analyzed.body;
  EXPECT_EQ(analyzed.json["llm"]["used"], true) << analyzed.body;
  EXPECT_EQ(analyzed.json["llm"]["provider"], "openai-compatible");
  EXPECT_EQ(analyzed.json["llm"]["relationships_proposed"], 1);
  EXPECT_GE(fake.request_count(), 2u);
  std::map<std::string, json> domain;
  for (const json& d : analyzed.json["domains"]) domain[d["table"]] = d;
  EXPECT_EQ(domain["invoices"]["domain"], "sales");
  EXPECT_EQ(domain["invoices"]["provenance"]["ai_generated"], true);
  EXPECT_EQ(domain["invoices"]["offline"]["domain"], "finance");
  EXPECT_EQ(domain["customers"]["domain"], "customer");  // offline, the LLM named it not
  EXPECT_FALSE(domain.count("ghosts"));

  Response graph = client.get(base + "/lineage-graph", a.access_token);
  int ai = 0;
  for (const json& e : graph.json["edges"]) {
    if (e["ai_generated"] == true) {
      ++ai;
      EXPECT_EQ(e["source_column"], "buyer");
      EXPECT_EQ(e["type"], "inferred");
      EXPECT_DOUBLE_EQ(e["confidence"].get<double>(), 0.7);
      EXPECT_EQ(e["provenance"]["provider"], "openai-compatible");
    }
  }
  EXPECT_EQ(ai, 1);

  // A failing provider: offline results with a warning, never a 500.
  fake.script({llm::testing::Behaviour::kUnauthorized, llm::testing::Behaviour::kUnauthorized});
  ASSERT_EQ(client.put(base + "/settings/llm", {{"model", "fake-model-2"}}, a.access_token).status,
            200);
  Response failed = client.post(base + "/discovery/analyze", json::object(), a.access_token);
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json["llm"]["used"], false);
  EXPECT_TRUE(failed.json["llm"]["warning"].is_string());
  std::map<std::string, std::string> after;
  for (const json& d : failed.json["domains"]) after[d["table"]] = d["domain"];
  EXPECT_EQ(after["invoices"], "finance");

  // Re-running keeps the history.
  ASSERT_EQ(client.put(base + "/settings/llm", {{"provider", "offline"}}, a.access_token).status,
            200);
  Response again = client.post(base + "/discovery/start", json::object(), a.access_token);
  ASSERT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(again.json["snapshot_version"], 2);
  ASSERT_EQ(wait_for_discovery(client, a, project)["state"], "succeeded");
  Response history = client.get(base + "/discovery/snapshots", a.access_token);
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.json["total"], 2);
  EXPECT_EQ(history.json["items"][0]["version"], 2);
  EXPECT_EQ(history.json["items"][1]["version"], 1);
}

}  // namespace
}  // namespace godwit::api_test
