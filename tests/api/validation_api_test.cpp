// /api/v1/projects/{id}/validation/*: a real run against the CTest fixture's PostgreSQL
// (a source and a target schema with planted differences), followed through its status to
// a stored report whose failing checks, anomalies and HTML export name the planted
// problems; rules (422 with the parser's diagnostic for bad SQL), test cases run on
// demand, and the errors a person can cause (bad body, unknown connection, nothing
// approved, a viewer starting a run, a stranger).
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "api_environment.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string fixture_url() {
  const char* file = std::getenv("GODWIT_TEST_PG_URL_FILE");
  if (file == nullptr) throw std::runtime_error("GODWIT_TEST_PG_URL_FILE is not set");
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

/// The fixture's PostgreSQL as a connection body (host, port, database, user).
json fixture_connection(const std::string& name) {
  std::string rest = fixture_url();
  rest = rest.substr(rest.find("://") + 3);  // user@host:port/database
  std::string user = rest.substr(0, rest.find('@'));
  rest = rest.substr(rest.find('@') + 1);
  std::string host = rest.substr(0, rest.find(':'));
  int port = std::stoi(rest.substr(rest.find(':') + 1));
  std::string database = rest.substr(rest.find('/') + 1);
  return {{"name", name},
          {"engine", "postgresql"},
          {"host", host},
          {"port", port},
          {"database", database},
          {"user", user},
          {"options", {{"sslmode", "disable"}}}};
}

