// /api/v1/projects/{id}/files*, /jobs*, /events: uploading (several files, archives,
// duplicates, size and type limits, unsafe archives), the parse job seen through its
// status and through Server-Sent Events, cancellation, the stream cap, shutdown with an
// open stream, and isolation from strangers.
#include <gtest/gtest.h>
#include <signal.h>
#include <zip.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "api_environment.hpp"

namespace godwit::api_test {
namespace {

using Part = FormPart;

using nlohmann::json;
using namespace std::chrono_literals;

Part file(const std::string& name, const std::string& content) {
  return {"files", name, content};
}

std::string new_project(Client& client, const Account& a, const std::string& source = "oracle") {
  Response r =
      client.post("/api/v1/projects",
                  {{"name", "Uploads"}, {"source_dialect", source}, {"target_dialect", "bigquery"}},
                  a.access_token);
  if (r.status != 201) throw std::runtime_error(r.body);
  return r.json["id"];
}

/// A zip archive built in memory with libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), data, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

json wait_for_job(Client& client, const Account& a, const std::string& project,
                  const std::string& job, std::chrono::seconds timeout = 60s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  json last;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = client.get("/api/v1/projects/" + project + "/jobs/" + job, a.access_token);
    last = r.json;
    if (r.status == 200 && (last["state"] == "succeeded" || last["state"] == "failed" ||
                            last["state"] == "cancelled")) {
      return last;
    }
    std::this_thread::sleep_for(20ms);
  }
  return last;
}

const std::string kOracleDdl =
    "CREATE TABLE customers (id NUMBER(10) PRIMARY KEY, name VARCHAR2(100) NOT NULL);\n"
    "CREATE TABLE orders (id NUMBER(10) PRIMARY KEY, customer_id NUMBER(10) REFERENCES "
    "customers (id), total NUMBER(12,2));\n";
const std::string kCsv =
    "id,name,joined\n1,Ada,2024-01-02\n2,Grace,2024-03-04\n3,Edsger,2024-05-06\n";
const std::string kJsonSchema =
    R"({"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Customer","type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"}}})";
const std::string kAvro =
    R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},{"name":"total","type":"double"}]})";

/// A server with tight limits and no job workers, for the limit and queue tests.
ServerProcess& small_server() {
  static ServerProcess server(
      std::map<std::string, std::string>{{"GODWIT_MAX_FILE_MB", "1"},
                                         {"GODWIT_WORKERS", "0"},
                                         {"GODWIT_MAX_EVENT_STREAMS", "1"},
                                         {"GODWIT_EVENTS_HEARTBEAT_SECONDS", "1"}});
  return server;
}

