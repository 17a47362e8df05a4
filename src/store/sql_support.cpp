// Internal helpers shared by the repositories (see sql_support.hpp).
#include "store/sql_support.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/error.hpp"
#include "core/uuid.hpp"

namespace godwit::store::detail {

Connection::Connection(Database& db)
    : pool_(db.pool()), position_(pool_.lease()), backend_(db.backend()) {
  session_ = &pool_.at(position_);
  cache_ = &db.statement_cache(position_);
  if (backend_ != Backend::kPostgres) return;
  auto* native = static_cast<soci::postgresql_session_backend*>(session_->get_backend());
  // PQstatus is local (no round trip): it turns bad after an operation hit a dropped
  // connection, and that failed operation already reported the error to its caller.
  if (native != nullptr && PQstatus(native->conn_) == CONNECTION_OK) return;
  try {
    cache_->clear();
    session_->reconnect();
    configure_session(*session_, Backend::kPostgres);
  } catch (const soci::soci_error&) {
    pool_.give_back(position_);
    throw Error(ErrorKind::kUnavailable, "the metadata database cannot be reached");
  } catch (const std::runtime_error&) {
    pool_.give_back(position_);
    throw Error(ErrorKind::kUnavailable, "the metadata database cannot be reached");
  }
}

Connection::~Connection() {
  pool_.give_back(position_);
}

void configure_session(soci::session& session, Backend backend) {
  if (backend == Backend::kSqlite) {
    // WAL lets readers run beside the writer; foreign keys are off by default in
    // SQLite and the schema relies on ON DELETE CASCADE.
    execute_script(session, backend,
                   "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                   "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
  } else {
    // Timestamps come back as text in the session time zone; UTC keeps them uniform.
    execute_script(session, backend, "SET TIME ZONE 'UTC'");
  }
}

Params& Params::text(const std::string& name, std::string value) {
  texts_.push_back({name, std::move(value), soci::i_ok});
  return *this;
}

Params& Params::nullable_text(const std::string& name, std::optional<std::string> value) {
  if (value) return text(name, std::move(*value));
  texts_.push_back({name, std::string(), soci::i_null});
  return *this;
}

Params& Params::integer(const std::string& name, long long value) {
  integers_.push_back({name, value, soci::i_ok});
  return *this;
}

Params& Params::nullable_integer(const std::string& name, std::optional<long long> value) {
  integers_.push_back({name, value.value_or(0), value ? soci::i_ok : soci::i_null});
  return *this;
}

std::string Params::fresh_name() {
  return "p" + std::to_string(next_++);
}

std::string Params::add_text(std::string value) {
  std::string name = fresh_name();
  text(name, std::move(value));
  return ":" + name;
}

std::string Params::add_nullable_text(std::optional<std::string> value) {
  std::string name = fresh_name();
  nullable_text(name, std::move(value));
  return ":" + name;
}

std::string Params::add_integer(long long value) {
  std::string name = fresh_name();
  integer(name, value);
  return ":" + name;
}

void Params::bind(Binder& statement) {
  for (TextValue& v : texts_) statement, soci::use(v.value, v.indicator, v.name);
  for (IntegerValue& v : integers_) statement, soci::use(v.value, v.indicator, v.name);
}

bool Params::assign_values(const Params& other) {
  if (texts_.size() != other.texts_.size() || integers_.size() != other.integers_.size()) {
    return false;
  }
  for (std::size_t i = 0; i < texts_.size(); ++i) {
    if (texts_[i].name != other.texts_[i].name) return false;
  }
  for (std::size_t i = 0; i < integers_.size(); ++i) {
    if (integers_[i].name != other.integers_[i].name) return false;
  }
  for (std::size_t i = 0; i < texts_.size(); ++i) {
    texts_[i].value = other.texts_[i].value;
    texts_[i].indicator = other.texts_[i].indicator;
  }
  for (std::size_t i = 0; i < integers_.size(); ++i) {
    integers_[i].value = other.integers_[i].value;
    integers_[i].indicator = other.integers_[i].indicator;
  }
  return true;
}

bool run_statement(soci::statement& statement, const std::string& sql, bool fetch_first) {
  statement.alloc();
  statement.prepare(sql, soci::details::st_one_time_query);
  statement.define_and_bind();
  return statement.execute(fetch_first);
}

void rethrow_database_error(soci::session& session) {
  auto* backend = session.get_backend();
  if (backend != nullptr && backend->get_backend_name() == "postgresql") {
    auto* native = static_cast<soci::postgresql_session_backend*>(backend);
    if (PQstatus(native->conn_) != CONNECTION_OK) {
      throw Error(ErrorKind::kUnavailable, "the connection to the metadata database was lost");
    }
  }
  throw;
}

long long execute(soci::session& session, const std::string& sql, Params& params) {
  try {
    soci::statement statement(session);
    Binder binder(statement);
    params.bind(binder);
    run_statement(statement, sql, true);
    return statement.get_affected_rows();
  } catch (const soci::soci_error&) {
    rethrow_database_error(session);
  }
}

long long execute(Database& db, const std::string& sql, Params& params) {
  Connection connection(db);
  return execute(static_cast<soci::session&>(connection), sql, params);
}

long long query_integer(soci::session& session, const std::string& sql, Params& params,
                        long long fallback) {
  long long value = 0;
  soci::indicator indicator = soci::i_ok;
  try {
    soci::statement statement(session);
    Binder binder(statement);
    binder, soci::into(value, indicator);
    params.bind(binder);
    if (!run_statement(statement, sql, true) || indicator == soci::i_null) return fallback;
  } catch (const soci::soci_error&) {
    rethrow_database_error(session);
  }
  return value;
}

namespace {

struct IntegerRow {
  long long value = 0;
  soci::indicator indicator = soci::i_ok;
  void bind(Binder& b) { b, soci::into(value, indicator); }
  std::optional<long long> model() const {
    return indicator == soci::i_null ? std::nullopt : std::optional<long long>(value);
  }
};

}  // namespace

long long query_integer(Connection& connection, const std::string& sql, Params& params,
                        long long fallback) {
  if (connection.backend() != Backend::kSqlite) {
    return query_integer(static_cast<soci::session&>(connection), sql, params, fallback);
  }
  std::optional<std::optional<long long>> row = query_one<IntegerRow>(connection, sql, params);
  return row && *row ? **row : fallback;
}

WriteTransaction::WriteTransaction(soci::session& session, Backend backend) : session_(session) {
  if (backend == Backend::kSqlite) {
    session_ << "BEGIN IMMEDIATE";
  } else {
    session_.begin();
  }
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_.rollback();
  } catch (...) {
    // The connection is already broken; nothing was committed, which is what we want.
  }
}

void WriteTransaction::commit() {
  session_.commit();
  open_ = false;
}

void execute_script(soci::session& session, Backend backend, const std::string& sql) {
  if (backend == Backend::kSqlite) {
    auto* native = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    char* message = nullptr;
    int rc = sqlite_api::sqlite3_exec(native->conn_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : "unknown SQLite error";
      sqlite_api::sqlite3_free(message);
      throw std::runtime_error(text);
    }
    return;
  }
  auto* native = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PGresult* result = PQexec(native->conn_, sql.c_str());
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string text = result ? PQresultErrorMessage(result) : PQerrorMessage(native->conn_);
    PQclear(result);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    throw std::runtime_error(text);
  }
  PQclear(result);
}

