// The one entry point callers use to ask a language model something: renders a versioned
// prompt, consults the cache and the monthly limits, calls the provider with timeouts and
// retries (exponential backoff with jitter, Retry-After respected), validates the answer
// against the prompt's JSON schema, rejects hostile content, drops references the catalog
// does not know, and accounts tokens and cost. Any failure degrades to the caller's
// deterministic (offline) answer with a warning diagnostic: ask() never throws for a
// provider problem and never returns an unchecked answer.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "llm/answer_checks.hpp"
#include "llm/llm_settings.hpp"
#include "llm/prompt.hpp"
#include "llm/provider.hpp"
#include "llm/response_cache.hpp"
#include "llm/usage_ledger.hpp"

namespace godwit::llm {

struct AskRequest {
  std::string prompt_name;           ///< an embedded prompt, e.g. "infer_relationships"
  std::vector<PromptData> data;      ///< fills the prompt's placeholders
  bool allow_sample_values = false;  ///< the project's setting; false withholds samples
  std::string user_id;
  std::string project_id;
  LlmOverrides overrides;  ///< per-project / per-call settings
  CatalogLookup catalog;   ///< empty: no catalog check (the caller must do one)
  /// The deterministic engine's answer, used whenever the LLM's is not; may be empty,
  /// then a fallback answer is null and the caller runs its engine itself.
  std::function<nlohmann::json()> offline_answer;
};

enum class AnswerSource { kLlm, kCache, kOffline };

std::string_view to_string(AnswerSource source);

/// What produced a result; stored with every AI-generated result.
struct Provenance {
  bool ai_generated = false;
  std::string provider;  ///< "offline" for the deterministic engine
  std::string model;
  std::string prompt_name;
  int prompt_version = 0;
  bool cached = false;
};

nlohmann::json to_json(const Provenance& provenance);

struct AskResult {
  nlohmann::json answer;  ///< checked LLM answer, or the offline answer
  AnswerSource source = AnswerSource::kOffline;
  Provenance provenance;
  TokenUsage usage;  ///< billed by this call (0 on a cache hit)
  int attempts = 0;  ///< provider calls made
  std::vector<Diagnostic> diagnostics;
};

class LlmClient {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  /// `cache` and `ledger` may be null (no caching / no accounting or limits); they must
  /// outlive the client. Thread-safe.
  LlmClient(LlmSettings settings, ResponseCache* cache, UsageLedger* ledger);

  AskResult ask(const AskRequest& request);

  const LlmSettings& settings() const { return settings_; }

  /// Replaces the sleep between retries (tests record the delays instead of waiting).
  void set_sleep(Sleep sleep) { sleep_ = std::move(sleep); }
  /// Replaces the wall clock that decides the accounting month.
  void set_clock(Clock clock) { clock_ = std::move(clock); }

  /// The delay before retry number `retry` (1-based): Retry-After when the provider gave
  /// one, else min(backoff_max, backoff_base * 2^(retry-1)) with its upper half jittered.
  std::chrono::milliseconds retry_delay(const LlmSettings& settings, int retry,
                                        const ProviderFailure& failure);

  /// Requests larger than this (system + user characters) are not sent.
  static constexpr std::size_t kMaxPromptChars = 400'000;

 private:
  std::string current_month() const;

  LlmSettings settings_;
  ResponseCache* cache_;
  UsageLedger* ledger_;
  Sleep sleep_;
  Clock clock_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace godwit::llm
