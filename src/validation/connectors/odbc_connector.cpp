// unixODBC behind the connector contract. Every value is fetched as text (SQL_C_CHAR, in
// chunks, so a long value is never truncated), binary columns as \x and lowercase hex
// like the other connectors. Handles are freed in reverse order of allocation.
#include "validation/connectors/odbc_connector.hpp"

#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "validation/connectors/placeholders.hpp"

namespace godwit::validation {

struct OdbcConnector::Handles {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  bool connected = false;

  ~Handles() {
    if (dbc != SQL_NULL_HDBC) {
      if (connected) SQLDisconnect(dbc);
      SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    }
    if (env != SQL_NULL_HENV) SQLFreeHandle(SQL_HANDLE_ENV, env);
  }
};

namespace {

bool succeeded(SQLRETURN rc) {
  return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  return upper(text).find(upper(needle)) != std::string::npos;
}

/// The SQLSTATE of `handle`'s first error record, and all its messages joined.
std::pair<std::string, std::string> diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  std::string first_state;
  std::string messages;
  for (SQLSMALLINT i = 1; i <= 5; ++i) {
    std::array<SQLCHAR, 6> state{};
    std::array<SQLCHAR, 1024> text{};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagRec(type, handle, i, state.data(), &native, text.data(),
                                 static_cast<SQLSMALLINT>(text.size()), &length);
    if (!succeeded(rc)) break;
    // 01xxx records are warnings (unixODBC puts "01000 Can't open lib" before IM003);
    // the first error state says what failed.
    std::string this_state = reinterpret_cast<const char*>(state.data());
    if (first_state.empty() || (first_state.starts_with("01") && !this_state.starts_with("01"))) {
      first_state = this_state;
    }
    std::string message(reinterpret_cast<const char*>(text.data()));
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    if (!messages.empty()) messages += "; ";
    messages += message;
  }
  if (messages.empty()) messages = "the ODBC driver reported an error without a message";
  return {first_state, messages};
}

[[noreturn]] void fail(SQLSMALLINT type, SQLHANDLE handle, bool connecting) {
  auto [state, message] = diagnostics(type, handle);
  throw classify_odbc_error(state, message, connecting);
}

std::string get_info_text(SQLHDBC dbc, SQLUSMALLINT what) {
  std::array<SQLCHAR, 512> buffer{};
  SQLSMALLINT length = 0;
  if (!succeeded(
          SQLGetInfo(dbc, what, buffer.data(), static_cast<SQLSMALLINT>(buffer.size()), &length))) {
    return "";
  }
  return reinterpret_cast<const char*>(buffer.data());
}

/// An ODBC connection-string value, braced when it holds a character the syntax uses.
std::string attribute_value(std::string_view value) {
  if (value.find_first_of(";{}=") == std::string_view::npos && !value.starts_with(' ') &&
      !value.ends_with(' ')) {
    return std::string(value);
  }
  std::string out = "{";
  for (char c : value) {
    out += c;
    if (c == '}') out += '}';
  }
  out += '}';
  return out;
}

/// Whether the connection string sets `key` (case-insensitive, outside braces).
bool has_attribute(std::string_view connection, std::string_view key) {
  std::size_t start = 0;
  while (start < connection.size()) {
    std::size_t eq = connection.find('=', start);
    if (eq == std::string_view::npos) return false;
    std::string_view name = connection.substr(start, eq - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (upper(name) == upper(key)) return true;
    std::size_t i = eq + 1;
    if (i < connection.size() && connection[i] == '{') {
      for (++i; i < connection.size(); ++i) {
        if (connection[i] == '}') {
          if (i + 1 < connection.size() && connection[i + 1] == '}') {
            ++i;
            continue;
          }
          break;
        }
      }
    }
    std::size_t semi = connection.find(';', i);
    if (semi == std::string_view::npos) return false;
    start = semi + 1;
  }
  return false;
}

Engine engine_of_dbms(std::string_view dbms) {
  if (contains_ci(dbms, "postgres")) return Engine::kPostgres;
  if (contains_ci(dbms, "mysql") || contains_ci(dbms, "mariadb")) return Engine::kMariaDb;
  if (contains_ci(dbms, "sqlite")) return Engine::kSqlite;
  return Engine::kOdbc;
}

struct StatementDeleter {
  void operator()(void* stmt) const {
    SQLFreeStmt(static_cast<SQLHSTMT>(stmt), SQL_CLOSE);
    SQLFreeHandle(SQL_HANDLE_STMT, static_cast<SQLHSTMT>(stmt));
  }
};
using Statement = std::unique_ptr<void, StatementDeleter>;

Statement new_statement(SQLHDBC dbc) {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) fail(SQL_HANDLE_DBC, dbc, false);
  return Statement(stmt);
}

/// Calls SQLCancel on the statement when the deadline passes before disarm().
class Watchdog {
 public:
  Watchdog(SQLHSTMT stmt, int timeout_ms) {
    if (timeout_ms <= 0) return;
    thread_ = std::thread([this, stmt, timeout_ms] {
      std::unique_lock lock(mutex_);
      if (!done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return done_; })) {
        fired_ = true;
        SQLCancel(stmt);
      }
    });
  }
  ~Watchdog() { disarm(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void disarm() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    thread_.join();
  }
  bool fired() const { return fired_; }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::atomic<bool> fired_ = false;
  std::thread thread_;
};