TEST(FilesApi, SeveralFilesAreStoredThenParsedByAJob) {
  Client& client = shared_client();
  Account a = register_account(client, "uploader");
  std::string project = new_project(client, a);
  Response r = upload_files(client, a, project,
                            {file("warehouse.sql", kOracleDdl), file("customers.csv", kCsv),
                             file("customer.schema.json", kJsonSchema), file("order.avsc", kAvro)});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.json["files"].size(), 4u);
  EXPECT_EQ(r.json["duplicates"].size(), 0u);
  EXPECT_EQ(r.json["files"][0]["file_type"], "sql");
  EXPECT_EQ(r.json["files"][0]["dialect"], "oracle");
  EXPECT_EQ(r.json["files"][0]["status"], "stored");
  EXPECT_EQ(r.json["files"][0]["preview_data"]["dialect_source"], "project");
  EXPECT_EQ(r.json["files"][1]["file_type"], "csv");
  EXPECT_EQ(r.json["files"][1]["preview_data"]["delimiter"], ",");
  EXPECT_EQ(r.json["files"][1]["preview_data"]["has_header"], true);
  EXPECT_EQ(r.json["files"][2]["file_type"], "json_schema");
  EXPECT_EQ(r.json["files"][3]["file_type"], "avro");
  EXPECT_EQ(r.json["files"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(r.json["files"][0]["preview_data"]["first_lines"][0],
            "CREATE TABLE customers (id NUMBER(10) PRIMARY KEY, name VARCHAR2(100) NOT NULL);");
  ASSERT_TRUE(r.json["job"].is_object());
  EXPECT_EQ(r.json["job"]["kind"], "files.parse");

  json job = wait_for_job(client, a, project, r.json["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["parsed"], 4);
  EXPECT_EQ(job["progress"], 100);

  Response list = client.get("/api/v1/projects/" + project + "/files", a.access_token);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["total"], 4);
  for (const json& f : list.json["items"]) EXPECT_EQ(f["status"], "parsed") << f.dump();
  EXPECT_EQ(list.json["items"][0]["preview_data"]["statement_count"], 2);
  EXPECT_EQ(list.json["items"][0]["preview_data"]["parsed_statements"], 2);
  EXPECT_EQ(list.json["items"][1]["preview_data"]["row_count"], 3);
  EXPECT_EQ(list.json["items"][1]["preview_data"]["columns"], json({"id", "name", "joined"}));
  EXPECT_EQ(list.json["items"][3]["preview_data"]["schema"]["field_count"], 2);
  // The schema importers' view of the non-SQL files: format, tables and inferred columns.
  const json& csv_preview = list.json["items"][1]["preview_data"];
  EXPECT_EQ(csv_preview["detected_format"], "csv");
  EXPECT_EQ(csv_preview["table_count"], 1);
  EXPECT_EQ(csv_preview["tables"][0]["name"], "customers");
  EXPECT_EQ(csv_preview["tables"][0]["row_count"], 3);
  EXPECT_EQ(csv_preview["tables"][0]["columns"][0]["type"], "INT16");
  EXPECT_EQ(csv_preview["tables"][0]["columns"][2]["type"], "DATE");
  EXPECT_EQ(csv_preview["tables"][0]["columns"][1]["sample_values"],
            json({"Ada", "Grace", "Edsger"}));
  EXPECT_EQ(list.json["items"][2]["preview_data"]["detected_format"], "json_schema");
  EXPECT_EQ(list.json["items"][2]["preview_data"]["tables"][0]["name"], "Customer");
  EXPECT_EQ(list.json["items"][2]["preview_data"]["total_column_count"], 2);
  EXPECT_EQ(list.json["items"][3]["preview_data"]["tables"][0]["name"], "shop.Order");
  EXPECT_EQ(list.json["items"][3]["preview_data"]["tables"][0]["columns"][1]["type"], "FLOAT64");
  EXPECT_FALSE(list.json["items"][0]["processed_at"].is_null());

  Response one = client.get(
      "/api/v1/projects/" + project + "/files/" + list.json["items"][1]["id"].get<std::string>(),
      a.access_token);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json["filename"], "customers.csv");

  Response jobs =
      client.get("/api/v1/projects/" + project + "/jobs?state=succeeded", a.access_token);
  ASSERT_EQ(jobs.status, 200);
  EXPECT_EQ(jobs.json["total"], 1);
}

TEST(FilesApi, AFileWithoutStatementsFailsWithTheReason) {
  Client& client = shared_client();
  Account a = register_account(client, "nostatements");
  std::string project = new_project(client, a);
  Response r = upload_files(client, a, project, {file("empty.sql", "-- only a comment\n")});
  ASSERT_EQ(r.status, 201) << r.body;
  wait_for_job(client, a, project, r.json["job"]["id"]);
  Response f = client.get(
      "/api/v1/projects/" + project + "/files/" + r.json["files"][0]["id"].get<std::string>(),
      a.access_token);
  EXPECT_EQ(f.json["status"], "failed");
  EXPECT_EQ(f.json["error"], "no SQL statements were found in the file");
}

TEST(FilesApi, DialectIsDetectedOrOverriddenPerFile) {
  Client& client = shared_client();
  Account a = register_account(client, "dialects");
  std::string project = new_project(client, a);
  std::string tsql =
      "CREATE TABLE [dbo].[Customers] ([Id] INT IDENTITY(1,1) NOT NULL, [Name] "
      "NVARCHAR(MAX));\nGO\n";
  Response r = upload_files(client, a, project,
                            {{"dialect", "", "auto"},
                             {"dialect.pg.sql", "", "PostgreSQL"},
                             file("legacy.sql", tsql),
                             file("pg.sql", "CREATE TABLE t (id serial PRIMARY KEY);")});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["files"][0]["preview_data"]["dialect_source"], "detected");
  EXPECT_EQ(r.json["files"][0]["dialect"], "tsql");
  EXPECT_GT(r.json["files"][0]["preview_data"]["detected_dialect"]["confidence"].get<double>(),
            0.0);
  EXPECT_EQ(r.json["files"][1]["dialect"], "postgres");
  EXPECT_EQ(r.json["files"][1]["preview_data"]["dialect_source"], "request");

  Response bad =
      upload_files(client, a, project, {{"dialect", "", "foxpro"}, file("x.sql", "SELECT 1;")});
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST(FilesApi, TheSameContentTwiceIsReportedAsADuplicate) {
  Client& client = shared_client();
  Account a = register_account(client, "duplicates");
  std::string project = new_project(client, a);
  Response first = upload_files(client, a, project, {file("a.sql", kOracleDdl)});
  ASSERT_EQ(first.status, 201);
  Response again = upload_files(
      client, a, project,
      {file("copy-of-a.sql", kOracleDdl), file("b.csv", kCsv), file("b-again.csv", kCsv)});
  ASSERT_EQ(again.status, 201) << again.body;
  ASSERT_EQ(again.json["files"].size(), 1u);
  ASSERT_EQ(again.json["duplicates"].size(), 2u);
  EXPECT_EQ(again.json["duplicates"][0]["filename"], "copy-of-a.sql");
  EXPECT_EQ(again.json["duplicates"][0]["existing_file"]["id"], first.json["files"][0]["id"]);
  EXPECT_EQ(again.json["duplicates"][1]["filename"], "b-again.csv");
  EXPECT_EQ(again.json["duplicates"][1]["existing_file"]["id"], again.json["files"][0]["id"]);
  Response only = upload_files(client, a, project, {file("third.sql", kOracleDdl)});
  EXPECT_EQ(only.status, 200);
  EXPECT_TRUE(only.json["job"].is_null());
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/files", a.access_token).json["total"], 2);
}

TEST(FilesApi, BinariesAndMismatchedContentAre415) {
  Client& client = shared_client();
  Account a = register_account(client, "binaries");
  std::string project = new_project(client, a);
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", 20);
  Response r = upload_files(client, a, project, {file("schema.png", png)});
  ASSERT_EQ(r.status, 415) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_NE(r.json["detail"].get<std::string>().find("a PNG image"), std::string::npos) << r.body;

  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0",
      20);
  r = upload_files(client, a, project, {file("tables.sql", elf)});
  ASSERT_EQ(r.status, 415) << r.body;
  EXPECT_NE(r.json["detail"].get<std::string>().find("ELF"), std::string::npos) << r.body;

  r = upload_files(client, a, project, {file("schema.json", kOracleDdl)});
  ASSERT_EQ(r.status, 415) << r.body;
  EXPECT_NE(r.json["detail"].get<std::string>().find("does not contain JSON"), std::string::npos);

  r = upload_files(client, a, project, {file("orders.avsc", kJsonSchema)});
  EXPECT_EQ(r.status, 415) << r.body;

  // One bad file refuses the whole batch: nothing was stored.
  r = upload_files(client, a, project, {file("good.sql", kOracleDdl), file("bad.png", png)});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/files", a.access_token).json["total"], 0);

  Response not_multipart =
      client.raw("POST", "/api/v1/projects/" + project + "/files/upload", kOracleDdl,
                 "application/sql", {{"Authorization", "Bearer " + a.access_token}});
  EXPECT_EQ(not_multipart.status, 415);
  Response none = upload_files(client, a, project, {{"dialect", "", "auto"}});
  EXPECT_EQ(none.status, 400);
}

