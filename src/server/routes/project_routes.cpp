// /api/v1/projects/*, /api/v1/project-templates: projects, members, phases, templates.
#include "core/error.hpp"
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxJson = 1 << 20;

store::ProjectQuery parse_query(const httplib::Request& req) {
  store::ProjectQuery query;
  std::vector<FieldError> errors;
  if (req.has_param("search")) {
    std::string search(trim(req.get_param_value("search")));
    if (search.size() > 255)
      errors.push_back({"search", "must be at most 255 characters"});
    else if (!search.empty())
      query.search = search;
  }
  for (std::size_t i = 0; i < req.get_param_value_count("status"); ++i) {
    for (const std::string& s : split(req.get_param_value("status", i), ',')) {
      if (!trim(s).empty()) query.statuses.emplace_back(trim(s));
    }
  }
  if (req.has_param("source_dialect")) query.source_dialect = req.get_param_value("source_dialect");
  if (req.has_param("target_dialect")) query.target_dialect = req.get_param_value("target_dialect");
  if (req.has_param("sort")) {
    std::string sort = req.get_param_value("sort");
    query.descending = !sort.empty() && sort[0] == '-';
    std::string field = query.descending ? sort.substr(1) : sort;
    if (field == "name")
      query.sort = store::ProjectSort::kName;
    else if (field == "created_at")
      query.sort = store::ProjectSort::kCreatedAt;
    else if (field == "updated_at")
      query.sort = store::ProjectSort::kUpdatedAt;
    else if (field == "status")
      query.sort = store::ProjectSort::kStatus;
    else {
      errors.push_back({"sort",
                        "must be name, created_at, updated_at or status, optionally "
                        "prefixed with '-' for descending order"});
    }
  }
  query.limit = query_int(req, "limit", 20, 1, 100, errors);
  query.offset = query_int(req, "offset", 0, 0, 1000000000, errors);
  if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid query parameters", errors);
  return query;
}

services::ProjectInput parse_project_input(const httplib::Request& req) {
  JsonBody body = JsonBody::parse(req, kMaxJson);
  services::ProjectInput input;
  input.name = body.string("name", 10000);
  input.description = body.nullable_string("description", 100000);
  input.source_dialect = body.string("source_dialect", 100);
  input.target_dialect = body.string("target_dialect", 100);
  input.status = body.string("status", 100);
  input.template_id = body.string("template_id", 100);
  body.finish();
  return input;
}

}  // namespace

void add_project_routes(Router& router, services::ProjectService& projects) {
  router.get("/api/v1/project-templates", Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : projects.templates()) items.push_back(encode_template(t));
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.post("/api/v1/projects", Access::kAuthenticated, [&](RequestContext& ctx) {
    store::ProjectView view = projects.create(ctx.user_id(), parse_project_input(ctx.req));
    ctx.res.set_header("Location", "/api/v1/projects/" + view.project.id);
    write_json(ctx.res, 201, encode_project(view));
  });

  router.get("/api/v1/projects", Access::kAuthenticated, [&](RequestContext& ctx) {
    store::ProjectQuery query = parse_query(ctx.req);
    store::ProjectPage page = projects.list(ctx.user_id(), query);
    std::string body;
    body.reserve(256 + 800 * page.items.size());
    JsonWriter out(body);
    out.begin_object().key("items").begin_array();
    for (const auto& v : page.items) write_project(out, v);
    out.end_array()
        .member("limit", query.limit)
        .member("offset", query.offset)
        .member("total", page.total)
        .end_object();
    write_json(ctx.res, 200, std::move(body));
  });

  router.get("/api/v1/projects/{id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, encode_project(projects.get(ctx.user_id(), ctx.param("id"))));
  });

  router.put("/api/v1/projects/{id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    // Membership is checked before the body so a stranger learns nothing from errors.
    projects.get(ctx.user_id(), ctx.param("id"));
    store::ProjectView view =
        projects.update(ctx.user_id(), ctx.param("id"), parse_project_input(ctx.req));
    write_json(ctx.res, 200, encode_project(view));
  });

  router.del("/api/v1/projects/{id}", Access::kAuthenticated, [&](RequestContext& ctx) {
    projects.remove(ctx.user_id(), ctx.param("id"));
    ctx.res.status = 204;
  });

  router.post(
      "/api/v1/projects/{id}/phases/{phase}", Access::kAuthenticated, [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson, true);
        std::string action = body.string("action", 20).value_or("complete");
        body.finish();
        services::PhaseAction parsed;
        if (action == "complete")
          parsed = services::PhaseAction::kComplete;
        else if (action == "reopen")
          parsed = services::PhaseAction::kReopen;
        else {
          throw Error(ErrorKind::kInvalidInput, "unknown action '" + action + "'",
                      {{"action", "must be complete or reopen"}});
        }
        store::ProjectView view =
            projects.change_phase(ctx.user_id(), ctx.param("id"), ctx.param("phase"), parsed);
        write_json(ctx.res, 200, encode_project(view));
      });

  router.get("/api/v1/projects/{id}/members", Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& m : projects.members(ctx.user_id(), ctx.param("id"))) {
      items.push_back(encode_member(m));
    }
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.post("/api/v1/projects/{id}/members", Access::kAuthenticated, [&](RequestContext& ctx) {
    projects.get(ctx.user_id(), ctx.param("id"));
    JsonBody body = JsonBody::parse(ctx.req, kMaxJson);
    std::string email = body.required_string("email", 254);
    std::string role = body.required_string("role", 20);
    body.finish();
    store::Member member = projects.add_member(ctx.user_id(), ctx.param("id"), email, role);
    write_json(ctx.res, 201, encode_member(member));
  });

  router.put(
      "/api/v1/projects/{id}/members/{user_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
        projects.get(ctx.user_id(), ctx.param("id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson);
        std::string role = body.required_string("role", 20);
        body.finish();
        store::Member member =
            projects.change_member_role(ctx.user_id(), ctx.param("id"), ctx.param("user_id"), role);
        write_json(ctx.res, 200, encode_member(member));
      });

  router.del("/api/v1/projects/{id}/members/{user_id}", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               projects.remove_member(ctx.user_id(), ctx.param("id"), ctx.param("user_id"));
               ctx.res.status = 204;
             });
}

}  // namespace godwit::server
