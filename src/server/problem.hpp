// RFC 9457 problem documents: the one shape every error response has. What the client
// sees (status, a stable type, a human sentence, field errors) is kept apart from what
// the log gets (the exception detail, which never reaches the client).
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "core/error.hpp"

namespace godwit::server {

int http_status(ErrorKind kind);

/// Writes `application/problem+json` with type `urn:godwit:problem:<slug>`.
void write_problem(httplib::Response& res, int status, const std::string& detail,
                   const std::vector<FieldError>& errors = {});

/// A domain error as a problem document (adds Retry-After for rate limits).
void write_problem(httplib::Response& res, const Error& error);

}  // namespace godwit::server