void exec_sql(const std::string& sql) {
  PGconn* conn = PQconnectdb(fixture_url().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the fixture PostgreSQL: " + error);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  std::string error = PQresultStatus(result) == PGRES_COMMAND_OK ? "" : PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error(error + " in " + sql.substr(0, 200));
}

/// A schema name of its own per test run and backend (both API runs share the fixture).
std::string schema_name(const std::string& role) {
  static std::atomic<int> counter{0};
  return "v" + role + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

std::string ddl(const std::string& schema) {
  return "CREATE TABLE " + schema +
         ".customers (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL, balance NUMERIC(10,2));\n"
         "CREATE TABLE " +
         schema + ".orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES " + schema +
         ".customers (id), amount NUMERIC(10,2));\n";
}

/// Both schemas with 40 customers and 120 orders; the target has one changed name
/// (customer 7), one missing order (50) and one changed amount (order 60).
void load_databases(const std::string& src, const std::string& tgt) {
  std::string sql;
  for (const std::string& s : {src, tgt}) {
    sql += "DROP SCHEMA IF EXISTS " + s + " CASCADE; CREATE SCHEMA " + s + ";\n" + ddl(s);
    sql += "INSERT INTO " + s +
           ".customers SELECT g, 'Customer ' || g, (g * 10.25)::numeric(10,2) FROM "
           "generate_series(1, 40) g;\n";
    sql += "INSERT INTO " + s +
           ".orders SELECT g, 1 + (g % 40), (g * 3.5)::numeric(10,2) FROM generate_series(1, "
           "120) g;\n";
  }
  sql += "UPDATE " + tgt + ".customers SET name = 'Changed name' WHERE id = 7;\n";
  sql += "DELETE FROM " + tgt + ".orders WHERE id = 50;\n";
  sql += "UPDATE " + tgt + ".orders SET amount = amount + 1 WHERE id = 60;\n";
  exec_sql(sql);
}

json wait_for_job(Client& client, const Account& a, const std::string& project,
                  const std::string& job) {
  auto deadline = std::chrono::steady_clock::now() + 120s;
  json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = client.get("/api/v1/projects/" + project + "/jobs/" + job, a.access_token);
    last = r.json;
    if (r.status == 200 &&
        (last["state"] == "succeeded" || last["state"] == "failed" || last["state"] == "cancelled"))
      return last;
    std::this_thread::sleep_for(50ms);
  }
  return last;
}

struct ValidationProject {
  std::string id;
  std::string source_schema;
  std::string target_schema;
  std::string source_connection;
  std::string target_connection;
  std::vector<std::string> mapping_ids;
};

/// A project whose uploaded source and target DDL are the two fixture schemas, with
/// person-written mappings of every column (approved when `approve`), and a connection to
/// each schema's database.
ValidationProject make_project(Client& client, const Account& a, bool approve) {
  ValidationProject out;
  out.source_schema = schema_name("src");
  out.target_schema = schema_name("tgt");
  load_databases(out.source_schema, out.target_schema);
  Response p = client.post(
      "/api/v1/projects",
      {{"name", "Validation"}, {"source_dialect", "postgres"}, {"target_dialect", "postgres"}},
      a.access_token);
  if (p.status != 201) throw std::runtime_error(p.body);
  out.id = p.json["id"];
  Response s =
      upload_files(client, a, out.id,
                   {{"dialect", "", "postgres"}, {"files", "source.sql", ddl(out.source_schema)}});
  Response t =
      upload_files(client, a, out.id,
                   {{"dialect", "", "postgres"}, {"files", "target.sql", ddl(out.target_schema)}});
  if (s.status != 201 || t.status != 201) throw std::runtime_error(s.body + t.body);
  for (const Response* r : {&s, &t})
    if (r->json.contains("job") && r->json["job"].is_object())
      wait_for_job(client, a, out.id, r->json["job"]["id"]);
  std::string target_file = t.json["files"][0]["id"];
  Response role = client.raw("PATCH", "/api/v1/projects/" + out.id + "/files/" + target_file,
                             json{{"role", "target"}}.dump(), "application/json",
                             {{"Authorization", "Bearer " + a.access_token}});
  if (role.status != 200) throw std::runtime_error(role.body);
  for (const char* table : {"customers", "orders"}) {
    std::vector<const char*> columns =
        std::string(table) == "customers" ? std::vector<const char*>{"id", "name", "balance"}
                                          : std::vector<const char*>{"id", "customer_id", "amount"};
    for (const char* column : columns) {
      json body = {{"sources", {{{"table", out.source_schema + "." + table}, {"column", column}}}},
                   {"target_table", out.target_schema + "." + table},
                   {"target_column", column},
                   {"transformation", "direct"}};
      Response r =
          client.post("/api/v1/projects/" + out.id + "/mapping/custom", body, a.access_token);
      if (r.status != 201) throw std::runtime_error(body.dump() + " -> " + r.body);
      out.mapping_ids.push_back(r.json["id"]);
    }
  }
  if (approve) {
    Response ok = client.post("/api/v1/projects/" + out.id + "/mapping/approve",
                              {{"ids", out.mapping_ids}}, a.access_token);
    if (ok.status != 200) throw std::runtime_error(ok.body);
  }
  std::string base = "/api/v1/projects/" + out.id + "/connections";
  Response sc = client.post(base, fixture_connection("source db"), a.access_token);
  Response tc = client.post(base, fixture_connection("target db"), a.access_token);
  if (sc.status != 201 || tc.status != 201) throw std::runtime_error(sc.body + tc.body);
  out.source_connection = sc.json["id"];
  out.target_connection = tc.json["id"];
  return out;
}

json start_body(const ValidationProject& v, json options = json::object()) {
  return {{"source_connection_id", v.source_connection},
          {"target_connection_id", v.target_connection},
          {"options", options}};
}

TEST(ValidationApi, ARunFindsThePlantedDifferencesAndStoresAReport) {
  Client& client = shared_client();
  Account a = register_account(client, "validator");
  ValidationProject v = make_project(client, a, true);
  const std::string base = "/api/v1/projects/" + v.id + "/validation";

  Response idle = client.get(base + "/status", a.access_token);
  ASSERT_EQ(idle.status, 200) << idle.body;
  EXPECT_EQ(idle.json["state"], "idle");
  EXPECT_TRUE(idle.json["latest_report"].is_null());
  EXPECT_EQ(client.get(base + "/report", a.access_token).status, 404);

  Response started = client.post(base + "/start", start_body(v), a.access_token);
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.json["job"]["kind"], "validation.run");
  json job = wait_for_job(client, a, v.id, started.json["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();

  Response status = client.get(base + "/status", a.access_token);
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json["state"], "succeeded");
  EXPECT_EQ(status.json["job"]["progress"], 100);
  ASSERT_TRUE(status.json["latest_report"].is_object()) << status.body;
  std::string report_id = status.json["latest_report"]["id"];

  Response report = client.get(base + "/report", a.access_token);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.json["id"], report_id);
  EXPECT_EQ(report.json["status"], "failed");
  EXPECT_GT(report.json["checks"]["failed"].get<int>(), 0);
  EXPECT_GT(report.json["checks"]["passed"].get<int>(), 0);
  EXPECT_LT(report.json["overall_accuracy"].get<double>(), 100.0);
  EXPECT_EQ(report.json["source_connection_id"], v.source_connection);
  EXPECT_EQ(report.json["job_id"], started.json["job"]["id"]);
  EXPECT_TRUE(report.json["report"].is_object());
  Response same = client.get(base + "/reports/" + report_id, a.access_token);
  ASSERT_EQ(same.status, 200);
  EXPECT_EQ(same.json["report"], report.json["report"]);

  // The failing checks name both planted tables and link back to their mappings.
  Response failing =
      client.get(base + "/reports/" + report_id + "/checks?status=failed", a.access_token);
  ASSERT_EQ(failing.status, 200) << failing.body;
  ASSERT_GT(failing.json["total"].get<int>(), 0);
  bool customers = false, orders = false, linked = false;
  for (const json& c : failing.json["items"]) {
    EXPECT_EQ(c["status"], "failed");
    std::string table = c.value("target_table", "");
    if (table.find("customers") != std::string::npos) customers = true;
    if (table.find("orders") != std::string::npos) orders = true;
    for (const json& m : c["links"]["mappings"])
      if (m.contains("href")) linked = true;
  }
  EXPECT_TRUE(customers) << failing.body;
  EXPECT_TRUE(orders) << failing.body;
  EXPECT_TRUE(linked) << failing.body;
  Response only_orders =
      client.get(base + "/reports/" + report_id + "/checks?table=" + v.target_schema + ".orders",
                 a.access_token);
  ASSERT_EQ(only_orders.status, 200);
  for (const json& c : only_orders.json["items"])
    EXPECT_NE(c.value("target_table", "").find("orders"), std::string::npos);
  Response passed =
      client.get(base + "/reports/" + report_id + "/checks?status=passed&limit=1", a.access_token);
  ASSERT_EQ(passed.status, 200);
  EXPECT_EQ(passed.json["items"].size(), 1u);
  EXPECT_EQ(
      client.get(base + "/reports/" + report_id + "/checks?status=broken", a.access_token).status,
      400);

  Response html =
      client.get(base + "/reports/" + report_id + "/export?format=html", a.access_token);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(html.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(html.body.find("customers"), std::string::npos);
  EXPECT_NE(html.body.find("orders"), std::string::npos);
  Response exported =
      client.get(base + "/reports/" + report_id + "/export?format=json", a.access_token);
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(json::parse(exported.body), report.json["report"]);
  EXPECT_EQ(
      client.get(base + "/reports/" + report_id + "/export?format=pdf", a.access_token).status,
      400);

  Response anomalies = client.get(base + "/anomalies", a.access_token);
  ASSERT_EQ(anomalies.status, 200) << anomalies.body;
  EXPECT_EQ(anomalies.json["report_id"], report_id);
  EXPECT_EQ(anomalies.json["total"], report.json["anomalies"]);
  // Listed in the engine's ranking (1, 2, ...), each with its likely cause; no model ran
  // (this data set plants no anomaly: the web scenario checks a listed one).
  int expected_rank = 1;
  for (const auto& item : anomalies.json["items"]) {
    EXPECT_EQ(item["rank"], expected_rank++) << item.dump();
    EXPECT_FALSE(item["likely_cause"].get<std::string>().empty()) << item.dump();
    EXPECT_EQ(item["ai_explanation"], "") << item.dump();
  }
  EXPECT_EQ(client.get(base + "/anomalies?severity=dire", a.access_token).status, 400);

  // A second run limited to one table: history lists both, newest first.
  Response again = client.post(
      base + "/start",
      start_body(v, {{"tables", {v.target_schema + ".customers"}}, {"anomalies", false}}),
      a.access_token);
  ASSERT_EQ(again.status, 202) << again.body;
  ASSERT_EQ(wait_for_job(client, a, v.id, again.json["job"]["id"])["state"], "succeeded");
  Response history = client.get(base + "/reports?limit=1", a.access_token);
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.json["total"], 2);
  ASSERT_EQ(history.json["items"].size(), 1u);
  EXPECT_NE(history.json["items"][0]["id"], report_id);
  EXPECT_EQ(history.json["items"][0]["options"]["tables"][0], v.target_schema + ".customers");
  EXPECT_FALSE(history.json["items"][0].contains("report"));

  exec_sql("DROP SCHEMA " + v.source_schema + " CASCADE; DROP SCHEMA " + v.target_schema +
           " CASCADE;");
}

