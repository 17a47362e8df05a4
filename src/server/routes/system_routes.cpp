// Liveness, readiness and the OpenAPI document.
#include "server/openapi.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void write_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.body = std::move(body);  // set_content() would copy it
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", "application/json");
}

void add_system_routes(Router& router, store::Database& db) {
  router.get("/healthz", Access::kPublic, [](RequestContext& ctx) {
    write_json(ctx.res, 200, {{"status", "ok"}});
  });
  router.get("/readyz", Access::kPublic, [&db](RequestContext& ctx) {
    bool ok = db.ping();
    write_json(ctx.res, ok ? 200 : 503,
               {{"status", ok ? "ready" : "unavailable"},
                {"checks", {{"metadata_store", ok ? "ok" : "unreachable"}}}});
  });
  router.get("/api/v1/openapi.json", Access::kPublic, [](RequestContext& ctx) {
    ctx.res.set_content(std::string(openapi_document()), "application/json");
  });
}

}  // namespace godwit::server
