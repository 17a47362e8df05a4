// Shared pieces of the rule, test-case and anomaly units (see quality_support.hpp).
#include "validation/quality_support.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <exception>

#include "core/error.hpp"
#include "core/text.hpp"
#include "sql/ast/ast.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"
#include "validation/anomalies.hpp"

namespace godwit::validation::quality {

namespace {

Diagnostic error(std::string_view code, std::string message) {
  Diagnostic d;
  d.code = std::string(code);
  d.message = std::move(message);
  return d;
}

}  // namespace

std::vector<Diagnostic> check_single_select(std::string_view sql, std::string_view dialect,
                                            std::string_view what, std::string_view code) {
  std::vector<Diagnostic> out;
  const std::string w(what);
  if (trim(sql).empty()) {
    out.push_back(error(code, w + " is empty: write one SELECT statement."));
    return out;
  }
  const sql::Dialect* parser_dialect = nullptr;
  try {
    parser_dialect = &sql::dialect_by_name(dialect);
  } catch (const godwit::Error&) {
    out.push_back(error(code, "unknown SQL dialect '" + std::string(dialect) + "' for " + w +
                                  ": use postgresql, mysql or sqlite."));
    return out;
  }
  sql::ParseResult parsed = sql::parse_sql(std::string(sql), *parser_dialect);
  if (parsed.has_errors()) {
    for (Diagnostic d : parsed.diagnostics) {
      if (d.severity != godwit::Severity::kError) continue;
      d.message =
          w + " does not parse as " + std::string(parser_dialect->name()) + ": " + d.message;
      out.push_back(std::move(d));
    }
    return out;
  }
  if (parsed.statements.size() != 1) {
    out.push_back(error(code, w + " holds " + std::to_string(parsed.statements.size()) +
                                  " statements: write exactly one SELECT (no ';' between "
                                  "statements)."));
    return out;
  }
  const sql::Statement* statement = parsed.statements.front();
  if (statement->kind != sql::StatementKind::kQuery) {
    Diagnostic d = error(code, w + " is not a SELECT: only a query that reads rows is "
                                   "allowed (no INSERT, UPDATE, DELETE, DDL or other "
                                   "statements).");
    d.location = parsed.location(statement->span.begin);
    d.snippet = make_snippet(parsed.source(), d.location);
    out.push_back(std::move(d));
    return out;
  }
  const auto* query = static_cast<const sql::QueryStatement*>(statement);
  if (query->query && query->query->body &&
      query->query->body->kind == sql::QueryBodyKind::kSelect) {
    const auto* select = static_cast<const sql::SelectBody*>(query->query->body);
    if (!select->into.parts.empty()) {
      out.push_back(error(code, w + " is SELECT ... INTO, which creates a table: remove the "
                                    "INTO clause."));
    }
  }
  return out;
}

std::string strip_terminator(std::string_view sql) {
  std::string_view s = trim(sql);
  while (!s.empty() && (s.back() == ';' || s.back() == ' ' || s.back() == '\n' ||
                        s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

nlohmann::json sample_row(const std::vector<std::string>& columns, const std::vector<Value>& row,
                          bool allow) {
  nlohmann::json object = nlohmann::json::object();
  for (std::size_t i = 0; i < row.size(); ++i) {
    const std::string name = i < columns.size() ? columns[i] : "column" + std::to_string(i + 1);
    if (!row[i]) {
      object[name] = nullptr;
    } else {
      object[name] = allow ? *row[i] : mask_value(*row[i]);
    }
  }
  return object;
}

std::uint64_t to_count(const Value& value) {
  if (!value) return 0;
  std::uint64_t n = 0;
  const std::string& s = *value;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec == std::errc() && end == s.data() + s.size()) return n;
  const std::optional<double> d = to_number(value);
  return d && *d > 0 ? static_cast<std::uint64_t>(std::llround(*d)) : 0;
}

std::optional<double> to_number(const Value& value) {
  if (!value || value->empty()) return std::nullopt;
  const std::string& s = *value;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::string text_cast_sql(Engine engine, std::string_view expression) {
  const std::string e(expression);
  switch (engine) {
    case Engine::kPostgres: return "CAST(" + e + " AS text)";
    case Engine::kMariaDb: return "CAST(" + e + " AS CHAR)";
    case Engine::kSqlite: return "CAST(" + e + " AS TEXT)";
    case Engine::kOdbc: return "CAST(" + e + " AS VARCHAR(4000))";
    case Engine::kBigQuery:
    case Engine::kDatabricks: return "CAST(" + e + " AS STRING)";
  }
  return e;
}

std::string length_sql(Engine engine, std::string_view expression) {
  const std::string e(expression);
  switch (engine) {
    case Engine::kPostgres: return "char_length(" + e + ")";
    case Engine::kMariaDb: return "CHAR_LENGTH(" + e + ")";
    case Engine::kSqlite: return "length(" + e + ")";
    case Engine::kOdbc: return "CHAR_LENGTH(" + e + ")";
    case Engine::kBigQuery: return "CHAR_LENGTH(" + e + ")";
    case Engine::kDatabricks: return "char_length(" + e + ")";
  }
  return e;
}

std::string epoch_sql(Engine engine, std::string_view expression, const sql::LogicalType& type) {
  const std::string e(expression);
  switch (engine) {
    case Engine::kPostgres:
      if (type.kind == sql::TypeKind::kDate)
        return "extract(epoch from CAST(" + e + " AS timestamp))";
      return "extract(epoch from " + e + ")";
    case Engine::kMariaDb:
      return "(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '1970-01-01 00:00:00', " + e + ") / 1000000.0)";
    case Engine::kSqlite: return "((julianday(" + e + ") - 2440587.5) * 86400.0)";
    case Engine::kOdbc: return "NULL";
    case Engine::kBigQuery:
      // DATE and DATETIME convert to TIMESTAMP as UTC wall-clock times.
      return "(UNIX_MICROS(TIMESTAMP(" + e + ")) / 1000000.0)";
    case Engine::kDatabricks:
      if (type.kind == sql::TypeKind::kDate) return "CAST(unix_date(" + e + ") * 86400 AS DOUBLE)";
      return "(unix_micros(CAST(" + e + " AS TIMESTAMP)) / 1000000.0)";
  }
  return e;
}

std::string round_sql(Engine engine, std::string_view expression, int digits) {
  const std::string e(expression);
  const std::string d = std::to_string(digits);
  switch (engine) {
    case Engine::kPostgres: return "round(CAST(" + e + " AS numeric), " + d + ")";
    case Engine::kMariaDb: return "ROUND(" + e + ", " + d + ")";
    case Engine::kSqlite: return "round(" + e + ", " + d + ")";
    case Engine::kOdbc: return "ROUND(" + e + ", " + d + ")";
    case Engine::kBigQuery: return "ROUND(CAST(" + e + " AS BIGNUMERIC), " + d + ")";
    case Engine::kDatabricks: return "round(CAST(" + e + " AS DECIMAL(38, 18)), " + d + ")";
  }
  return e;
}

std::string_view dialect_of(Engine engine) {
  switch (engine) {
    case Engine::kPostgres: return "postgresql";
    case Engine::kMariaDb: return "mysql";
    case Engine::kSqlite: return "sqlite";
    case Engine::kOdbc: return "ansi";
    case Engine::kBigQuery: return "bigquery";
    case Engine::kDatabricks: return "databricks";
  }
  return "ansi";
}

std::string failure_text(const std::exception& error) {
  if (const auto* connector = dynamic_cast<const ConnectorError*>(&error)) {
    return std::string(to_string(connector->kind())) + " error: " + connector->what();
  }
  return error.what();
}

}  // namespace godwit::validation::quality
