// Route registration, one function per resource family. Handlers are thin: decode the
// request, call a service, encode the answer.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>

#include "jobs/change_feed.hpp"
#include "server/config.hpp"
#include "server/router.hpp"
#include "services/auth_service.hpp"
#include "services/codegen_service.hpp"
#include "services/connection_service.hpp"
#include "services/discovery_service.hpp"
#include "services/file_service.hpp"
#include "services/job_service.hpp"
#include "services/mapping_service.hpp"
#include "services/project_service.hpp"
#include "services/validation_service.hpp"
#include "store/database.hpp"

namespace godwit::server {

void add_system_routes(Router& router, store::Database& db);
void add_auth_routes(Router& router, services::AuthService& auth, const ServerConfig& config);
void add_project_routes(Router& router, services::ProjectService& projects);

/// Limits and sources of the project event streams (Server-Sent Events).
struct EventStreamSettings {
  store::Database* db = nullptr;
  jobs::ChangeFeed* feed = nullptr;  ///< closed when the server stops: streams end
  int max_streams = 16;              ///< beyond it: 503 with Retry-After
  std::chrono::milliseconds heartbeat{15000};
};
void add_file_routes(Router& router, services::FileService& files);
void add_codegen_routes(Router& router, services::CodegenService& codegen);
void add_mapping_routes(Router& router, services::MappingService& mapping,
                        services::FileService& files);
void add_connection_routes(Router& router, services::ConnectionService& connections);
void add_job_routes(Router& router, services::JobService& jobs, services::ProjectService& projects,
                    const EventStreamSettings& settings);
void add_discovery_routes(Router& router, services::DiscoveryService& discovery,
                          services::ProjectService& projects);
void add_validation_routes(Router& router, services::ValidationService& validation);

/// Writes a JSON body with the given status.
void write_json(httplib::Response& res, int status, const nlohmann::json& body);
/// For bodies already serialised (JsonWriter).
void write_json(httplib::Response& res, int status, std::string body);

}  // namespace godwit::server
