// Databricks SQL over the Statement Execution API: submit, poll, read chunks, cancel.
#include "validation/connectors/databricks_connector.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "validation/connectors/placeholders.hpp"
#include "validation/connectors/rest_statement.hpp"

namespace godwit::validation {

namespace {

using Clock = std::chrono::steady_clock;

/// The longest wait_timeout the API accepts (5 to 50 seconds, or 0).
constexpr std::int64_t kMaxWaitSeconds = 50;
constexpr std::int64_t kPollMs = 500;

std::string option(const ConnectionSpec& spec, const std::string& name) {
  auto it = spec.options.find(name);
  return it == spec.options.end() ? std::string() : it->second;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = at(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace

Value databricks_cell_text(const std::string& type_name, const nlohmann::json& cell) {
  if (cell.is_null()) return std::nullopt;
  std::string text = cell.is_string() ? cell.get<std::string>() : cell.dump();
  if ((type_name == "TIMESTAMP" || type_name == "TIMESTAMP_NTZ") && text.size() >= 19 &&
      text[10] == 'T') {
    text[10] = ' ';
    if (text.back() == 'Z') text.pop_back();
    if (const auto dot = text.find('.', 19); dot != std::string::npos) {
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
  }
  return text;
}

DatabricksConnector::DatabricksConnector(const ConnectionSpec& spec)
    : statement_timeout_ms_(spec.statement_timeout_ms), read_only_(spec.read_only) {
  std::string endpoint = option(spec, "endpoint");
  if (endpoint.empty()) {
    if (spec.host.empty()) {
      throw ConnectorError(ConnectorError::kConnect,
                           "Databricks needs the workspace host, e.g. "
                           "adb-1234567890123456.7.azuredatabricks.net",
                           "bad_option");
    }
    endpoint = "https://" + spec.host + (spec.port > 0 ? ":" + std::to_string(spec.port) : "");
  }
  api_ = parse_rest_endpoint(endpoint, "the Databricks workspace URL");
  warehouse_id_ = option(spec, "warehouse_id");
  if (warehouse_id_.empty()) {
    // The JDBC/ODBC "HTTP path" of a SQL warehouse ends in its id.
    const std::string http_path = option(spec, "http_path");
    if (const auto slash = http_path.rfind('/'); slash != std::string::npos) {
      warehouse_id_ = http_path.substr(slash + 1);
    }
  }
  if (warehouse_id_.empty()) warehouse_id_ = spec.database;
  if (warehouse_id_.empty()) {
    throw ConnectorError(ConnectorError::kConnect,
                         "Databricks needs a SQL warehouse: give warehouse_id or http_path "
                         "(/sql/1.0/warehouses/<id>, from the warehouse's Connection details)",
                         "bad_option");
  }
  catalog_ = option(spec, "catalog");
  schema_ = option(spec, "schema");
  ca_file_ = option(spec, "ca_file");
  client_id_ = option(spec, "client_id");
  secret_ = spec.password;
  if (const std::string variable = option(spec, "token_env"); !variable.empty()) {
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr || *value == '\0') {
      throw ConnectorError(ConnectorError::kAuth,
                           "the environment variable " + variable + " (token_env) is not set",
                           "bad_option");
    }
    secret_ = value;
  }
  if (secret_.empty()) {
    throw ConnectorError(ConnectorError::kAuth,
                         client_id_.empty()
                             ? "Databricks needs a personal access token as the secret"
                             : "Databricks OAuth needs the client secret as the secret",
                         "bad_option");
  }
}

std::string DatabricksConnector::server_version() {
  std::string version;
  run(
      "SELECT current_version().dbsql_version", {}, [](std::vector<std::string>) {},
      [&](const std::vector<Value>& values) {
        if (!values.empty() && values[0]) version = *values[0];
        return false;
      });
  return version.empty() ? "Databricks SQL" : "Databricks SQL " + version;
}

std::string DatabricksConnector::quote_identifier(std::string_view name) const {
  return quote_doubling(name, '`');
}

RestReply DatabricksConnector::send(RestRequest request, const StatementDeadline& deadline) {
  const auto left = deadline.left();
  request.headers.emplace_back("Authorization", "Bearer " + bearer(deadline.at()));
  ++requests_sent_;
  // A little beyond the server-side wait, so the server's answer arrives first.
  return send_rest(api_, request, left + std::chrono::milliseconds(2000), ca_file_);
}

const std::string& DatabricksConnector::bearer(Clock::time_point deadline) {
  if (client_id_.empty()) return secret_;
  if (token_.fresh()) return token_.value;
  RestRequest request;
  request.method = "POST";
  request.path = "/oidc/v1/token";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "grant_type=client_credentials&scope=all-apis";
  request.headers.emplace_back("Authorization",
                               "Basic " + base64_encode(client_id_ + ":" + secret_));
  const auto left =
      std::max(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()),
               std::chrono::milliseconds(1));
  ++requests_sent_;
  token_ = read_bearer_token(send_rest(api_, request, left, ca_file_),
                             "Databricks refused the OAuth client credentials", "");
  return token_.value;
}

void DatabricksConnector::fail(const RestReply& reply) const {
  const nlohmann::json body = reply.json();
  std::string code;
  std::string message;
  if (body.is_object()) {
    code = body.value("error_code", std::string());
    message = body.value("message", std::string());
  }
  const std::string detail = "Databricks answered HTTP " + std::to_string(reply.status) +
                             (code.empty() ? "" : " (" + code + ")") +
                             (message.empty() ? "" : ": " + bounded_message(message));
  if (reply.status == 401 || reply.status == 403) {
    throw ConnectorError(
        ConnectorError::kAuth,
        detail + "; check the token and that it may use warehouse " + warehouse_id_, "auth_failed");
  }
  if (reply.status == 404 || code == "RESOURCE_DOES_NOT_EXIST") {
    throw ConnectorError(
        ConnectorError::kConnect,
        detail + "; check the workspace host and the warehouse id " + warehouse_id_,
        "database_missing");
  }
  if (reply.status >= 500 || reply.status == 429) {
    throw ConnectorError(ConnectorError::kConnect, detail + "; try again later",
                         "host_unreachable");
  }
  throw ConnectorError(ConnectorError::kQuery, detail, "query_failed");
}

void DatabricksConnector::cancel(const std::string& statement_id) {
  try {
    RestRequest request;
    request.method = "POST";
    request.path = "/api/2.0/sql/statements/" + url_encode(statement_id) + "/cancel";
    request.headers.emplace_back("Authorization",
                                 "Bearer " + bearer(Clock::now() + std::chrono::seconds(5)));
    ++requests_sent_;
    send_rest(api_, request, std::chrono::milliseconds(5000), ca_file_);
  } catch (const ConnectorError&) {
  }
}

void DatabricksConnector::run_statement(
    std::string_view sql, const std::vector<Param>& params,
    const std::function<void(std::vector<std::string>)>& columns,
    const std::function<bool(const std::vector<Value>&)>& row) {
  if (read_only_) {
    const std::string keyword = first_keyword(sql);
    if (keyword != "SELECT" && keyword != "WITH" && keyword != "SHOW" && keyword != "DESCRIBE") {
      throw ConnectorError(ConnectorError::kQuery,
                           "this Databricks connection is read-only: only SELECT, WITH, SHOW "
                           "and DESCRIBE statements are sent",
                           "read_only");
    }
  }
  const NativeStatement statement =
      rewrite_placeholders(sql, PlaceholderStyle::kNamedColon, params.size(), true);
  const StatementDeadline deadline(statement_timeout_ms_, "Databricks");
  const std::int64_t left_s = deadline.remaining().count() / 1000;
  // wait_timeout is 0 or 5..50 s: wait inline when the budget allows, else poll at once.
  const std::int64_t wait_s = left_s >= 5 ? std::min(left_s, kMaxWaitSeconds) : 0;

  nlohmann::json body = {{"warehouse_id", warehouse_id_},
                         {"statement", statement.sql},
                         {"wait_timeout", std::to_string(wait_s) + "s"},
                         {"on_wait_timeout", "CONTINUE"},
                         {"disposition", "INLINE"},
                         {"format", "JSON_ARRAY"}};
  if (!catalog_.empty()) body["catalog"] = catalog_;
  if (!schema_.empty()) body["schema"] = schema_;
  std::vector<bool> used(params.size(), false);
  {
    // Each $N became :pN; bind exactly the numbers the statement uses.
    const std::string& s = statement.sql;
    for (std::size_t at = s.find(":p"); at != std::string::npos; at = s.find(":p", at + 2)) {
      std::size_t end = at + 2;
      std::size_t number = 0;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
        number = number * 10 + static_cast<std::size_t>(s[end] - '0');
        ++end;
      }
      if (number >= 1 && number <= params.size()) used[number - 1] = true;
    }
  }
  nlohmann::json parameters = nlohmann::json::array();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!used[i]) continue;
    // Typed: under ANSI mode Databricks does not coerce a STRING compared with a number.
    nlohmann::json parameter = {{"name", "p" + std::to_string(i + 1)},
                                {"type", databricks_parameter_type(params[i])}};
    if (params[i].value) parameter["value"] = rest_parameter_value(params[i]);  // none: NULL
    parameters.push_back(std::move(parameter));
  }
  if (!parameters.empty()) body["parameters"] = std::move(parameters);