TEST(FilesApi, AZipArchiveIsUnpackedIntoItsFiles) {
  Client& client = shared_client();
  Account a = register_account(client, "zipper");
  std::string project = new_project(client, a);
  std::string archive = make_zip({{"schema/", ""},
                                  {"schema/warehouse.sql", kOracleDdl},
                                  {"samples/customers.csv", kCsv},
                                  {"__MACOSX/._x", "junk"}});
  Response r = upload_files(client, a, project, {file("bundle.zip", archive)});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.json["files"].size(), 2u);
  EXPECT_EQ(r.json["files"][0]["filename"], "bundle.zip/schema/warehouse.sql");
  EXPECT_EQ(r.json["files"][1]["filename"], "bundle.zip/samples/customers.csv");
  json job = wait_for_job(client, a, project, r.json["job"]["id"]);
  EXPECT_EQ(job["result"]["parsed"], 2) << job.dump();
}

TEST(FilesApi, AZipSlipArchiveIsRefused) {
  Client& client = shared_client();
  Account a = register_account(client, "zipslip");
  std::string project = new_project(client, a);
  std::string archive =
      make_zip({{"ok.sql", kOracleDdl}, {"../../etc/cron.d/evil.sql", "SELECT 1;"}});
  Response r = upload_files(client, a, project, {file("innocent.zip", archive)});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.json["detail"].get<std::string>().find("zip-slip"), std::string::npos) << r.body;
  EXPECT_EQ(r.json["errors"][0]["field"], "../../etc/cron.d/evil.sql");
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/files", a.access_token).json["total"], 0);
}

