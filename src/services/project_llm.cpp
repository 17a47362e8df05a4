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

}  // namespace godwit::services
