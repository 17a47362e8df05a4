// The JSON Schema subset validator (see json_schema.hpp).
#include "llm/json_schema.hpp"

#include <set>

namespace godwit::llm {
namespace {

std::string escape_pointer_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

bool has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (value.is_number_float()) {
      double d = value.get<double>();
      return d == static_cast<double>(static_cast<long long>(d));
    }
    return false;
  }
  return false;
}

std::string type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();
}

/// UTF-8 code points, as JSON Schema counts string length.
std::size_t code_points(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

class Validator {
 public:
  explicit Validator(std::size_t max) : max_(max) {}

  void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& at) {
    if (full()) return;
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) add(at, "no value is allowed here");
      return;
    }
    if (!schema.is_object()) return;
    if (auto it = schema.find("type"); it != schema.end()) {
      bool ok = false;
      std::string wanted;
      if (it->is_string()) {
        ok = has_type(value, it->get<std::string>());
        wanted = it->get<std::string>();
      } else if (it->is_array()) {
        for (const auto& t : *it) {
          if (!t.is_string()) continue;
          ok = ok || has_type(value, t.get<std::string>());
          wanted += (wanted.empty() ? "" : " or ") + t.get<std::string>();
        }
      }
      if (!ok) {
        add(at, "expected " + wanted + ", found " + type_name(value));
        return;
      }
    }
    if (auto it = schema.find("enum"); it != schema.end() && it->is_array()) {
      bool found = false;
      for (const auto& option : *it) found = found || option == value;
      if (!found) add(at, "value is not one of the allowed values");
    }
    if (value.is_number()) check_number(schema, value.get<double>(), at);
    if (value.is_string()) {
      std::size_t length = code_points(value.get_ref<const std::string&>());
      if (auto it = schema.find("minLength");
          it != schema.end() && it->is_number() && length < it->get<double>()) {
        add(at, "string is shorter than " + it->dump() + " characters");
      }
      if (auto it = schema.find("maxLength");
          it != schema.end() && it->is_number() && length > it->get<double>()) {
        add(at, "string is longer than " + it->dump() + " characters");
      }
    }
    if (value.is_array()) check_array(schema, value, at);
    if (value.is_object()) check_object(schema, value, at);
  }

  std::vector<SchemaViolation> take() { return std::move(violations_); }

 private:
  bool full() const { return violations_.size() >= max_; }

  void add(const std::string& at, std::string message) {
    if (!full()) violations_.push_back({at, std::move(message)});
  }

  void check_number(const nlohmann::json& schema, double number, const std::string& at) {
    if (auto it = schema.find("minimum");
        it != schema.end() && it->is_number() && number < it->get<double>()) {
      add(at, "value is below the minimum " + it->dump());
    }
    if (auto it = schema.find("maximum");
        it != schema.end() && it->is_number() && number > it->get<double>()) {
      add(at, "value is above the maximum " + it->dump());
    }
  }

  void check_array(const nlohmann::json& schema, const nlohmann::json& value,
                   const std::string& at) {
    double size = static_cast<double>(value.size());
    if (auto it = schema.find("minItems");
        it != schema.end() && it->is_number() && size < it->get<double>()) {
      add(at, "array has fewer than " + it->dump() + " items");
    }
    if (auto it = schema.find("maxItems");
        it != schema.end() && it->is_number() && size > it->get<double>()) {
      add(at, "array has more than " + it->dump() + " items");
    }
    if (auto it = schema.find("items"); it != schema.end()) {
      for (std::size_t i = 0; i < value.size() && !full(); ++i) {
        check(*it, value[i], at + "/" + std::to_string(i));
      }
    }
  }

  void check_object(const nlohmann::json& schema, const nlohmann::json& value,
                    const std::string& at) {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    auto props_it = schema.find("properties");
    const nlohmann::json& properties =
        (props_it != schema.end() && props_it->is_object()) ? *props_it : kEmpty;
    if (auto it = schema.find("required"); it != schema.end() && it->is_array()) {
      for (const auto& name : *it) {
        if (name.is_string() && !value.contains(name.get<std::string>())) {
          add(at, "missing required property '" + name.get<std::string>() + "'");
        }
      }
    }
    auto additional = schema.find("additionalProperties");
    for (const auto& [key, member] : value.items()) {
      if (full()) return;
      std::string child = at + "/" + escape_pointer_token(key);
      if (auto p = properties.find(key); p != properties.end()) {
        check(*p, member, child);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          add(child, "property is not allowed");
        } else {
          check(*additional, member, child);
        }
      }
    }
  }

  std::size_t max_;
  std::vector<SchemaViolation> violations_;
};

void find_unsupported(const nlohmann::json& schema, const std::string& at,
                      std::vector<std::string>& out) {
  static const std::set<std::string> kKnown = {
      "type",        "properties", "required", "additionalProperties",
      "items",       "enum",       "minimum",  "maximum",
      "minLength",   "maxLength",  "minItems", "maxItems",
      "description", "title",      "$schema"};
  if (!schema.is_object()) return;
  for (const auto& [key, member] : schema.items()) {
    std::string here = at + "/" + escape_pointer_token(key);
    if (!kKnown.contains(key)) {
      out.push_back(here);
      continue;
    }
    if (key == "properties" && member.is_object()) {
      for (const auto& [name, child] : member.items()) {
        find_unsupported(child, here + "/" + escape_pointer_token(name), out);
      }
    } else if (key == "items" || key == "additionalProperties") {
      find_unsupported(member, here, out);
    }
  }
}

}  // namespace

std::vector<SchemaViolation> validate_json(const nlohmann::json& schema,
                                           const nlohmann::json& instance,
                                           std::size_t max_violations) {
  Validator validator(max_violations == 0 ? 1 : max_violations);
  validator.check(schema, instance, "");
  return validator.take();
}

std::vector<std::string> unsupported_schema_keywords(const nlohmann::json& schema) {
  std::vector<std::string> out;
  find_unsupported(schema, "", out);
  return out;
}

}  // namespace godwit::llm
