// libpq behind the connector contract. Connection settings go through
// PQconnectdbParams' keyword arrays (nothing is pasted into a connection string), and
// the session's read-only mode and statement timeout through the startup "options" so
// they hold from the first statement.
#include "validation/connectors/postgres_connector.hpp"

#include <libpq-fe.h>

#include <array>
#include <cstring>
#include <set>

namespace godwit::validation {

namespace {

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

/// libpq reports connection failures as text only; these phrases are libpq's and the
/// server's (English, C locale) wording.
ConnectorError connect_error(const std::string& message) {
  if (contains(message, "password authentication failed") ||
      contains(message, "no password supplied") || contains(message, "authentication failed") ||
      (contains(message, "role \"") && contains(message, "does not exist"))) {
    return {ConnectorError::kAuth, "PostgreSQL rejected the user name or password: " + message,
            "auth_failed"};
  }
  if (contains(message, "database \"") && contains(message, "does not exist")) {
    return {ConnectorError::kConnect, "the database does not exist on the server: " + message,
            "database_missing"};
  }
  if (contains(message, "timeout expired")) {
    return {ConnectorError::kTimeout,
            "no answer from the server within connect_timeout: " + message, "timeout"};
  }
  if (contains(message, "Connection refused") || contains(message, "could not translate host") ||
      contains(message, "No route to host") || contains(message, "Network is unreachable") ||
      contains(message, "could not connect") || contains(message, "Name or service not known")) {
    return {ConnectorError::kConnect, "cannot reach the PostgreSQL server: " + message,
            "host_unreachable"};
  }
  return {ConnectorError::kConnect, "cannot connect to PostgreSQL: " + message};
}

/// A failed statement's error, classified by SQLSTATE.
ConnectorError query_error(const PGresult* result, PGconn* conn) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  std::string message = result != nullptr ? trimmed(PQresultErrorMessage(result)) : "";
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  if (sqlstate == "57014") {
    return {ConnectorError::kTimeout, "the statement was cancelled: " + message, "timeout"};
  }
  if (sqlstate == "25006") {
    return {ConnectorError::kQuery, "the session is read-only: " + message, "read_only"};
  }
  if (sqlstate.starts_with("28")) return {ConnectorError::kAuth, message, "auth_failed"};
  if (sqlstate.starts_with("08") || PQstatus(conn) != CONNECTION_OK) {
    return {ConnectorError::kConnect, "the connection failed: " + message, "host_unreachable"};
  }
  return {ConnectorError::kQuery, message, "query_failed"};
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void check_text(std::string_view text, const char* what) {
  if (text.find('\0') != std::string_view::npos) {
    throw ConnectorError(ConnectorError::kQuery,
                         std::string(what) +
                             " contains a NUL character, which PostgreSQL text "
                             "cannot hold",
                         "query_failed");
  }
}

/// The C strings of `params` for libpq (nullptr for NULL); they point into `params`.
std::vector<const char*> param_pointers(const std::vector<Param>& params) {
  std::vector<const char*> pointers;
  pointers.reserve(params.size());
  for (const Param& param : params) {
    const Value& value = param.value;
    if (value) check_text(*value, "a parameter");
    pointers.push_back(value ? value->c_str() : nullptr);
  }
  return pointers;
}

void read_row(const PGresult* result, int row, std::vector<Value>& out) {
  int columns = PQnfields(result);
  out.resize(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    Value& value = out[static_cast<std::size_t>(c)];
    if (PQgetisnull(result, row, c) != 0) {
      value.reset();
    } else if (value) {
      value->assign(PQgetvalue(result, row, c),
                    static_cast<std::size_t>(PQgetlength(result, row, c)));
    } else {
      value.emplace(PQgetvalue(result, row, c),
                    static_cast<std::size_t>(PQgetlength(result, row, c)));
    }
  }
}

const std::set<std::string, std::less<>> kPassedOptions = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "application_name", "target_session_attrs"};

}  // namespace

