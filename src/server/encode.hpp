// JSON forms of the API's resources. One place, so every route shows a resource alike
// and the OpenAPI schemas have one implementation to match.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/json_writer.hpp"
#include "services/auth_service.hpp"
#include "services/project_service.hpp"

namespace godwit::server {

nlohmann::json encode_user(const store::User& user);
/// Projects are written straight to text (JsonWriter), not through an nlohmann tree:
/// the project list is the API's hottest response. Same bytes as a tree's dump().
void write_project(JsonWriter& out, const store::ProjectView& view);
std::string encode_project(const store::ProjectView& view);
nlohmann::json encode_member(const store::Member& member);
nlohmann::json encode_template(const store::ProjectTemplate& tpl);

}  // namespace godwit::server
