// Token and cost accounting of LLM calls per user and project and month, and the monthly
// limits checked before each call. An interface, so the metadata store can back it;
// MemoryUsageLedger is the in-process implementation.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "llm/llm_settings.hpp"
#include "llm/provider.hpp"

namespace godwit::llm {

struct UsageRecord {
  std::string user_id;     ///< "" when no user is known (e.g. a system job)
  std::string project_id;  ///< "" outside a project
  std::string month;       ///< "2026-11" (UTC)
  std::string provider;
  std::string model;
  std::string prompt_id;  ///< name@version
  TokenUsage usage;
  std::int64_t cost_micro_usd = 0;
  std::string outcome;  ///< "ok", or the failure kind ("schema_violation", "timeout", ...)
};

struct UsageTotals {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t cost_micro_usd = 0;
  std::int64_t calls = 0;
  std::int64_t tokens() const { return input_tokens + output_tokens; }
};

class UsageLedger {
 public:
  virtual ~UsageLedger() = default;
  virtual void record(const UsageRecord& record) = 0;
  virtual UsageTotals project_month(const std::string& project_id, const std::string& month) = 0;
  virtual UsageTotals user_month(const std::string& user_id, const std::string& month) = 0;
};

class MemoryUsageLedger final : public UsageLedger {
 public:
  void record(const UsageRecord& record) override;
  UsageTotals project_month(const std::string& project_id, const std::string& month) override;
  UsageTotals user_month(const std::string& user_id, const std::string& month) override;
  std::vector<UsageRecord> records() const;

 private:
  mutable std::mutex mutex_;
  std::vector<UsageRecord> records_;
};

/// Cost of `usage` at the settings' prices, in millionths of a US dollar (rounded up).
std::int64_t cost_micro_usd(const LlmSettings& settings, const TokenUsage& usage);

}  // namespace godwit::llm
