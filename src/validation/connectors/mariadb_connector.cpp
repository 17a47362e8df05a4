// MariaDB Connector/C behind the connector contract. Statements are prepared on the
// server and their results fetched unbuffered, so a scan holds one row at a time; every
// column is bound as a string, which Connector/C fills with the value's text form.
#include "validation/connectors/mariadb_connector.hpp"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <mutex>

#include "validation/connectors/placeholders.hpp"

namespace godwit::validation {

namespace {

constexpr unsigned kStatementTimeoutMariaDb = 1969;  // ER_STATEMENT_TIMEOUT
constexpr unsigned kStatementTimeoutMySql = 3024;    // ER_QUERY_TIMEOUT (max_execution_time)
constexpr unsigned kReadOnlyTransaction = 1792;      // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION

ConnectorError classify(unsigned code, const std::string& message, bool connecting) {
  std::string text = message + " (MariaDB error " + std::to_string(code) + ")";
  switch (code) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
      return {ConnectorError::kAuth, "MariaDB rejected the user name or password: " + text,
              "auth_failed"};
    case ER_BAD_DB_ERROR:
      return {ConnectorError::kConnect, "the database does not exist on the server: " + text,
              "database_missing"};
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_UNKNOWN_HOST:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
      if (connecting && message.find("timeout") != std::string::npos) {
        return {ConnectorError::kTimeout, "no answer from the server in time: " + text, "timeout"};
      }
      return {ConnectorError::kConnect, "cannot reach the MariaDB server: " + text,
              "host_unreachable"};
    case ER_QUERY_INTERRUPTED:  // max_statement_time, as prepared statements report it
    case kStatementTimeoutMariaDb:
    case kStatementTimeoutMySql:
      return {ConnectorError::kTimeout, "the statement was cancelled: " + text, "timeout"};
    case kReadOnlyTransaction:
      return {ConnectorError::kQuery, "the session is read-only: " + text, "read_only"};
    default: break;
  }
  if (connecting) return {ConnectorError::kConnect, "cannot connect to MariaDB: " + text};
  return {ConnectorError::kQuery, text, "query_failed"};
}

ConnectorError connection_error(MYSQL* conn, bool connecting) {
  return classify(mysql_errno(conn), mysql_error(conn), connecting);
}

/// Errors met while fetching rows may be recorded on the connection, not the statement.
ConnectorError statement_error(MYSQL_STMT* stmt, MYSQL* conn) {
  if (mysql_stmt_errno(stmt) == 0 && mysql_errno(conn) != 0) return connection_error(conn, false);
  return classify(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), false);
}

unsigned parse_seconds(const std::string& value, const char* option) {
  if (value.empty() || value.size() > 4 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    throw ConnectorError(ConnectorError::kConnect,
                         std::string("option ") + option + " must be a whole number of seconds",
                         "bad_option");
  }
  return static_cast<unsigned>(std::stoul(value));
}

struct StatementCloser {
  void operator()(MYSQL_STMT* stmt) const { mysql_stmt_close(stmt); }
};

/// One result column bound as a growable string buffer.
struct ColumnBuffer {
  std::vector<char> data = std::vector<char>(64);
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool error = 0;
};

}  // namespace

