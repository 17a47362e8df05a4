// HTTPS requests for the connectors that speak a cloud warehouse's REST API (BigQuery,
// Databricks SQL): one request with a deadline, transport failures classified as
// ConnectorError. Plain http is refused except to loopback (the protocol fakes in tests).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "validation/connectors/connector.hpp"

namespace godwit::validation {

/// scheme://host[:port] and an optional path prefix, validated.
struct RestEndpoint {
  std::string origin;  ///< "https://host:443"
  std::string prefix;  ///< "" or "/some/prefix", no trailing '/'
};

/// Splits and checks `url`: https, or http to 127.0.0.1 / localhost / [::1] only. Throws
/// ConnectorError (kConnect, "bad_option") naming `what` (e.g. "the BigQuery endpoint").
RestEndpoint parse_rest_endpoint(const std::string& url, const std::string& what);

struct RestReply {
  int status = 0;
  std::string body;
  /// The body as JSON; a discarded value when it is not JSON.
  nlohmann::json json() const;
};

struct RestRequest {
  std::string method = "GET";  ///< GET or POST
  std::string path;            ///< after the endpoint's prefix, with any query string
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";
};

/// Sends one request to `endpoint`; the whole exchange is bounded by `timeout`.
/// `ca_file` (optional) replaces the system CAs. Throws ConnectorError: kTimeout when no
/// complete answer came in time, kConnect when the server cannot be reached (TLS
/// failures included). Any HTTP status is returned, not thrown.
RestReply send_rest(const RestEndpoint& endpoint, const RestRequest& request,
                    std::chrono::milliseconds timeout, const std::string& ca_file);

/// Percent-encodes `text` for a URL path segment or query value.
std::string url_encode(std::string_view text);

/// A bounded, single-line piece of a server's message for an error.
std::string bounded_message(std::string_view text, std::size_t limit = 300);

}  // namespace godwit::validation