namespace {

std::string format_timestamp(std::int64_t seconds, int micros) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[40];
  std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buffer + n, sizeof buffer - n, ".%06dZ", micros);
  return buffer;
}

bool read_number(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string now_timestamp() {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  return format_timestamp(micros / 1'000'000, static_cast<int>(micros % 1'000'000));
}

namespace {

// True when `raw` already has the stored form 2026-11-25T07:54:54.123456Z (what SQLite
// hands back): then there is nothing to convert.
bool is_stored_form(std::string_view raw) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  if (raw.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (kShape[i] == 'd' ? (raw[i] < '0' || raw[i] > '9') : raw[i] != kShape[i]) return false;
  }
  return true;
}

}  // namespace

std::string timestamp_from_now(std::chrono::milliseconds offset) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch() + offset)
                    .count();
  return format_timestamp(micros / 1'000'000, static_cast<int>(micros % 1'000'000));
}

std::string timestamp_from_db(std::string_view raw) {
  if (is_stored_form(raw)) return std::string(raw);
  // YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH[:MM]|-HH[:MM]]
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_number(raw, 0, 4, year) || !read_number(raw, 5, 2, month) ||
      !read_number(raw, 8, 2, day) || !read_number(raw, 11, 2, hour) ||
      !read_number(raw, 14, 2, minute) || !read_number(raw, 17, 2, second)) {
    return std::string(raw);  // not a timestamp we wrote; hand it on untouched
  }
  std::size_t pos = 19;
  int micros = 0;
  if (pos < raw.size() && raw[pos] == '.') {
    int digits = 0;
    for (++pos; pos < raw.size() && raw[pos] >= '0' && raw[pos] <= '9'; ++pos) {
      if (digits++ < 6) micros = micros * 10 + (raw[pos] - '0');
    }
    for (; digits < 6; ++digits) micros *= 10;
  }
  long offset_seconds = 0;
  if (pos < raw.size() && (raw[pos] == '+' || raw[pos] == '-')) {
    int sign = raw[pos] == '-' ? -1 : 1;
    int hours = 0, minutes = 0;
    read_number(raw, pos + 1, 2, hours);
    std::size_t minute_pos = pos + 3 < raw.size() && raw[pos + 3] == ':' ? pos + 4 : pos + 3;
    read_number(raw, minute_pos, 2, minutes);
    offset_seconds = sign * (hours * 3600L + minutes * 60L);
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return format_timestamp(static_cast<std::int64_t>(timegm(&tm)) - offset_seconds, micros);
}

std::string to_json_array(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump();
}

std::vector<std::string> from_json_array(const std::string& json) {
  std::vector<std::string> out;
  if (json == "[]") return out;  // the common case, without a parser
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto& element : parsed) {
    if (element.is_string()) out.push_back(element.get<std::string>());
  }
  return out;
}

void require_json(const std::string& json, std::string_view what) {
  if (!nlohmann::json::accept(json)) {
    throw Error(ErrorKind::kInvalidInput, std::string(what) + " must be a JSON document");
  }
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out.push_back('!');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

namespace {

bool constraint_violation(const soci::soci_error& error, const char* sqlstate,
                          std::string_view sqlite_text) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    return pg->sqlstate() == sqlstate;
  }
  return std::string_view(error.what()).find(sqlite_text) != std::string_view::npos;
}

}  // namespace

bool is_unique_violation(const soci::soci_error& error) {
  return constraint_violation(error, "23505", "UNIQUE constraint failed");
}

bool is_foreign_key_violation(const soci::soci_error& error) {
  return constraint_violation(error, "23503", "FOREIGN KEY constraint failed");
}

bool is_id(std::string_view text) {
  return is_uuid(text);
}

}  // namespace godwit::store::detail