TEST(FilesApi, AZipBombIsRefused) {
  Client& client = shared_client();
  Account a = register_account(client, "zipbomb");
  std::string project = new_project(client, a);
  std::string zeros(20u << 20, '\0');
  std::string archive = make_zip({{"bomb.sql", zeros}});
  ASSERT_LT(archive.size(), 100u * 1024);
  Response r = upload_files(client, a, project, {file("bomb.zip", archive)});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.json["detail"].get<std::string>().find("zip bomb"), std::string::npos) << r.body;
}

TEST(FilesApi, AFileOverTheLimitIs413WithTheLimit) {
  ServerProcess& server = small_server();
  Client client(server.port());
  Account a = register_account(client, "large");
  std::string project = new_project(client, a);
  std::string big = "-- padding\n" + std::string(1536 * 1024, 'x');
  Response r = upload_files(client, a, project, {file("huge.sql", big)});
  ASSERT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_NE(r.json["detail"].get<std::string>().find("the limit per file is 1 MiB"),
            std::string::npos)
      << r.body;
}

TEST(FilesApi, DeletingAFileRemovesItAndItsContent) {
  Client& client = shared_client();
  Account a = register_account(client, "deleter");
  std::string project = new_project(client, a);
  // Content no other test uploads: stored content is shared by every file with its hash.
  std::string ddl = "CREATE TABLE gone_" + a.id.substr(0, 8) + " (id INT);";
  Response r = upload_files(client, a, project, {file("gone.sql", ddl)});
  ASSERT_EQ(r.status, 201);
  std::string id = r.json["files"][0]["id"];
  std::string sha = r.json["files"][0]["sha256"];
  std::string path = shared_server().data_dir() + "/storage/sha256/" + sha.substr(0, 2) + "/" +
                     sha.substr(2, 2) + "/" + sha;
  EXPECT_TRUE(std::filesystem::exists(path)) << path;
  wait_for_job(client, a, project, r.json["job"]["id"]);
  Response d = client.del("/api/v1/projects/" + project + "/files/" + id, a.access_token);
  EXPECT_EQ(d.status, 204);
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/files/" + id, a.access_token).status, 404);
  EXPECT_EQ(client.del("/api/v1/projects/" + project + "/files/" + id, a.access_token).status, 404);
  EXPECT_FALSE(std::filesystem::exists(path));
  // Gone means gone: the same content is new again.
  Response again = upload_files(client, a, project, {file("back.sql", ddl)});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.json["files"].size(), 1u);
}

