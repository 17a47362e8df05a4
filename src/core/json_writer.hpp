// A streaming JSON writer that appends compact JSON text to a string. For hot responses
// (lists of resources) where building an nlohmann::json tree first costs more than the
// rest of the request: every node of a tree is a heap allocation, every object a std::map.
//
// The output is byte-for-byte what nlohmann::json::dump() gives for the same document
// when keys are written in sorted order: same escapes (\", \\, \b \f \n \r \t, other
// control characters as \u00XX, everything else verbatim). Invalid UTF-8 is replaced
// by U+FFFD, one per maximal ill-formed subpart (Unicode 15, section 3.9), as the API's
// write_json does with dump()'s error_handler_t::replace (which may group differently).
// Commas are placed by the writer; the caller only says what comes next.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace godwit {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The name of the next member of the current object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::optional<std::string>& text);
  JsonWriter& value(bool flag);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::size_t number);
  JsonWriter& null();
  JsonWriter& value(const std::vector<std::string>& items);
  /// Appends already serialised JSON (one complete value) as the next value.
  JsonWriter& raw(std::string_view json);

  /// key(name).value(v) in one call.
  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  void before_value();
  void write_string(std::string_view text);

  std::string& out_;
  // One flag per open container: whether it already holds an element.
  std::vector<unsigned char> has_element_;
  bool after_key_ = false;
};

/// `text` as a JSON string literal, quotes included (same escapes as JsonWriter).
std::string json_quote(std::string_view text);

}  // namespace godwit
