// LLM usage accounting (see usage_ledger.hpp).
#include "llm/usage_ledger.hpp"

#include <cmath>

namespace godwit::llm {
namespace {

void add(UsageTotals& totals, const UsageRecord& r) {
  totals.input_tokens += r.usage.input_tokens;
  totals.output_tokens += r.usage.output_tokens;
  totals.cost_micro_usd += r.cost_micro_usd;
  totals.calls += 1;
}

}  // namespace

void MemoryUsageLedger::record(const UsageRecord& record) {
  std::lock_guard lock(mutex_);
  records_.push_back(record);
}

UsageTotals MemoryUsageLedger::project_month(const std::string& project_id,
                                             const std::string& month) {
  std::lock_guard lock(mutex_);
  UsageTotals totals;
  for (const UsageRecord& r : records_) {
    if (r.project_id == project_id && r.month == month) add(totals, r);
  }
  return totals;
}

UsageTotals MemoryUsageLedger::user_month(const std::string& user_id, const std::string& month) {
  std::lock_guard lock(mutex_);
  UsageTotals totals;
  for (const UsageRecord& r : records_) {
    if (r.user_id == user_id && r.month == month) add(totals, r);
  }
  return totals;
}

std::vector<UsageRecord> MemoryUsageLedger::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

std::int64_t cost_micro_usd(const LlmSettings& s, const TokenUsage& usage) {
  // USD per million tokens == micro-USD per token.
  double micro = static_cast<double>(usage.input_tokens) * s.usd_per_million_input_tokens +
                 static_cast<double>(usage.output_tokens) * s.usd_per_million_output_tokens;
  return static_cast<std::int64_t>(std::ceil(micro));
}

}  // namespace godwit::llm
