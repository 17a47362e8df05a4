// LLM token and cost accounting: one row per provider call that billed tokens, summed per
// project or user and month for the monthly limits. Append-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct LlmUsageEntry {
  std::string id;
  std::optional<std::string> project_id;
  std::optional<std::string> user_id;
  std::string month;  ///< "2026-11"
  std::string provider;
  std::string model;
  std::string prompt;  ///< name@version
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t cost_micro_usd = 0;
  std::string outcome;  ///< "ok" or the failure kind
  std::string created_at;
};

struct LlmUsageSum {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t cost_micro_usd = 0;
  std::int64_t calls = 0;
};

class LlmUsageRepository {
 public:
  explicit LlmUsageRepository(Database& db) : db_(db) {}
  /// Fills id and created_at. Throws godwit::Error(kInvalidInput) for a project or user
  /// id that is not a UUID, a month not in YYYY-MM form, or negative counts.
  void append(LlmUsageEntry entry);
  LlmUsageSum project_month(const std::string& project_id, const std::string& month);
  LlmUsageSum user_month(const std::string& user_id, const std::string& month);
  /// A project's calls in `month`, newest first.
  std::vector<LlmUsageEntry> project_entries(const std::string& project_id,
                                             const std::string& month, int limit);

 private:
  LlmUsageSum sum(const char* column, const std::string& id, const std::string& month);
  Database& db_;
};

}  // namespace godwit::store
