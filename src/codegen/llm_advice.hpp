// Optimisation advice proposed by a language model, checked before anyone sees it: the
// rules' advice (optimizer.hpp) is shown to the model with the generated code and the
// target schema, and of its suggestions only those are kept whose every field is well
// formed, whose table and file exist, whose text carries no control characters or data
// fences, and whose proposed change parses in the platform's dialect with Godwit's parser.
// The model is reached through a callback (the service layer wires LlmClient::ask with
// the "suggest_code_optimizations" prompt), so this stays engine code: no HTTP here.
// Without a callback, or when the model is unavailable, the advice is the rules' only.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/optimizer.hpp"
#include "core/diagnostics.hpp"

namespace godwit::codegen {

/// The prompt the callback is expected to use (src/llm/prompts/<name>.md).
inline constexpr std::string_view kLlmAdvicePrompt = "suggest_code_optimizations";

/// What the model is shown; each piece is user data the prompt fences as such.
struct AdviceQuestion {
  Platform platform = Platform::kBigQuery;
  std::string platform_text;  ///< "bigquery (SQL dialect bigquery)"
  std::string schema;         ///< the target tables, one line each
  std::string code;           ///< generated files, each after "=== path ===", bounded
  std::string advice;         ///< the rules' advice, one line each
};

/// The callback's answer.
struct AdviceAnswer {
  bool from_llm = false;  ///< false: no model answered (offline, failure); `answer` ignored
  nlohmann::json answer;  ///< {"suggestions": [{table, file, type, impact, message, change}]}
  std::string provider;
  std::string model;
  std::vector<Diagnostic> diagnostics;  ///< passed through (why the model was not used ...)
};

using AdviceAsker = std::function<AdviceAnswer(const AdviceQuestion&)>;

struct LlmAdviceResult {
  std::vector<Advice> advice;  ///< the rules' advice, then the kept suggestions
  std::vector<Diagnostic> diagnostics;
  std::size_t proposed = 0;  ///< suggestions the model made
  std::size_t kept = 0;      ///< of which passed every check
};

/// The question for `generated` (the files of one platform) and the rules' `advice`.
/// Code beyond `max_code_chars` is left out (the file list says which files were cut).
AdviceQuestion advice_question(Platform platform, const schema::Catalog& target,
                               const GenerationResult& generated, const std::vector<Advice>& advice,
                               std::size_t max_code_chars = 100'000);

/// The rules' advice plus the model's checked suggestions, marked ai_generated with the
/// provider and model; each dropped suggestion is a W-CODEGEN-LLM-ADVICE diagnostic saying
/// why. `ask` empty: the rules' advice only. Never throws on what the model answers.
LlmAdviceResult advise_with_llm(Platform platform, const schema::Catalog& source,
                                const schema::Catalog& target,
                                const mapping::MappingDocument& document, const Options& options,
                                const GenerationResult& generated, const AdviceAsker& ask);

}  // namespace godwit::codegen