bool is_binary(SQLSMALLINT type) {
  return type == SQL_BINARY || type == SQL_VARBINARY || type == SQL_LONGVARBINARY;
}

void append_hex(const unsigned char* bytes, std::size_t size, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
}

/// Reads column `c` of the current row into `value`, chunk by chunk.
void read_value(SQLHSTMT stmt, SQLUSMALLINT c, bool binary, Value& value,
                std::array<char, 8192>& buffer) {
  const SQLSMALLINT target = binary ? SQL_C_BINARY : SQL_C_CHAR;
  // SQL_C_CHAR chunks end with a NUL the driver adds; binary chunks use the whole buffer.
  const std::size_t chunk = binary ? buffer.size() : buffer.size() - 1;
  bool first = true;
  for (;;) {
    SQLLEN indicator = 0;
    SQLRETURN rc =
        SQLGetData(stmt, c, target, buffer.data(), static_cast<SQLLEN>(buffer.size()), &indicator);
    if (rc == SQL_NO_DATA) {
      if (first) value.emplace();
      return;
    }
    if (!succeeded(rc)) fail(SQL_HANDLE_STMT, stmt, false);
    if (indicator == SQL_NULL_DATA) {
      value.reset();
      return;
    }
    if (first) {
      if (!value) value.emplace();
      value->assign(binary ? "\\x" : "");
      first = false;
    }
    std::size_t got = indicator == SQL_NO_TOTAL || static_cast<std::size_t>(indicator) > chunk
                          ? chunk
                          : static_cast<std::size_t>(indicator);
    if (binary) {
      append_hex(reinterpret_cast<const unsigned char*>(buffer.data()), got, *value);
    } else {
      value->append(buffer.data(), got);
    }
    // Truncated (01004): more of the value follows in the next call.
    bool more = rc == SQL_SUCCESS_WITH_INFO &&
                (indicator == SQL_NO_TOTAL || static_cast<std::size_t>(indicator) > chunk);
    if (!more) return;
  }
}

SQLCHAR* text_arg(const std::string& text) {
  return text.empty() ? nullptr
                      : reinterpret_cast<SQLCHAR*>(const_cast<char*>(text.c_str()));  // NOLINT
}
SQLSMALLINT text_len(const std::string& text) {
  return text.empty() ? 0 : static_cast<SQLSMALLINT>(text.size());
}

}  // namespace

