// BigQuery over REST: token exchange, jobs.query, jobs.getQueryResults, jobs.cancel.
#include "validation/connectors/bigquery_connector.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "validation/connectors/placeholders.hpp"
#include "validation/connectors/rest_statement.hpp"

namespace godwit::validation {

namespace {

constexpr std::string_view kScope = "https://www.googleapis.com/auth/bigquery";
/// Longest single wait the connector asks the server for; it polls again after that.
constexpr std::int64_t kPollMs = 10000;

std::string option(const ConnectionSpec& spec, const std::string& name,
                   const std::string& fallback = {}) {
  auto it = spec.options.find(name);
  return it == spec.options.end() || it->second.empty() ? fallback : it->second;
}

/// "YYYY-MM-DD HH:MM:SS[.ffffff]+00" of microseconds since 1970 (fraction without
/// trailing zeros).
std::string utc_text(std::int64_t micros) {
  std::int64_t seconds = micros / 1000000;
  std::int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t in_day = seconds % 86400;
  if (in_day < 0) {
    in_day += 86400;
    --days;
  }
  // Civil from days (Howard Hinnant's algorithm).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  std::string out = text;
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(fraction));
    std::string f = digits;
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out + "+00";
}

std::optional<std::int64_t> timestamp_micros(const std::string& text) {
  std::int64_t micros = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), micros);
  if (ec == std::errc() && end == text.data() + text.size()) return micros;
  // Without formatOptions.useInt64Timestamp the API writes epoch seconds as a float
  // ("1.7000000001234E9").
  char* stop = nullptr;
  const long double seconds = std::strtold(text.c_str(), &stop);
  if (stop != text.c_str() + text.size() || !std::isfinite(seconds)) return std::nullopt;
  return static_cast<std::int64_t>(std::llroundl(seconds * 1000000.0L));
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (value.empty()) continue;
    out += (out.empty() ? "?" : "&") + name + "=" + url_encode(value);
  }
  return out;
}

}  // namespace

Value bigquery_cell_text(const std::string& type, bool repeated, const nlohmann::json& cell) {
  if (cell.is_null()) return std::nullopt;
  if (repeated || type == "RECORD" || type == "STRUCT" || !cell.is_string()) {
    // Nested values keep the REST shape ({"v": ...} per element), as compact JSON.
    return cell.dump();
  }
  std::string text = cell.get<std::string>();
  if (type == "TIMESTAMP") {
    if (auto micros = timestamp_micros(text)) return utc_text(*micros);
    return text;
  }
  if (type == "DATETIME") {
    if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
    return text;
  }
  return text;
}

BigQueryConnector::BigQueryConnector(const ConnectionSpec& spec)
    : statement_timeout_ms_(spec.statement_timeout_ms), read_only_(spec.read_only) {
  std::string key_text = spec.password;
  if (const std::string path = option(spec, "key_file"); !path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw ConnectorError(ConnectorError::kAuth,
                           "cannot read the service-account key file '" + path + "'", "bad_option");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    key_text = buffer.str();
  }
  if (key_text.empty()) {
    throw ConnectorError(ConnectorError::kAuth,
                         "BigQuery needs a service-account key: give its JSON as the secret or "
                         "its path as key_file",
                         "bad_option");
  }
  key_ = parse_service_account_key(key_text);
  project_ = !spec.database.empty() ? spec.database : option(spec, "project", key_.project_id);
  if (project_.empty()) {
    throw ConnectorError(ConnectorError::kConnect,
                         "BigQuery needs a project: give it as the database (or the key's "
                         "project_id is used)",
                         "bad_option");
  }
  dataset_ = option(spec, "dataset");
  location_ = option(spec, "location");
  ca_file_ = option(spec, "ca_file");
  if (const std::string rows = option(spec, "max_results"); !rows.empty()) {
    int value = 0;
    auto [end, ec] = std::from_chars(rows.data(), rows.data() + rows.size(), value);
    if (ec != std::errc() || end != rows.data() + rows.size() || value < 1 || value > 100000) {
      throw ConnectorError(ConnectorError::kConnect,
                           "max_results must be a whole number from 1 to 100000", "bad_option");
    }
    max_results_ = value;
  }
  api_ = parse_rest_endpoint(option(spec, "endpoint", "https://bigquery.googleapis.com"),
                             "the BigQuery endpoint");
  token_endpoint_ = parse_rest_endpoint(key_.token_uri, "the key's token_uri");
}

