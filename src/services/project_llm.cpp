// A project's language-model settings over the server's (see project_llm.hpp).
#include "services/project_llm.hpp"

namespace godwit::services {

llm::LlmSettings project_llm_settings(const llm::LlmSettings& server,
                                      const store::ProjectLlmSettings& project) {
  llm::LlmOverrides overrides;
  overrides.provider = llm::parse_provider_kind(project.provider);
  if (project.model) overrides.model = *project.model;
  if (project.base_url) overrides.base_url = *project.base_url;
  if (project.monthly_token_limit > 0) {
    overrides.project_monthly_token_limit = project.monthly_token_limit;
  }
  llm::LlmSettings effective = llm::apply_overrides(server, overrides);
  if (effective.provider != server.provider || effective.base_url != server.base_url) {
    effective.api_key.clear();
  }
  return effective;
}

std::shared_ptr<llm::LlmClient> project_llm_client(store::Database& db,
                                                   const std::optional<llm::LlmSettings>& server,
                                                   const std::string& project_id,
                                                   llm::ResponseCache* cache,
                                                   llm::UsageLedger* ledger) {
  if (!server) return nullptr;
  const store::ProjectLlmSettings settings =
      store::DiscoveryRepository(db).llm_settings(project_id);
  if (settings.provider == "offline") return nullptr;
  return std::make_shared<llm::LlmClient>(project_llm_settings(*server, settings), cache, ledger);
}

}  // namespace godwit::services
