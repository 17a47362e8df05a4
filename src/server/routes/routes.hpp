// Route registration, one function per resource family. Handlers are thin: decode the
// request, call a service, encode the answer.
#pragma once

#include <nlohmann/json.hpp>

#include "server/config.hpp"
#include "server/router.hpp"
#include "services/auth_service.hpp"
#include "services/project_service.hpp"
#include "store/database.hpp"

namespace godwit::server {

void add_system_routes(Router& router, store::Database& db);
void add_auth_routes(Router& router, services::AuthService& auth, const ServerConfig& config);
void add_project_routes(Router& router, services::ProjectService& projects);

/// Writes a JSON body with the given status.
void write_json(httplib::Response& res, int status, const nlohmann::json& body);
/// For bodies already serialised (JsonWriter).
void write_json(httplib::Response& res, int status, std::string body);

}  // namespace godwit::server