TEST(ValidationApi, RulesAreCheckedByTheParserBeforeTheyAreStored) {
  Client& client = shared_client();
  Account a = register_account(client, "rules");
  ValidationProject v = make_project(client, a, true);
  const std::string base = "/api/v1/projects/" + v.id + "/validation/rules";

  Response bad_sql = client.post(base,
                                 {{"name", "broken"},
                                  {"kind", "sql"},
                                  {"sql", "SELEC id FROM " + v.target_schema + ".orders"}},
                                 a.access_token);
  EXPECT_EQ(bad_sql.status, 422) << bad_sql.body;
  ASSERT_TRUE(bad_sql.json.contains("errors")) << bad_sql.body;
  EXPECT_EQ(bad_sql.json["errors"][0]["field"], "sql");
  Response dml = client.post(
      base,
      {{"name", "sneaky"}, {"kind", "sql"}, {"sql", "DELETE FROM " + v.target_schema + ".orders"}},
      a.access_token);
  EXPECT_EQ(dml.status, 422) << dml.body;
  Response no_kind = client.post(base, {{"name", "x"}, {"kind", "teleport"}}, a.access_token);
  EXPECT_EQ(no_kind.status, 422);
  EXPECT_EQ(no_kind.json["errors"][0]["field"], "kind");
  Response unknown_table = client.post(
      base, {{"name", "x"}, {"kind", "not_null"}, {"table", "nowhere.nothing"}, {"column", "id"}},
      a.access_token);
  EXPECT_EQ(unknown_table.status, 422) << unknown_table.body;

  Response created = client.post(base,
                                 {{"name", "balance is not negative"},
                                  {"kind", "range"},
                                  {"table", v.target_schema + ".customers"},
                                  {"column", "balance"},
                                  {"params", {{"min", 0}}},
                                  {"severity", "high"}},
                                 a.access_token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json["id"];
  EXPECT_EQ(created.json["origin"], "person");
  EXPECT_EQ(created.json["table_path"][0], v.target_schema);
  Response sql_rule =
      client.post(base,
                  {{"name", "no empty names"},
                   {"kind", "sql"},
                   {"sql", "SELECT id FROM " + v.target_schema + ".customers WHERE name = ''"}},
                  a.access_token);
  ASSERT_EQ(sql_rule.status, 201) << sql_rule.body;

  Response list = client.get(base, a.access_token);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["items"].size(), 2u);
  Response changed =
      client.put(base + "/" + id, {{"enabled", false}, {"severity", "low"}}, a.access_token);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json["enabled"], false);
  EXPECT_EQ(changed.json["severity"], "low");
  EXPECT_EQ(client.put(base + "/" + id, {{"params", "min 0"}}, a.access_token).status, 422);
  EXPECT_EQ(client.get(base + "/" + id, a.access_token).json["severity"], "low");
  EXPECT_EQ(client.del(base + "/" + id, a.access_token).status, 204);
  EXPECT_EQ(client.get(base + "/" + id, a.access_token).status, 404);

  exec_sql("DROP SCHEMA " + v.source_schema + " CASCADE; DROP SCHEMA " + v.target_schema +
           " CASCADE;");
}

