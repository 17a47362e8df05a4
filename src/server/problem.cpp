#include "server/problem.hpp"

#include <nlohmann/json.hpp>

namespace godwit::server {
namespace {

struct StatusText {
  int status;
  const char* slug;
  const char* title;
};

constexpr StatusText kStatuses[] = {
    {400, "bad-request", "Bad request"},
    {401, "unauthorized", "Authentication required"},
    {403, "forbidden", "Forbidden"},
    {404, "not-found", "Not found"},
    {405, "method-not-allowed", "Method not allowed"},
    {409, "conflict", "Conflict"},
    {413, "payload-too-large", "Payload too large"},
    {415, "unsupported-media-type", "Unsupported media type"},
    {422, "unprocessable", "Unprocessable request"},
    {429, "too-many-requests", "Too many requests"},
    {500, "internal", "Internal server error"},
    {503, "unavailable", "Service unavailable"},
};

const StatusText& lookup(int status) {
  for (const StatusText& s : kStatuses) {
    if (s.status == status) return s;
  }
  return status >= 500 ? kStatuses[10] : kStatuses[0];
}

}  // namespace

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput: return 400;
    case ErrorKind::kUnauthorized: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kUnsupportedType: return 415;
    case ErrorKind::kUnprocessable: return 422;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

void write_problem(httplib::Response& res, int status, const std::string& detail,
                   const std::vector<FieldError>& errors) {
  const StatusText& text = lookup(status);
  nlohmann::json body = {
      {"type", std::string("urn:godwit:problem:") + text.slug},
      {"title", text.title},
      {"status", status},
      {"detail", detail},
  };
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const FieldError& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
    body["errors"] = std::move(list);
  }
  if (auto id = res.get_header_value("X-Request-Id"); !id.empty()) body["request_id"] = id;
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/problem+json");
}

void write_problem(httplib::Response& res, const Error& error) {
  if (error.kind() == ErrorKind::kUnauthorized) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"godwit\"");
  }
  if (error.retry_after_seconds() > 0) {
    res.set_header("Retry-After", std::to_string(error.retry_after_seconds()));
  }
  write_problem(res, http_status(error.kind()), error.what(), error.fields());
}

}  // namespace godwit::server