ConnectorError classify_odbc_error(std::string_view sqlstate, std::string_view message,
                                   bool connecting) {
  std::string text(message);
  if (!sqlstate.empty()) text += " (SQLSTATE " + std::string(sqlstate) + ")";
  if (sqlstate == "HYT00" || sqlstate == "HYT01" || sqlstate == "57014") {
    return {ConnectorError::kTimeout, "the statement was cancelled: " + text, "timeout"};
  }
  if (sqlstate.starts_with("28")) {
    return {ConnectorError::kAuth, "the database rejected the user name or password: " + text,
            "auth_failed"};
  }
  // unixODBC reports a driver file it cannot load as 01000 "Can't open lib".
  if (sqlstate == "IM002" || sqlstate == "IM003" || sqlstate == "IM004" ||
      (connecting && (contains_ci(message, "can't open lib") ||
                      contains_ci(message, "data source name not found")))) {
    return {ConnectorError::kConnect,
            "the ODBC data source or its driver cannot be found or loaded (check the DSN "
            "name, odbc.ini and odbcinst.ini): " +
                text,
            "driver_missing"};
  }
  if (sqlstate == "25006" || contains_ci(message, "read-only") ||
      contains_ci(message, "readonly")) {
    return {ConnectorError::kQuery, "the connection is read-only: " + text, "read_only"};
  }
  if (connecting && contains_ci(message, "password authentication failed")) {
    return {ConnectorError::kAuth, "the database rejected the user name or password: " + text,
            "auth_failed"};
  }
  if (connecting && contains_ci(message, "database") && contains_ci(message, "does not exist")) {
    return {ConnectorError::kConnect, "the database does not exist on the server: " + text,
            "database_missing"};
  }
  if (sqlstate.starts_with("08") || (connecting && sqlstate.starts_with("IM"))) {
    return {ConnectorError::kConnect, "cannot connect through ODBC: " + text, "host_unreachable"};
  }
  if (connecting) return {ConnectorError::kConnect, "cannot connect through ODBC: " + text};
  return {ConnectorError::kQuery, text, "query_failed"};
}

std::string odbc_connection_string(const ConnectionSpec& spec) {
  std::string out =
      spec.dsn.find('=') != std::string::npos ? spec.dsn : "DSN=" + attribute_value(spec.dsn);
  auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty() || has_attribute(out, key)) return;
    if (!out.empty() && out.back() != ';') out += ';';
    out += std::string(key) + "=" + attribute_value(value);
  };
  add("UID", spec.user);
  add("PWD", spec.password);
  return out;
}

OdbcConnector::OdbcConnector(const ConnectionSpec& spec)
    : handles_(std::make_unique<Handles>()), statement_timeout_ms_(spec.statement_timeout_ms) {
  int login_timeout = 15;
  for (const auto& [key, value] : spec.options) {
    if (key == "login_timeout" && !value.empty() && value.size() < 5 &&
        value.find_first_not_of("0123456789") == std::string::npos) {
      login_timeout = std::stoi(value);
    } else {
      throw ConnectorError(ConnectorError::kConnect,
                           "unknown or bad ODBC option '" + key +
                               "'; known: login_timeout (seconds). Driver settings go into "
                               "the connection string",
                           "bad_option");
    }
  }
  if (spec.dsn.empty()) {
    throw ConnectorError(ConnectorError::kConnect,
                         "an ODBC connection needs a DSN name or a connection string",
                         "bad_option");
  }
  if (spec.dsn.find('\0') != std::string::npos) {
    throw ConnectorError(ConnectorError::kConnect,
                         "the ODBC connection string must not contain NUL characters",
                         "bad_option");
  }
  Handles& h = *handles_;
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h.env))) {
    throw ConnectorError(ConnectorError::kConnect, "cannot start the ODBC driver manager",
                         "driver_missing");
  }
  SQLSetEnvAttr(h.env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  if (!succeeded(SQLAllocHandle(SQL_HANDLE_DBC, h.env, &h.dbc))) fail(SQL_HANDLE_ENV, h.env, true);
  SQLSetConnectAttr(h.dbc, SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(login_timeout)), 0);
  if (spec.read_only) {
    SQLSetConnectAttr(h.dbc, SQL_ATTR_ACCESS_MODE,
                      reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(SQL_MODE_READ_ONLY)), 0);
  }
  std::string connection = odbc_connection_string(spec);
  std::array<SQLCHAR, 1024> completed{};
  SQLSMALLINT completed_length = 0;
  SQLRETURN rc = SQLDriverConnect(h.dbc, nullptr, reinterpret_cast<SQLCHAR*>(connection.data()),
                                  static_cast<SQLSMALLINT>(connection.size()), completed.data(),
                                  static_cast<SQLSMALLINT>(completed.size()), &completed_length,
                                  SQL_DRIVER_NOPROMPT);
  std::fill(connection.begin(), connection.end(), '\0');  // holds the password
  std::fill(completed.begin(), completed.end(), SQLCHAR{0});
  if (!succeeded(rc)) fail(SQL_HANDLE_DBC, h.dbc, true);
  h.connected = true;
  dbms_name_ = get_info_text(h.dbc, SQL_DBMS_NAME);
  dbms_version_ = get_info_text(h.dbc, SQL_DBMS_VER);
  driver_name_ = get_info_text(h.dbc, SQL_DRIVER_NAME);
  sql_engine_ = engine_of_dbms(dbms_name_);
  backslash_escapes_ = sql_engine_ == Engine::kMariaDb;
  std::string quote = get_info_text(h.dbc, SQL_IDENTIFIER_QUOTE_CHAR);
  if (!quote.empty() && quote != " ") quote_ = quote;
  if (spec.read_only) {
    // Many drivers accept SQL_ATTR_ACCESS_MODE as a hint only; where Godwit knows the
    // DBMS it also makes the session read-only itself.
    if (sql_engine_ == Engine::kPostgres) {
      query("set session characteristics as transaction read only");
    } else if (sql_engine_ == Engine::kSqlite) {
      query("pragma query_only = 1");
    } else if (sql_engine_ == Engine::kMariaDb) {
      query("set session transaction read only");
    }
  }
}

