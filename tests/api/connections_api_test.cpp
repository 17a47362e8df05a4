// /api/v1/projects/{id}/connections*: saving, listing, changing and deleting live-database
// connections without ever returning or logging the password, sealed at rest, strangers
// and viewers kept out, bad input answered with field errors, and the test endpoints
// against the real PostgreSQL of the CTest fixture and a SQLite file.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api_environment.hpp"
#include "support/rsa_test_keys.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "s3cret-Connection-pw";

/// A server of its own: SQLite connections need GODWIT_SQLITE_ROOT.
struct ConnectionServer {
  std::string sqlite_root;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<Client> client;
};

ConnectionServer& env() {
  static ConnectionServer s = [] {
    ConnectionServer out;
    out.sqlite_root = "/tmp/godwit-api-sqlite-" + std::to_string(::getpid());
    std::filesystem::create_directories(out.sqlite_root);
    // The server's ODBC configuration (an operator's odbc.ini): one data source, a SQLite
    // file through Debian's SQLite 3 ODBC driver.
    std::string odbc_dir = out.sqlite_root + "/odbc";
    std::filesystem::create_directories(odbc_dir);
    std::string driver;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib", ec)) {
      if (std::filesystem::exists(entry.path() / "odbc/libsqlite3odbc.so", ec)) {
        driver = (entry.path() / "odbc/libsqlite3odbc.so").string();
      }
    }
    std::ofstream(odbc_dir + "/odbcinst.ini") << "[GodwitSQLite3]\nDriver=" << driver << "\n";
    std::ofstream(odbc_dir + "/odbc.ini")
        << "[godwit_shop]\nDriver=GodwitSQLite3\nDatabase=" << out.sqlite_root << "/odbc.db\n";
    out.server = std::make_unique<ServerProcess>(
        std::map<std::string, std::string>{{"GODWIT_SQLITE_ROOT", out.sqlite_root},
                                           {"ODBCSYSINI", odbc_dir},
                                           {"ODBCINSTINI", "odbcinst.ini"},
                                           {"ODBCINI", odbc_dir + "/odbc.ini"}});
    out.client = std::make_unique<Client>(out.server->port());
    return out;
  }();
  return s;
}

Client& client() {
  return *env().client;
}

std::string new_project(const Account& a) {
  Response r = client().post(
      "/api/v1/projects",
      {{"name", "Live"}, {"source_dialect", "postgres"}, {"target_dialect", "bigquery"}},
      a.access_token);
  if (r.status != 201) throw std::runtime_error(r.body);
  return r.json["id"];
}

/// The fixture's PostgreSQL as host, port, database and user.
json fixture_postgres() {
  const char* file = std::getenv("GODWIT_TEST_PG_URL_FILE");
  if (file == nullptr) throw std::runtime_error("GODWIT_TEST_PG_URL_FILE is not set");
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);  // postgresql://user@host:port/database
  std::string rest = url.substr(url.find("://") + 3);
  std::string user = rest.substr(0, rest.find('@'));
  rest = rest.substr(rest.find('@') + 1);
  std::string host = rest.substr(0, rest.find(':'));
  int port = std::stoi(rest.substr(rest.find(':') + 1));
  std::string database = rest.substr(rest.find('/') + 1);
  return {{"engine", "postgresql"},
          {"host", host},
          {"port", port},
          {"database", database},
          {"user", user}};
}

Response patch(const std::string& path, const json& body, const std::string& token) {
  return client().raw("PATCH", path, body.dump(), "application/json",
                      {{"Authorization", "Bearer " + token}});
}

std::vector<std::string> error_fields(const Response& r) {
  std::vector<std::string> fields;
  if (r.json.contains("errors")) {
    for (const json& e : r.json["errors"]) fields.push_back(e["field"]);
  }
  return fields;
}

