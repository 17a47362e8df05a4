// The Databricks Statement Execution API fake (see fake_databricks.hpp).
#include "fake_databricks.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace godwit::validation::testing {

namespace {

void error_reply(httplib::Response& res, int status, const std::string& code,
                 const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error_code", code}, {"message", message}}.dump(),
                  "application/json");
}

std::string type_name(const FakeResult& result, std::size_t column) {
  const std::string& declared = result.declared_types[column];
  if (!declared.empty()) return declared;
  for (const auto& storage : result.storage) {
    switch (storage[column]) {
      case SQLITE_INTEGER: return "LONG";
      case SQLITE_FLOAT: return "DOUBLE";
      case SQLITE_BLOB: return "BINARY";
      case SQLITE_TEXT: return "STRING";
      default: break;
    }
  }
  return "STRING";
}

bool is_integer_type(const std::string& type) {
  return type == "BIGINT" || type == "INT" || type == "SMALLINT" || type == "TINYINT";
}

/// Why `text` cannot be a value of the Databricks SQL `type`; empty when it can.
std::string typed_value_error(const std::string& text, const std::string& type) {
  const std::string cast_error = "[CAST_INVALID_INPUT] The value '" + text +
                                 "' of the type \"STRING\" cannot be cast to \"" + type +
                                 "\" because it is malformed.";
  const char* end = text.data() + text.size();
  if (is_integer_type(type)) {
    std::int64_t value = 0;
    auto [stop, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && stop == end ? "" : cast_error;
  }
  if (type == "DOUBLE" || type == "FLOAT") {
    char* stop = nullptr;
    std::strtod(text.c_str(), &stop);
    return !text.empty() && stop == end ? "" : cast_error;
  }
  if (type == "BOOLEAN") return text == "true" || text == "false" ? "" : cast_error;
  if (type.starts_with("DECIMAL(")) {
    int precision = 0;
    int scale = 0;
    if (std::sscanf(type.c_str(), "DECIMAL(%d,%d)", &precision, &scale) != 2) {
      return "[UNSUPPORTED_DATATYPE] Unsupported data type \"" + type + "\"";
    }
    const auto dot = text.find('.');
    std::size_t integer_digits = 0;
    for (std::size_t i = 0; i < std::min(dot, text.size()); ++i) {
      if (std::isdigit(static_cast<unsigned char>(text[i]))) ++integer_digits;
    }
    const std::size_t fraction = dot == std::string::npos ? 0 : text.size() - dot - 1;
    if (integer_digits > static_cast<std::size_t>(precision - scale) ||
        fraction > static_cast<std::size_t>(scale)) {
      return "[NUMERIC_VALUE_OUT_OF_RANGE] " + text + " cannot be represented as " + type;
    }
    return "";
  }
  if (type == "STRING" || type == "DATE" || type == "TIMESTAMP" || type == "TIMESTAMP_NTZ") {
    return "";
  }
  return "[UNSUPPORTED_DATATYPE] Unsupported data type \"" + type + "\"";
}

nlohmann::json state(const std::string& name) {
  return {{"state", name}};
}

}  // namespace