std::string BigQueryConnector::server_version() {
  run(
      "SELECT 1", {}, [](std::vector<std::string>) {},
      [](const std::vector<Value>&) { return true; });
  return "BigQuery (project " + project_ + ")";
}

std::string BigQueryConnector::quote_identifier(std::string_view name) const {
  std::string out = "`";
  for (char c : name) {
    if (c == '`' || c == '\\') out += '\\';
    out += c;
  }
  return out + "`";
}

RestReply BigQueryConnector::send(const RestEndpoint& endpoint, RestRequest request,
                                  const StatementDeadline& deadline) {
  const auto left = deadline.left();
  ++requests_sent_;
  return send_rest(endpoint, request, left, ca_file_);
}

const std::string& BigQueryConnector::access_token(const StatementDeadline& deadline) {
  if (token_.fresh()) return token_.value;
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  RestRequest request;
  request.method = "POST";
  request.path = "";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "grant_type=" + url_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                 "&assertion=" + url_encode(signed_jwt_assertion(key_, kScope, now));
  token_ = read_bearer_token(send(token_endpoint_, request, deadline),
                             "Google refused the service-account key",
                             "; check that the key is current and the account is enabled");
  return token_.value;
}

void BigQueryConnector::fail(const RestReply& reply) const {
  const nlohmann::json body = reply.json();
  std::string message;
  std::string reason;
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    message = error.value("message", std::string());
    if (error.contains("errors") && error["errors"].is_array() && !error["errors"].empty() &&
        error["errors"][0].is_object()) {
      reason = error["errors"][0].value("reason", std::string());
    }
  }
  const std::string detail = "BigQuery answered HTTP " + std::to_string(reply.status) +
                             (reason.empty() ? "" : " (" + reason + ")") +
                             (message.empty() ? "" : ": " + bounded_message(message));
  if (reply.status == 401 || (reply.status == 403 && reason != "quotaExceeded" &&
                              reason != "rateLimitExceeded" && reason != "responseTooLarge")) {
    throw ConnectorError(ConnectorError::kAuth,
                         detail +
                             "; the service account needs the BigQuery Job User and Data "
                             "Viewer roles on project " +
                             project_,
                         "auth_failed");
  }
  if (reason == "timeout" || reason == "stopped") {
    throw ConnectorError(ConnectorError::kTimeout, detail, "timeout");
  }
  if (reply.status == 404) {
    throw ConnectorError(ConnectorError::kQuery,
                         detail +
                             "; check the project, dataset and table names and the "
                             "location" +
                             (location_.empty() ? "" : " (" + location_ + ")"),
                         "query_failed");
  }
  if (reply.status >= 500) {
    throw ConnectorError(ConnectorError::kConnect, detail + "; try again later",
                         "host_unreachable");
  }
  throw ConnectorError(ConnectorError::kQuery, detail, "query_failed");
}

void BigQueryConnector::cancel(const std::string& job_id, const std::string& location) {
  // Best effort with a short deadline of its own: the statement already timed out.
  try {
    RestRequest request;
    request.method = "POST";
    request.path = "/bigquery/v2/projects/" + url_encode(project_) + "/jobs/" + url_encode(job_id) +
                   "/cancel" + query_string({{"location", location}});
    request.headers.emplace_back("Authorization", "Bearer " + token_.value);
    ++requests_sent_;
    send_rest(api_, request, std::chrono::milliseconds(5000), ca_file_);
  } catch (const ConnectorError&) {
  }
}

