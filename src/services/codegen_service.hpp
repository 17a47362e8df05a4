// Code generation for a project: runs the generators of src/codegen on the project's
// catalogs and approved mappings, verifies every file by parsing it back, and stores the
// result as a new version per platform with its optimisation advice. Generation of all
// platforms runs as the "codegen.run" job (progress on the event stream); one platform
// can also be generated at once (it takes well under a second for a thousand tables).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "codegen/llm_advice.hpp"
#include "jobs/job_context.hpp"
#include "jobs/job_queue.hpp"
#include "llm/llm_settings.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "services/project_service.hpp"
#include "store/repositories/codegen_repository.hpp"

namespace godwit::llm {
class ResponseCache;
class UsageLedger;
}  // namespace godwit::llm

namespace godwit::services {

inline constexpr const char* kCodegenJob = "codegen.run";

/// What the generators read for a project: both catalogs and the mapping document.
struct CodegenInputs {
  schema::Catalog source;
  schema::Catalog target;
  mapping::MappingDocument document;
};

/// Builds the inputs of a project (from its schema files and stored mappings). Throws
/// godwit::Error(kConflict) when the project has nothing to generate from yet.
using CodegenInputsLoader = std::function<CodegenInputs(const store::Project& project)>;

/// A zip of generated files.
struct CodeArchive {
  std::string filename;
  std::string bytes;
};

class CodegenService {
 public:
  CodegenService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                 CodegenInputsLoader loader);

  /// Editors: queues generation of `platforms` (default: bigquery, databricks, beam, dbt)
  /// with `options`. 409 while a generation job of the project is queued or running.
  store::Job start(const std::string& user_id, const std::string& project_id,
                   const nlohmann::json& body);
  /// {state, job, platforms: {name: latest generation summary | null}}
  nlohmann::json status(const std::string& user_id, const std::string& project_id);
  /// Editors: generates one platform now; returns the stored generation with its files.
  nlohmann::json generate(const std::string& user_id, const std::string& project_id,
                          const nlohmann::json& body);
  /// Files of the latest generation of `platform` (or of `generation_id`), without
  /// content unless asked; every platform's latest when `platform` is empty.
  nlohmann::json codes(const std::string& user_id, const std::string& project_id,
                       const std::string& platform, const std::string& generation_id,
                       bool with_content);
  /// One file with its content, provenance and verification.
  store::GeneratedCode code(const std::string& user_id, const std::string& project_id,
                            const std::string& code_id);
  /// The generations of a project, newest first (history).
  nlohmann::json generations(const std::string& user_id, const std::string& project_id,
                             const std::string& platform);
  /// Every file of the latest generation of `platform`, or of every platform, zipped.
  CodeArchive archive(const std::string& user_id, const std::string& project_id,
                      const std::string& platform);
  /// The advice of the latest generation of `platform` (every platform when empty).
  nlohmann::json optimizations(const std::string& user_id, const std::string& project_id,
                               const std::string& platform);
  /// Editors: regenerates `platform` with the given advice applied (and the advice
  /// applied before); returns the new generation.
  nlohmann::json optimize(const std::string& user_id, const std::string& project_id,
                          const nlohmann::json& body);
  /// Parses every SQL file of the latest generation(s) again and stores the result.
  nlohmann::json validate(const std::string& user_id, const std::string& project_id,
                          const nlohmann::json& body);

  /// The handler of kCodegenJob.
  nlohmann::json run(jobs::JobContext& context);

  /// From now on, each generation also asks the project's language model (its LLM
  /// settings; none while they say "offline") for advice beyond the rules'
  /// (codegen/llm_advice.hpp); only checked suggestions are stored, as ai_generated.
  /// `cache` and `ledger` may be null and must outlive the service.
  void set_llm(llm::LlmSettings base, llm::ResponseCache* cache, llm::UsageLedger* ledger);

 private:
  struct Request {
    std::vector<codegen::Platform> platforms;
    codegen::Options options;
  };
  Request read_request(const nlohmann::json& body, bool one_platform) const;
  store::ProjectView require_editor(const std::string& user_id, const std::string& project_id,
                                    const char* action);
  store::CodeGeneration generate_and_store(const store::Project& project,
                                           const CodegenInputs& inputs, codegen::Platform platform,
                                           const codegen::Options& options,
                                           const std::optional<std::string>& user_id);
  nlohmann::json generation_json(const store::CodeGeneration& generation, bool with_files,
                                 bool with_content);

  /// The callback asking the project's model, or empty (offline / not configured).
  codegen::AdviceAsker llm_asker(const store::Project& project, const schema::Catalog& target,
                                 const std::optional<std::string>& user_id) const;

  store::Database& db_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
  CodegenInputsLoader loader_;
  store::CodegenRepository repository_;
  std::optional<llm::LlmSettings> llm_base_;
  llm::ResponseCache* llm_cache_ = nullptr;
  llm::UsageLedger* llm_ledger_ = nullptr;
};

/// Options as JSON (what a generation stores and the API returns).
nlohmann::json options_json(const codegen::Options& options);

}  // namespace godwit::services