bool has_field(const Response& r, const std::string& field) {
  std::vector<std::string> fields = error_fields(r);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

/// The stored `secret` column of a connection, read straight from the metadata store.
std::string stored_secret(const std::string& id) {
  const std::string& url = env().server->database_url();
  std::string sql = "SELECT secret FROM connections WHERE id = '" + id + "'";  // id is a uuid
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    std::string secret;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      secret = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return secret;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  std::string secret = PQntuples(result) == 1 ? PQgetvalue(result, 0, 0) : "";
  PQclear(result);
  PQfinish(conn);
  return secret;
}

TEST(ConnectionsApi, SavesListsChangesAndDeletesWithoutEverReturningThePassword) {
  Account owner = register_account(client(), "connowner");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  json input = fixture_postgres();
  input["name"] = "warehouse";
  input["password"] = kPassword;
  input["options"] = {{"sslmode", "disable"}};
  Response created = client().post(base, input, owner.access_token);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["engine"], "postgresql");
  EXPECT_EQ(created.json["password_set"], true);
  EXPECT_FALSE(created.json.contains("password"));
  EXPECT_EQ(created.json["options"]["sslmode"], "disable");
  EXPECT_EQ(created.body.find(kPassword), std::string::npos);
  std::string id = created.json["id"];

  std::string secret = stored_secret(id);
  EXPECT_FALSE(secret.empty());
  EXPECT_EQ(secret.find(kPassword), std::string::npos);

  Response list = client().get(base, owner.access_token);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["name"], "warehouse");
  EXPECT_EQ(list.body.find(kPassword), std::string::npos);
  Response one = client().get(base + "/" + id, owner.access_token);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json["host"], input["host"]);

  Response renamed = patch(base + "/" + id, {{"name", "dwh"}}, owner.access_token);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json["name"], "dwh");
  EXPECT_EQ(renamed.json["password_set"], true);  // kept when absent
  EXPECT_EQ(stored_secret(id).empty(), false);
  Response cleared = patch(base + "/" + id, {{"password", nullptr}}, owner.access_token);
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.json["password_set"], false);
  EXPECT_TRUE(stored_secret(id).empty());

  EXPECT_EQ(client().post(base, input, owner.access_token).status, 201);  // name free again
  Response duplicate = patch(base + "/" + id, {{"name", "warehouse"}}, owner.access_token);
  EXPECT_EQ(duplicate.status, 409);

  EXPECT_EQ(client().del(base + "/" + id, owner.access_token).status, 204);
  EXPECT_EQ(client().get(base + "/" + id, owner.access_token).status, 404);
  EXPECT_EQ(env().server->log().find(kPassword), std::string::npos);
}

TEST(ConnectionsApi, BadInputIsAnsweredWithFieldErrors) {
  Account owner = register_account(client(), "connbad");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  Response empty = client().post(base, json::object(), owner.access_token);
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(has_field(empty, "name"));
  EXPECT_TRUE(has_field(empty, "engine"));

  Response engine = client().post(base, {{"name", "x"}, {"engine", "oracle"}}, owner.access_token);
  EXPECT_EQ(engine.status, 422);
  EXPECT_TRUE(has_field(engine, "engine"));

  Response pg = client().post(base,
                              {{"name", "x"},
                               {"engine", "postgresql"},
                               {"port", 70000},
                               {"options", {{"search_path", "a"}}}},
                              owner.access_token);
  EXPECT_EQ(pg.status, 422);
  EXPECT_TRUE(has_field(pg, "host"));
  EXPECT_TRUE(has_field(pg, "port"));
  EXPECT_TRUE(has_field(pg, "options.search_path"));
  EXPECT_EQ(pg.header("Content-Type").rfind("application/problem+json", 0), 0u);

  Response types = client().post(base, {{"name", "x"}, {"engine", "postgresql"}, {"port", "5432"}},
                                 owner.access_token);
  EXPECT_EQ(types.status, 400);
  EXPECT_TRUE(has_field(types, "port"));
  Response unknown = client().post(
      base, {{"name", "x"}, {"engine", "postgresql"}, {"host", "h"}, {"username", "bob"}},
      owner.access_token);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(has_field(unknown, "username"));

  Response outside =
      client().post(base, {{"name", "x"}, {"engine", "sqlite"}, {"path", "../../etc/passwd"}},
                    owner.access_token);
  EXPECT_EQ(outside.status, 422);
  EXPECT_TRUE(has_field(outside, "path"));
  // ODBC through the API: data source names only, never a connection string (it could
  // load any driver file on the server).
  Response odbc = client().post(
      base, {{"name", "x"}, {"engine", "odbc"}, {"dsn", "Driver=/tmp/evil.so;Database=x"}},
      owner.access_token);
  EXPECT_EQ(odbc.status, 422);
  EXPECT_EQ(error_fields(odbc), std::vector<std::string>{"dsn"});
  Response odbc_empty =
      client().post(base, {{"name", "x"}, {"engine", "odbc"}, {"host", "h"}}, owner.access_token);
  EXPECT_EQ(odbc_empty.status, 422);
  EXPECT_TRUE(has_field(odbc_empty, "dsn"));
  EXPECT_TRUE(has_field(odbc_empty, "host"));
  EXPECT_EQ(client().get(base, owner.access_token).json["total"], 0);
}

