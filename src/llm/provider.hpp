// One interface over every language-model provider: a request (system and user
// messages, the JSON schema the answer must satisfy, model, temperature, limits) in, a
// parsed JSON answer with its raw text and token usage out — or a classified failure the
// caller can retry or degrade on. Providers never throw for remote problems.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_settings.hpp"

namespace godwit::llm {

enum class Role { kSystem, kUser };

struct ChatMessage {
  Role role = Role::kUser;
  std::string content;
};

struct CompletionRequest {
  std::vector<ChatMessage> messages;
  nlohmann::json answer_schema;  ///< the JSON schema (object) the answer must satisfy
  std::string schema_name;       ///< [a-z0-9_]+, names the schema / tool for the provider
  std::string model;
  double temperature = 0.0;
  int max_tokens = 2048;
  std::chrono::milliseconds timeout{60'000};
};

struct TokenUsage {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t total() const { return input_tokens + output_tokens; }
};

struct CompletionResponse {
  nlohmann::json answer;  ///< parsed JSON, not yet validated against the schema
  std::string raw_text;   ///< the text the model produced (or the tool input, serialised)
  TokenUsage usage;
  std::string provider;
  std::string model;  ///< as reported by the provider, else as requested
};

enum class FailureKind {
  kOffline,      ///< the offline provider: use the deterministic engine
  kTimeout,      ///< no complete answer within the timeout
  kNetwork,      ///< connection refused, TLS failure, reset
  kRateLimited,  ///< HTTP 429
  kServerError,  ///< HTTP 5xx
  kHttpError,    ///< other HTTP status (4xx: bad key, bad request)
  kMalformed,    ///< the reply is not the protocol's JSON or the answer is not JSON
  kTruncated,    ///< the model stopped at max_tokens
  kRefused,      ///< the model refused, or did not call the answer tool
};

std::string_view to_string(FailureKind kind);

struct ProviderFailure {
  FailureKind kind = FailureKind::kOffline;
  std::string message;  ///< safe to show: never contains the API key
  int http_status = 0;
  std::optional<std::chrono::milliseconds> retry_after;
  TokenUsage usage;  ///< tokens the provider billed even though the answer is unusable

  /// Timeouts, network errors, 429 and 5xx are worth another attempt.
  bool retryable() const;
};

ProviderFailure make_failure(FailureKind kind, std::string message, TokenUsage usage = {});

/// Either a response or a failure.
struct CompletionOutcome {
  std::optional<CompletionResponse> response;
  ProviderFailure failure;
  bool ok() const { return response.has_value(); }
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual ProviderKind kind() const = 0;
  /// One attempt, no retries (LlmClient retries). Never throws for remote problems.
  virtual CompletionOutcome complete(const CompletionRequest& request) = 0;
};

/// The provider for `settings` (base URL, key and CA file taken from it).
std::unique_ptr<Provider> make_provider(const LlmSettings& settings);

/// object[key] when it is a string, else "" (remote JSON is never trusted to be typed).
std::string json_string(const nlohmann::json& object, const char* key);

/// Extracts a JSON value from model text: the whole text, or the first fenced ```json
/// block, or the outermost {...}. nullopt when none parses.
std::optional<nlohmann::json> parse_answer_text(std::string_view text);

}  // namespace godwit::llm
