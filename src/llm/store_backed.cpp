// Store-backed LLM cache and ledger (see store_backed.hpp).
#include "llm/store_backed.hpp"

#include "store/repositories/llm_cache_repository.hpp"
#include "store/repositories/llm_usage_repository.hpp"

namespace godwit::llm {
namespace {

std::optional<std::string> optional_id(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return id;
}

UsageTotals totals(const store::LlmUsageSum& sum) {
  UsageTotals t;
  t.input_tokens = sum.input_tokens;
  t.output_tokens = sum.output_tokens;
  t.cost_micro_usd = sum.cost_micro_usd;
  t.calls = sum.calls;
  return t;
}

}  // namespace

void StoreUsageLedger::record(const UsageRecord& r) {
  store::LlmUsageEntry entry;
  entry.project_id = optional_id(r.project_id);
  entry.user_id = optional_id(r.user_id);
  entry.month = r.month;
  entry.provider = r.provider;
  entry.model = r.model;
  entry.prompt = r.prompt_id;
  entry.input_tokens = r.usage.input_tokens;
  entry.output_tokens = r.usage.output_tokens;
  entry.cost_micro_usd = r.cost_micro_usd;
  entry.outcome = r.outcome;
  store::LlmUsageRepository(db_).append(std::move(entry));
}

UsageTotals StoreUsageLedger::project_month(const std::string& project_id,
                                            const std::string& month) {
  if (project_id.empty()) return {};
  return totals(store::LlmUsageRepository(db_).project_month(project_id, month));
}

UsageTotals StoreUsageLedger::user_month(const std::string& user_id, const std::string& month) {
  if (user_id.empty()) return {};
  return totals(store::LlmUsageRepository(db_).user_month(user_id, month));
}

std::optional<CachedAnswer> StoreResponseCache::find(const std::string& key) {
  auto entry = store::LlmCacheRepository(db_).find(key);
  if (!entry) return std::nullopt;
  auto answer = nlohmann::json::parse(entry->answer_json, nullptr, false);
  if (answer.is_discarded()) return std::nullopt;
  CachedAnswer cached;
  cached.answer = std::move(answer);
  cached.provider = entry->provider;
  cached.model = entry->model;
  cached.usage.input_tokens = entry->input_tokens;
  cached.usage.output_tokens = entry->output_tokens;
  return cached;
}

void StoreResponseCache::store(const std::string& key, const std::string& prompt_id,
                               const CachedAnswer& answer) {
  store::LlmCacheEntry entry;
  entry.key = key;
  entry.prompt = prompt_id;
  entry.provider = answer.provider;
  entry.model = answer.model;
  entry.answer_json = answer.answer.dump();
  entry.input_tokens = answer.usage.input_tokens;
  entry.output_tokens = answer.usage.output_tokens;
  store::LlmCacheRepository(db_).put(entry);
}

}  // namespace godwit::llm
