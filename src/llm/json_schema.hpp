// A small JSON Schema validator for the subset Godwit's answer schemas use: type,
// properties, required, additionalProperties (false or a schema), items, enum, minimum,
// maximum, minLength, maxLength, minItems, maxItems. Debian 12 ships no C++ JSON Schema
// validator, and LLM answers only need this subset. Engine code: values in, values out.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace godwit::llm {

/// One violation: where (a JSON pointer into the instance, "" for the root) and what.
struct SchemaViolation {
  std::string pointer;
  std::string message;
};

/// Validates `instance` against `schema`; empty when it conforms. Stops after
/// `max_violations` so a hostile answer cannot make the report huge.
std::vector<SchemaViolation> validate_json(const nlohmann::json& schema,
                                           const nlohmann::json& instance,
                                           std::size_t max_violations = 20);

/// Keywords in `schema` (at any depth) that this validator does not implement, as JSON
/// pointers into the schema. Answer schemas must use none, so nothing is silently skipped.
std::vector<std::string> unsupported_schema_keywords(const nlohmann::json& schema);

}  // namespace godwit::llm
