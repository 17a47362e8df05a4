#include "server/app.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "auth/passwords.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"
#include "jobs/change_feed.hpp"
#include "jobs/handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/worker_pool.hpp"
#include "llm/store_backed.hpp"
#include "server/logging.hpp"
#include "server/problem.hpp"
#include "server/routes/routes.hpp"
#include "server/web_assets.hpp"
#include "store/database.hpp"

namespace godwit::server {
namespace {

thread_local std::chrono::steady_clock::time_point t_request_start;

/// `Accept-Encoding` without brotli. cpp-httplib compresses every text body with brotli at
/// quality 11 when the client accepts it: 1.2 s for a 292 KB lineage graph, where gzip at
/// zlib's default level takes 48 ms (bench/RESULTS.md, issue 6). Without "br" the library
/// picks gzip.
std::string without_brotli(const std::string& accept) {
  std::string out;
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t comma = accept.find(',', start);
    if (comma == std::string::npos) comma = accept.size();
    std::string token = accept.substr(start, comma - start);
    std::size_t b = token.find_first_not_of(" \t");
    std::size_t e = token.find_first_of(" \t;", b == std::string::npos ? 0 : b);
    std::string name =
        b == std::string::npos ? "" : token.substr(b, e == std::string::npos ? e : e - b);
    if (!name.empty() && name != "br") out += (out.empty() ? "" : ", ") + token.substr(b);
    start = comma + 1;
  }
  return out;
}

bool safe_request_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string load_jwks(const std::string& source) {
  if (source.rfind("https://", 0) == 0 || source.rfind("http://", 0) == 0) {
    std::size_t path_at = source.find('/', source.find("//") + 2);
    std::string origin = source.substr(0, path_at);
    std::string path = path_at == std::string::npos ? "/" : source.substr(path_at);
    httplib::Client client(origin);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto res = client.Get(path);
    if (!res || res->status != 200) {
      throw Error(ErrorKind::kUnavailable,
                  "could not fetch the Google JWKS from " + source + " (GODWIT_GOOGLE_JWKS)");
    }
    return res->body;
  }
  std::ifstream in(source);
  if (!in) {
    throw Error(ErrorKind::kInvalidInput,
                "cannot read the JWKS file " + source + " (GODWIT_GOOGLE_JWKS)");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

struct App::State {
  ServerConfig config;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<auth::AccessTokenIssuer> issuer;
  std::unique_ptr<services::AuthService> auth;
  std::unique_ptr<services::ProjectService> projects;
  jobs::ChangeFeed feed;
  jobs::HandlerRegistry handlers;
  std::unique_ptr<jobs::WorkerPool> workers;
  std::unique_ptr<jobs::JobQueue> queue;
  std::unique_ptr<services::JobService> jobs;
  std::unique_ptr<services::FileService> files;
  std::unique_ptr<llm::StoreResponseCache> llm_cache;
  std::unique_ptr<llm::StoreUsageLedger> llm_ledger;
  std::unique_ptr<services::DiscoveryService> discovery;
  std::unique_ptr<services::MappingService> mapping;
  std::unique_ptr<services::CodegenService> codegen;
  std::unique_ptr<services::ConnectionService> connections;
  std::unique_ptr<services::ValidationService> validation;
  std::unique_ptr<WebAssets> web;
  httplib::Server http;
  std::unique_ptr<Router> router;
  int listen_fd = -1;
};

App::App(ServerConfig config) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = std::move(config);
  for (const std::string& note : finalize(s.config)) spdlog::warn("{}", note);
  if (s.config.password_hash_cost == auth::PasswordHashCost::kMinimum) {
    spdlog::warn("GODWIT_PASSWORD_HASH_COST=minimum: password hashes are weak (tests only)");
  }
  auth::ensure_sodium();

  s.db = store::Database::open(
      {s.config.database_url,
       static_cast<std::size_t>(std::max(8, s.config.threads > 0 ? s.config.threads : 16))});
  s.db->migrate();
  spdlog::info("metadata store ready ({}; schema version {})",
               s.db->backend() == store::Backend::kSqlite ? "SQLite" : "PostgreSQL",
               s.db->schema_version());

  std::shared_ptr<const auth::GoogleIdTokenVerifier> google;
  if (!s.config.google_client_ids.empty() && !s.config.google_jwks.empty()) {
    try {
      google = std::make_shared<auth::GoogleIdTokenVerifier>(load_jwks(s.config.google_jwks),
                                                             s.config.google_client_ids);
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::kInvalidInput, std::string("GODWIT_GOOGLE_JWKS: ") + e.what());
    }
    spdlog::info("Google sign-in enabled for {} client id(s)", s.config.google_client_ids.size());
  }

  s.issuer = std::make_unique<auth::AccessTokenIssuer>(s.config.jwt_secret,
                                                       s.config.access_token_ttl_seconds);
  services::AuthSettings settings;
  settings.hash_cost = s.config.password_hash_cost;
  settings.public_url = s.config.public_url;
  s.auth = std::make_unique<services::AuthService>(*s.db, *s.issuer, settings, google);
  s.projects = std::make_unique<services::ProjectService>(*s.db);
  jobs::WorkerOptions worker_options;
  worker_options.workers = s.config.job_workers;
  worker_options.lease = std::chrono::seconds(s.config.job_lease_seconds);
  worker_options.heartbeat = worker_options.lease / 3;
  s.workers = std::make_unique<jobs::WorkerPool>(*s.db, s.handlers, worker_options, &s.feed);
  s.queue = std::make_unique<jobs::JobQueue>(*s.db, s.workers.get(), &s.feed);
  s.jobs = std::make_unique<services::JobService>(*s.db, *s.projects, *s.queue);
  services::UploadLimits upload_limits;
  upload_limits.max_file_bytes = static_cast<std::uint64_t>(s.config.max_file_mb) << 20;
  upload_limits.zip.max_entry_bytes = upload_limits.max_file_bytes;
  s.files = std::make_unique<services::FileService>(
      *s.db, *s.projects, *s.queue, (std::filesystem::path(s.config.data_dir) / "storage").string(),
      upload_limits);
  services::FileService* files = s.files.get();
  s.handlers.add(services::kParseFilesJob,
                 [files](jobs::JobContext& context) { return files->parse_files(context); });
  s.llm_cache = std::make_unique<llm::StoreResponseCache>(*s.db);
  s.llm_ledger = std::make_unique<llm::StoreUsageLedger>(*s.db);
  s.discovery = std::make_unique<services::DiscoveryService>(
      *s.db, *s.projects, *s.queue, (std::filesystem::path(s.config.data_dir) / "storage").string(),
      s.config.llm, s.llm_cache.get(), s.llm_ledger.get());
  services::DiscoveryService* discovery = s.discovery.get();
  s.handlers.add(services::kDiscoveryJob,
                 [discovery](jobs::JobContext& context) { return discovery->run(context); });
  s.mapping = std::make_unique<services::MappingService>(
      *s.db, *s.projects, *s.queue, (std::filesystem::path(s.config.data_dir) / "storage").string(),
      s.config.llm, s.llm_cache.get(), s.llm_ledger.get());
  services::MappingService* mapping = s.mapping.get();
  s.handlers.add(services::kMappingRunJob,
                 [mapping](jobs::JobContext& context) { return mapping->run(context); });
  s.codegen = std::make_unique<services::CodegenService>(
      *s.db, *s.projects, *s.queue, [mapping](const store::Project& project) {
        services::MappingSnapshot snapshot = mapping->engine_inputs(project);
        if (snapshot.catalogs->source.tables.empty())
          throw Error(ErrorKind::kConflict,
                      "the project has no source tables yet: upload its source schema files "
                      "first");
        return services::CodegenInputs{snapshot.catalogs->source, snapshot.catalogs->target,
                                       std::move(snapshot.document)};
      });
  services::CodegenService* codegen = s.codegen.get();
  s.codegen->set_llm(s.config.llm, s.llm_cache.get(), s.llm_ledger.get());
  s.handlers.add(services::kCodegenJob,
                 [codegen](jobs::JobContext& context) { return codegen->run(context); });
  s.web = std::make_unique<WebAssets>(s.config.web_dir);
  services::ConnectionSettings connection_settings;
  connection_settings.sqlite_root = s.config.sqlite_root;
  s.connections = std::make_unique<services::ConnectionService>(
      *s.db, *s.projects, s.config.secret_key, connection_settings);
  services::ConnectionService* connections = s.connections.get();
  s.discovery->set_connection_source(
      [connections](const std::string& user, const std::string& project, const std::string& id) {
        return connections->spec(user, project, id);
      });
  s.validation = std::make_unique<services::ValidationService>(
      *s.db, *s.projects, *s.queue, *s.connections,
      [mapping](const store::Project& project) { return mapping->engine_inputs(project); });
  services::ValidationService* validator = s.validation.get();
  s.validation->set_llm(s.config.llm, s.llm_cache.get(), s.llm_ledger.get());
  s.handlers.add(services::kValidationJob,
                 [validator](jobs::JobContext& context) { return validator->run(context); });

  httplib::Server& http = s.http;
  int threads = s.config.threads > 0
                    ? s.config.threads
                    : static_cast<int>(std::max(64u, 16 * std::thread::hardware_concurrency()));
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  // Headers and body go out in separate writes; without NODELAY, delayed ACKs add ~40 ms.
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(30);
  http.set_write_timeout(30);
  http.set_payload_max_length(static_cast<std::size_t>(s.config.max_upload_mb) * 1024 * 1024);

  // The stock listen backlog is 5; bursts of new connections would stall for seconds.
  http.set_socket_options([this](socket_t fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    state_->listen_fd = fd;
  });

  std::vector<std::string> origins = s.config.cors_origins;
  http.set_pre_routing_handler([origins](const httplib::Request& req, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    set_log_user("");
    if (std::string accept = req.get_header_value("Accept-Encoding");
        accept.find("br") != std::string::npos) {
      // The request is the server's own mutable object (httplib passes it as const).
      auto& mutable_req = const_cast<httplib::Request&>(req);
      mutable_req.headers.erase("Accept-Encoding");
      mutable_req.headers.emplace("Accept-Encoding", without_brotli(accept));
    }
    std::string id = req.get_header_value("X-Request-Id");
    res.set_header("X-Request-Id", safe_request_id(id) ? id : new_uuid());
    std::string origin = req.get_header_value("Origin");
    bool allowed =
        !origin.empty() && std::find(origins.begin(), origins.end(), origin) != origins.end();
    if (allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Allow-Credentials", "true");
      res.set_header("Access-Control-Expose-Headers", "X-Request-Id, Location, Retry-After");
      res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS" && req.has_header("Access-Control-Request-Method")) {
      if (!allowed) {
        write_problem(res, 403,
                      "cross-origin requests from '" + origin +
                          "' are not allowed; add it to GODWIT_CORS_ORIGINS");
        return httplib::Server::HandlerResponse::Handled;
      }
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.set_header("Access-Control-Allow-Headers",
                     "Authorization, Content-Type, X-Request-Id, X-Godwit-Session");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 204;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Called for every response of status >= 400: fill in a problem document where the
  // library produced a bare status (unknown method, oversize body, bad request line).
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string detail;
        switch (res.status) {
          case 413:
            detail = "the request body is larger than the server accepts (GODWIT_MAX_UPLOAD_MB)";
            break;
          case 400: detail = "the request could not be read as HTTP"; break;
          case 404: detail = "no endpoint at " + req.method + " " + req.path; break;
          default: detail = "the request failed"; break;
        }
        write_problem(res, res.status, detail);
        return httplib::Server::HandlerResponse::Handled;
      }));

  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        guarded(req, res, [&] { std::rethrow_exception(ep); });
      });

  bool production = s.config.production;
  http.set_post_routing_handler([production](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data: https:; style-src 'self' "
                   "'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'");
    if (production) res.set_header("Strict-Transport-Security", "max-age=31536000");
    if (req.path.rfind("/api/", 0) == 0 && !res.has_header("Cache-Control")) {
      res.set_header("Cache-Control", "no-store");
    }
  });

  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          t_request_start)
                    .count();
    log_access(req, res, ms, log_user());
  });

  s.router = std::make_unique<Router>(http, [this](const httplib::Request& req) {
    std::string header = req.get_header_value("Authorization");
    if (header.empty()) {
      throw Error(
          ErrorKind::kUnauthorized,
          "sign in first: send 'Authorization: Bearer <access token>' from /api/v1/auth/login");
    }
    if (header.size() < 8 || !iequals(std::string_view(header).substr(0, 7), "Bearer ")) {
      throw Error(ErrorKind::kUnauthorized,
                  "the Authorization header must be 'Bearer <access token>'");
    }
    return state_->auth->authenticate(trim(std::string_view(header).substr(7)));
  });
  add_system_routes(*s.router, *s.db);
  add_auth_routes(*s.router, *s.auth, s.config);
  add_project_routes(*s.router, *s.projects);
  add_file_routes(*s.router, *s.files);
  add_mapping_routes(*s.router, *s.mapping, *s.files);
  add_codegen_routes(*s.router, *s.codegen);
  add_connection_routes(*s.router, *s.connections);
  add_validation_routes(*s.router, *s.validation);
  EventStreamSettings streams;
  streams.db = s.db.get();
  streams.feed = &s.feed;
  streams.max_streams = s.config.max_event_streams;
  streams.heartbeat = std::chrono::seconds(s.config.events_heartbeat_seconds);
  add_job_routes(*s.router, *s.jobs, *s.projects, streams);
  add_discovery_routes(*s.router, *s.discovery, *s.projects);
  WebAssets* web = s.web.get();
  s.router->finish("/api/", [web](const httplib::Request& req, httplib::Response& res) {
    web->serve(req, res);
  });
}

