// The LLM cache and usage ledger kept in the metadata store, so limits and cached answers
// hold across restarts and across every godwit process on one database. A separate
// target (godwit_llm_store), so godwit_llm itself stays free of the store.
#pragma once

#include "llm/response_cache.hpp"
#include "llm/usage_ledger.hpp"
#include "store/database.hpp"

namespace godwit::llm {

class StoreUsageLedger final : public UsageLedger {
 public:
  explicit StoreUsageLedger(store::Database& db) : db_(db) {}
  /// Empty project or user ids are stored as NULL; other ids must be UUIDs.
  void record(const UsageRecord& record) override;
  UsageTotals project_month(const std::string& project_id, const std::string& month) override;
  UsageTotals user_month(const std::string& user_id, const std::string& month) override;

 private:
  store::Database& db_;
};

class StoreResponseCache final : public ResponseCache {
 public:
  explicit StoreResponseCache(store::Database& db) : db_(db) {}
  /// A stored answer that is no longer JSON reads as a miss.
  std::optional<CachedAnswer> find(const std::string& key) override;
  void store(const std::string& key, const std::string& prompt_id,
             const CachedAnswer& answer) override;

 private:
  store::Database& db_;
};

}  // namespace godwit::llm
