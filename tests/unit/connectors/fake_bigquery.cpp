// The BigQuery protocol fake (see fake_bigquery.hpp).
#include "fake_bigquery.hpp"

#include <ctime>

namespace godwit::validation::testing {

namespace {

void error_reply(httplib::Response& res, int status, const std::string& reason,
                 const std::string& message, const std::string& grpc_status) {
  res.status = status;
  nlohmann::json body = {
      {"error",
       {{"code", status},
        {"message", message},
        {"errors", {{{"message", message}, {"domain", "global"}, {"reason", reason}}}},
        {"status", grpc_status}}}};
  res.set_content(body.dump(), "application/json");
}

std::string bigquery_type(const FakeResult& result, std::size_t column) {
  const std::string& declared = result.declared_types[column];
  if (!declared.empty()) return declared;
  for (const auto& storage : result.storage) {
    switch (storage[column]) {
      case SQLITE_INTEGER: return "INT64";
      case SQLITE_FLOAT: return "FLOAT64";
      case SQLITE_BLOB: return "BYTES";
      case SQLITE_TEXT: return "STRING";
      default: break;
    }
  }
  return "STRING";
}

}  // namespace

const RsaKey& FakeBigQuery::key() {
  static const RsaKey shared;
  return shared;
}

const RsaKey& FakeBigQuery::other_key() {
  static const RsaKey shared;
  return shared;
}

FakeBigQuery::FakeBigQuery(bool tls)
    : tls_(tls ? std::make_unique<TlsIdentity>() : nullptr), server_(tls_.get()) {
  auto& http = server_.http();
  http.Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    auto form = parse_form(req.body);
    auto refuse = [&](const std::string& why) {
      res.status = 400;
      res.set_content(nlohmann::json{{"error", "invalid_grant"}, {"error_description", why}}.dump(),
                      "application/json");
    };
    if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded") {
      return refuse("Bad Request");
    }
    if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return refuse("Invalid grant_type");
    }
    const std::string& assertion = form["assertion"];
    const auto first = assertion.find('.');
    const auto second = assertion.find('.', first + 1);
    if (first == std::string::npos || second == std::string::npos) return refuse("Invalid JWT");
    auto header = base64_decode(assertion.substr(0, first));
    auto claims_text = base64_decode(assertion.substr(first + 1, second - first - 1));
    auto signature = base64_decode(assertion.substr(second + 1));
    if (!header || !claims_text || !signature) return refuse("Invalid JWT");
    auto h = nlohmann::json::parse(*header, nullptr, false);
    if (!h.is_object() || h.value("alg", "") != "RS256") return refuse("Invalid JWT algorithm");
    if (!key().verify(assertion.substr(0, second), *signature)) {
      return refuse("Invalid JWT Signature.");
    }
    auto claims = nlohmann::json::parse(*claims_text, nullptr, false);
    const std::int64_t now = std::time(nullptr);
    if (!claims.is_object() || claims.value("iss", "") != kEmail ||
        claims.value("aud", "") != server_.base_url() + "/token" ||
        claims.value("scope", "").find("https://www.googleapis.com/auth/bigquery") ==
            std::string::npos ||
        !claims["iat"].is_number_integer() || !claims["exp"].is_number_integer() ||
        claims["iat"].get<std::int64_t>() > now + 60 || claims["exp"].get<std::int64_t>() <= now ||
        claims["exp"].get<std::int64_t>() - claims["iat"].get<std::int64_t>() > 3600) {
      return refuse("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe");
    }
    std::string token;
    {
      std::lock_guard lock(jobs_mutex_);
      token = "ya29.fake-" + std::to_string(++next_id_);
      issued_tokens_.insert(token);
    }
    {
      std::lock_guard lock(seen_mutex);
      last_token_claims = claims.dump();
    }
    res.set_content(
        nlohmann::json{{"access_token", token}, {"expires_in", 3599}, {"token_type", "Bearer"}}
            .dump(),
        "application/json");
  });

  http.Post(R"(/bigquery/v2/projects/([^/]+)/queries)", [this](const httplib::Request& req,
                                                               httplib::Response& res) {
    ++query_requests;
    if (!authorized(req, res)) return;
    if (fail_with_503) {
      return error_reply(res, 503, "backendError", "The service is currently unavailable.",
                         "UNAVAILABLE");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    {
      std::lock_guard lock(seen_mutex);
      last_query_body = body;
    }
    if (!body.is_object() || !body.contains("query")) {
      return error_reply(res, 400, "invalid", "Required parameter is missing", "INVALID_ARGUMENT");
    }
    if (body.value("useLegacySql", true)) {
      return error_reply(res, 400, "invalidQuery", "Legacy SQL is not what the test expects",
                         "INVALID_ARGUMENT");
    }
    const nlohmann::json parameters = body.value("queryParameters", nlohmann::json::array());
    if (!parameters.empty() && body.value("parameterMode", "") != "POSITIONAL") {
      return error_reply(res, 400, "invalidQuery", "Positional parameters need POSITIONAL mode",
                         "INVALID_ARGUMENT");
    }
    std::string sql = body["query"].get<std::string>();
    for (const auto& [from, to] : rewrites) {
      for (auto at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
        sql.replace(at, from.size(), to);
      }
    }
    FakeResult result = database_.run(sql, [&](sqlite3_stmt* s) {
      int index = 1;
      for (const auto& p : parameters) {
        const auto& value = p["parameterValue"];
        if (value.contains("value")) {
          const std::string text = value["value"].get<std::string>();
          sqlite3_bind_text(s, index, text.c_str(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT);
        } else {
          sqlite3_bind_null(s, index);
        }
        ++index;
      }
    });
    if (!result.error.empty()) {
      if (result.error.find("no such table") != std::string::npos) {
        return error_reply(res, 404, "notFound",
                           "Not found: Table " + std::string(kProject) + ":" +
                               result.error.substr(result.error.find(':') + 2) +
                               " was not found in location US",
                           "NOT_FOUND");
      }
      return error_reply(res, 400, "invalidQuery", "Syntax error: " + result.error,
                         "INVALID_ARGUMENT");
    }
    std::string job_id;
    Job job;
    job.result = std::move(result);
    job.pending = pending_polls;
    job.location = body.value("location", "US");
    {
      std::lock_guard lock(jobs_mutex_);
      job_id = "job_" + std::to_string(++next_id_);
      jobs_[job_id] = job;
    }
    nlohmann::json out = {
        {"kind", "bigquery#queryResponse"},
        {"jobReference",
         {{"projectId", req.matches[1].str()}, {"jobId", job_id}, {"location", job.location}}}};
    if (job.pending != 0) {
      out["jobComplete"] = false;
    } else {
      answer_page(job, job_id, 0, body.value("maxResults", 100000), out);
    }
    res.set_content(out.dump(), "application/json");
  });

  http.Get(R"(/bigquery/v2/projects/([^/]+)/queries/([^/]+))", [this](const httplib::Request& req,
                                                                      httplib::Response& res) {
    ++page_requests;
    if (!authorized(req, res)) return;
    const std::string job_id = req.matches[2];
    Job job;
    {
      std::lock_guard lock(jobs_mutex_);
      auto found = jobs_.find(job_id);
      if (found == jobs_.end()) {
        return error_reply(res, 404, "notFound", "Not found: Job " + job_id, "NOT_FOUND");
      }
      if (found->second.pending > 0) --found->second.pending;
      job = found->second;
    }
    nlohmann::json out = {
        {"kind", "bigquery#getQueryResultsResponse"},
        {"jobReference",
         {{"projectId", req.matches[1].str()}, {"jobId", job_id}, {"location", job.location}}}};
    if (job.pending != 0) {
      // The server holds the request up to timeoutMs waiting for the job.
      const int wait = req.has_param("timeoutMs") ? std::stoi(req.get_param_value("timeoutMs")) : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait, 100)));
      out["jobComplete"] = false;
      return res.set_content(out.dump(), "application/json");
    }
    std::size_t offset = 0;
    if (req.has_param("pageToken")) {
      const std::string token = req.get_param_value("pageToken");
      if (!token.starts_with("page-")) {
        return error_reply(res, 400, "invalid", "Invalid page token", "INVALID_ARGUMENT");
      }
      offset = std::stoul(token.substr(5));
    }
    const std::size_t max_results =
        req.has_param("maxResults") ? std::stoul(req.get_param_value("maxResults")) : 100000;
    answer_page(job, job_id, offset, max_results, out);
    res.set_content(out.dump(), "application/json");
  });

  http.Post(R"(/bigquery/v2/projects/([^/]+)/jobs/([^/]+)/cancel)",
            [this](const httplib::Request& req, httplib::Response& res) {
              if (!authorized(req, res)) return;
              {
                std::lock_guard lock(seen_mutex);
                cancelled_jobs.insert(req.matches[2]);
              }
              res.set_content(nlohmann::json{{"kind", "bigquery#jobCancelResponse"}}.dump(),
                              "application/json");
            });
  server_.start();
}

