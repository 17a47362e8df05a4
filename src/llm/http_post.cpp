// HTTP POST for providers (see http_post.hpp).
#include "llm/http_post.hpp"

#include <httplib.h>

#include <ctime>
#include <iomanip>
#include <sstream>

namespace godwit::llm {
namespace {

struct SplitUrl {
  std::string origin;  ///< scheme://host[:port]
  std::string prefix;  ///< "" or "/v1"
};

SplitUrl split_url(const std::string& url) {
  std::size_t scheme_end = url.find("://");
  std::size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  std::size_t path_at = url.find('/', host_start);
  if (path_at == std::string::npos) return {url, ""};
  std::string prefix = url.substr(path_at);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {url.substr(0, path_at), prefix};
}

std::string bounded(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text.substr(0, limit)) out += (c == '\n' || c == '\r') ? ' ' : c;
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    if (value.size() > 7) return std::chrono::milliseconds(9'999'999'000LL);
    return std::chrono::milliseconds(std::stoll(value) * 1000);
  }
  std::tm tm{};
  std::istringstream in(value);
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
  if (in.fail()) return std::nullopt;
  std::time_t at = timegm(&tm);
  std::time_t now = std::time(nullptr);
  return std::chrono::milliseconds(at > now ? static_cast<long long>(at - now) * 1000 : 0);
}

ProviderFailure failure_from_status(const HttpReply& reply, std::string_view provider) {
  ProviderFailure f;
  f.http_status = reply.status;
  f.retry_after = reply.retry_after;
  if (reply.status == 429)
    f.kind = FailureKind::kRateLimited;
  else if (reply.status >= 500)
    f.kind = FailureKind::kServerError;
  else
    f.kind = FailureKind::kHttpError;
  std::string detail;
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    const auto& e = body["error"];
    if (e.is_object() && e.contains("message") && e["message"].is_string()) {
      detail = e["message"].get<std::string>();
    } else if (e.is_string()) {
      detail = e.get<std::string>();
    }
  }
  f.message = std::string(provider) + " answered HTTP " + std::to_string(reply.status);
  if (!detail.empty()) f.message += ": " + bounded(detail, 200);
  if (reply.status == 401 || reply.status == 403) {
    f.message += " (check GODWIT_LLM_API_KEY)";
  }
  return f;
}

HttpPostResult post_json(const std::string& base_url, const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body, std::chrono::milliseconds timeout,
                         const std::string& ca_file) {
  HttpPostResult result;
  SplitUrl url = split_url(base_url);
  httplib::Client client(url.origin);
  if (!client.is_valid()) {
    result.failure =
        make_failure(FailureKind::kNetwork, "the LLM base URL '" + url.origin + "' is not usable");
    return result;
  }
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  client.set_keep_alive(false);
  if (!ca_file.empty()) client.set_ca_cert_path(ca_file.c_str());

  httplib::Request request;
  request.method = "POST";
  request.path = url.prefix + path;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  request.headers.emplace("Content-Type", "application/json");
  request.headers.emplace("Accept", "application/json");
  request.body = body;
  // The read timeout bounds each read; this bounds the whole answer, so a server that
  // trickles bytes cannot hold a worker forever.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  request.progress = [deadline](std::uint64_t, std::uint64_t) {
    return std::chrono::steady_clock::now() < deadline;
  };

  httplib::Result response = client.send(request);
  if (!response) {
    httplib::Error error = response.error();
    bool timed_out = error == httplib::Error::Read || error == httplib::Error::Canceled ||
                     error == httplib::Error::ConnectionTimeout ||
                     std::chrono::steady_clock::now() >= deadline;
    result.failure.kind = timed_out ? FailureKind::kTimeout : FailureKind::kNetwork;
    result.failure.message =
        timed_out ? "no complete answer from " + url.origin + " within " +
                        std::to_string(timeout.count()) + " ms"
                  : "could not reach " + url.origin + ": " + httplib::to_string(error);
    return result;
  }
  HttpReply reply;
  reply.status = response->status;
  reply.body = std::move(response->body);
  if (response->has_header("Retry-After")) {
    reply.retry_after = parse_retry_after(response->get_header_value("Retry-After"));
  }
  result.reply = std::move(reply);
  return result;
}

}  // namespace godwit::llm
