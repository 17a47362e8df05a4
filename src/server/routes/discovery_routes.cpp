// /api/v1/projects/{id}/discovery/*, /lineage-graph*, /settings/llm: starting discovery,
// its status and snapshots, the discovered tables and diagnostics, the lineage graph and
// node positions, analysis, and the project's LLM settings.
#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxJson = 1 << 20;
constexpr std::size_t kMaxPositionsJson = 8 << 20;

std::string query_text(const httplib::Request& req, const char* key,
                       std::vector<FieldError>& errors, std::size_t max = 255) {
  if (!req.has_param(key)) return "";
  std::string value(trim(req.get_param_value(key)));
  if (value.size() > max) {
    errors.push_back({key, "must be at most " + std::to_string(max) + " characters"});
    return "";
  }
  return value;
}

void check(const std::vector<FieldError>& errors) {
  if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid query parameters", errors);
}

nlohmann::json encode_snapshot(const store::SnapshotSummary& s) {
  return {{"id", s.id},
          {"version", s.version},
          {"created_at", s.created_at},
          {"job_id", s.job_id ? nlohmann::json(*s.job_id) : nlohmann::json(nullptr)},
          {"table_count", s.table_count},
          {"view_count", s.view_count},
          {"column_count", s.column_count},
          {"relationship_count", s.relationship_count},
          {"complexity_score", s.complexity_score},
          {"diagnostic_count", s.diagnostic_count}};
}

nlohmann::json encode_llm_settings(const store::ProjectLlmSettings& s) {
  return {{"provider", s.provider},
          {"model", s.model ? nlohmann::json(*s.model) : nlohmann::json(nullptr)},
          {"base_url", s.base_url ? nlohmann::json(*s.base_url) : nlohmann::json(nullptr)},
          {"allow_sample_values", s.allow_sample_values},
          {"monthly_token_limit", s.monthly_token_limit},
          {"updated_at", s.updated_at ? nlohmann::json(*s.updated_at) : nlohmann::json(nullptr)}};
}

}  // namespace