bool FakeBigQuery::authorized(const httplib::Request& req, httplib::Response& res) {
  const std::string header = req.get_header_value("Authorization");
  std::lock_guard lock(jobs_mutex_);
  if (header.starts_with("Bearer ") && issued_tokens_.contains(header.substr(7))) return true;
  error_reply(res, 401, "authError",
              "Request is missing required authentication credential. Expected OAuth 2 access "
              "token.",
              "UNAUTHENTICATED");
  return false;
}

void FakeBigQuery::answer_page(const Job& job, const std::string& job_id, std::size_t offset,
                               std::size_t max_results, nlohmann::json& out) const {
  const FakeResult& r = job.result;
  nlohmann::json fields = nlohmann::json::array();
  std::vector<std::string> types;
  for (std::size_t i = 0; i < r.names.size(); ++i) {
    types.push_back(bigquery_type(r, i));
    fields.push_back({{"name", r.names[i]}, {"type", types.back()}, {"mode", "NULLABLE"}});
  }
  out["schema"] = {{"fields", fields}};
  out["totalRows"] = std::to_string(r.rows.size());
  out["jobComplete"] = true;
  out["cacheHit"] = false;
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t end = std::min(r.rows.size(), offset + max_results);
  for (std::size_t row = offset; row < end; ++row) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < r.names.size(); ++i) {
      const auto& value = r.rows[row][i];
      if (!value) {
        cells.push_back({{"v", nullptr}});
      } else if (types[i] == "BYTES") {
        cells.push_back({{"v", base64_encode(*value)}});
      } else if (types[i] == "BOOL") {
        cells.push_back({{"v", *value == "0" ? "false" : "true"}});
      } else {
        cells.push_back({{"v", *value}});
      }
    }
    rows.push_back({{"f", cells}});
  }
  if (!rows.empty()) out["rows"] = rows;
  if (end < r.rows.size()) out["pageToken"] = "page-" + std::to_string(end);
  (void)job_id;
}

std::string FakeBigQuery::key_json() const {
  return nlohmann::json{{"type", "service_account"},
                        {"project_id", kProject},
                        {"private_key_id", "0123456789abcdef"},
                        {"private_key", key().private_pem()},
                        {"client_email", kEmail},
                        {"client_id", "1234567890"},
                        {"token_uri", server_.base_url() + "/token"}}
      .dump();
}

std::string FakeBigQuery::foreign_key_json() const {
  auto key = nlohmann::json::parse(key_json());
  key["private_key"] = other_key().private_pem();
  return key.dump();
}

const std::string& FakeBigQuery::ca_file() const {
  static const std::string none;
  return tls_ ? tls_->ca_file() : none;
}

}  // namespace godwit::validation::testing
