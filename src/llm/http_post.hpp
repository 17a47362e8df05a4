// One JSON POST over HTTP(S) with a hard deadline, for the providers. Classifies what
// went wrong (timeout, network, status) and reads Retry-After.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "llm/provider.hpp"

namespace godwit::llm {

struct HttpReply {
  int status = 0;
  std::string body;
  std::optional<std::chrono::milliseconds> retry_after;
};

struct HttpPostResult {
  std::optional<HttpReply> reply;  ///< set when a status line arrived
  ProviderFailure failure;         ///< kTimeout or kNetwork when no reply
};

/// POSTs `body` to base_url + path (base_url may carry a path prefix such as /v1). The
/// whole exchange is bounded by `timeout`; `ca_file` (optional) replaces the system CAs.
HttpPostResult post_json(const std::string& base_url, const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body, std::chrono::milliseconds timeout,
                         const std::string& ca_file);

/// Parses a Retry-After value: delta seconds, or an HTTP date (relative to now).
std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value);

/// Turns a non-2xx reply into a failure (429 → kRateLimited, 5xx → kServerError, other
/// → kHttpError), quoting a bounded piece of the provider's error message.
ProviderFailure failure_from_status(const HttpReply& reply, std::string_view provider);

}  // namespace godwit::llm
