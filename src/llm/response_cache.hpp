// The cache of validated LLM answers, keyed by a SHA-256 of everything that determines
// an answer (provider, endpoint, model, prompt version, messages, schema, temperature,
// max tokens). An interface, so the metadata store can back it; MemoryResponseCache is
// the in-process implementation.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "llm/provider.hpp"

namespace godwit::llm {

struct CachedAnswer {
  nlohmann::json answer;  ///< schema-valid, before the catalog check (re-run on each hit)
  std::string provider;
  std::string model;
  TokenUsage usage;  ///< what the original call cost
};

class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  virtual std::optional<CachedAnswer> find(const std::string& key) = 0;
  virtual void store(const std::string& key, const std::string& prompt_id,
                     const CachedAnswer& answer) = 0;
};

/// Thread-safe, unbounded beyond `max_entries` (oldest key order evicted first).
class MemoryResponseCache final : public ResponseCache {
 public:
  explicit MemoryResponseCache(std::size_t max_entries = 1000) : max_entries_(max_entries) {}
  std::optional<CachedAnswer> find(const std::string& key) override;
  void store(const std::string& key, const std::string& prompt_id,
             const CachedAnswer& answer) override;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::size_t max_entries_;
  std::map<std::string, CachedAnswer> entries_;
  std::vector<std::string> order_;
};

/// The cache key of a request to `settings`' endpoint (hex SHA-256). The API key is not
/// part of it.
std::string cache_key(const LlmSettings& settings, const std::string& prompt_id,
                      const CompletionRequest& request);

}  // namespace godwit::llm
