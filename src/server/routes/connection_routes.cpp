// /api/v1/projects/{id}/connections*: live-database connections (create, list, read,
// change, delete, test saved or unsaved settings). Responses never carry the password or
// the DSN, only whether one is set.
#include <set>

#include "core/error.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxJson = 64 * 1024;

nlohmann::json encode_connection(const store::StoredConnection& c) {
  nlohmann::json options = nlohmann::json::parse(c.options_json, nullptr, false);
  if (!options.is_object()) options = nlohmann::json::object();
  return {{"id", c.id},
          {"project_id", c.project_id},
          {"name", c.name},
          {"engine", c.engine},
          {"host", c.host},
          {"port", c.port},
          {"database", c.database},
          {"user", c.user},
          {"path", c.path},
          {"options", options},
          {"password_set", c.password_set},
          {"dsn_set", c.dsn_set},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

/// The request body's fields, type-checked (wrong types and unknown fields are 400);
/// what the values mean is checked by the service (422).
services::ConnectionInput decode_input(const httplib::Request& req) {
  JsonBody body = JsonBody::parse(req, kMaxJson);
  const nlohmann::json& json = body.json();
  std::vector<FieldError> errors;
  static const std::set<std::string> known = {"name", "engine",   "host", "port", "database",
                                              "user", "password", "path", "dsn",  "options"};
  for (const auto& [key, value] : json.items()) {
    if (!known.contains(key)) {
      errors.push_back({key,
                        "is not a connection field; fields: name, engine, host, port, "
                        "database, user, password, path, dsn, options"});
    }
  }
  services::ConnectionInput input;
  auto text = [&](const char* key, std::optional<std::string>& target, bool null_clears) {
    auto it = json.find(key);
    if (it == json.end()) return;
    if (it->is_null() && null_clears)
      target = "";
    else if (it->is_string())
      target = it->get<std::string>();
    else
      errors.push_back({key, std::string("must be a string, not ") + it->type_name()});
  };
  text("name", input.name, false);
  text("engine", input.engine, false);
  text("host", input.host, true);
  text("database", input.database, true);
  text("user", input.user, true);
  text("password", input.password, true);
  text("path", input.path, true);
  text("dsn", input.dsn, true);
  if (auto it = json.find("port"); it != json.end() && !it->is_null()) {
    if (it->is_number_integer() && it->get<long long>() >= -1 && it->get<long long>() <= 1 << 20) {
      input.port = static_cast<int>(it->get<long long>());
    } else if (it->is_number_integer()) {
      input.port = -1;  // out of range: the service explains the allowed range
    } else {
      errors.push_back({"port", std::string("must be a whole number, not ") + it->type_name()});
    }
  }
  if (auto it = json.find("options"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) {
      errors.push_back(
          {"options", "must be an object of strings, e.g. {\"sslmode\": \"require\"}"});
    } else {
      std::map<std::string, std::string> options;
      for (const auto& [key, value] : it->items()) {
        if (value.is_string())
          options[key] = value.get<std::string>();
        else
          errors.push_back({"options." + key, "must be a string"});
      }
      input.options = std::move(options);
    }
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                errors.size() == 1 ? errors[0].field + " " + errors[0].message
                                   : std::to_string(errors.size()) + " fields are invalid",
                errors);
  }
  return input;
}

nlohmann::json encode_test(const services::ConnectionTestResult& r) {
  return {{"ok", true},
          {"engine", r.engine},
          {"server_version", r.server_version},
          {"table_count", r.table_count},
          {"elapsed_ms", r.elapsed_ms}};
}

}  // namespace

void add_connection_routes(Router& router, services::ConnectionService& connections) {
  const std::string base = "/api/v1/projects/{id}/connections";

  router.post(base, Access::kAuthenticated, [&](RequestContext& ctx) {
    connections.list(ctx.user_id(), ctx.param("id"));  // membership before body errors
    services::ConnectionInput input = decode_input(ctx.req);
    write_json(ctx.res, 201,
               encode_connection(connections.create(ctx.user_id(), ctx.param("id"), input)));
  });

  router.get(base, Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : connections.list(ctx.user_id(), ctx.param("id"))) {
      items.push_back(encode_connection(c));
    }
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.post(base + "/test", Access::kAuthenticated, [&](RequestContext& ctx) {
    connections.list(ctx.user_id(), ctx.param("id"));
    services::ConnectionInput input = decode_input(ctx.req);
    write_json(ctx.res, 200,
               encode_test(connections.test_unsaved(ctx.user_id(), ctx.param("id"), input)));
  });

  router.get(base + "/{cid}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(
        ctx.res, 200,
        encode_connection(connections.get(ctx.user_id(), ctx.param("id"), ctx.param("cid"))));
  });

  router.patch(base + "/{cid}", Access::kAuthenticated, [&](RequestContext& ctx) {
    connections.get(ctx.user_id(), ctx.param("id"), ctx.param("cid"));
    services::ConnectionInput input = decode_input(ctx.req);
    write_json(ctx.res, 200,
               encode_connection(
                   connections.update(ctx.user_id(), ctx.param("id"), ctx.param("cid"), input)));
  });

  router.del(base + "/{cid}", Access::kAuthenticated, [&](RequestContext& ctx) {
    connections.remove(ctx.user_id(), ctx.param("id"), ctx.param("cid"));
    ctx.res.status = 204;
  });

  router.post(base + "/{cid}/test", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200,
               encode_test(connections.test(ctx.user_id(), ctx.param("id"), ctx.param("cid"))));
  });
}

}  // namespace godwit::server