App::~App() = default;

const std::vector<RouteInfo>& App::routes() const {
  return state_->router->routes();
}

void App::stop() {
  // Event streams end first: each holds an HTTP worker that stop() would wait for.
  state_->feed.close();
  state_->http.stop();
}

int App::run() {
  State& s = *state_;
  // Signals are taken by one thread with sigwait, so no handler runs inside a worker.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  int port = s.config.port;
  bool bound = port == 0 ? (port = s.http.bind_to_any_port(s.config.host)) > 0
                         : s.http.bind_to_port(s.config.host, port);
  if (!bound) {
    spdlog::error(
        "cannot listen on {}:{} (in use, or not an address of this machine); set "
        "--port/GODWIT_PORT or --host/GODWIT_HOST",
        s.config.host, s.config.port);
    return 1;
  }
  if (s.listen_fd >= 0) ::listen(s.listen_fd, 1024);

  std::string url = "http://" + s.config.host + ":" + std::to_string(port);
  spdlog::info("Godwit is listening on {} (API under {}/api/v1{})", url, url,
               s.web->available() ? "" : "; web UI not built");
  std::cout << "\n  Godwit is running: open " << url << "/\n\n" << std::flush;

  s.workers->start();
  if (s.config.job_workers > 0) {
    spdlog::info("{} job worker(s) started (lease {} s)", s.config.job_workers,
                 s.config.job_lease_seconds);
  }

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    int received = 0;
    while (!done.load()) {
      timespec timeout{0, 200 * 1000 * 1000};
      received = sigtimedwait(&signals, nullptr, &timeout);
      if (received > 0) {
        spdlog::info("received {}, finishing in-flight requests",
                     received == SIGINT ? "SIGINT" : "SIGTERM");
        s.feed.close();
        s.http.stop();
        return;
      }
    }
  });
  bool ok = s.http.listen_after_bind();
  done = true;
  waiter.join();
  // Running jobs stop at their next progress report and go back to the queue for the
  // next server (or this one when it restarts).
  s.feed.close();
  s.workers->stop();
  spdlog::info("stopped");
  return ok ? 0 : 1;
}

}  // namespace godwit::server