TEST(FilesApi, StrangersGet404AndViewersCannotWrite) {
  Client& client = shared_client();
  Account owner = register_account(client, "fileowner");
  Account stranger = register_account(client, "filestranger");
  Account viewer = register_account(client, "fileviewer");
  std::string project = new_project(client, owner);
  ASSERT_EQ(client
                .post("/api/v1/projects/" + project + "/members",
                      {{"email", viewer.email}, {"role", "viewer"}}, owner.access_token)
                .status,
            201);
  Response r = upload_files(client, owner, project, {file("x.sql", kOracleDdl)});
  ASSERT_EQ(r.status, 201);
  std::string file_id = r.json["files"][0]["id"];
  std::string job_id = r.json["job"]["id"];
  std::string base = "/api/v1/projects/" + project;

  EXPECT_EQ(upload_files(client, stranger, project, {file("y.sql", "SELECT 2;")}).status, 404);
  EXPECT_EQ(client.get(base + "/files", stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/files/" + file_id, stranger.access_token).status, 404);
  EXPECT_EQ(client.del(base + "/files/" + file_id, stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/jobs", stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/jobs/" + job_id, stranger.access_token).status, 404);
  EXPECT_EQ(client.post(base + "/jobs/" + job_id + "/cancel", json::object(), stranger.access_token)
                .status,
            404);
  EXPECT_EQ(client.get(base + "/events", stranger.access_token).status, 404);
  EXPECT_EQ(client.get(base + "/files").status, 401);

  // A job of one project is not reachable through another.
  std::string other = new_project(client, stranger);
  EXPECT_EQ(
      client.get("/api/v1/projects/" + other + "/jobs/" + job_id, stranger.access_token).status,
      404);

  EXPECT_EQ(client.get(base + "/files", viewer.access_token).status, 200);
  EXPECT_EQ(upload_files(client, viewer, project, {file("y.sql", "SELECT 2;")}).status, 403);
  EXPECT_EQ(client.del(base + "/files/" + file_id, viewer.access_token).status, 403);
}

/// Reads a project's event stream on a thread until `done` says so or time runs out.
class EventReader {
 public:
  EventReader(int port, const std::string& token, const std::string& project,
              std::function<bool(const std::string&)> done)
      : thread_([this, port, token, project, done] {
          httplib::Client http("127.0.0.1", port);
          http.set_read_timeout(30);
          auto result = http.Get(
              "/api/v1/projects/" + project + "/events",
              httplib::Headers{{"Authorization", "Bearer " + token},
                               {"Accept-Encoding", "gzip, br"}},
              [this](const httplib::Response& res) {
                status_ = res.status;
                content_type_ = res.get_header_value("Content-Type");
                connected_ = true;
                return true;
              },
              [this, done](const char* data, std::size_t length) {
                std::lock_guard lock(mutex_);
                text_.append(data, length);
                return !done(text_) && !stop_;
              });
          (void)result;
          finished_ = true;
        }) {}
  ~EventReader() {
    stop_ = true;
    thread_.join();
  }
  bool wait_finished(std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!finished_ && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);
    return finished_;
  }
  bool wait_connected(std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!connected_ && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);
    return connected_;
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  int status() const { return status_; }
  std::string content_type() const { return content_type_; }

 private:
  std::mutex mutex_;
  std::string text_;
  std::atomic<bool> stop_{false}, finished_{false}, connected_{false};
  std::atomic<int> status_{0};
  std::string content_type_;
  std::thread thread_;
};

/// The data documents of every `event: <type>` in an SSE text.
std::vector<json> events_of(const std::string& text, const std::string& type) {
  std::vector<json> out;
  std::size_t at = 0;
  const std::string marker = "event: " + type + "\n";
  while ((at = text.find(marker, at)) != std::string::npos) {
    std::size_t data = text.find("data: ", at);
    std::size_t end = text.find("\n\n", data);
    if (data == std::string::npos || end == std::string::npos) break;
    out.push_back(json::parse(text.substr(data + 6, end - data - 6), nullptr, false));
    at = end;
  }
  return out;
}

TEST(JobsApi, ProgressIsVisibleThroughTheEventStream) {
  Client& client = shared_client();
  Account a = register_account(client, "events");
  std::string project = new_project(client, a);
  EventReader reader(shared_server().port(), a.access_token, project, [](const std::string& text) {
    return text.find("\"state\":\"succeeded\"") != std::string::npos;
  });
  ASSERT_TRUE(reader.wait_connected(10s));
  EXPECT_EQ(reader.status(), 200);
  EXPECT_EQ(reader.content_type(), "text/event-stream");
  // The first event is the project's phase state.
  for (int i = 0; i < 200 && events_of(reader.text(), "phase").empty(); ++i)
    std::this_thread::sleep_for(10ms);
  std::vector<json> phases = events_of(reader.text(), "phase");
  ASSERT_FALSE(phases.empty()) << reader.text();
  EXPECT_EQ(phases[0]["current_phase"], "upload");

  Response r = upload_files(client, a, project, {file("a.sql", kOracleDdl), file("b.csv", kCsv)});
  ASSERT_EQ(r.status, 201);
  ASSERT_TRUE(reader.wait_finished(30s)) << reader.text();
  std::vector<json> jobs = events_of(reader.text(), "job");
  ASSERT_FALSE(jobs.empty());
  EXPECT_EQ(jobs.back()["id"], r.json["job"]["id"]);
  EXPECT_EQ(jobs.back()["state"], "succeeded");
  EXPECT_EQ(jobs.back()["result"]["parsed"], 2);
  EXPECT_NE(reader.text().find("retry: 3000"), std::string::npos);
  EXPECT_NE(reader.text().find("\nid: "), std::string::npos);
}

TEST(JobsApi, PhaseChangesAreStreamed) {
  Client& client = shared_client();
  Account a = register_account(client, "phases");
  std::string project = new_project(client, a);
  EventReader reader(shared_server().port(), a.access_token, project, [](const std::string& text) {
    return text.find("\"current_phase\":\"discovery\"") != std::string::npos;
  });
  ASSERT_TRUE(reader.wait_connected(10s));
  for (int i = 0; i < 200 && events_of(reader.text(), "phase").empty(); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  Response done = client.post("/api/v1/projects/" + project + "/phases/upload",
                              {{"action", "complete"}}, a.access_token);
  ASSERT_EQ(done.status, 200) << done.body;
  ASSERT_TRUE(reader.wait_finished(30s)) << reader.text();
  std::vector<json> phases = events_of(reader.text(), "phase");
  ASSERT_EQ(phases.size(), 2u) << reader.text();
  EXPECT_EQ(phases[0]["current_phase"], "upload");
  EXPECT_EQ(phases[1]["current_phase"], "discovery");
  EXPECT_EQ(phases[1]["completed_phases"], json({"upload"}));
  EXPECT_EQ(phases[1]["schemas_uploaded"], true);
}

TEST(JobsApi, TwoServersOnOneStoreNeverRunTheSameJobTwice) {
  // Two `godwit serve` processes behind one load balancer: one database, one file store.
  ServerProcess a_server(std::map<std::string, std::string>{{"GODWIT_WORKERS", "3"}});
  ServerProcess b_server(
      std::map<std::string, std::string>{{"GODWIT_WORKERS", "3"},
                                         {"GODWIT_DATABASE_URL", a_server.database_url()},
                                         {"GODWIT_DATA_DIR", a_server.data_dir()}});
  Client a_client(a_server.port());
  Client b_client(b_server.port());
  Account a = register_account(a_client, "twoservers");
  std::string project = new_project(a_client, a);
  constexpr int kUploads = 30;
  std::vector<std::string> jobs;
  for (int i = 0; i < kUploads; ++i) {
    Client& client = i % 2 == 0 ? a_client : b_client;
    std::string sql = "CREATE TABLE t" + std::to_string(i) + " (id INT PRIMARY KEY);";
    Response r = upload_files(client, a, project, {file("t" + std::to_string(i) + ".sql", sql)});
    ASSERT_EQ(r.status, 201) << r.body;
    jobs.push_back(r.json["job"]["id"]);
  }
  for (const std::string& job : jobs) {
    json done = wait_for_job(a_client, a, project, job);
    EXPECT_EQ(done["state"], "succeeded") << done.dump();
    EXPECT_EQ(done["attempts"], 1) << done.dump();
  }
  std::string logs = a_server.log() + b_server.log();
  bool a_ran = false, b_ran = false;
  for (const std::string& job : jobs) {
    std::size_t runs = 0;
    for (std::size_t at = logs.find("job " + job + " (files.parse) started");
         at != std::string::npos; at = logs.find("job " + job + " (files.parse) started", at + 1)) {
      ++runs;
    }
    EXPECT_EQ(runs, 1u) << job;
    a_ran =
        a_ran || a_server.log().find("job " + job + " (files.parse) started") != std::string::npos;
    b_ran =
        b_ran || b_server.log().find("job " + job + " (files.parse) started") != std::string::npos;
  }
  EXPECT_TRUE(a_ran && b_ran) << "both servers should have run jobs";
  Response files = a_client.get("/api/v1/projects/" + project + "/files", a.access_token);
  for (const json& f : files.json["items"]) EXPECT_EQ(f["status"], "parsed") << f.dump();
}

TEST(JobsApi, AQueuedJobIsCancelledAndAFinishedOneCannotBe) {
  ServerProcess& server = small_server();  // no workers: jobs stay queued
  Client client(server.port());
  Account a = register_account(client, "canceller");
  std::string project = new_project(client, a);
  Response r = upload_files(client, a, project, {file("a.sql", kOracleDdl)});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string job = r.json["job"]["id"];
  std::string base = "/api/v1/projects/" + project + "/jobs/" + job;
  Response status = client.get(base, a.access_token);
  EXPECT_EQ(status.json["state"], "queued");
  Response cancel = client.post(base + "/cancel", json::object(), a.access_token);
  ASSERT_EQ(cancel.status, 202) << cancel.body;
  EXPECT_EQ(cancel.json["state"], "cancelled");
  EXPECT_EQ(cancel.json["error"], "cancelled before it started");
  Response again = client.post(base + "/cancel", json::object(), a.access_token);
  EXPECT_EQ(again.status, 409) << again.body;
  Response list =
      client.get("/api/v1/projects/" + project + "/jobs?state=cancelled,queued", a.access_token);
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/jobs?state=paused", a.access_token).status,
            400);
  // The file stays stored, waiting for a parse that will not come.
  EXPECT_EQ(client.get("/api/v1/projects/" + project + "/files", a.access_token)
                .json["items"][0]["status"],
            "stored");
}

TEST(JobsApi, EventStreamsBeyondTheCapAre503WithRetryAfter) {
  ServerProcess& server = small_server();  // one stream allowed
  Client client(server.port());
  Account a = register_account(client, "streams");
  std::string project = new_project(client, a);
  Response refused;
  {
    EventReader first(server.port(), a.access_token, project,
                      [](const std::string&) { return false; });
    ASSERT_TRUE(first.wait_connected(10s));
    refused = client.get("/api/v1/projects/" + project + "/events", a.access_token);
  }
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.header("Retry-After"), "5");
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json");
}

TEST(JobsApi, AnOpenEventStreamDoesNotHoldUpShutdown) {
  ServerProcess server(
      std::map<std::string, std::string>{{"GODWIT_EVENTS_HEARTBEAT_SECONDS", "1"}});
  Account a;
  std::string project;
  {
    // Closed before the shutdown: an idle keep-alive connection is not what is measured.
    Client client(server.port());
    a = register_account(client, "shutdown");
    project = new_project(client, a);
  }
  EventReader reader(server.port(), a.access_token, project,
                     [](const std::string&) { return false; });
  ASSERT_TRUE(reader.wait_connected(10s));
  // Heartbeats keep an idle stream alive.
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (reader.text().find(": heartbeat") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_NE(reader.text().find(": heartbeat"), std::string::npos);
  auto start = std::chrono::steady_clock::now();
  int status = server.terminate();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status, 0);
  EXPECT_LT(took, 5s);
  EXPECT_TRUE(reader.wait_finished(5s));
}

}  // namespace
}  // namespace godwit::api_test