FakeDatabricks::FakeDatabricks(bool tls)
    : tls_(tls ? std::make_unique<TlsIdentity>() : nullptr), server_(tls_.get()) {
  auto& http = server_.http();
  http.Post("/oidc/v1/token", [this](const httplib::Request& req, httplib::Response& res) {
    ++oauth_requests;
    const std::string expected =
        "Basic " + base64_encode(std::string(kClientId) + ":" + kClientSecret);
    auto form = parse_form(req.body);
    if (req.get_header_value("Authorization") != expected) {
      res.status = 401;
      return res.set_content(
          R"({"error":"invalid_client","error_description":"Client authentication failed"})",
          "application/json");
    }
    if (form["grant_type"] != "client_credentials" || form["scope"] != "all-apis") {
      res.status = 400;
      return res.set_content(R"({"error":"invalid_request"})", "application/json");
    }
    std::string token;
    {
      std::lock_guard lock(mutex_);
      token = "oauth-" + std::to_string(++next_id_);
      oauth_tokens_.insert(token);
    }
    res.set_content(nlohmann::json{{"access_token", token},
                                   {"token_type", "Bearer"},
                                   {"expires_in", 3600},
                                   {"scope", "all-apis"}}
                        .dump(),
                    "application/json");
  });

  http.Post("/api/2.0/sql/statements", [this](const httplib::Request& req, httplib::Response& res) {
    ++submits;
    if (!authorized(req, res)) return;
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    {
      std::lock_guard lock(seen_mutex);
      last_submit = body;
    }
    if (!body.is_object() || !body.contains("statement") || !body.contains("warehouse_id")) {
      return error_reply(res, 400, "INVALID_PARAMETER_VALUE",
                         "statement and warehouse_id are required");
    }
    if (body["warehouse_id"] != kWarehouse) {
      return error_reply(
          res, 404, "RESOURCE_DOES_NOT_EXIST",
          "Warehouse " + body["warehouse_id"].get<std::string>() + " does not exist.");
    }
    const std::string wait = body.value("wait_timeout", "10s");
    const int wait_s = std::stoi(wait.substr(0, wait.size() - 1));
    if (wait.back() != 's' || (wait_s != 0 && (wait_s < 5 || wait_s > 50))) {
      return error_reply(res, 400, "INVALID_PARAMETER_VALUE",
                         "wait_timeout must be 0s or between 5s and 50s");
    }
    if (body.value("disposition", "INLINE") != "INLINE" ||
        body.value("format", "JSON_ARRAY") != "JSON_ARRAY") {
      return error_reply(res, 400, "INVALID_PARAMETER_VALUE", "the fake serves INLINE JSON_ARRAY");
    }
    const nlohmann::json parameters = body.value("parameters", nlohmann::json::array());
    std::vector<std::string> types;
    for (const auto& p : parameters) types.push_back(p.value("type", "STRING"));
    {
      std::lock_guard lock(seen_mutex);
      parameter_types.push_back(types);
    }
    // Each value is cast to its type as Databricks does (a value that does not parse
    // fails the statement), and bound as that type.
    std::string type_error;
    for (std::size_t i = 0; i < parameters.size() && type_error.empty(); ++i) {
      if (!parameters[i].contains("value")) continue;
      type_error = typed_value_error(parameters[i]["value"].get<std::string>(), types[i]);
    }
    std::string unbound;
    FakeResult result;
    if (type_error.empty()) {
      result = database_.run(body["statement"].get<std::string>(), [&](sqlite3_stmt* s) {
        for (std::size_t i = 0; i < parameters.size(); ++i) {
          const auto& p = parameters[i];
          const std::string name = ":" + p["name"].get<std::string>();
          const int index = sqlite3_bind_parameter_index(s, name.c_str());
          if (index == 0) {
            unbound = p["name"];
            continue;
          }
          if (!p.contains("value")) {
            sqlite3_bind_null(s, index);
            continue;
          }
          const std::string text = p["value"].get<std::string>();
          if (is_integer_type(types[i])) {
            sqlite3_bind_int64(s, index, std::stoll(text));
          } else if (types[i] == "DOUBLE" || types[i] == "FLOAT") {
            sqlite3_bind_double(s, index, std::stod(text));
          } else if (types[i] == "BOOLEAN") {
            sqlite3_bind_int(s, index, text == "true" ? 1 : 0);
          } else {
            sqlite3_bind_text(s, index, text.c_str(), static_cast<int>(text.size()),
                              SQLITE_TRANSIENT);
          }
        }
      });
    }
    std::string id;
    Statement statement;
    statement.result = std::move(result);
    statement.pending = running_polls;
    {
      std::lock_guard lock(mutex_);
      id = "01ef-" + std::to_string(++next_id_);
      statements_[id] = statement;
    }
    nlohmann::json out = {{"statement_id", id}};
    if (!type_error.empty()) {
      out["status"] = {{"state", "FAILED"},
                       {"error", {{"error_code", "BAD_REQUEST"}, {"message", type_error}}}};
    } else if (!unbound.empty()) {
      out["status"] = {
          {"state", "FAILED"},
          {"error",
           {{"error_code", "BAD_REQUEST"},
            {"message", "[UNBOUND_SQL_PARAMETER] parameter " + unbound + " is not used"}}}};
    } else if (!statement.result.error.empty()) {
      out["status"] = {{"state", "FAILED"},
                       {"error",
                        {{"error_code", "BAD_REQUEST"},
                         {"message", "[PARSE_SYNTAX_ERROR] " + statement.result.error}}}};
    } else if (statement.pending != 0) {
      out["status"] = state("PENDING");
    } else {
      out["status"] = state("SUCCEEDED");
      out["manifest"] = manifest(statement.result);
      out["result"] = chunk(id, statement.result, 0);
    }
    res.set_content(out.dump(), "application/json");
  });

  http.Get(R"(/api/2.0/sql/statements/([^/]+))", [this](const httplib::Request& req,
                                                        httplib::Response& res) {
    ++polls;
    if (!authorized(req, res)) return;
    const std::string id = req.matches[1];
    Statement statement;
    {
      std::lock_guard lock(mutex_);
      auto found = statements_.find(id);
      if (found == statements_.end()) {
        return error_reply(res, 404, "RESOURCE_DOES_NOT_EXIST", "statement " + id + " not found");
      }
      if (found->second.pending > 0) --found->second.pending;
      statement = found->second;
    }
    nlohmann::json out = {{"statement_id", id}};
    if (statement.cancelled) {
      out["status"] = state("CANCELED");
    } else if (statement.pending != 0) {
      out["status"] = state("RUNNING");
    } else {
      out["status"] = state("SUCCEEDED");
      out["manifest"] = manifest(statement.result);
      out["result"] = chunk(id, statement.result, 0);
    }
    res.set_content(out.dump(), "application/json");
  });

  http.Get(R"(/api/2.0/sql/statements/([^/]+)/result/chunks/(\d+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             ++chunk_requests;
             if (!authorized(req, res)) return;
             Statement statement;
             {
               std::lock_guard lock(mutex_);
               auto found = statements_.find(req.matches[1]);
               if (found == statements_.end()) {
                 return error_reply(res, 404, "RESOURCE_DOES_NOT_EXIST", "no such statement");
               }
               statement = found->second;
             }
             res.set_content(
                 chunk(req.matches[1], statement.result, std::stoul(req.matches[2])).dump(),
                 "application/json");
           });

  http.Post(R"(/api/2.0/sql/statements/([^/]+)/cancel)",
            [this](const httplib::Request& req, httplib::Response& res) {
              if (!authorized(req, res)) return;
              {
                std::lock_guard lock(mutex_);
                auto found = statements_.find(req.matches[1]);
                if (found != statements_.end()) found->second.cancelled = true;
              }
              {
                std::lock_guard lock(seen_mutex);
                cancelled.insert(req.matches[1]);
              }
              res.set_content("{}", "application/json");
            });
  server_.start();
}

