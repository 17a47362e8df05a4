// Cross-cutting behaviour: problem+json for every error, limits, unknown routes and
// methods, request ids, security headers, CORS, health, OpenAPI, the web UI fallback,
// the access log, production start-up checks and graceful shutdown.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "api_environment.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;

void expect_problem(const Response& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << r.body;
  EXPECT_EQ(r.json["status"], status) << r.body;
  EXPECT_TRUE(r.json["type"].get<std::string>().starts_with("urn:godwit:problem:")) << r.body;
  EXPECT_FALSE(r.json["title"].get<std::string>().empty());
  EXPECT_FALSE(r.json["detail"].get<std::string>().empty());
}

TEST(Errors, MalformedJsonIsBadRequest) {
  Response r =
      shared_client().raw("POST", "/api/v1/auth/login", "{\"email\": ", "application/json");
  expect_problem(r, 400);
  EXPECT_NE(r.json["detail"].get<std::string>().find("not valid JSON"), std::string::npos);
  expect_problem(shared_client().raw("POST", "/api/v1/auth/login", "[1,2]", "application/json"),
                 400);
  expect_problem(shared_client().raw("POST", "/api/v1/auth/login", "", "application/json"), 400);
}

TEST(Errors, NonJsonContentTypeIsUnsupported) {
  Response r = shared_client().raw("POST", "/api/v1/auth/login", "email=a&password=b",
                                   "application/x-www-form-urlencoded");
  expect_problem(r, 415);
}

TEST(Errors, TenMegabyteBodyIsTooLarge) {
  std::string big = "{\"email\":\"" + std::string(10 * 1024 * 1024, 'a') + "\"}";
  Response r = shared_client().raw("POST", "/api/v1/auth/login", big, "application/json");
  expect_problem(r, 413);
}

TEST(Errors, UnknownRouteAndMethod) {
  expect_problem(shared_client().get("/api/v1/nothing-here"), 404);
  Response r = shared_client().raw("PATCH", "/api/v1/projects", "{}", "application/json");
  expect_problem(r, 405);
  EXPECT_EQ(r.header("Allow"), "GET, POST");
  expect_problem(shared_client().del("/api/v1/auth/login"), 405);
}

TEST(Errors, RequestIdIsEchoedOrGenerated) {
  Response given = shared_client().raw("GET", "/healthz", "", "", {{"X-Request-Id", "trace-42"}});
  EXPECT_EQ(given.header("X-Request-Id"), "trace-42");
  Response made = shared_client().get("/healthz");
  EXPECT_EQ(made.header("X-Request-Id").size(), 36u);
  Response hostile = shared_client().raw("GET", "/healthz", "", "", {{"X-Request-Id", "<script>"}});
  EXPECT_EQ(hostile.header("X-Request-Id").size(), 36u);
  Response problem = shared_client().get("/api/v1/nothing", "");
  EXPECT_EQ(problem.json["request_id"], problem.header("X-Request-Id"));
}

