// Anthropic messages API: the answer schema becomes the input schema of one tool the
// model is forced to call (tool_choice), so the answer arrives as the tool's JSON input.
#pragma once

#include "llm/provider.hpp"

namespace godwit::llm {

class AnthropicProvider final : public Provider {
 public:
  explicit AnthropicProvider(LlmSettings settings) : settings_(std::move(settings)) {}
  ProviderKind kind() const override { return ProviderKind::kAnthropic; }
  CompletionOutcome complete(const CompletionRequest& request) override;

  /// The request body sent to /messages (public for tests and docs).
  static nlohmann::json request_body(const CompletionRequest& request);

  static constexpr const char* kApiVersion = "2023-06-01";

 private:
  LlmSettings settings_;
};

}  // namespace godwit::llm
