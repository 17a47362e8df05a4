// The LLM answer cache in the metadata store, shared by every godwit process on one
// database: schema-valid answers keyed by the hex SHA-256 of the request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace godwit::store {

struct LlmCacheEntry {
  std::string key;     ///< 64 hex characters
  std::string prompt;  ///< name@version
  std::string provider;
  std::string model;
  std::string answer_json;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t hits = 0;
  std::string created_at;
  std::string last_used_at;
};

class LlmCacheRepository {
 public:
  explicit LlmCacheRepository(Database& db) : db_(db) {}
  /// The entry for `key` (counting the hit), or nullopt.
  std::optional<LlmCacheEntry> find(const std::string& key);
  /// Inserts or replaces the entry. Throws godwit::Error(kInvalidInput) for a key that is
  /// not 64 hex characters or an answer that is not JSON.
  void put(const LlmCacheEntry& entry);
  /// Deletes entries last used before `timestamp` (stored form); returns how many.
  long long prune_unused_since(const std::string& timestamp);

 private:
  Database& db_;
};

}  // namespace godwit::store