PostgresConnector::PostgresConnector(const ConnectionSpec& spec) {
  std::vector<std::pair<std::string, std::string>> settings;
  if (!spec.host.empty()) settings.emplace_back("host", spec.host);
  if (spec.port != 0) settings.emplace_back("port", std::to_string(spec.port));
  if (!spec.database.empty()) settings.emplace_back("dbname", spec.database);
  if (!spec.user.empty()) settings.emplace_back("user", spec.user);
  if (!spec.password.empty()) settings.emplace_back("password", spec.password);
  std::string connect_timeout = "10";
  bool application_name = false;
  for (const auto& [key, value] : spec.options) {
    if (key == "connect_timeout") {
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
          value.size() > 4) {
        throw ConnectorError(ConnectorError::kConnect,
                             "option connect_timeout must be a whole number of seconds",
                             "bad_option");
      }
      connect_timeout = value;
    } else if (kPassedOptions.contains(key)) {
      settings.emplace_back(key, value);
      application_name = application_name || key == "application_name";
    } else {
      throw ConnectorError(ConnectorError::kConnect,
                           "unknown PostgreSQL option '" + key +
                               "'; known: sslmode, sslrootcert, sslcert, sslkey, "
                               "connect_timeout, application_name, target_session_attrs",
                           "bad_option");
    }
  }
  settings.emplace_back("connect_timeout", connect_timeout);
  if (!application_name) settings.emplace_back("application_name", "godwit");
  settings.emplace_back("client_encoding", "UTF8");
  // Timestamps with time zone read in UTC, as the other connectors do, so values compare
  // across engines.
  std::string startup =
      "-c statement_timeout=" + std::to_string(spec.statement_timeout_ms) + " -c TimeZone=UTC";
  if (spec.read_only) startup += " -c default_transaction_read_only=on";
  settings.emplace_back("options", startup);

  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (const auto& [key, value] : settings) {
    check_text(value, ("connection setting " + key).c_str());
    keywords.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = PQconnectdbParams(keywords.data(), values.data(), 0);
  if (conn_ == nullptr) {
    throw ConnectorError(ConnectorError::kConnect, "libpq could not allocate a connection");
  }
  if (PQstatus(conn_) != CONNECTION_OK) {
    ConnectorError error = connect_error(trimmed(PQerrorMessage(conn_)));
    PQfinish(conn_);
    conn_ = nullptr;
    throw error;
  }
  if (spec.read_only) {
    // Also the session characteristic, so a transaction begun with plain BEGIN is read-only
    // even if the server ignores startup options (connection poolers do).
    ResultPtr result(PQexec(conn_, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      ConnectorError error = query_error(result.get(), conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw error;
    }
  }
}

PostgresConnector::~PostgresConnector() {
  if (conn_ != nullptr) PQfinish(conn_);
}

std::string PostgresConnector::server_version() {
  const char* version = PQparameterStatus(conn_, "server_version");
  return std::string("PostgreSQL ") + (version != nullptr ? version : "unknown");
}

ResultSet PostgresConnector::query(std::string_view sql, const std::vector<Param>& params) {
  check_text(sql, "the statement");
  std::string statement(sql);
  std::vector<const char*> pointers = param_pointers(params);
  ResultPtr result(PQexecParams(conn_, statement.c_str(), static_cast<int>(pointers.size()),
                                nullptr, pointers.data(), nullptr, nullptr, 0));
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw query_error(result.get(), conn_);
  }
  ResultSet out;
  int columns = PQnfields(result.get());
  out.columns.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result.get(), c));
  int rows = PQntuples(result.get());
  out.rows.resize(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) read_row(result.get(), r, out.rows[static_cast<std::size_t>(r)]);
  return out;
}

void PostgresConnector::query_each(std::string_view sql, const std::vector<Param>& params,
                                   const std::function<bool(const std::vector<Value>&)>& row) {
  check_text(sql, "the statement");
  std::string statement(sql);
  std::vector<const char*> pointers = param_pointers(params);
  if (PQsendQueryParams(conn_, statement.c_str(), static_cast<int>(pointers.size()), nullptr,
                        pointers.data(), nullptr, nullptr, 0) == 0) {
    throw query_error(nullptr, conn_);
  }
  PQsetSingleRowMode(conn_);
  // Every result must be consumed before the connection takes another statement, also
  // when the caller stops early or throws: cancel on the server, then drain.
  auto cancel_and_drain = [this] {
    if (PGcancel* cancel = PQgetCancel(conn_)) {
      std::array<char, 256> buffer{};
      PQcancel(cancel, buffer.data(), static_cast<int>(buffer.size()));
      PQfreeCancel(cancel);
    }
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
  };
  std::optional<ConnectorError> error;
  std::vector<Value> values;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr result(raw);
    ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_SINGLE_TUPLE) {
      read_row(raw, 0, values);
      bool more = false;
      try {
        more = row(values);
      } catch (...) {
        result.reset();
        cancel_and_drain();
        throw;
      }
      if (!more) {
        result.reset();
        cancel_and_drain();
        return;
      }
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !error) {
      error = query_error(raw, conn_);
    }
  }
  if (error) throw *error;
}

std::string PostgresConnector::quote_identifier(std::string_view name) const {
  check_text(name, "an identifier");
  return quote_doubling(name, '"');
}

}  // namespace godwit::validation
