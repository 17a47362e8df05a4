// /api/v1/projects/{id}/validation/*: start a run (a job) and follow it, the report history,
// one report with its checks (filterable, failing ones linked to their mappings and
// generated code) and anomalies, report export as JSON or HTML, and the project's rules and
// test cases (CRUD, and running test cases on demand).
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxBody = 256 * 1024;

std::string query(const RequestContext& ctx, const char* key) {
  return ctx.req.has_param(key) ? ctx.req.get_param_value(key) : std::string();
}

std::vector<std::string> query_list(const httplib::Request& req, const char* key) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < req.get_param_value_count(key); ++i) {
    for (const std::string& s : split(req.get_param_value(key, i), ',')) {
      std::string v = to_lower(trim(s));
      if (!v.empty()) out.push_back(v);
    }
  }
  return out;
}

void finish(const std::vector<FieldError>& errors) {
  if (!errors.empty())
    throw Error(ErrorKind::kInvalidInput,
                "the query is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
}

std::optional<std::string> query_optional(const RequestContext& ctx, const char* key) {
  if (!ctx.req.has_param(key)) return std::nullopt;
  std::string v(trim(ctx.req.get_param_value(key)));
  if (v.empty()) return std::nullopt;
  return v;
}

/// Content-Disposition with a name safe in a quoted string.
std::string attachment(const std::string& name) {
  std::string safe;
  for (char c : name)
    safe += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
  return "attachment; filename=\"" + safe + "\"";
}

nlohmann::json optional_body(const RequestContext& ctx) {
  return JsonBody::parse(ctx.req, kMaxBody, true).json();
}

}  // namespace

void add_validation_routes(Router& router, services::ValidationService& validation) {
  const std::string base = "/api/v1/projects/{id}/validation";

  router.post(base + "/start", Access::kAuthenticated, [&](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
    store::Job job = validation.start(ctx.user_id(), ctx.param("id"), body.json());
    write_json(ctx.res, 202, {{"job", encode_job(job)}});
  });

  router.get(base + "/status", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.status(ctx.user_id(), ctx.param("id")));
  });

  // The product plan's "validation report": the newest one.
  router.get(base + "/report", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.report(ctx.user_id(), ctx.param("id"), "latest"));
  });

  router.get(base + "/reports", Access::kAuthenticated, [&](RequestContext& ctx) {
    std::vector<FieldError> errors;
    int limit = query_int(ctx.req, "limit", 20, 1, 200, errors);
    int offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
    finish(errors);
    write_json(ctx.res, 200, validation.reports(ctx.user_id(), ctx.param("id"), limit, offset));
  });

  router.get(base + "/reports/{report_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200,
               validation.report(ctx.user_id(), ctx.param("id"), ctx.param("report_id")));
  });

  router.get(base + "/reports/{report_id}/export", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               services::ReportExport out = validation.export_report(
                   ctx.user_id(), ctx.param("id"), ctx.param("report_id"), query(ctx, "format"));
               ctx.res.status = 200;
               ctx.res.set_header("Content-Disposition", attachment(out.filename));
               ctx.res.set_content(out.body, out.content_type);
             });

  router.get(
      base + "/reports/{report_id}/checks", Access::kAuthenticated, [&](RequestContext& ctx) {
        services::CheckFilter filter;
        std::vector<FieldError> errors;
        filter.statuses = query_list(ctx.req, "status");
        filter.kinds = query_list(ctx.req, "kind");
        filter.table = query_optional(ctx, "table");
        filter.limit = query_int(ctx.req, "limit", 100, 1, 1000, errors);
        filter.offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
        finish(errors);
        write_json(
            ctx.res, 200,
            validation.checks(ctx.user_id(), ctx.param("id"), ctx.param("report_id"), filter));
      });

  router.get(base + "/anomalies", Access::kAuthenticated, [&](RequestContext& ctx) {
    std::vector<FieldError> errors;
    int limit = query_int(ctx.req, "limit", 50, 1, 500, errors);
    int offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
    finish(errors);
    write_json(ctx.res, 200,
               validation.anomalies(ctx.user_id(), ctx.param("id"), query(ctx, "report_id"),
                                    query_list(ctx.req, "severity"), query_optional(ctx, "table"),
                                    limit, offset));
  });

  router.get(base + "/rules", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.rules(ctx.user_id(), ctx.param("id")));
  });
  router.post(base + "/rules", Access::kAuthenticated, [&](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
    write_json(ctx.res, 201, validation.create_rule(ctx.user_id(), ctx.param("id"), body.json()));
  });
  router.get(base + "/rules/{rule_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.rule(ctx.user_id(), ctx.param("id"), ctx.param("rule_id")));
  });
  router.put(base + "/rules/{rule_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
    write_json(
        ctx.res, 200,
        validation.update_rule(ctx.user_id(), ctx.param("id"), ctx.param("rule_id"), body.json()));
  });
  router.del(base + "/rules/{rule_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    validation.delete_rule(ctx.user_id(), ctx.param("id"), ctx.param("rule_id"));
    ctx.res.status = 204;
  });

  router.get(base + "/tests", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.tests(ctx.user_id(), ctx.param("id")));
  });
  router.post(base + "/tests", Access::kAuthenticated, [&](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
    write_json(ctx.res, 201, validation.create_test(ctx.user_id(), ctx.param("id"), body.json()));
  });
  router.get(base + "/tests/{test_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, validation.test(ctx.user_id(), ctx.param("id"), ctx.param("test_id")));
  });
  router.put(base + "/tests/{test_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
    write_json(
        ctx.res, 200,
        validation.update_test(ctx.user_id(), ctx.param("id"), ctx.param("test_id"), body.json()));
  });
  router.del(base + "/tests/{test_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    validation.delete_test(ctx.user_id(), ctx.param("id"), ctx.param("test_id"));
    ctx.res.status = 204;
  });
  // Runs one test case now (synchronously, each statement bounded by a timeout).
  router.post(base + "/tests/{test_id}/run", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200,
               validation.run_test(ctx.user_id(), ctx.param("id"), ctx.param("test_id"),
                                   optional_body(ctx)));
  });
  // The product plan's "run test cases": the listed ones (test_ids) or all of them.
  router.post(base + "/test", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200,
               validation.run_tests(ctx.user_id(), ctx.param("id"), optional_body(ctx)));
  });
}

}  // namespace godwit::server