TEST(ValidationApi, TestCasesRunOnDemandAndKeepTheirLastResult) {
  Client& client = shared_client();
  Account a = register_account(client, "testcases");
  ValidationProject v = make_project(client, a, true);
  const std::string base = "/api/v1/projects/" + v.id + "/validation";

  Response bad =
      client.post(base + "/tests",
                  {{"name", "x"}, {"source_query", "SELECT 1"}, {"target_query", "DROP TABLE x"}},
                  a.access_token);
  EXPECT_EQ(bad.status, 422) << bad.body;
  Response same =
      client.post(base + "/tests",
                  {{"name", "customer count"},
                   {"source_query", "SELECT COUNT(*) FROM " + v.source_schema + ".customers"},
                   {"target_query", "SELECT COUNT(*) FROM " + v.target_schema + ".customers"}},
                  a.access_token);
  ASSERT_EQ(same.status, 201) << same.body;
  EXPECT_EQ(same.json["status"], "pending");
  Response differs =
      client.post(base + "/tests",
                  {{"name", "order count"},
                   {"source_query", "SELECT COUNT(*) FROM " + v.source_schema + ".orders"},
                   {"target_query", "SELECT COUNT(*) FROM " + v.target_schema + ".orders"}},
                  a.access_token);
  ASSERT_EQ(differs.status, 201) << differs.body;

  // No earlier run names the connections: they must be given.
  Response no_connections =
      client.post(base + "/tests/" + same.json["id"].get<std::string>() + "/run", json::object(),
                  a.access_token);
  EXPECT_EQ(no_connections.status, 422) << no_connections.body;
  json connections = {{"source_connection_id", v.source_connection},
                      {"target_connection_id", v.target_connection}};
  Response ran = client.post(base + "/tests/" + same.json["id"].get<std::string>() + "/run",
                             connections, a.access_token);
  ASSERT_EQ(ran.status, 200) << ran.body;
  EXPECT_EQ(ran.json["test"]["status"], "passed") << ran.body;
  EXPECT_EQ(ran.json["result"]["status"], "passed");
  Response all = client.post(base + "/test", connections, a.access_token);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json["passed"], 1);
  EXPECT_EQ(all.json["failed"], 1);
  Response stored =
      client.get(base + "/tests/" + differs.json["id"].get<std::string>(), a.access_token);
  EXPECT_EQ(stored.json["status"], "failed");
  EXPECT_TRUE(stored.json["last_result"].is_object());
  EXPECT_FALSE(stored.json["executed_at"].is_null());

  Response edited = client.put(base + "/tests/" + differs.json["id"].get<std::string>(),
                               {{"numeric_tolerance", 1}}, a.access_token);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json["status"], "pending");
  EXPECT_EQ(
      client.del(base + "/tests/" + differs.json["id"].get<std::string>(), a.access_token).status,
      204);
  EXPECT_EQ(client.get(base + "/tests", a.access_token).json["items"].size(), 1u);

  exec_sql("DROP SCHEMA " + v.source_schema + " CASCADE; DROP SCHEMA " + v.target_schema +
           " CASCADE;");
}

