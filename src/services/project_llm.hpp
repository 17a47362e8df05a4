// The language-model settings a project's call uses: the server's settings with the
// project's own (provider, model, endpoint, monthly token limit) applied. Every service
// that asks the model builds its client from these, so the rule on the server's API key
// lives in one place.
#pragma once

#include "llm/llm_settings.hpp"
#include "store/repositories/discovery_repository.hpp"

namespace godwit::services {

/// `server` with `project`'s overrides. The server's API key goes only to the server's
/// own provider and endpoint: a project that names another endpoint does not receive it
/// (it would leak to that host).
llm::LlmSettings project_llm_settings(const llm::LlmSettings& server,
                                      const store::ProjectLlmSettings& project);

}  // namespace godwit::services