OdbcConnector::~OdbcConnector() = default;

std::string OdbcConnector::server_version() {
  std::string version = dbms_name_;
  if (!dbms_version_.empty()) version += " " + dbms_version_;
  return version;
}

void OdbcConnector::query_each(std::string_view sql, const std::vector<Param>& params,
                               const std::function<bool(const std::vector<Value>&)>& row) {
  NativeStatement native =
      rewrite_placeholders(sql, PlaceholderStyle::kQuestionMark, params.size(), backslash_escapes_);
  if (native.sql.find_first_not_of(" \t\r\n;") == std::string::npos) {
    throw ConnectorError(ConnectorError::kQuery, "the statement is empty", "query_failed");
  }
  Statement owned = new_statement(handles_->dbc);
  SQLHSTMT stmt = owned.get();
  if (statement_timeout_ms_ > 0) {
    SQLULEN seconds = static_cast<SQLULEN>((statement_timeout_ms_ + 999) / 1000);
    SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(seconds), 0);
  }
  if (!succeeded(SQLPrepare(stmt, reinterpret_cast<SQLCHAR*>(native.sql.data()),
                            static_cast<SQLINTEGER>(native.sql.size())))) {
    fail(SQL_HANDLE_STMT, stmt, false);
  }
  // The bound buffers must outlive SQLExecute: the indicators live here, the values in
  // `params`.
  std::vector<SQLLEN> indicators(native.order.size());
  for (std::size_t i = 0; i < native.order.size(); ++i) {
    const Value& value = params[native.order[i]].value;
    indicators[i] = value ? static_cast<SQLLEN>(value->size()) : SQL_NULL_DATA;
    SQLULEN size = value ? std::max<SQLULEN>(1, value->size()) : 1;
    SQLRETURN rc = SQLBindParameter(
        stmt, static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, size, 0,
        value ? const_cast<char*>(value->data()) : nullptr,  // NOLINT: input only
        value ? static_cast<SQLLEN>(value->size()) : 0, &indicators[i]);
    if (!succeeded(rc)) fail(SQL_HANDLE_STMT, stmt, false);
  }
  Watchdog watchdog(stmt, statement_timeout_ms_);
  auto failed = [&]() {
    auto [state, message] = diagnostics(SQL_HANDLE_STMT, stmt);
    if (watchdog.fired()) {
      throw ConnectorError(ConnectorError::kTimeout,
                           "the statement was cancelled after statement_timeout_ms (" +
                               std::to_string(statement_timeout_ms_) + " ms): " + message,
                           "timeout");
    }
    throw classify_odbc_error(state, message, false);
  };
  SQLRETURN rc = SQLExecute(stmt);
  if (!succeeded(rc) && rc != SQL_NO_DATA) failed();
  SQLSMALLINT count = 0;
  if (!succeeded(SQLNumResultCols(stmt, &count))) failed();
  std::vector<bool> binary(static_cast<std::size_t>(count));
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(count));
  for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(count); ++c) {
    std::array<SQLCHAR, 512> name{};
    SQLSMALLINT name_length = 0;
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQLSMALLINT digits = 0;
    SQLSMALLINT nullable = 0;
    if (!succeeded(SQLDescribeCol(stmt, c, name.data(), static_cast<SQLSMALLINT>(name.size()),
                                  &name_length, &type, &size, &digits, &nullable))) {
      failed();
    }
    names.emplace_back(reinterpret_cast<const char*>(name.data()));
    binary[c - 1u] = is_binary(type);
  }
  if (on_columns_) on_columns_(std::move(names));
  if (count == 0) return;
  std::vector<Value> values(static_cast<std::size_t>(count));
  auto buffer = std::make_unique<std::array<char, 8192>>();
  for (;;) {
    rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) failed();
    try {
      for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(count); ++c) {
        read_value(stmt, c, binary[c - 1u], values[c - 1u], *buffer);
      }
    } catch (const ConnectorError&) {
      failed();
    }
    if (!row(values)) break;
  }
}

