// Domain errors: what a service tells its caller went wrong, kept free of HTTP. The
// server maps each kind to a status and a problem+json document (server/problem.hpp);
// the CLI maps them to exit codes.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace godwit {

enum class ErrorKind {
  kInvalidInput,     ///< malformed or missing input (400)
  kUnauthorized,     ///< no or bad credentials (401)
  kForbidden,        ///< authenticated, role does not allow it (403)
  kNotFound,         ///< unknown id, or not visible to the caller (404)
  kConflict,         ///< conflicting state: duplicate, phase order (409)
  kTooLarge,         ///< over a size limit (413)
  kUnsupportedType,  ///< unsupported media type (415)
  kUnprocessable,    ///< well-formed but semantically invalid (422)
  kRateLimited,      ///< too many attempts (429)
  kUnavailable,      ///< a dependency is down (503)
};

/// One problem with one input field, e.g. {"password", "must be at least 10 characters"}.
struct FieldError {
  std::string field;
  std::string message;
};

/// A user-facing error. `message` is safe to show; it never carries internal detail.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::vector<FieldError> fields = {})
      : std::runtime_error(message), kind_(kind), fields_(std::move(fields)) {}

  ErrorKind kind() const { return kind_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  /// Seconds a client should wait before retrying (kRateLimited), 0 when not relevant.
  int retry_after_seconds() const { return retry_after_; }
  Error& with_retry_after(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

 private:
  ErrorKind kind_;
  std::vector<FieldError> fields_;
  int retry_after_ = 0;
};

}  // namespace godwit
