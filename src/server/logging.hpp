// Structured logging: one JSON object per line in production (GODWIT_LOG_FORMAT=json,
// the default), readable text otherwise; and the access log, one line per request.
#pragma once

#include <httplib.h>

#include <string>

namespace godwit::server {

void setup_logging(bool json);

/// id, method, path, status, ms, user, bytes — one line, never the query string (it may
/// carry tokens) and never bodies.
void log_access(const httplib::Request& req, const httplib::Response& res, double ms,
                const std::string& user_id);

}  // namespace godwit::server
