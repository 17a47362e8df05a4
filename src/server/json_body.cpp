#include "server/json_body.hpp"

#include "core/text.hpp"

namespace godwit::server {

JsonBody JsonBody::parse(const httplib::Request& req, std::size_t max_bytes, bool allow_empty) {
  if (req.body.size() > max_bytes) {
    throw Error(ErrorKind::kTooLarge, "the request body is " + std::to_string(req.body.size()) +
                                          " bytes; JSON requests are limited to " +
                                          std::to_string(max_bytes) + " bytes");
  }
  if (trim(req.body).empty()) {
    if (allow_empty) return JsonBody(nlohmann::json::object());
    throw Error(ErrorKind::kInvalidInput, "the request body is empty; send a JSON object");
  }
  std::string type = to_lower(req.get_header_value("Content-Type"));
  std::string_view media = trim(std::string_view(type).substr(0, type.find(';')));
  if (media != "application/json" && !(media.size() > 5 && media.ends_with("+json"))) {
    throw Error(ErrorKind::kUnsupportedType,
                "send the body as JSON with 'Content-Type: application/json'" +
                    (media.empty() ? std::string() : " (got '" + std::string(media) + "')"));
  }
  try {
    nlohmann::json json = nlohmann::json::parse(req.body);
    if (!json.is_object()) {
      throw Error(ErrorKind::kInvalidInput,
                  "the request body must be a JSON object, not " + std::string(json.type_name()));
    }
    return JsonBody(std::move(json));
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorKind::kInvalidInput, "the request body is not valid JSON (error at byte " +
                                              std::to_string(e.byte) + ")");
  }
}

std::optional<std::string> JsonBody::string(const char* key, std::size_t max_length) {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    errors_.push_back({key, std::string("must be a string, not ") + it->type_name()});
    return std::nullopt;
  }
  std::string value = it->get<std::string>();
  if (value.size() > max_length) {
    errors_.push_back({key, "must be at most " + std::to_string(max_length) + " characters"});
    return std::nullopt;
  }
  return value;
}

std::string JsonBody::required_string(const char* key, std::size_t max_length) {
  if (!json_.contains(key) || json_[key].is_null()) {
    errors_.push_back({key, "is required"});
    return {};
  }
  return string(key, max_length).value_or(std::string());
}

std::optional<std::optional<std::string>> JsonBody::nullable_string(const char* key,
                                                                    std::size_t max_length) {
  auto it = json_.find(key);
  if (it == json_.end()) return std::nullopt;
  if (it->is_null()) return std::optional<std::string>();
  std::optional<std::string> value = string(key, max_length);
  if (!value) return std::nullopt;
  return std::optional<std::string>(*value);
}

std::optional<bool> JsonBody::boolean(const char* key) {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    errors_.push_back({key, std::string("must be true or false, not ") + it->type_name()});
    return std::nullopt;
  }
  return it->get<bool>();
}

void JsonBody::finish() const {
  if (errors_.empty()) return;
  std::string summary = errors_.size() == 1
                            ? errors_[0].field + " " + errors_[0].message
                            : std::to_string(errors_.size()) + " fields are invalid";
  throw Error(ErrorKind::kInvalidInput, summary, errors_);
}

int query_int(const httplib::Request& req, const char* key, int fallback, int min, int max,
              std::vector<FieldError>& errors) {
  if (!req.has_param(key)) return fallback;
  std::string text = req.get_param_value(key);
  try {
    std::size_t used = 0;
    int value = std::stoi(text, &used);
    if (used == text.size() && value >= min && value <= max) return value;
  } catch (const std::exception&) {
  }
  errors.push_back(
      {key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
  return fallback;
}

}  // namespace godwit::server
