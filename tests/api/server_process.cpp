#include "server_process.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace godwit::api_test {
namespace {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) throw std::runtime_error(std::string(name) + " is not set");
  return value;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("PostgreSQL: " + message);
}

std::atomic<int> g_counter{0};

}  // namespace

std::string Response::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

ServerProcess::ServerProcess(std::map<std::string, std::string> extra_env) {
  backend_ = std::getenv("GODWIT_API_BACKEND") ? std::getenv("GODWIT_API_BACKEND") : "sqlite";
  std::string binary = required_env("GODWIT_BIN");
  char dir_template[] = "/tmp/godwit-api-XXXXXX";
  data_dir_ = ::mkdtemp(dir_template);
  port_ = free_port();
  jwt_secret_ = "api-test-secret-0123456789abcdef0123456789abcdef";

  std::string database_url = "sqlite:" + data_dir_ + "/godwit.db";
  if (backend_ == "postgres") {
    std::string url_file = required_env("GODWIT_TEST_PG_URL_FILE");
    std::string url = read_file(url_file);
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    if (url.empty()) throw std::runtime_error("no PostgreSQL URL in " + url_file);
    pg_admin_url_ = url;
    pg_database_ = "godwit_api_" + std::to_string(::getpid()) + "_" + std::to_string(g_counter++);
    pg_exec(url, "CREATE DATABASE " + pg_database_);
    database_url = url.substr(0, url.rfind('/') + 1) + pg_database_;
  }

  database_url_ = database_url;
  std::map<std::string, std::string> env = {
      {"GODWIT_DATABASE_URL", database_url},
      {"GODWIT_DATA_DIR", data_dir_},
      {"GODWIT_JWT_SECRET", jwt_secret_},
      {"GODWIT_SECRET_KEY", std::string(64, 'a')},
      {"GODWIT_PASSWORD_HASH_COST", "minimum"},
      {"GODWIT_THREADS", "16"},
      {"GODWIT_CORS_ORIGINS", "http://allowed.example"},
      {"GODWIT_WEB_DIR", data_dir_ + "/web"},
  };
  for (auto& [k, v] : extra_env) env[k] = v;

  std::string log_path = data_dir_ + "/server.log";
  pid_ = ::fork();
  if (pid_ == 0) {
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
    for (auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::string port = std::to_string(port_);
    ::execl(binary.c_str(), binary.c_str(), "serve", "--host", "127.0.0.1", "--port", port.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  httplib::Client probe("127.0.0.1", port_);
  probe.set_connection_timeout(0, 200000);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto res = probe.Get("/healthz"); res && res->status == 200) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("godwit serve exited during start-up:\n" + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("godwit serve did not answer /healthz within 60 s:\n" + log());
}

ServerProcess::~ServerProcess() {
  terminate();
  if (!pg_database_.empty()) {
    try {
      pg_exec(pg_admin_url_, "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
    } catch (const std::exception&) {
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

int ServerProcess::terminate() {
  if (pid_ <= 0) return 0;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ServerProcess::log() const {
  return read_file(data_dir_ + "/server.log");
}

std::string ServerProcess::wait_for_log(const std::string& needle,
                                        std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string text = log();
  while (text.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    text = log();
  }
  return text;
}

Client::Client(int port) : http_("127.0.0.1", port) {
  http_.set_read_timeout(30);
  http_.set_keep_alive(true);
}

namespace {

Response convert(const httplib::Result& result) {
  Response out;
  if (!result) {
    out.status = -1;
    out.body = "connection error: " + httplib::to_string(result.error());
    return out;
  }
  out.status = result->status;
  out.body = result->body;
  out.headers = result->headers;
  out.json = nlohmann::json::parse(result->body, nullptr, false);
  if (out.json.is_discarded()) out.json = nullptr;
  return out;
}

httplib::Headers with_token(const std::string& token, httplib::Headers headers = {}) {
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return headers;
}

}  // namespace

Response Client::get(const std::string& path, const std::string& token) {
  return convert(http_.Get(path, with_token(token)));
}

Response Client::post(const std::string& path, const nlohmann::json& body, const std::string& token,
                      const httplib::Headers& headers) {
  return convert(http_.Post(path, with_token(token, headers), body.dump(), "application/json"));
}

Response Client::put(const std::string& path, const nlohmann::json& body,
                     const std::string& token) {
  return convert(http_.Put(path, with_token(token), body.dump(), "application/json"));
}

Response Client::del(const std::string& path, const std::string& token) {
  return convert(http_.Delete(path, with_token(token)));
}

Response Client::raw(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& content_type, const httplib::Headers& headers) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  req.body = body;
  if (!content_type.empty()) req.set_header("Content-Type", content_type);
  return convert(http_.send(req));
}

Account register_account(Client& client, const std::string& name_prefix) {
  Account account;
  account.email =
      name_prefix + std::to_string(g_counter++) + "." + std::to_string(::getpid()) + "@example.com";
  account.password = "correct horse battery staple";
  Response r = client.post(
      "/api/v1/auth/register",
      {{"email", account.email}, {"password", account.password}, {"name", name_prefix}});
  if (r.status != 201) throw std::runtime_error("register failed: " + r.body);
  account.id = r.json["user"]["id"];
  account.access_token = r.json["access_token"];
  account.refresh_token = r.json["refresh_token"];
  return account;
}

Response upload_files(Client& client, const Account& a, const std::string& project,
                      const std::vector<FormPart>& parts) {
  const std::string boundary = "godwit-test-boundary-7f3a";
  std::string body;
  for (const FormPart& p : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field + "\"";
    if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"";
    body += "\r\n";
    if (!p.filename.empty()) body += "Content-Type: application/octet-stream\r\n";
    body += "\r\n" + p.content + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return client.raw("POST", "/api/v1/projects/" + project + "/files/upload", body,
                    "multipart/form-data; boundary=" + boundary,
                    {{"Authorization", "Bearer " + a.access_token}});
}

}  // namespace godwit::api_test
