// The default provider: no network. Every call fails with kOffline, which tells the
// caller to use its deterministic engine.
#pragma once

#include "llm/provider.hpp"

namespace godwit::llm {

class OfflineProvider final : public Provider {
 public:
  ProviderKind kind() const override { return ProviderKind::kOffline; }
  CompletionOutcome complete(const CompletionRequest& request) override;
};

}  // namespace godwit::llm