TEST(Errors, ResponsesAreGzippedNeverBrotli) {
  // Brotli at the library's quality 11 took over a second for a large answer; gzip is
  // chosen even when the browser prefers br.
  Response r = shared_client().raw("GET", "/api/v1/openapi.json", "", "",
                                   {{"Accept-Encoding", "br;q=1.0, gzip, deflate"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  EXPECT_TRUE(r.json.contains("paths"));
  Response only_br =
      shared_client().raw("GET", "/api/v1/openapi.json", "", "", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(only_br.status, 200);
  EXPECT_EQ(only_br.header("Content-Encoding"), "");
}

TEST(Errors, SecurityHeadersOnEveryResponse) {
  for (const Response& r : {shared_client().get("/healthz"), shared_client().get("/api/v1/nope")}) {
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(r.header("Content-Security-Policy").empty());
  }
  EXPECT_EQ(shared_client().get("/api/v1/nope").header("Cache-Control"), "no-store");
}

TEST(Errors, CorsAllowsOnlyConfiguredOrigins) {
  Response ok = shared_client().raw(
      "OPTIONS", "/api/v1/projects", "", "",
      {{"Origin", "http://allowed.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(ok.status, 204);
  EXPECT_EQ(ok.header("Access-Control-Allow-Origin"), "http://allowed.example");
  EXPECT_NE(ok.header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  Response denied = shared_client().raw(
      "OPTIONS", "/api/v1/projects", "", "",
      {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  expect_problem(denied, 403);
  EXPECT_TRUE(denied.header("Access-Control-Allow-Origin").empty());
  Response simple =
      shared_client().raw("GET", "/healthz", "", "", {{"Origin", "http://evil.example"}});
  EXPECT_TRUE(simple.header("Access-Control-Allow-Origin").empty());
}

TEST(Errors, HealthAndReadiness) {
  EXPECT_EQ(shared_client().get("/healthz").json["status"], "ok");
  Response ready = shared_client().get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json["checks"]["metadata_store"], "ok");
}

TEST(Errors, OpenApiDocumentIsServed) {
  Response r = shared_client().get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["openapi"], "3.1.0");
  EXPECT_TRUE(r.json["paths"].contains("/api/v1/projects/{id}/phases/{phase}"));
}

TEST(Errors, AccessLogHasOneJsonLinePerRequest) {
  shared_client().raw("GET", "/readyz", "", "", {{"X-Request-Id", "access-log-probe"}});
  std::string log = shared_server().wait_for_log("access-log-probe");
  std::istringstream lines(log);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    if (line.find("access-log-probe") == std::string::npos) continue;
    json entry = json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << line;
    EXPECT_EQ(entry["msg"], "request");
    EXPECT_EQ(entry["method"], "GET");
    EXPECT_EQ(entry["path"], "/readyz");
    EXPECT_EQ(entry["status"], 200);
    EXPECT_TRUE(entry["ms"].is_number());
    EXPECT_TRUE(entry.contains("user"));
    found = true;
  }
  EXPECT_TRUE(found) << log.substr(log.size() > 2000 ? log.size() - 2000 : 0);
  EXPECT_EQ(log.find("correct horse battery staple"), std::string::npos)
      << "a password reached the log";
}

TEST(WebUi, ServesBuiltFilesWithSpaFallback) {
  ServerProcess server;
  std::filesystem::path web = std::filesystem::path(server.data_dir()) / "web";
  Client client(server.port());
  Response none = client.get("/");
  expect_problem(none, 404);
  EXPECT_NE(none.json["detail"].get<std::string>().find("make run"), std::string::npos);

  std::filesystem::create_directories(web / "assets");
  std::ofstream(web / "index.html") << "<!doctype html><title>Godwit</title>";
  std::ofstream(web / "assets" / "app-1234abcd.js") << "console.log('godwit')";
  Response index = client.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  Response route = client.get("/projects/123/overview");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>Godwit</title>"), std::string::npos);
  Response asset = client.get("/assets/app-1234abcd.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.body, "console.log('godwit')");
  expect_problem(client.get("/assets/missing-0000.js"), 404);
  expect_problem(client.get("/api/v1/not-a-route"), 404);  // never the SPA for the API
  expect_problem(client.get("/../../etc/passwd"), 404);
}

TEST(Lifecycle, SigtermFinishesCleanly) {
  ServerProcess server;
  Client client(server.port());
  EXPECT_EQ(client.get("/healthz").status, 200);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_NE(server.log().find("\"msg\":\"stopped\""), std::string::npos) << server.log();
}

TEST(Lifecycle, ProductionRefusesToStartWithoutSecrets) {
  std::string binary = std::getenv("GODWIT_BIN");
  std::string dir =
      std::filesystem::temp_directory_path() / ("godwit-prod-" + std::to_string(::getpid()));
  std::string command = "env -u GODWIT_JWT_SECRET -u GODWIT_SECRET_KEY GODWIT_DATA_DIR=" + dir +
                        " " + binary + " serve --production --port 0 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(output.find("GODWIT_JWT_SECRET"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir) / "secrets.json"));
  std::filesystem::remove_all(dir);
}

TEST(Lifecycle, LocalModeGeneratesSecretsOnceAndSaysSo) {
  ServerProcess server({{"GODWIT_JWT_SECRET", ""}, {"GODWIT_SECRET_KEY", ""}});
  std::filesystem::path secrets = std::filesystem::path(server.data_dir()) / "secrets.json";
  ASSERT_TRUE(std::filesystem::exists(secrets));
  EXPECT_EQ(std::filesystem::status(secrets).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_NE(server.log().find("GODWIT_JWT_SECRET was not set"), std::string::npos);
}

}  // namespace
}  // namespace godwit::api_test