bool FakeDatabricks::authorized(const httplib::Request& req, httplib::Response& res) {
  const std::string header = req.get_header_value("Authorization");
  std::lock_guard lock(mutex_);
  if (header == std::string("Bearer ") + kToken) return true;
  if (header.starts_with("Bearer ") && oauth_tokens_.contains(header.substr(7))) return true;
  error_reply(res, 401, "UNAUTHENTICATED", "Invalid access token.");
  return false;
}

nlohmann::json FakeDatabricks::manifest(const FakeResult& r) const {
  nlohmann::json columns = nlohmann::json::array();
  for (std::size_t i = 0; i < r.names.size(); ++i) {
    const std::string type = type_name(r, i);
    columns.push_back(
        {{"name", r.names[i]}, {"type_text", type}, {"type_name", type}, {"position", i}});
  }
  const std::size_t per_chunk = static_cast<std::size_t>(std::max(1, chunk_rows.load()));
  const std::size_t chunks = std::max<std::size_t>(1, (r.rows.size() + per_chunk - 1) / per_chunk);
  return {{"format", "JSON_ARRAY"},
          {"schema", {{"column_count", r.names.size()}, {"columns", columns}}},
          {"total_chunk_count", chunks},
          {"total_row_count", r.rows.size()},
          {"truncated", false}};
}

nlohmann::json FakeDatabricks::chunk(const std::string& id, const FakeResult& r,
                                     std::size_t index) const {
  const std::size_t per_chunk = static_cast<std::size_t>(std::max(1, chunk_rows.load()));
  const std::size_t begin = std::min(r.rows.size(), index * per_chunk);
  const std::size_t end = std::min(r.rows.size(), begin + per_chunk);
  nlohmann::json data = nlohmann::json::array();
  for (std::size_t row = begin; row < end; ++row) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < r.names.size(); ++i) {
      const auto& value = r.rows[row][i];
      if (!value) {
        cells.push_back(nullptr);
      } else if (r.storage[row][i] == SQLITE_BLOB) {
        cells.push_back(base64_encode(*value));
      } else if (type_name(r, i) == "BOOLEAN") {
        cells.push_back(*value == "0" ? "false" : "true");
      } else {
        cells.push_back(*value);
      }
    }
    data.push_back(cells);
  }
  nlohmann::json out = {{"chunk_index", index},
                        {"row_offset", begin},
                        {"row_count", end - begin},
                        {"data_array", data}};
  if (end < r.rows.size()) {
    out["next_chunk_index"] = index + 1;
    out["next_chunk_internal_link"] =
        "/api/2.0/sql/statements/" + id + "/result/chunks/" + std::to_string(index + 1);
  }
  return out;
}

const std::string& FakeDatabricks::ca_file() const {
  static const std::string none;
  return tls_ ? tls_->ca_file() : none;
}

}  // namespace godwit::validation::testing
