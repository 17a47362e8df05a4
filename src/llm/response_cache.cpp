// The LLM answer cache (see response_cache.hpp).
#include "llm/response_cache.hpp"

#include <algorithm>

#include "llm/prompt.hpp"

namespace godwit::llm {

std::optional<CachedAnswer> MemoryResponseCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void MemoryResponseCache::store(const std::string& key, const std::string&,
                                const CachedAnswer& answer) {
  std::lock_guard lock(mutex_);
  if (!entries_.contains(key)) {
    order_.push_back(key);
    while (order_.size() > std::max<std::size_t>(1, max_entries_)) {
      entries_.erase(order_.front());
      order_.erase(order_.begin());
    }
  }
  entries_[key] = answer;
}

std::size_t MemoryResponseCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::string cache_key(const LlmSettings& settings, const std::string& prompt_id,
                      const CompletionRequest& request) {
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back({m.role == Role::kSystem ? "system" : "user", m.content});
  }
  std::string base =
      settings.base_url.empty() ? default_base_url(settings.provider) : settings.base_url;
  nlohmann::json material = {{"provider", to_string(settings.provider)},
                             {"base_url", base},
                             {"model", request.model},
                             {"prompt", prompt_id},
                             {"messages", messages},
                             {"schema", request.answer_schema},
                             {"temperature", request.temperature},
                             {"max_tokens", request.max_tokens}};
  return sha256_hex(material.dump());
}

}  // namespace godwit::llm
