#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "core/error.hpp"
#include "server/problem.hpp"

namespace godwit::server {
namespace {

thread_local std::string t_log_user;

std::pair<std::string, std::vector<std::string>> compile_template(const std::string& path) {
  std::string regex = "^";
  std::vector<std::string> names;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '{') {
      std::size_t end = path.find('}', i);
      names.push_back(path.substr(i + 1, end - i - 1));
      regex += "([^/]+)";
      i = end;
    } else if (std::string_view(".+*?^$()[]|\\").find(c) != std::string_view::npos) {
      regex += '\\';
      regex += c;
    } else {
      regex += c;
    }
  }
  return {regex + "$", names};
}

}  // namespace

void set_log_user(const std::string& user_id) {
  t_log_user = user_id;
}
const std::string& log_user() {
  return t_log_user;
}

void guarded(const httplib::Request& req, httplib::Response& res,
             const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    write_problem(res, e);
  } catch (const std::exception& e) {
    spdlog::error("unhandled error in {} {} (request {}): {}", req.method, req.path,
                  res.get_header_value("X-Request-Id"), e.what());
    write_problem(res, 500,
                  "the server failed to handle this request; it has been logged under request "
                  "id " +
                      res.get_header_value("X-Request-Id"));
  }
}

Router::Router(httplib::Server& server, Authenticator authenticator)
    : server_(server), authenticator_(std::move(authenticator)) {}

void Router::get(const std::string& p, Access a, RouteHandler h) {
  add("GET", p, a, std::move(h));
}
void Router::post(const std::string& p, Access a, RouteHandler h) {
  add("POST", p, a, std::move(h));
}
void Router::put(const std::string& p, Access a, RouteHandler h) {
  add("PUT", p, a, std::move(h));
}
void Router::patch(const std::string& p, Access a, RouteHandler h) {
  add("PATCH", p, a, std::move(h));
}
void Router::del(const std::string& p, Access a, RouteHandler h) {
  add("DELETE", p, a, std::move(h));
}

void Router::add(const std::string& method, const std::string& path, Access access,
                 RouteHandler handler) {
  auto [regex, names] = compile_template(path);
  routes_.push_back({method, path});
  compiled_.push_back({method, std::regex(regex), names});
  auto wrapped = [this, names = names, access, handler = std::move(handler)](
                     const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      RequestContext ctx{req, res, {}, {}};
      for (std::size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
        ctx.params[names[i]] = req.matches[i + 1].str();
      }
      if (access == Access::kAuthenticated) {
        ctx.user = authenticator_(req);
        set_log_user(ctx.user);
      }
      handler(ctx);
    });
  };
  if (method == "GET")
    server_.Get(regex, wrapped);
  else if (method == "POST")
    server_.Post(regex, wrapped);
  else if (method == "PUT")
    server_.Put(regex, wrapped);
  else if (method == "DELETE")
    server_.Delete(regex, wrapped);
  else if (method == "PATCH")
    server_.Patch(regex, wrapped);
}

void Router::unmatched(const httplib::Request& req, httplib::Response& res) {
  std::set<std::string> allowed;
  for (const Compiled& c : compiled_) {
    if (std::regex_match(req.path, c.pattern)) allowed.insert(c.method);
  }
  if (allowed.empty()) {
    write_problem(res, 404,
                  "no API endpoint at " + req.method + " " + req.path +
                      "; see /api/v1/openapi.json for the endpoints");
    return;
  }
  std::string allow;
  for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
  res.set_header("Allow", allow);
  write_problem(res, 405, req.method + " is not allowed on " + req.path + "; allowed: " + allow);
}

void Router::finish(const std::string& prefix,
                    std::function<void(const httplib::Request&, httplib::Response&)> fallback_get) {
  const std::string any = ".*";
  auto handler = [this, prefix, fallback_get](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      bool api = req.path.rfind(prefix, 0) == 0;
      if (!api && req.method == "GET" && fallback_get) {
        fallback_get(req, res);
        return;
      }
      unmatched(req, res);
    });
  };
  server_.Get(any, handler);
  server_.Post(any, handler);
  server_.Put(any, handler);
  server_.Delete(any, handler);
  server_.Patch(any, handler);
  server_.Options(any, handler);
}

}  // namespace godwit::server
