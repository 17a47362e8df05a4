// Pieces the rule, test-case and anomaly units share: the "one SELECT" check of
// user-written SQL, masked sample rows, reading counts and numbers from result text, and
// engine-specific SQL fragments (text casts, lengths, epoch seconds). Internal to
// src/validation.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "sql/types/logical_type.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::validation::quality {

/// Diagnostics for `sql` unless it parses in `dialect` as exactly one SELECT (no DML or
/// DDL, no SELECT ... INTO, no second statement). `what` names the text in messages
/// ("the rule's SQL", "the source query"); `code` is the diagnostics' code.
std::vector<Diagnostic> check_single_select(std::string_view sql, std::string_view dialect,
                                            std::string_view what, std::string_view code);

/// `sql` without trailing semicolons and white space (to wrap it as a subquery).
std::string strip_terminator(std::string_view sql);

/// A result row as a JSON object {column: value}, values masked with mask_value unless
/// `allow`; NULL stays null.
nlohmann::json sample_row(const std::vector<std::string>& columns, const std::vector<Value>& row,
                          bool allow);

/// A count read from result text (0 for NULL or non-numbers).
std::uint64_t to_count(const Value& value);
/// A number read from result text, nullopt for NULL or non-numbers.
std::optional<double> to_number(const Value& value);

/// The engine's cast of an SQL expression to text.
std::string text_cast_sql(Engine engine, std::string_view expression);
/// The engine's character length of an SQL expression.
std::string length_sql(Engine engine, std::string_view expression);
/// Seconds since 1970-01-01 00:00:00 of a date or timestamp expression as a number (zoned
/// PostgreSQL types from their UTC instant, others from their wall-clock value).
std::string epoch_sql(Engine engine, std::string_view expression, const sql::LogicalType& type);
/// The engine's round(expression, digits) for a number.
std::string round_sql(Engine engine, std::string_view expression, int digits);

/// The dialect name Godwit's parser uses for an engine ("postgresql", "mysql", "sqlite";
/// "ansi" for ODBC).
std::string_view dialect_of(Engine engine);

/// A one-line summary of a ConnectorError or other exception for a result message.
std::string failure_text(const std::exception& error);

}  // namespace godwit::validation::quality