TEST(ValidationApi, ErrorsSayWhatIsWrongAndRolesAreEnforced) {
  Client& client = shared_client();
  Account owner = register_account(client, "vowner");
  ValidationProject v = make_project(client, owner, false);
  const std::string base = "/api/v1/projects/" + v.id + "/validation";

  Response missing =
      client.post(base + "/start", {{"options", {{"row_count_tolerance", 2}}}}, owner.access_token);
  EXPECT_EQ(missing.status, 422) << missing.body;
  std::set<std::string> fields;
  for (const json& e : missing.json["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.count("source_connection_id"));
  EXPECT_TRUE(fields.count("target_connection_id"));
  EXPECT_TRUE(fields.count("options.row_count_tolerance"));
  Response unknown_option =
      client.post(base + "/start", start_body(v, {{"speed", "fast"}}), owner.access_token);
  EXPECT_EQ(unknown_option.status, 422);
  EXPECT_EQ(unknown_option.json["errors"][0]["field"], "options.speed");
  json unknown_connection = start_body(v);
  unknown_connection["target_connection_id"] = "00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(client.post(base + "/start", unknown_connection, owner.access_token).status, 404);

  // Nothing approved: a person's own mappings count as decided (status manual), so
  // reject them first; then the start is a 409 saying what to do.
  ASSERT_EQ(client
                .post("/api/v1/projects/" + v.id + "/mapping/reject", {{"ids", v.mapping_ids}},
                      owner.access_token)
                .status,
            200);
  Response nothing = client.post(base + "/start", start_body(v), owner.access_token);
  EXPECT_EQ(nothing.status, 409) << nothing.body;
  EXPECT_NE(nothing.body.find("approve"), std::string::npos);
  ASSERT_EQ(client
                .post("/api/v1/projects/" + v.id + "/mapping/approve", {{"ids", v.mapping_ids}},
                      owner.access_token)
                .status,
            200);
  Response unknown_table = client.post(
      base + "/start", start_body(v, {{"tables", {"no_such_table"}}}), owner.access_token);
  EXPECT_EQ(unknown_table.status, 422) << unknown_table.body;
  EXPECT_EQ(unknown_table.json["errors"][0]["field"], "options.tables[0]");

  Account viewer = register_account(client, "vviewer");
  ASSERT_EQ(client
                .post("/api/v1/projects/" + v.id + "/members",
                      {{"email", viewer.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            201);
  Response forbidden = client.post(base + "/start", start_body(v), viewer.access_token);
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(client.post(base + "/rules", {{"name", "x"}, {"kind", "not_null"}}, viewer.access_token)
                .status,
            403);
  EXPECT_EQ(client.get(base + "/status", viewer.access_token).status, 200);
  EXPECT_EQ(client.get(base + "/rules", viewer.access_token).status, 200);

  Account stranger = register_account(client, "vstranger");
  EXPECT_EQ(client.get(base + "/status", stranger.access_token).status, 404);
  EXPECT_EQ(client.post(base + "/start", start_body(v), stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/reports", stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/status").status, 401);
  EXPECT_EQ(client.get(base + "/reports/not-a-report", owner.access_token).status, 404);

  exec_sql("DROP SCHEMA " + v.source_schema + " CASCADE; DROP SCHEMA " + v.target_schema +
           " CASCADE;");
}

}  // namespace
}  // namespace godwit::api_test
