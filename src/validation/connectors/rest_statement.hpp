// What the two REST connectors (BigQuery, Databricks SQL) share about running one
// statement: the type each bound parameter is sent with, the statement's deadline (and
// the cancellation of a statement that outlives it), and the OAuth access token.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "validation/connectors/connector.hpp"
#include "validation/connectors/rest_transport.hpp"

namespace godwit::validation {

/// Digits of a plain decimal number ("-12.340" has precision 5, scale 3); nullopt when
/// `text` is not one (an exponent, letters, empty).
struct DecimalShape {
  int precision = 0;  ///< all digits, at least 1
  int scale = 0;      ///< digits after the point
};
std::optional<DecimalShape> decimal_shape(std::string_view text);

/// A boolean parameter's text as the REST APIs read it: "true" or "false" for the usual
/// spellings ("1", "t", "yes" ... in any case); anything else unchanged (the server says
/// what is wrong with it).
std::string boolean_text(std::string_view text);

/// BigQuery's parameterType.type for a parameter: INT64, NUMERIC (or BIGNUMERIC when the
/// value has more than 29 integer or 9 fractional digits), FLOAT64, BOOL, DATE, DATETIME,
/// TIMESTAMP, TIME, BYTES or STRING.
std::string bigquery_parameter_type(const Param& param);

/// Databricks' parameters[].type for a parameter: BIGINT, DECIMAL(p,s) sized from the
/// value (STRING beyond 38 digits), DOUBLE, BOOLEAN, DATE, TIMESTAMP_NTZ, TIMESTAMP or
/// STRING (TIME, which Databricks lacks, and bytes, which it has no text form for).
std::string databricks_parameter_type(const Param& param);

/// The value a REST API is sent for a non-NULL parameter: booleans as true/false, the
/// rest as given.
std::string rest_parameter_value(const Param& param);

using RestClock = std::chrono::steady_clock;

/// The time one statement may take from its start: the connection's statement timeout
/// (0: no limit, taken as a day). `service` names the warehouse in messages ("BigQuery").
class StatementDeadline {
 public:
  StatementDeadline(int timeout_ms, std::string_view service);
  RestClock::time_point at() const { return at_; }
  bool passed() const { return RestClock::now() >= at_; }
  /// The time left, negative once passed.
  std::chrono::milliseconds remaining() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at_ - RestClock::now());
  }
  /// The time left; throws the timeout ConnectorError when there is none.
  std::chrono::milliseconds left() const;
  /// The timeout error: "the BigQuery statement did not finish within N ms", with
  /// " (job J was cancelled)" when `cancelled` ("job J") is given.
  ConnectorError timed_out(std::string_view cancelled = {}) const;

 private:
  RestClock::time_point at_;
  int timeout_ms_;
  std::string service_;
};

/// One more request for a running statement (a poll, a page): when it times out,
/// `cancel` is called and the statement's timeout error thrown, naming `cancelled`.
RestReply request_or_cancel(const std::function<RestReply()>& request,
                            const std::function<void()>& cancel, const StatementDeadline& deadline,
                            std::string_view cancelled);

/// Runs `statement`. A reply of the right status but an unexpected shape (a proxy's page,
/// an API change) surfaces as a JSON exception; it is thrown as ConnectorError(kQuery):
/// "<service> answered in an unexpected shape: ...".
void with_reply_shape_errors(std::string_view service, const std::function<void()>& statement);

/// An OAuth access token and when to renew it.
struct BearerToken {
  std::string value;
  RestClock::time_point renew_at{};
  bool fresh() const { return !value.empty() && RestClock::now() < renew_at; }
};

/// The token in a token endpoint's reply ({"access_token", "expires_in"}), renewed a
/// minute before it expires (expires_in absent: an hour). Anything else throws
/// ConnectorError(kAuth, "auth_failed"): `refused` " (HTTP n)", the server's
/// error_description or error, then `advice` (may be empty).
BearerToken read_bearer_token(const RestReply& reply, std::string_view refused,
                              std::string_view advice);

}  // namespace godwit::validation
