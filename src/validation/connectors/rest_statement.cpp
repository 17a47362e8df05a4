// Parameter typing and deadlines shared by the REST connectors (see rest_statement.hpp).
#include "validation/connectors/rest_statement.hpp"

#include <algorithm>
#include <cctype>

namespace godwit::validation {

std::optional<DecimalShape> decimal_shape(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  int integer_digits = 0;
  int fraction_digits = 0;
  bool leading = true;  // leading zeros of the integer part count for nothing
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (leading && text[i] == '0') continue;
    leading = false;
    ++integer_digits;
  }
  bool any_digit = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]));
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      ++fraction_digits;
      any_digit = true;
    }
  }
  if (i != text.size() || !any_digit) return std::nullopt;
  return DecimalShape{std::max(1, integer_digits + fraction_digits), fraction_digits};
}

std::string boolean_text(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "1" || lower == "t" || lower == "true" || lower == "y" || lower == "yes") {
    return "true";
  }
  if (lower == "0" || lower == "f" || lower == "false" || lower == "n" || lower == "no") {
    return "false";
  }
  return std::string(text);
}

namespace {

/// The type each API names a ParamType by (decimals are sized by the callers).
struct TypeNames {
  const char* bigquery;
  const char* databricks;
};

TypeNames type_names(ParamType type) {
  switch (type) {
    case ParamType::kText: return {"STRING", "STRING"};
    case ParamType::kInteger: return {"INT64", "BIGINT"};
    case ParamType::kDecimal: return {"NUMERIC", "DECIMAL(38,0)"};
    case ParamType::kFloat: return {"FLOAT64", "DOUBLE"};
    case ParamType::kBoolean: return {"BOOL", "BOOLEAN"};
    case ParamType::kDate: return {"DATE", "DATE"};
    case ParamType::kTimestamp: return {"DATETIME", "TIMESTAMP_NTZ"};
    case ParamType::kTimestampTz: return {"TIMESTAMP", "TIMESTAMP"};
    // Databricks has no TIME type, and no text form of BINARY Godwit can rely on.
    case ParamType::kTime: return {"TIME", "STRING"};
    case ParamType::kBytes: return {"BYTES", "STRING"};
  }
  return {"STRING", "STRING"};
}

}  // namespace

std::string bigquery_parameter_type(const Param& param) {
  const auto shape =
      param.type == ParamType::kDecimal && param.value ? decimal_shape(*param.value) : std::nullopt;
  // NUMERIC holds 29 integer and 9 fractional digits; BIGNUMERIC 38 and 38.
  if (shape && (shape->precision - shape->scale > 29 || shape->scale > 9)) return "BIGNUMERIC";
  return type_names(param.type).bigquery;
}

std::string databricks_parameter_type(const Param& param) {
  if (param.type == ParamType::kDecimal && param.value) {
    const auto shape = decimal_shape(*param.value);
    if (!shape || shape->precision > 38) return "STRING";  // left to Databricks' own cast
    return "DECIMAL(" + std::to_string(shape->precision) + "," + std::to_string(shape->scale) + ")";
  }
  return type_names(param.type).databricks;
}

std::string rest_parameter_value(const Param& param) {
  if (!param.value) return {};
  return param.type == ParamType::kBoolean ? boolean_text(*param.value) : *param.value;
}

StatementDeadline::StatementDeadline(int timeout_ms, std::string_view service)
    : at_(timeout_ms > 0 ? RestClock::now() + std::chrono::milliseconds(timeout_ms)
                         : RestClock::now() + std::chrono::hours(24)),
      timeout_ms_(timeout_ms),
      service_(service) {}

std::chrono::milliseconds StatementDeadline::left() const {
  const auto left = remaining();
  if (left.count() <= 0) throw timed_out();
  return left;
}

ConnectorError StatementDeadline::timed_out(std::string_view cancelled) const {
  return ConnectorError(
      ConnectorError::kTimeout,
      "the " + service_ + " statement did not finish within " + std::to_string(timeout_ms_) +
          " ms" + (cancelled.empty() ? "" : " (" + std::string(cancelled) + " was cancelled)"),
      "timeout");
}

RestReply request_or_cancel(const std::function<RestReply()>& request,
                            const std::function<void()>& cancel, const StatementDeadline& deadline,
                            std::string_view cancelled) {
  try {
    return request();
  } catch (const ConnectorError& error) {
    if (error.kind() != ConnectorError::kTimeout) throw;
    cancel();
    throw deadline.timed_out(cancelled);
  }
}

void with_reply_shape_errors(std::string_view service, const std::function<void()>& statement) {
  try {
    statement();
  } catch (const nlohmann::json::exception& error) {
    throw ConnectorError(ConnectorError::kQuery,
                         std::string(service) + " answered in an unexpected shape: " + error.what(),
                         "query_failed");
  }
}

BearerToken read_bearer_token(const RestReply& reply, std::string_view refused,
                              std::string_view advice) {
  const nlohmann::json body = reply.json();
  if (reply.status != 200 || !body.is_object() || !body.contains("access_token") ||
      !body["access_token"].is_string()) {
    std::string detail;
    if (body.is_object()) {
      detail = body.value("error_description", body.value("error", std::string()));
    }
    throw ConnectorError(ConnectorError::kAuth,
                         std::string(refused) + " (HTTP " + std::to_string(reply.status) + ")" +
                             (detail.empty() ? "" : ": " + bounded_message(detail)) +
                             std::string(advice),
                         "auth_failed");
  }
  BearerToken token;
  token.value = body["access_token"].get<std::string>();
  const std::int64_t expires_in =
      body.contains("expires_in") && body["expires_in"].is_number_integer()
          ? body["expires_in"].get<std::int64_t>()
          : 3600;
  // Renew a minute early so a token never expires between the check and the request.
  token.renew_at =
      RestClock::now() + std::chrono::seconds(std::max<std::int64_t>(expires_in - 60, 0));
  return token;
}

}  // namespace godwit::validation
