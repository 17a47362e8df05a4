// Checks an answer must pass after its JSON schema: every table and column it names must
// exist in the catalog (unknown ones are dropped with a diagnostic), and no text in it may
// look like an attempt to steer a person or a later prompt (prompt injection, markup,
// control characters, forged data fences). Engine code: values in, values out.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"

namespace godwit::llm {

/// Where an answer names catalog objects: the array at `array_pointer` (a JSON pointer
/// such as "/relationships") holds objects whose `fields` name a table and, when the
/// second name is not empty, a column of that table.
struct ReferenceRule {
  std::string array_pointer;
  std::vector<std::pair<std::string, std::string>> fields;  ///< {table_field, column_field}
};

/// Answers whether the catalog has `table` (when `column` is empty) or `column` in
/// `table`. Provided by the caller (the schema catalog lives in another layer).
using CatalogLookup = std::function<bool(std::string_view table, std::string_view column)>;

/// Removes from `answer` every item naming a table or column `catalog` does not know,
/// with one W-LLM-UNKNOWN-REFERENCE diagnostic per dropped item.
std::vector<Diagnostic> drop_unknown_references(nlohmann::json& answer,
                                                const std::vector<ReferenceRule>& rules,
                                                const CatalogLookup& catalog);

/// Why `text` is unsafe to keep (instruction-like phrases, markup, control characters,
/// data-fence markers), or nullopt.
std::optional<std::string> hostile_text_reason(std::string_view text);

/// The first hostile text anywhere in `answer` (keys included), as "at /pointer: reason",
/// or nullopt. A model that repeats injected instructions may have followed them, so
/// callers discard the whole answer rather than the one item.
std::optional<std::string> find_hostile_content(const nlohmann::json& answer);

}  // namespace godwit::llm
