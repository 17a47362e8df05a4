// The language-model settings a project's call uses: the server's settings with the
// project's own (provider, model, endpoint, monthly token limit) applied. Every service
// that asks the model builds its client from these, so the rule on the server's API key
// lives in one place.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "llm/llm_client.hpp"
#include "llm/llm_settings.hpp"
#include "store/repositories/discovery_repository.hpp"

namespace godwit::services {

/// `server` with `project`'s overrides. The server's API key goes only to the server's
/// own provider and endpoint: a project that names another endpoint does not receive it
/// (it would leak to that host).
llm::LlmSettings project_llm_settings(const llm::LlmSettings& server,
                                      const store::ProjectLlmSettings& project);

/// A client for the project's calls with its stored settings over `server`; nullptr when
/// the server has no model configured (`server` unset) or the project chose "offline".
std::shared_ptr<llm::LlmClient> project_llm_client(store::Database& db,
                                                   const std::optional<llm::LlmSettings>& server,
                                                   const std::string& project_id,
                                                   llm::ResponseCache* cache,
                                                   llm::UsageLedger* ledger);

}  // namespace godwit::services