  RestRequest submit;
  submit.method = "POST";
  submit.path = "/api/2.0/sql/statements";
  submit.body = body.dump();
  RestReply reply = send(submit, deadline);
  if (reply.status < 200 || reply.status > 299) fail(reply);
  nlohmann::json answer = reply.json();
  const std::string statement_id =
      answer.is_object() ? answer.value("statement_id", std::string()) : std::string();
  if (statement_id.empty()) {
    throw ConnectorError(ConnectorError::kQuery, "Databricks did not answer with a statement id",
                         "query_failed");
  }

  auto state_of = [](const nlohmann::json& a) {
    return a.contains("status") && a["status"].is_object()
               ? a["status"].value("state", std::string())
               : std::string();
  };
  std::string state = state_of(answer);
  while (state == "PENDING" || state == "RUNNING") {
    if (deadline.passed()) {
      cancel(statement_id);
      throw deadline.timed_out("statement " + statement_id);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::min<std::int64_t>(kPollMs, deadline.remaining().count() + 1)));
    RestRequest poll;
    poll.path = "/api/2.0/sql/statements/" + url_encode(statement_id);
    reply = request_or_cancel([&] { return send(poll, deadline); }, [&] { cancel(statement_id); },
                              deadline, "statement " + statement_id);
    if (reply.status < 200 || reply.status > 299) fail(reply);
    answer = reply.json();
    if (!answer.is_object()) break;
    state = state_of(answer);
  }
  if (state != "SUCCEEDED") {
    std::string message;
    std::string code;
    if (answer.is_object() && answer.contains("status") && answer["status"].contains("error")) {
      const auto& error = answer["status"]["error"];
      message = error.value("message", std::string());
      code = error.value("error_code", std::string());
    }
    const std::string what = state.empty() ? "an unexpected answer" : state;
    throw ConnectorError(ConnectorError::kQuery,
                         "the Databricks statement ended " + what +
                             (code.empty() ? "" : " (" + code + ")") +
                             (message.empty() ? "" : ": " + bounded_message(message)),
                         "query_failed");
  }

  std::vector<std::string> types;
  std::vector<std::string> names;
  if (answer.contains("manifest") && answer["manifest"].contains("schema") &&
      answer["manifest"]["schema"].contains("columns")) {
    for (const auto& c : answer["manifest"]["schema"]["columns"]) {
      names.push_back(c.value("name", std::string()));
      types.push_back(c.value("type_name", std::string()));
    }
  }
  columns(names);
  nlohmann::json chunk = answer.contains("result") ? answer["result"] : nlohmann::json::object();
  std::vector<Value> values;
  while (true) {
    if (chunk.contains("data_array") && chunk["data_array"].is_array()) {
      for (const auto& r : chunk["data_array"]) {
        values.assign(types.size(), std::nullopt);
        for (std::size_t i = 0; i < types.size() && i < r.size(); ++i) {
          values[i] = databricks_cell_text(types[i], r[i]);
        }
        if (!row(values)) return;
      }
    }
    const std::string link = chunk.value("next_chunk_internal_link", std::string());
    if (link.empty()) return;
    if (!link.starts_with("/api/2.0/sql/statements/")) {
      throw ConnectorError(ConnectorError::kQuery,
                           "Databricks gave an unexpected result chunk link", "query_failed");
    }
    RestRequest next;
    next.path = link;
    reply = send(next, deadline);
    if (reply.status < 200 || reply.status > 299) fail(reply);
    chunk = reply.json();
    if (!chunk.is_object()) {
      throw ConnectorError(ConnectorError::kQuery,
                           "Databricks answered a result chunk with something that is not JSON",
                           "query_failed");
    }
  }
}

void DatabricksConnector::run(std::string_view sql, const std::vector<Param>& params,
                              const std::function<void(std::vector<std::string>)>& columns,
                              const std::function<bool(const std::vector<Value>&)>& row) {
  with_reply_shape_errors("Databricks", [&] { run_statement(sql, params, columns, row); });
}

}  // namespace godwit::validation
