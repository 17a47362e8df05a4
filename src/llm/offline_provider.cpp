// The offline provider (see offline_provider.hpp).
#include "llm/offline_provider.hpp"

namespace godwit::llm {

CompletionOutcome OfflineProvider::complete(const CompletionRequest&) {
  CompletionOutcome outcome;
  outcome.failure.kind = FailureKind::kOffline;
  outcome.failure.message =
      "no LLM provider is configured (GODWIT_LLM_PROVIDER=offline): use the deterministic engine";
  return outcome;
}

}  // namespace godwit::llm