void add_discovery_routes(Router& router, services::DiscoveryService& discovery,
                          services::ProjectService& projects) {
  router.post(
      "/api/v1/projects/{id}/discovery/start", Access::kAuthenticated, [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson, true);
        services::DiscoveryStartInput input;
        std::vector<FieldError> errors;
        if (body.json().contains("files") && !body.json()["files"].is_null()) {
          const nlohmann::json& files = body.json()["files"];
          if (!files.is_array()) {
            errors.push_back({"files", "must be an array of file ids"});
          } else {
            std::vector<std::string> ids;
            for (const nlohmann::json& f : files) {
              if (!f.is_string()) {
                errors.push_back({"files", "must hold file ids (strings)"});
                break;
              }
              ids.push_back(f.get<std::string>());
            }
            input.files = ids;
          }
        }
        if (auto c = body.nullable_string("connection_id", 64); c && *c) input.connection_id = **c;
        body.finish();
        if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid request body", errors);
        services::DiscoveryStart started = discovery.start(ctx.user_id(), ctx.param("id"), input);
        write_json(
            ctx.res, 202,
            {{"job", encode_job(started.job)}, {"snapshot_version", started.snapshot_version}});
      });

  router.get(
      "/api/v1/projects/{id}/discovery/status", Access::kAuthenticated, [&](RequestContext& ctx) {
        services::DiscoveryStatus s = discovery.status(ctx.user_id(), ctx.param("id"));
        write_json(ctx.res, 200,
                   {{"state", s.state},
                    {"job", s.job ? encode_job(*s.job) : nlohmann::json(nullptr)},
                    {"latest", s.latest ? encode_snapshot(*s.latest) : nlohmann::json(nullptr)}});
      });

  router.get("/api/v1/projects/{id}/discovery/snapshots", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               std::vector<FieldError> errors;
               int limit = query_int(ctx.req, "limit", 50, 1, 200, errors);
               int offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
               projects.get(ctx.user_id(), ctx.param("id"));
               check(errors);
               auto [items, total] =
                   discovery.snapshots(ctx.user_id(), ctx.param("id"), limit, offset);
               nlohmann::json out = nlohmann::json::array();
               for (const auto& s : items) out.push_back(encode_snapshot(s));
               write_json(ctx.res, 200,
                          {{"items", out}, {"total", total}, {"limit", limit}, {"offset", offset}});
             });

  router.get("/api/v1/projects/{id}/discovery/tables", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               std::vector<FieldError> errors;
               services::TableListInput input;
               input.search = query_text(ctx.req, "search", errors);
               input.schema = query_text(ctx.req, "schema", errors);
               input.limit = query_int(ctx.req, "limit", 100, 1, 1000, errors);
               input.offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
               projects.get(ctx.user_id(), ctx.param("id"));
               check(errors);
               write_json(ctx.res, 200, discovery.tables(ctx.user_id(), ctx.param("id"), input));
             });

  router.get("/api/v1/projects/{id}/discovery/tables/{table_id}", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(ctx.res, 200,
                          discovery.table(ctx.user_id(), ctx.param("id"), ctx.param("table_id")));
             });

  router.get("/api/v1/projects/{id}/discovery/diagnostics", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               std::vector<FieldError> errors;
               services::DiagnosticListInput input;
               input.severity = to_lower(query_text(ctx.req, "severity", errors));
               if (!input.severity.empty() && input.severity != "error" &&
                   input.severity != "warning" && input.severity != "info") {
                 errors.push_back({"severity", "must be error, warning or info"});
               }
               input.file = query_text(ctx.req, "file", errors, 1000);
               input.limit = query_int(ctx.req, "limit", 100, 1, 1000, errors);
               input.offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
               projects.get(ctx.user_id(), ctx.param("id"));
               check(errors);
               write_json(ctx.res, 200,
                          discovery.diagnostics(ctx.user_id(), ctx.param("id"), input));
             });

  router.get(
      "/api/v1/projects/{id}/lineage-graph", Access::kAuthenticated, [&](RequestContext& ctx) {
        std::vector<FieldError> errors;
        services::GraphInput input;
        input.focus = query_text(ctx.req, "focus", errors, 1000);
        input.depth = query_int(ctx.req, "depth", 1, 1, 5, errors);
        input.schema = query_text(ctx.req, "schema", errors);
        input.search = query_text(ctx.req, "search", errors);
        input.limit = query_int(ctx.req, "limit", 300, 1, 5000, errors);
        if (ctx.req.has_param("columns")) {
          std::string c = to_lower(ctx.req.get_param_value("columns"));
          if (c == "true" || c == "1")
            input.columns = true;
          else if (c != "false" && c != "0")
            errors.push_back({"columns", "must be true or false"});
        }
        projects.get(ctx.user_id(), ctx.param("id"));
        check(errors);
        write_json(ctx.res, 200, discovery.lineage_graph(ctx.user_id(), ctx.param("id"), input));
      });

  router.put(
      "/api/v1/projects/{id}/lineage-graph/positions", Access::kAuthenticated,
      [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxPositionsJson);
        std::vector<FieldError> errors;
        std::vector<store::NodePosition> positions;
        const nlohmann::json& list =
            body.json().contains("positions") ? body.json()["positions"] : nlohmann::json();
        if (!list.is_array()) {
          errors.push_back({"positions", "is required: an array of {node_id, x, y}"});
        } else {
          for (std::size_t i = 0; i < list.size(); ++i) {
            const nlohmann::json& p = list[i];
            std::string at = "positions[" + std::to_string(i) + "]";
            if (!p.is_object() || !p.contains("node_id") || !p["node_id"].is_string()) {
              errors.push_back({at + ".node_id", "is required (a table id)"});
              continue;
            }
            bool ok = true;
            for (const char* axis : {"x", "y"}) {
              if (!p.contains(axis) || !p[axis].is_number() ||
                  !std::isfinite(p[axis].get<double>()) || std::abs(p[axis].get<double>()) > 1e9) {
                errors.push_back({at + "." + axis, "must be a number (at most 1e9 in size)"});
                ok = false;
              }
            }
            if (ok) {
              positions.push_back({p["node_id"].get<std::string>(),
                                   std::llround(p["x"].get<double>()),
                                   std::llround(p["y"].get<double>())});
            }
          }
        }
        if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid positions", errors);
        discovery.save_positions(ctx.user_id(), ctx.param("id"), positions);
        ctx.res.status = 204;
      });

  router.post(
      "/api/v1/projects/{id}/discovery/analyze", Access::kAuthenticated, [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson, true);
        std::optional<bool> use_llm = body.boolean("use_llm");
        body.finish();
        write_json(ctx.res, 200, discovery.analyze(ctx.user_id(), ctx.param("id"), use_llm));
      });

  router.get(
      "/api/v1/projects/{id}/settings/llm", Access::kAuthenticated, [&](RequestContext& ctx) {
        write_json(ctx.res, 200,
                   encode_llm_settings(discovery.llm_settings(ctx.user_id(), ctx.param("id"))));
      });

  router.put(
      "/api/v1/projects/{id}/settings/llm", Access::kAuthenticated, [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson);
        services::LlmSettingsInput input;
        std::vector<FieldError> errors;
        if (body.json().contains("api_key")) {
          errors.push_back({"api_key",
                            "API keys are not stored per project; set "
                            "GODWIT_LLM_API_KEY in the server's environment"});
        }
        input.provider = body.string("provider", 64);
        input.model = body.nullable_string("model", 200);
        input.base_url = body.nullable_string("base_url", 2000);
        input.allow_sample_values = body.boolean("allow_sample_values");
        if (body.json().contains("monthly_token_limit")) {
          const nlohmann::json& v = body.json()["monthly_token_limit"];
          if (v.is_number_integer())
            input.monthly_token_limit = v.get<long long>();
          else if (v.is_null())
            input.monthly_token_limit = 0;
          else
            errors.push_back({"monthly_token_limit", "must be a whole number (0: no limit)"});
        }
        body.finish();
        if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid LLM settings", errors);
        write_json(ctx.res, 200,
                   encode_llm_settings(
                       discovery.save_llm_settings(ctx.user_id(), ctx.param("id"), input)));
      });
}

}  // namespace godwit::server