MariaDbConnector::MariaDbConnector(const ConnectionSpec& spec) {
  static std::once_flag library_once;
  std::call_once(library_once, [] { mysql_library_init(0, nullptr, nullptr); });
  unsigned connect_timeout = 10;
  bool ssl = false;
  std::string ssl_ca;
  for (const auto& [key, value] : spec.options) {
    if (key == "connect_timeout") {
      connect_timeout = parse_seconds(value, "connect_timeout");
    } else if (key == "ssl") {
      if (value != "true" && value != "false") {
        throw ConnectorError(ConnectorError::kConnect, "option ssl must be true or false",
                             "bad_option");
      }
      ssl = value == "true";
    } else if (key == "ssl_ca") {
      ssl_ca = value;
    } else {
      throw ConnectorError(ConnectorError::kConnect,
                           "unknown MariaDB option '" + key +
                               "'; known: connect_timeout, ssl, "
                               "ssl_ca",
                           "bad_option");
    }
  }
  conn_ = mysql_init(nullptr);
  if (conn_ == nullptr) {
    throw ConnectorError(ConnectorError::kConnect, "MariaDB Connector/C could not allocate");
  }
  mysql_optionsv(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_optionsv(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my_bool no_local_infile = 0;
  mysql_optionsv(conn_, MYSQL_OPT_LOCAL_INFILE, &no_local_infile);
  if (ssl) {
    my_bool enforce = 1;
    mysql_optionsv(conn_, MYSQL_OPT_SSL_ENFORCE, &enforce);
  }
  if (!ssl_ca.empty()) mysql_optionsv(conn_, MYSQL_OPT_SSL_CA, ssl_ca.c_str());
  auto or_null = [](const std::string& text) { return text.empty() ? nullptr : text.c_str(); };
  if (mysql_real_connect(conn_, or_null(spec.host), or_null(spec.user), spec.password.c_str(),
                         or_null(spec.database), static_cast<unsigned>(spec.port), nullptr,
                         0) == nullptr) {
    ConnectorError error = connection_error(conn_, true);
    mysql_close(conn_);
    conn_ = nullptr;
    throw error;
  }
  // Settings we compose from numbers only; timestamps read in UTC so they compare across
  // engines.
  std::vector<std::string> setup = {"SET SESSION time_zone = '+00:00'"};
  bool mariadb =
      std::string_view(mysql_get_server_info(conn_)).find("MariaDB") != std::string_view::npos;
  if (spec.statement_timeout_ms > 0) {
    if (mariadb) {
      setup.push_back("SET SESSION max_statement_time = " +
                      std::to_string(spec.statement_timeout_ms / 1000.0));
    } else {
      setup.push_back("SET SESSION max_execution_time = " +
                      std::to_string(spec.statement_timeout_ms));
    }
  }
  if (spec.read_only) setup.push_back("SET SESSION TRANSACTION READ ONLY");
  for (const std::string& statement : setup) {
    if (mysql_real_query(conn_, statement.data(), statement.size()) != 0) {
      ConnectorError error = connection_error(conn_, false);
      mysql_close(conn_);
      conn_ = nullptr;
      throw error;
    }
  }
}

MariaDbConnector::~MariaDbConnector() {
  if (conn_ != nullptr) mysql_close(conn_);
}

std::string MariaDbConnector::server_version() {
  std::string info = mysql_get_server_info(conn_);
  return (info.find("MariaDB") != std::string::npos ? "MariaDB " : "MySQL ") + info;
}

void MariaDbConnector::run(std::string_view sql, const std::vector<Param>& params,
                           const std::function<void(std::vector<std::string>)>& columns,
                           const std::function<bool(const std::vector<Value>&)>& row) {
  NativeStatement native =
      rewrite_placeholders(sql, PlaceholderStyle::kQuestionMark, params.size(), true);
  std::unique_ptr<MYSQL_STMT, StatementCloser> stmt(mysql_stmt_init(conn_));
  if (!stmt) throw connection_error(conn_, false);
  if (mysql_stmt_prepare(stmt.get(), native.sql.data(), native.sql.size()) != 0) {
    throw statement_error(stmt.get(), conn_);
  }
  std::vector<MYSQL_BIND> param_binds(native.order.size());
  std::vector<unsigned long> param_lengths(native.order.size());
  for (std::size_t i = 0; i < native.order.size(); ++i) {
    MYSQL_BIND& bind = param_binds[i];
    const Value& value = params[native.order[i]].value;
    if (!value) {
      bind.buffer_type = MYSQL_TYPE_NULL;
      continue;
    }
    bind.buffer_type = MYSQL_TYPE_STRING;
    bind.buffer = const_cast<char*>(value->data());
    param_lengths[i] = value->size();
    bind.buffer_length = value->size();
    bind.length = &param_lengths[i];
  }
  if (!param_binds.empty() && mysql_stmt_bind_param(stmt.get(), param_binds.data()) != 0) {
    throw statement_error(stmt.get(), conn_);
  }
  if (mysql_stmt_execute(stmt.get()) != 0) throw statement_error(stmt.get(), conn_);
  MYSQL_RES* metadata = mysql_stmt_result_metadata(stmt.get());
  if (metadata == nullptr) {
    columns({});
    return;
  }
  unsigned count = mysql_num_fields(metadata);
  std::vector<std::string> names;
  names.reserve(count);
  for (unsigned c = 0; c < count; ++c)
    names.emplace_back(mysql_fetch_field_direct(metadata, c)->name);
  mysql_free_result(metadata);
  columns(std::move(names));

  std::vector<ColumnBuffer> buffers(count);
  std::vector<MYSQL_BIND> result_binds(count);
  auto bind_results = [&] {
    for (unsigned c = 0; c < count; ++c) {
      MYSQL_BIND& bind = result_binds[c];
      bind = MYSQL_BIND{};
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = buffers[c].data.data();
      bind.buffer_length = buffers[c].data.size();
      bind.length = &buffers[c].length;
      bind.is_null = &buffers[c].is_null;
      bind.error = &buffers[c].error;
    }
    if (mysql_stmt_bind_result(stmt.get(), result_binds.data()) != 0) {
      throw statement_error(stmt.get(), conn_);
    }
  };
  bind_results();
  std::vector<Value> values(count);
  while (true) {
    int status = mysql_stmt_fetch(stmt.get());
    if (status == MYSQL_NO_DATA) break;
    if (status == 1) throw statement_error(stmt.get(), conn_);
    bool grown = false;
    for (unsigned c = 0; c < count; ++c) {
      ColumnBuffer& buffer = buffers[c];
      if (buffer.is_null != 0) {
        values[c].reset();
        continue;
      }
      if (buffer.length > buffer.data.size()) {
        // Truncated: fetch the whole value, and keep the larger buffer for later rows.
        buffer.data.resize(buffer.length);
        MYSQL_BIND whole = result_binds[c];
        whole.buffer = buffer.data.data();
        whole.buffer_length = buffer.data.size();
        if (mysql_stmt_fetch_column(stmt.get(), &whole, c, 0) != 0) {
          throw statement_error(stmt.get(), conn_);
        }
        grown = true;
      }
      if (values[c]) {
        values[c]->assign(buffer.data.data(), buffer.length);
      } else {
        values[c].emplace(buffer.data.data(), buffer.length);
      }
    }
    if (grown) bind_results();
    if (!row(values)) break;
  }
}

std::string MariaDbConnector::quote_identifier(std::string_view name) const {
  return quote_doubling(name, '`');
}

}  // namespace godwit::validation