TEST(ConnectionsApi, CloudWarehousesSealTheirCredentialsAndRefuseServerSideOptions) {
  Account owner = register_account(client(), "conncloud");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  // A key that is not an RSA private key is refused at the key's field, before any test.
  json key = {{"type", "service_account"},
              {"project_id", "acme-dwh"},
              {"client_email", "godwit@acme-dwh.iam.gserviceaccount.com"},
              {"private_key", "-----BEGIN PRIVATE KEY-----\nMIIBdummy\n-----END PRIVATE KEY-----"},
              {"token_uri", "https://oauth2.googleapis.com/token"}};
  Response dummy =
      client().post(base, {{"name", "bq0"}, {"engine", "bigquery"}, {"password", key.dump()}},
                    owner.access_token);
  EXPECT_EQ(dummy.status, 422) << dummy.body;
  EXPECT_EQ(error_fields(dummy), std::vector<std::string>{"password"});
  EXPECT_EQ(dummy.body.find("MIIBdummy"), std::string::npos);

  const std::string private_key = test::RsaTestKey::generate("bq").private_pem();
  const std::string key_body = private_key.substr(40, 40);  // a piece of the secret
  key["private_key"] = private_key;
  Response bq = client().post(base,
                              {{"name", "bq"},
                               {"engine", "bigquery"},
                               {"password", key.dump()},
                               {"options", {{"dataset", "sales"}, {"location", "EU"}}}},
                              owner.access_token);
  ASSERT_EQ(bq.status, 201) << bq.body;
  EXPECT_EQ(bq.json["engine"], "bigquery");
  EXPECT_EQ(bq.json["database"], "acme-dwh");  // the key's project_id
  EXPECT_EQ(bq.json["password_set"], true);
  EXPECT_EQ(bq.body.find(key_body), std::string::npos);
  EXPECT_EQ(stored_secret(std::string(bq.json["id"])).find(key_body), std::string::npos);

  key["token_uri"] = "https://collector.example.com/token";
  Response elsewhere =
      client().post(base, {{"name", "bq2"}, {"engine", "bigquery"}, {"password", key.dump()}},
                    owner.access_token);
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_EQ(error_fields(elsewhere), std::vector<std::string>{"password"});
  Response server_side = client().post(base,
                                       {{"name", "bq3"},
                                        {"engine", "bigquery"},
                                        {"database", "p"},
                                        {"options", {{"key_file", "/etc/shadow"}}}},
                                       owner.access_token);
  EXPECT_EQ(server_side.status, 422);
  EXPECT_TRUE(has_field(server_side, "options.key_file"));
  EXPECT_TRUE(has_field(server_side, "password"));

  Response dbx = client().post(base,
                               {{"name", "dbx"},
                                {"engine", "databricks"},
                                {"host", "adb-1.2.azuredatabricks.net"},
                                {"password", "dapiSECRETTOKEN"},
                                {"options", {{"http_path", "/sql/1.0/warehouses/abc123"}}}},
                               owner.access_token);
  ASSERT_EQ(dbx.status, 201) << dbx.body;
  EXPECT_EQ(dbx.body.find("dapiSECRETTOKEN"), std::string::npos);
  Response no_warehouse = client().post(base,
                                        {{"name", "dbx2"},
                                         {"engine", "databricks"},
                                         {"host", "https://adb-1.net"},
                                         {"password", "t"},
                                         {"options", {{"endpoint", "http://127.0.0.1:1"}}}},
                                        owner.access_token);
  EXPECT_EQ(no_warehouse.status, 422);
  EXPECT_TRUE(has_field(no_warehouse, "host"));
  EXPECT_TRUE(has_field(no_warehouse, "options.warehouse_id"));
  EXPECT_TRUE(has_field(no_warehouse, "options.endpoint"));
  EXPECT_EQ(env().server->log().find("dapiSECRETTOKEN"), std::string::npos);
}

