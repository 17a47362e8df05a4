// Decoding of JSON request bodies with field-level errors: every wrong or missing field
// is reported at once, as a person filling a form would want.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace godwit::server {

class JsonBody {
 public:
  /// Parses the body as a JSON object. Throws Error: kUnsupportedType when the
  /// Content-Type is not JSON, kTooLarge over `max_bytes`, kInvalidInput for malformed
  /// JSON (with the byte offset) or a non-object. An empty body is `{}` when
  /// `allow_empty`.
  static JsonBody parse(const httplib::Request& req, std::size_t max_bytes,
                        bool allow_empty = false);

  std::optional<std::string> string(const char* key, std::size_t max_length = 100000);
  std::string required_string(const char* key, std::size_t max_length = 100000);
  /// Absent: nullopt; null: optional holding nullopt; string: the value.
  std::optional<std::optional<std::string>> nullable_string(const char* key,
                                                            std::size_t max_length = 100000);
  std::optional<bool> boolean(const char* key);
  /// Throws kInvalidInput listing every field error collected so far.
  void finish() const;

  const nlohmann::json& json() const { return json_; }

 private:
  explicit JsonBody(nlohmann::json json) : json_(std::move(json)) {}
  nlohmann::json json_;
  std::vector<FieldError> errors_;
};

/// The query parameter `key` as a whole number in [min, max]; absent: `fallback`. A
/// malformed or out-of-range value adds a field error (reported with the others by the
/// caller) and gives `fallback`.
int query_int(const httplib::Request& req, const char* key, int fallback, int min, int max,
              std::vector<FieldError>& errors);

}  // namespace godwit::server
