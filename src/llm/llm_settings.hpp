// How Godwit talks to a language model: which provider, which model, limits, retries and
// prices. Read from GODWIT_LLM_* environment variables and overridable per project or per
// call; the default provider is `offline`, which never touches the network.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace godwit::llm {

/// The wire protocols Godwit speaks. kOffline answers every call with "use the
/// deterministic engine".
enum class ProviderKind { kOffline, kOpenAi, kAnthropic, kOpenAiCompatible };

std::string_view to_string(ProviderKind kind);
/// Accepts offline, openai, anthropic, openai-compatible (also "compatible", "ollama",
/// "vllm", "llamacpp" as names of OpenAI-compatible servers); nullopt otherwise.
std::optional<ProviderKind> parse_provider_kind(std::string_view text);

struct LlmSettings {
  ProviderKind provider = ProviderKind::kOffline;
  std::string model;     ///< empty: the provider's default (see default_model)
  std::string base_url;  ///< empty: the provider's public endpoint; required for compatible
  std::string api_key;   ///< never logged, never part of a cache key
  std::string ca_file;   ///< optional CA bundle for TLS to the provider
  double temperature = 0.0;
  int max_tokens = 2048;
  std::chrono::milliseconds timeout{60'000};  ///< per attempt, whole request
  int max_attempts = 3;                       ///< first try included
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_max{20'000};
  std::chrono::milliseconds max_retry_after{30'000};  ///< a longer Retry-After gives up
  bool cache = true;
  std::int64_t project_monthly_token_limit = 0;           ///< 0: unlimited
  std::int64_t user_monthly_token_limit = 0;              ///< 0: unlimited
  std::int64_t project_monthly_cost_limit_micro_usd = 0;  ///< 0: unlimited
  double usd_per_million_input_tokens = 0.0;              ///< price used for cost accounting
  double usd_per_million_output_tokens = 0.0;
};

/// Per-project or per-call changes to the process-wide settings; unset fields keep the
/// base value. The API key is deliberately not overridable here (secrets stay in the
/// environment or the encrypted credential store).
struct LlmOverrides {
  std::optional<ProviderKind> provider;
  std::optional<std::string> model;
  std::optional<std::string> base_url;
  std::optional<double> temperature;
  std::optional<int> max_tokens;
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<int> max_attempts;
  std::optional<std::int64_t> project_monthly_token_limit;
  std::optional<std::int64_t> user_monthly_token_limit;
};

LlmSettings apply_overrides(LlmSettings base, const LlmOverrides& overrides);

/// The model used when `settings.model` is empty: a current small model of the provider,
/// or "" for offline and compatible servers (which must be told a model).
std::string default_model(ProviderKind kind);

/// The base URL used when `settings.base_url` is empty ("" for compatible servers).
std::string default_base_url(ProviderKind kind);

/// Reads the GODWIT_LLM_* variables over `base`. Throws godwit::Error(kInvalidInput)
/// naming the variable and the accepted values for a malformed value.
LlmSettings llm_settings_from_environment(LlmSettings base = {});

/// Checks that the settings can make a call (model and base URL known, key present where
/// the provider needs one); returns the problem in words, or "" when usable.
std::string settings_problem(const LlmSettings& settings);

}  // namespace godwit::llm