void BigQueryConnector::run_statement(std::string_view sql, const std::vector<Param>& params,
                                      const std::function<void(std::vector<std::string>)>& columns,
                                      const std::function<bool(const std::vector<Value>&)>& row) {
  if (read_only_) {
    const std::string keyword = first_keyword(sql);
    if (keyword != "SELECT" && keyword != "WITH") {
      throw ConnectorError(ConnectorError::kQuery,
                           "this BigQuery connection is read-only: only SELECT and WITH "
                           "statements are sent",
                           "read_only");
    }
  }
  const NativeStatement statement =
      rewrite_placeholders(sql, PlaceholderStyle::kQuestionMark, params.size(), true);
  const StatementDeadline deadline(statement_timeout_ms_, "BigQuery");
  auto wait_ms = [&] { return std::clamp<std::int64_t>(deadline.remaining().count(), 1, kPollMs); };

  nlohmann::json body = {{"query", statement.sql},
                         {"useLegacySql", false},
                         {"timeoutMs", wait_ms()},
                         {"maxResults", max_results_},
                         {"formatOptions", {{"useInt64Timestamp", true}}}};
  if (!statement.order.empty()) {
    body["parameterMode"] = "POSITIONAL";
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t index : statement.order) {
      // Typed: BigQuery does not coerce a STRING parameter compared with a number or date.
      nlohmann::json parameter = {
          {"parameterType", {{"type", bigquery_parameter_type(params[index])}}},
          {"parameterValue", nlohmann::json::object()}};
      if (params[index].value) {
        parameter["parameterValue"]["value"] = rest_parameter_value(params[index]);
      }
      list.push_back(std::move(parameter));
    }
    body["queryParameters"] = std::move(list);
  }
  if (!location_.empty()) body["location"] = location_;
  if (!dataset_.empty()) {
    body["defaultDataset"] = {{"projectId", project_}, {"datasetId", dataset_}};
  }

  RestRequest request;
  request.method = "POST";
  request.path = "/bigquery/v2/projects/" + url_encode(project_) + "/queries";
  request.headers.emplace_back("Authorization", "Bearer " + access_token(deadline));
  request.body = body.dump();
  RestReply reply = send(api_, request, deadline);
  if (reply.status < 200 || reply.status > 299) fail(reply);
  nlohmann::json page = reply.json();
  if (!page.is_object()) {
    throw ConnectorError(ConnectorError::kQuery,
                         "BigQuery answered with something that is not JSON", "query_failed");
  }
  std::string job_id;
  std::string location = location_;
  if (page.contains("jobReference") && page["jobReference"].is_object()) {
    job_id = page["jobReference"].value("jobId", std::string());
    location = page["jobReference"].value("location", location_);
  }

  std::vector<Field> fields;
  bool columns_given = false;
  std::vector<Value> values;
  while (true) {
    const bool complete = page.value("jobComplete", true);
    if (complete) {
      if (!columns_given) {
        if (page.contains("schema") && page["schema"].contains("fields")) {
          for (const auto& f : page["schema"]["fields"]) {
            fields.push_back({f.value("name", std::string()), f.value("type", std::string()),
                              f.value("mode", std::string()) == "REPEATED"});
          }
        }
        std::vector<std::string> names;
        for (const auto& f : fields) names.push_back(f.name);
        columns(std::move(names));
        columns_given = true;
      }
      if (page.contains("rows") && page["rows"].is_array()) {
        for (const auto& r : page["rows"]) {
          const auto& cells = r.at("f");
          values.assign(fields.size(), std::nullopt);
          for (std::size_t i = 0; i < fields.size() && i < cells.size(); ++i) {
            values[i] = bigquery_cell_text(fields[i].type, fields[i].repeated, cells[i].at("v"));
          }
          if (!row(values)) return;
        }
      }
    }
    const std::string page_token = page.value("pageToken", std::string());
    if (complete && page_token.empty()) return;
    if (job_id.empty()) {
      throw ConnectorError(ConnectorError::kQuery,
                           "BigQuery did not say which job runs the statement", "query_failed");
    }
    if (deadline.passed()) {
      cancel(job_id, location);
      throw deadline.timed_out("job " + job_id);
    }
    RestRequest next;
    next.path = "/bigquery/v2/projects/" + url_encode(project_) + "/queries/" + url_encode(job_id) +
                query_string({{"location", location},
                              {"pageToken", page_token},
                              {"maxResults", std::to_string(max_results_)},
                              {"timeoutMs", std::to_string(wait_ms())},
                              {"formatOptions.useInt64Timestamp", "true"}});
    next.headers.emplace_back("Authorization", "Bearer " + access_token(deadline));
    reply = request_or_cancel([&] { return send(api_, next, deadline); },
                              [&] { cancel(job_id, location); }, deadline, "job " + job_id);
    if (reply.status < 200 || reply.status > 299) fail(reply);
    page = reply.json();
    if (!page.is_object()) {
      throw ConnectorError(ConnectorError::kQuery,
                           "BigQuery answered with something that is not JSON", "query_failed");
    }
  }
}

void BigQueryConnector::run(std::string_view sql, const std::vector<Param>& params,
                            const std::function<void(std::vector<std::string>)>& columns,
                            const std::function<bool(const std::vector<Value>&)>& row) {
  with_reply_shape_errors("BigQuery", [&] { run_statement(sql, params, columns, row); });
}

}  // namespace godwit::validation