TEST(ConnectionsApi, StrangersGet404AndViewersCannotWrite) {
  Account owner = register_account(client(), "connown");
  Account stranger = register_account(client(), "connstranger");
  Account viewer = register_account(client(), "connviewer");
  std::string project = new_project(owner);
  ASSERT_EQ(client()
                .post("/api/v1/projects/" + project + "/members",
                      {{"email", viewer.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            201);
  std::string base = "/api/v1/projects/" + project + "/connections";
  json input = fixture_postgres();
  input["name"] = "src";
  Response created = client().post(base, input, owner.access_token);
  ASSERT_EQ(created.status, 201);
  std::string one = base + "/" + std::string(created.json["id"]);

  const std::string& t = stranger.access_token;
  EXPECT_EQ(client().post(base, input, t).status, 404);
  EXPECT_EQ(client().get(base, t).status, 404);
  EXPECT_EQ(client().post(base + "/test", input, t).status, 404);
  EXPECT_EQ(client().get(one, t).status, 404);
  EXPECT_EQ(patch(one, {{"name", "y"}}, t).status, 404);
  EXPECT_EQ(client().del(one, t).status, 404);
  EXPECT_EQ(client().post(one + "/test", json::object(), t).status, 404);
  EXPECT_EQ(client().get(base).status, 401);

  const std::string& v = viewer.access_token;
  EXPECT_EQ(client().get(base, v).status, 200);
  EXPECT_EQ(client().get(one, v).status, 200);
  input["name"] = "other";
  EXPECT_EQ(client().post(base, input, v).status, 403);
  EXPECT_EQ(client().post(base + "/test", input, v).status, 403);
  EXPECT_EQ(patch(one, {{"name", "y"}}, v).status, 403);
  EXPECT_EQ(client().del(one, v).status, 403);
  EXPECT_EQ(client().post(one + "/test", json::object(), v).status, 200);
}

TEST(ConnectionsApi, TestsAgainstTheRealPostgresAndSaysWhatFailed) {
  Account owner = register_account(client(), "conntest");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  json input = fixture_postgres();
  input["name"] = "pg";
  input["password"] = kPassword;  // the fixture trusts local logins: ignored
  Response unsaved = client().post(base + "/test", input, owner.access_token);
  ASSERT_EQ(unsaved.status, 200) << unsaved.body;
  EXPECT_EQ(unsaved.json["ok"], true);
  EXPECT_EQ(unsaved.json["engine"], "postgresql");
  EXPECT_EQ(std::string(unsaved.json["server_version"]).rfind("PostgreSQL 1", 0), 0u);
  EXPECT_TRUE(unsaved.json["table_count"].is_number_integer());

  Response created = client().post(base, input, owner.access_token);
  ASSERT_EQ(created.status, 201);
  Response saved = client().post(base + "/" + std::string(created.json["id"]) + "/test",
                                 json::object(), owner.access_token);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json["server_version"], unsaved.json["server_version"]);

  json missing = input;
  missing["database"] = "no_such_database";
  Response no_db = client().post(base + "/test", missing, owner.access_token);
  EXPECT_EQ(no_db.status, 422);
  EXPECT_EQ(error_fields(no_db), std::vector<std::string>{"database"});
  json nobody = input;
  nobody["user"] = "nobody_here";
  Response auth = client().post(base + "/test", nobody, owner.access_token);
  EXPECT_EQ(auth.status, 422);
  EXPECT_EQ(error_fields(auth), std::vector<std::string>{"password"});
  json closed = input;
  closed["port"] = 1;
  Response unreachable = client().post(base + "/test", closed, owner.access_token);
  EXPECT_EQ(unreachable.status, 422);
  EXPECT_EQ(error_fields(unreachable), std::vector<std::string>{"host"});
  for (const Response* r : {&no_db, &auth, &unreachable}) {
    EXPECT_EQ(r->body.find(kPassword), std::string::npos);
  }
  EXPECT_EQ(env().server->log().find(kPassword), std::string::npos);
}

TEST(ConnectionsApi, TestsASqliteFileBelowTheConfiguredRoot) {
  Account owner = register_account(client(), "connsqlite");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  std::string file = env().sqlite_root + "/shop.db";
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db, "create table if not exists orders (id integer primary key)", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  Response r = client().post(base + "/test", {{"engine", "sqlite"}, {"path", "shop.db"}},
                             owner.access_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["table_count"], 1);
  Response missing = client().post(base + "/test", {{"engine", "sqlite"}, {"path", "none.db"}},
                                   owner.access_token);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), std::vector<std::string>{"path"});
}

