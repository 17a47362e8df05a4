// The LLM answer cache (see llm_cache_repository.hpp).
#include "store/repositories/llm_cache_repository.hpp"

#include "core/error.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

bool is_key(const std::string& key) {
  return key.size() == 64 && key.find_first_not_of("0123456789abcdef") == std::string::npos;
}

struct CacheRow {
  std::string key, prompt, provider, model_name, answer, created_at, last_used_at;
  long long input_tokens = 0, output_tokens = 0, hits = 0;

  void bind(detail::Binder& p) {
    p, soci::into(key), soci::into(prompt), soci::into(provider), soci::into(model_name),
        soci::into(answer), soci::into(input_tokens), soci::into(output_tokens), soci::into(hits),
        soci::into(created_at), soci::into(last_used_at);
  }

  LlmCacheEntry model() const {
    return LlmCacheEntry{key,
                         prompt,
                         provider,
                         model_name,
                         answer,
                         input_tokens,
                         output_tokens,
                         hits,
                         detail::timestamp_from_db(created_at),
                         detail::timestamp_from_db(last_used_at)};
  }
};

}  // namespace

std::optional<LlmCacheEntry> LlmCacheRepository::find(const std::string& key) {
  if (!is_key(key)) return std::nullopt;
  Params touch;
  touch.text("key", key).text("now", detail::now_timestamp());
  if (detail::execute(
          db_, "UPDATE llm_cache SET hits = hits + 1, last_used_at = :now WHERE cache_key = :key",
          touch) == 0) {
    return std::nullopt;
  }
  Params params;
  params.text("key", key);
  return detail::query_one<CacheRow>(
      db_,
      "SELECT cache_key, prompt, provider, model, CAST(answer AS TEXT), input_tokens, "
      "output_tokens,"
      " hits, created_at, last_used_at FROM llm_cache WHERE cache_key = :key",
      params);
}

void LlmCacheRepository::put(const LlmCacheEntry& entry) {
  if (!is_key(entry.key)) {
    throw Error(ErrorKind::kInvalidInput, "an LLM cache key is 64 lowercase hex characters");
  }
  detail::require_json(entry.answer_json, "LLM cache answer");
  std::string now = detail::now_timestamp();
  Params params;
  params.text("key", entry.key)
      .text("prompt", entry.prompt)
      .text("provider", entry.provider)
      .text("model", entry.model)
      .text("answer", entry.answer_json)
      .integer("input_tokens", entry.input_tokens)
      .integer("output_tokens", entry.output_tokens)
      .text("created_at", now)
      .text("last_used_at", now);
  detail::execute(
      db_,
      "INSERT INTO llm_cache (cache_key, prompt, provider, model, answer, input_tokens,"
      " output_tokens, hits, created_at, last_used_at) VALUES (:key, :prompt, :provider,"
      " :model, :answer, :input_tokens, :output_tokens, 0, :created_at, :last_used_at)"
      " ON CONFLICT (cache_key) DO UPDATE SET prompt = excluded.prompt,"
      " provider = excluded.provider, model = excluded.model, answer = excluded.answer,"
      " input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,"
      " last_used_at = excluded.last_used_at",
      params);
}

long long LlmCacheRepository::prune_unused_since(const std::string& timestamp) {
  Params params;
  params.text("before", timestamp);
  return detail::execute(db_, "DELETE FROM llm_cache WHERE last_used_at < :before", params);
}

}  // namespace godwit::store
