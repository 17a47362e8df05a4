// Versioned prompts: each file in src/llm/prompts/ has a front matter (name, version,
// schema_name, references), a system part, a user template and the JSON schema of the
// answer. Files are embedded at build time (embed_prompts.cmake). Rendering fences every
// piece of user content as data, and withholds sample values unless the project allows
// sending them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "llm/answer_checks.hpp"

namespace godwit::llm {

struct EmbeddedPromptFile {
  std::string_view file_name;
  std::string_view text;
};

/// The prompt files compiled into the binary (generated source).
std::span<const EmbeddedPromptFile> embedded_prompt_files();

struct Prompt {
  std::string name;  ///< e.g. "infer_relationships"
  int version = 0;   ///< bumped whenever the wording or the schema changes
  std::string schema_name;
  std::string system;
  std::string user_template;  ///< with {{placeholders}} for data blocks
  nlohmann::json answer_schema;
  std::vector<ReferenceRule> references;  ///< where the answer names tables/columns

  /// "name@version", as stored with every AI-generated result.
  std::string id() const { return name + "@" + std::to_string(version); }
};

/// Parses one prompt file. Throws godwit::Error(kInvalidInput) saying what is wrong (a
/// missing section, a bad version, an answer schema with unsupported keywords).
Prompt parse_prompt_file(std::string_view file_name, std::string_view text);

/// The embedded prompt named `name` (parsed once), or nullptr.
const Prompt* find_prompt(std::string_view name);

/// Every embedded prompt, sorted by name.
const std::vector<Prompt>& all_prompts();

/// One piece of user content for a {{placeholder}}.
struct PromptData {
  std::string placeholder;  ///< e.g. "schema"
  std::string text;
  bool sample_values = false;  ///< holds values from the user's data, not only structure
};

struct RenderedPrompt {
  std::string system;
  std::string user;
  bool samples_withheld = false;
};

/// Fills the template. Each datum becomes
///   <<<DATA name=schema id=HASH>>> ... <<<END DATA id=HASH>>>
/// where HASH is derived from the content, so the content cannot forge its own end
/// marker. Sample data is replaced by a note when `allow_sample_values` is false; a
/// placeholder with no datum gets "(none)". Throws godwit::Error(kInvalidInput) for a
/// datum naming no placeholder of the template.
RenderedPrompt render_prompt(const Prompt& prompt, const std::vector<PromptData>& data,
                             bool allow_sample_values);

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace godwit::llm