TEST(ConnectionsApi, TestsAnOdbcDataSourceAndNeverReturnsTheDsn) {
  Account owner = register_account(client(), "connodbc");
  std::string base = "/api/v1/projects/" + new_project(owner) + "/connections";
  sqlite3* db = nullptr;
  sqlite3_open((env().sqlite_root + "/odbc.db").c_str(), &db);
  sqlite3_exec(db,
               "create table if not exists customers (id integer primary key);"
               "create table if not exists orders (id integer primary key, customer_id integer "
               "references customers(id))",
               nullptr, nullptr, nullptr);
  sqlite3_close(db);
  json input = {{"name", "warehouse"}, {"engine", "odbc"}, {"dsn", "godwit_shop"}};
  Response r = client().post(base + "/test", input, owner.access_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["ok"], true);
  EXPECT_EQ(r.json["engine"], "odbc");
  EXPECT_EQ(std::string(r.json["server_version"]).rfind("SQLite 3", 0), 0u) << r.body;
  EXPECT_EQ(r.json["table_count"], 2);

  Response created = client().post(base, input, owner.access_token);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find("godwit_shop"), std::string::npos);
  Response saved = client().post(base + "/" + std::string(created.json["id"]) + "/test",
                                 json::object(), owner.access_token);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json["table_count"], 2);

  Response unknown = client().post(base + "/test", {{"engine", "odbc"}, {"dsn", "no_such_source"}},
                                   owner.access_token);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(error_fields(unknown), std::vector<std::string>{"dsn"});
  Response option = client().post(
      base + "/test",
      {{"engine", "odbc"}, {"dsn", "godwit_shop"}, {"options", {{"login_timeout", "0"}}}},
      owner.access_token);
  EXPECT_EQ(option.status, 422);
  EXPECT_TRUE(has_field(option, "options.login_timeout"));
}

/// Runs SQL on the fixture's PostgreSQL (the "user database" of these tests).
void fixture_run(const std::string& sql) {
  const char* file = std::getenv("GODWIT_TEST_PG_URL_FILE");
  ASSERT_NE(file, nullptr);
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  EXPECT_TRUE(PQresultStatus(result) == PGRES_COMMAND_OK ||
              PQresultStatus(result) == PGRES_TUPLES_OK)
      << PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
}

TEST(ConnectionsApi, DiscoveryReadsTheConnectedDatabase) {
  const std::string schema = "live_" + std::to_string(::getpid());
  fixture_run("CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE IF NOT EXISTS " + schema +
              ".shipments (id integer PRIMARY KEY, carrier text NOT NULL, weight numeric(8,2));"
              " INSERT INTO " +
              schema +
              ".shipments VALUES (1, 'ups', 2.5), (2, 'dhl', 1.25)"
              " ON CONFLICT DO NOTHING; COMMENT ON TABLE " +
              schema + ".shipments IS 'parcels sent'");
  Account owner = register_account(client(), "livedisc");
  std::string project = new_project(owner);
  std::string base = "/api/v1/projects/" + project;
  json input = fixture_postgres();
  input["name"] = "warehouse";
  Response saved = client().post(base + "/connections", input, owner.access_token);
  ASSERT_EQ(saved.status, 201) << saved.body;

  // No files at all: the connection alone is enough to discover.
  Response started = client().post(base + "/discovery/start", {{"connection_id", saved.json["id"]}},
                                   owner.access_token);
  ASSERT_EQ(started.status, 202) << started.body;
  json status;
  for (int i = 0; i < 600; ++i) {
    status = client().get(base + "/discovery/status", owner.access_token).json;
    if (status["state"] == "succeeded" || status["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(status["state"], "succeeded") << status.dump();
  // The fixture database is shared by both API runs: each reads its own schema.
  Response tables = client().get(base + "/discovery/tables?search=shipments&schema=" + schema,
                                 owner.access_token);
  ASSERT_EQ(tables.status, 200) << tables.body;
  ASSERT_EQ(tables.json["total"], 1) << tables.body;
  EXPECT_EQ(tables.json["items"][0]["schema"], schema);
  Response detail =
      client().get(base + "/discovery/tables/" + tables.json["items"][0]["id"].get<std::string>(),
                   owner.access_token);
  ASSERT_EQ(detail.status, 200) << detail.body;
  bool carrier = false;
  for (const json& c : detail.json["columns"]) {
    if (c["name"] == "carrier") {
      carrier = true;
      EXPECT_EQ(c["nullable"], false);
    }
    if (c["name"] == "id") {
      EXPECT_EQ(c["is_primary_key"], true);
    }
  }
  EXPECT_TRUE(carrier) << detail.body;

  // An unknown connection is a 404, not a job that fails later.
  Response unknown = client().post(base + "/discovery/start",
                                   {{"connection_id", "00000000-0000-4000-8000-000000000000"}},
                                   owner.access_token);
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  fixture_run("DROP SCHEMA " + schema + " CASCADE");
}

}  // namespace
}  // namespace godwit::api_test