ResultSet OdbcConnector::query(std::string_view sql, const std::vector<Param>& params) {
  ResultSet out;
  on_columns_ = [&](std::vector<std::string> names) { out.columns = std::move(names); };
  try {
    query_each(sql, params, [&](const std::vector<Value>& values) {
      out.rows.push_back(values);
      return true;
    });
  } catch (...) {
    on_columns_ = nullptr;
    throw;
  }
  on_columns_ = nullptr;
  return out;
}

std::string OdbcConnector::quote_identifier(std::string_view name) const {
  std::string out = quote_;
  for (char c : name) {
    if (quote_.size() == 1 && c == quote_[0]) out += c;
    out += c;
  }
  out += quote_;
  return out;
}

ResultSet OdbcConnector::catalog_call(const std::function<SQLRETURN(void*)>& call) {
  Statement owned = new_statement(handles_->dbc);
  SQLHSTMT stmt = owned.get();
  if (!succeeded(call(stmt))) fail(SQL_HANDLE_STMT, stmt, false);
  ResultSet out;
  SQLSMALLINT count = 0;
  if (!succeeded(SQLNumResultCols(stmt, &count))) fail(SQL_HANDLE_STMT, stmt, false);
  for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(count); ++c) {
    std::array<SQLCHAR, 256> name{};
    SQLSMALLINT length = 0;
    SQLColAttribute(stmt, c, SQL_DESC_NAME, name.data(), static_cast<SQLSMALLINT>(name.size()),
                    &length, nullptr);
    out.columns.emplace_back(reinterpret_cast<const char*>(name.data()));
  }
  std::vector<Value> values(static_cast<std::size_t>(count));
  auto buffer = std::make_unique<std::array<char, 8192>>();
  for (;;) {
    SQLRETURN rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    if (!succeeded(rc)) fail(SQL_HANDLE_STMT, stmt, false);
    for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(count); ++c) {
      read_value(stmt, c, false, values[c - 1u], *buffer);
    }
    out.rows.push_back(values);
  }
  return out;
}

ResultSet OdbcConnector::tables(const std::string& schema) {
  static const std::string kTypes = "TABLE,VIEW";
  return catalog_call([&](void* stmt) {
    return SQLTables(static_cast<SQLHSTMT>(stmt), nullptr, 0, text_arg(schema), text_len(schema),
                     nullptr, 0, text_arg(kTypes), text_len(kTypes));
  });
}

ResultSet OdbcConnector::columns(const std::string& schema, const std::string& table) {
  return catalog_call([&](void* stmt) {
    return SQLColumns(static_cast<SQLHSTMT>(stmt), nullptr, 0, text_arg(schema), text_len(schema),
                      text_arg(table), text_len(table), nullptr, 0);
  });
}

ResultSet OdbcConnector::primary_keys(const std::string& schema, const std::string& table) {
  return catalog_call([&](void* stmt) {
    return SQLPrimaryKeys(static_cast<SQLHSTMT>(stmt), nullptr, 0, text_arg(schema),
                          text_len(schema), text_arg(table), text_len(table));
  });
}

ResultSet OdbcConnector::foreign_keys(const std::string& schema, const std::string& table) {
  return catalog_call([&](void* stmt) {
    return SQLForeignKeys(static_cast<SQLHSTMT>(stmt), nullptr, 0, nullptr, 0, nullptr, 0, nullptr,
                          0, text_arg(schema), text_len(schema), text_arg(table), text_len(table));
  });
}

ResultSet OdbcConnector::unique_indexes(const std::string& schema, const std::string& table) {
  return catalog_call([&](void* stmt) {
    return SQLStatistics(static_cast<SQLHSTMT>(stmt), nullptr, 0, text_arg(schema),
                         text_len(schema), text_arg(table), text_len(table), SQL_INDEX_UNIQUE,
                         SQL_QUICK);
  });
}

}  // namespace godwit::validation
