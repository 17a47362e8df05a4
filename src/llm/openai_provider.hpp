// OpenAI chat completions, and every server that speaks the same protocol (Ollama, vLLM,
// llama.cpp server): structured output through response_format json_schema.
#pragma once

#include "llm/provider.hpp"

namespace godwit::llm {

class OpenAiProvider final : public Provider {
 public:
  explicit OpenAiProvider(LlmSettings settings) : settings_(std::move(settings)) {}
  ProviderKind kind() const override { return settings_.provider; }
  CompletionOutcome complete(const CompletionRequest& request) override;

  /// The request body sent to /chat/completions (public for tests and docs).
  static nlohmann::json request_body(const CompletionRequest& request);

 private:
  LlmSettings settings_;
};

}  // namespace godwit::llm
