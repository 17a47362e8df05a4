// Routes with path templates ("/api/v1/projects/{id}") over cpp-httplib's regex routes,
// which this version (0.11) has no path parameters for. The router also turns every
// exception into a problem document, authenticates where a route asks for it, answers
// 404/405 for unknown paths and methods, and keeps the list of routes so a test can hold
// it against the OpenAPI document.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace godwit::server {

struct RequestContext {
  const httplib::Request& req;
  httplib::Response& res;
  std::map<std::string, std::string> params;
  std::string user;  ///< the signed-in account's id, on authenticated routes

  const std::string& param(const std::string& name) const { return params.at(name); }
  /// The signed-in account's id (routes that need its row ask AuthService::profile).
  const std::string& user_id() const { return user; }
};

using RouteHandler = std::function<void(RequestContext&)>;
/// Resolves `Authorization: Bearer ...` to an account id or throws
/// godwit::Error(kUnauthorized).
using Authenticator = std::function<std::string(const httplib::Request&)>;

enum class Access { kPublic, kAuthenticated };

struct RouteInfo {
  std::string method;
  std::string path;  ///< the template, as in the OpenAPI document
};

class Router {
 public:
  Router(httplib::Server& server, Authenticator authenticator);

  void get(const std::string& path, Access access, RouteHandler handler);
  void post(const std::string& path, Access access, RouteHandler handler);
  void put(const std::string& path, Access access, RouteHandler handler);
  void del(const std::string& path, Access access, RouteHandler handler);
  void patch(const std::string& path, Access access, RouteHandler handler);

  /// Registers the catch-all handlers (404 / 405 with Allow) for `prefix`; call last.
  /// `fallback_get` handles GETs outside `prefix` (the web UI); may be empty.
  void finish(const std::string& prefix,
              std::function<void(const httplib::Request&, httplib::Response&)> fallback_get);

  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::string method;
    std::regex pattern;
    std::vector<std::string> names;
  };
  void add(const std::string& method, const std::string& path, Access access, RouteHandler handler);
  void unmatched(const httplib::Request& req, httplib::Response& res);

  httplib::Server& server_;
  Authenticator authenticator_;
  std::vector<RouteInfo> routes_;
  std::vector<Compiled> compiled_;
};

/// Runs `body`, turning exceptions into problem documents (domain errors with their
/// status, anything else as a logged 500 that shows only the request id).
void guarded(const httplib::Request& req, httplib::Response& res,
             const std::function<void()>& body);

/// The user id the access log records for the request on this thread.
void set_log_user(const std::string& user_id);
const std::string& log_user();

}  // namespace godwit::server
