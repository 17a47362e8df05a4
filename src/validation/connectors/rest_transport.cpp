// HTTPS transport for the REST connectors (see rest_transport.hpp).
#include "validation/connectors/rest_transport.hpp"

#include <httplib.h>

namespace godwit::validation {

namespace {

[[noreturn]] void bad_option(const std::string& message) {
  throw ConnectorError(ConnectorError::kConnect, message, "bad_option");
}

bool is_loopback(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

}  // namespace

RestEndpoint parse_rest_endpoint(const std::string& url, const std::string& what) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    bad_option(what + " must be a URL such as https://host, got '" + bounded_message(url, 80) +
               "'");
  }
  const std::string scheme = url.substr(0, scheme_end);
  const std::size_t host_start = scheme_end + 3;
  const std::size_t path_at = url.find('/', host_start);
  const std::string authority = url.substr(host_start, path_at - host_start);
  if (authority.empty()) bad_option(what + " has no host");
  std::string host = authority;
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
  } else if (std::size_t colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (scheme != "https" && !(scheme == "http" && is_loopback(host))) {
    bad_option(what +
               " must use https (plain http is accepted only for a loopback test "
               "server), got '" +
               scheme + "://" + authority + "'");
  }
  RestEndpoint endpoint;
  endpoint.origin = scheme + "://" + authority;
  if (path_at != std::string::npos) {
    endpoint.prefix = url.substr(path_at);
    while (!endpoint.prefix.empty() && endpoint.prefix.back() == '/') endpoint.prefix.pop_back();
  }
  return endpoint;
}

nlohmann::json RestReply::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

RestReply send_rest(const RestEndpoint& endpoint, const RestRequest& request,
                    std::chrono::milliseconds timeout, const std::string& ca_file) {
  httplib::Client client(endpoint.origin);
  if (!client.is_valid()) {
    throw ConnectorError(ConnectorError::kConnect, "'" + endpoint.origin + "' is not a usable URL",
                         "bad_option");
  }
  if (timeout.count() <= 0) timeout = std::chrono::milliseconds(1);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  client.set_keep_alive(false);
  if (!ca_file.empty()) client.set_ca_cert_path(ca_file.c_str());

  httplib::Request req;
  req.method = request.method;
  req.path = endpoint.prefix + request.path;
  for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
  req.headers.emplace("Accept", "application/json");
  if (request.method == "POST") {
    req.headers.emplace("Content-Type", request.content_type);
    req.body = request.body;
  }
  // The read timeout bounds each read; this bounds the whole answer, so a server that
  // trickles bytes cannot hold a validation run forever.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  req.progress = [deadline](std::uint64_t, std::uint64_t) {
    return std::chrono::steady_clock::now() < deadline;
  };
  httplib::Result response = client.send(req);
  if (!response) {
    const httplib::Error error = response.error();
    const bool timed_out = error == httplib::Error::Read || error == httplib::Error::Canceled ||
                           error == httplib::Error::ConnectionTimeout ||
                           std::chrono::steady_clock::now() >= deadline;
    if (timed_out) {
      throw ConnectorError(ConnectorError::kTimeout,
                           "no complete answer from " + endpoint.origin + " within " +
                               std::to_string(timeout.count()) + " ms",
                           "timeout");
    }
    throw ConnectorError(ConnectorError::kConnect,
                         "could not reach " + endpoint.origin + ": " + httplib::to_string(error),
                         "host_unreachable");
  }
  return RestReply{response->status, std::move(response->body)};
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string bounded_message(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text.substr(0, limit)) out += (c == '\n' || c == '\r') ? ' ' : c;
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace godwit::validation
