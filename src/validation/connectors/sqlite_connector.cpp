// SQLite behind the connector contract. Values come back in SQLite's own text form
// (integers and reals as sqlite3_column_text prints them); blobs as \x followed by
// lowercase hex, the form PostgreSQL prints bytea in.
#include "validation/connectors/sqlite_connector.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>

#include "validation/connectors/placeholders.hpp"

namespace godwit::validation {

namespace {

struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

ConnectorError sqlite_error(sqlite3* db, int code) {
  std::string message = sqlite3_errmsg(db);
  message += " (SQLite error " + std::to_string(code) + ")";
  int primary = code & 0xff;
  if (primary == SQLITE_INTERRUPT) {
    return {ConnectorError::kTimeout, "the statement was cancelled: " + message, "timeout"};
  }
  if (primary == SQLITE_READONLY) {
    return {ConnectorError::kQuery, "the connection is read-only: " + message, "read_only"};
  }
  return {ConnectorError::kQuery, message, "query_failed"};
}

void to_hex(const unsigned char* bytes, int size, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.assign("\\x");
  for (int i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
}

/// `text` as an integer when it is one in canonical form ("42", "-7", not "007" or "1e3").
/// SQLite compares an integer with a text value without converting when neither side has
/// a column affinity (`i < ?` in a CTE), so integers are bound as integers; text columns
/// still compare equal because their affinity converts the integer back to text.
std::optional<std::int64_t> as_integer(const std::string& text) {
  std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() - start > 18) return std::nullopt;
  if (text[start] == '0' && text.size() > start + 1) return std::nullopt;
  if (text.find_first_not_of("0123456789", start) != std::string::npos) return std::nullopt;
  if (text == "-0") return std::nullopt;
  return std::stoll(text);
}

}  // namespace

SqliteConnector::SqliteConnector(const ConnectionSpec& spec)
    : statement_timeout_ms_(spec.statement_timeout_ms) {
  int busy_timeout = 5000;
  for (const auto& [key, value] : spec.options) {
    if (key == "busy_timeout" && !value.empty() && value.size() < 8 &&
        value.find_first_not_of("0123456789") == std::string::npos) {
      busy_timeout = std::stoi(value);
    } else {
      throw ConnectorError(
          ConnectorError::kConnect,
          "unknown or bad SQLite option '" + key + "'; known: busy_timeout (milliseconds)",
          "bad_option");
    }
  }
  if (spec.path.empty()) {
    throw ConnectorError(ConnectorError::kConnect, "a SQLite connection needs a file path",
                         "bad_option");
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(spec.path, ec)) {
    throw ConnectorError(ConnectorError::kConnect, "no SQLite database file at " + spec.path,
                         "database_missing");
  }
  int flags = spec.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc = sqlite3_open_v2(spec.path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw ConnectorError(ConnectorError::kConnect,
                         "cannot open the SQLite database " + spec.path + ": " + message,
                         "database_missing");
  }
  sqlite3_busy_timeout(db_, busy_timeout);
  sqlite3_extended_result_codes(db_, 1);
  if (statement_timeout_ms_ > 0) sqlite3_progress_handler(db_, 1000, &on_progress, this);
  // A file that is not a database opens fine; the first read says so.
  try {
    query("select count(*) from sqlite_master");
  } catch (const ConnectorError& error) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw ConnectorError(ConnectorError::kConnect,
                         "cannot read " + spec.path + " as a SQLite database: " + error.what(),
                         "database_missing");
  }
}

SqliteConnector::~SqliteConnector() {
  if (db_ != nullptr) sqlite3_close(db_);
}

int SqliteConnector::on_progress(void* self) {
  auto* connector = static_cast<SqliteConnector*>(self);
  return std::chrono::steady_clock::now() > connector->deadline_ ? 1 : 0;
}

std::string SqliteConnector::server_version() {
  return std::string("SQLite ") + sqlite3_libversion();
}

void SqliteConnector::run(std::string_view sql, const std::vector<Param>& params,
                          const std::function<void(std::vector<std::string>)>& columns,
                          const std::function<bool(const std::vector<Value>&)>& row) {
  NativeStatement native =
      rewrite_placeholders(sql, PlaceholderStyle::kNumbered, params.size(), false);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc =
      sqlite3_prepare_v2(db_, native.sql.data(), static_cast<int>(native.sql.size()), &raw, &tail);
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt(raw);
  if (rc != SQLITE_OK) throw sqlite_error(db_, rc);
  if (!stmt) {
    throw ConnectorError(ConnectorError::kQuery, "the statement is empty", "query_failed");
  }
  if (tail != nullptr && std::string_view(tail, native.sql.data() + native.sql.size() - tail)
                                 .find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    throw ConnectorError(ConnectorError::kQuery, "only one statement can run at a time",
                         "query_failed");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i + 1);
    const Value& value = params[i].value;
    std::optional<std::int64_t> integer = value ? as_integer(*value) : std::nullopt;
    if (!value) {
      rc = sqlite3_bind_null(stmt.get(), index);
    } else if (integer) {
      rc = sqlite3_bind_int64(stmt.get(), index, *integer);
    } else {
      rc = sqlite3_bind_text(stmt.get(), index, value->data(), static_cast<int>(value->size()),
                             SQLITE_STATIC);
    }
    // A parameter the statement does not use has no slot: SQLITE_RANGE is fine.
    if (rc != SQLITE_OK && rc != SQLITE_RANGE) throw sqlite_error(db_, rc);
  }
  int count = sqlite3_column_count(stmt.get());
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(count));
  for (int c = 0; c < count; ++c) names.emplace_back(sqlite3_column_name(stmt.get(), c));
  columns(std::move(names));
  deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(statement_timeout_ms_);
  std::vector<Value> values(static_cast<std::size_t>(count));
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    for (int c = 0; c < count; ++c) {
      Value& value = values[static_cast<std::size_t>(c)];
      int type = sqlite3_column_type(stmt.get(), c);
      if (type == SQLITE_NULL) {
        value.reset();
        continue;
      }
      if (!value) value.emplace();
      if (type == SQLITE_BLOB) {
        const void* bytes = sqlite3_column_blob(stmt.get(), c);
        to_hex(static_cast<const unsigned char*>(bytes), sqlite3_column_bytes(stmt.get(), c),
               *value);
      } else {
        const unsigned char* text = sqlite3_column_text(stmt.get(), c);
        value->assign(reinterpret_cast<const char*>(text),
                      static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c)));
      }
    }
    if (!row(values)) return;
  }
  if (rc != SQLITE_DONE) throw sqlite_error(db_, rc);
}

std::string SqliteConnector::quote_identifier(std::string_view name) const {
  return quote_doubling(name, '"');
}

}  // namespace godwit::validation
