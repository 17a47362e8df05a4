// The mapping phase's use cases: running the matching engine as a job, listing its
// suggestions, a person's decisions (approve, reject, custom mappings, edits, undo),
// composite rules, table-mapping coverage, the audit trail, and export / import of the
// whole mapping as CSV (the spreadsheet form) or JSON (the mapping document). Every
// formula is parsed by Godwit's SQL parser and resolved against both catalogs before it
// is stored; re-running the engine replaces only rows still `suggested`, never a
// person's decision. Viewers read; editors and owners decide.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "jobs/job_context.hpp"
#include "jobs/job_queue.hpp"
#include "llm/llm_settings.hpp"
#include "llm/response_cache.hpp"
#include "llm/usage_ledger.hpp"
#include "mapping/model.hpp"
#include "services/content_store.hpp"
#include "services/mapping_catalogs.hpp"
#include "services/project_service.hpp"
#include "store/repositories/file_repository.hpp"
#include "store/repositories/job_repository.hpp"
#include "store/repositories/mapping_audit_repository.hpp"
#include "store/repositories/mapping_repository.hpp"
#include "store/repositories/mapping_rule_repository.hpp"

namespace godwit::services {

inline constexpr const char* kMappingRunJob = "mapping.run";

struct MappingColumn {
  std::string table;
  std::string column;
};

/// A person's mapping, or the fields of an edit (absent fields stay as they are).
struct FieldMappingInput {
  std::optional<std::vector<MappingColumn>> sources;
  std::optional<std::string> target_table;
  std::optional<std::string> target_column;
  std::optional<std::string> transformation;
  std::optional<std::string> formula;
  std::optional<std::string> formula_dialect;
  std::optional<std::string> description;
  std::optional<std::string> status;
  std::optional<double> confidence;
  /// Present: set (null removes). {"entries": [{"from": "'M'", "to": "'male'"}], "otherwise": ...}
  std::optional<nlohmann::json> value_map;
};

/// Decodes a request body into a FieldMappingInput; each wrong field is an error.
FieldMappingInput field_mapping_input(const nlohmann::json& body, std::vector<FieldError>& errors);

struct SuggestionFilter {
  std::optional<std::string> source_table;
  std::optional<std::string> target_table;
  std::vector<std::string> statuses;
  std::vector<std::string> provenances;
  std::optional<double> min_confidence;
  std::optional<double> max_confidence;
  store::FieldMappingSort sort = store::FieldMappingSort::kConfidence;
  bool descending = true;
  int limit = 50;
  int offset = 0;
};

/// Approve or reject: by ids, or every `suggested` rank-1 mapping at or above a
/// confidence (optionally of one table, source or target).
struct Decision {
  std::vector<std::string> ids;
  std::optional<double> min_confidence;
  std::optional<std::string> table;
};

struct DecisionOutcome {
  std::vector<store::FieldMappingRecord> changed;
  int unchanged = 0;                   ///< already in the asked status
  std::vector<std::string> not_found;  ///< ids that name no mapping of the project
};

struct RuleInput {
  std::optional<std::string> id;  ///< present: update that rule
  std::string name;
  std::string description;
  std::string rule_type;  ///< concatenation | split | lookup | value_map
  std::vector<MappingColumn> source_columns;
  std::string target_table;
  std::string target_column;
  std::string transformation;  ///< SQL expression over the source columns
  nlohmann::json definition = nlohmann::json::object();
};

struct ImportOutcome {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

/// What ai-suggestions answered.
struct AiSuggestions {
  bool llm_used = false;
  std::string reason;    ///< why no model was used (offline, not configured, failed)
  std::string provider;  ///< of the model that answered ("" when none did)
  std::string model;
  std::string prompt;  ///< "rank_field_mappings@1"
  bool cached = false;
  /// Suggestions of the answer that were dropped and why, and the client's warnings.
  std::vector<std::string> warnings;
  std::vector<store::FieldMappingRecord> suggestions;
};

/// The catalogs and the whole mapping of a project as the engines read them (codegen,
/// validation, export).
struct MappingSnapshot {
  std::shared_ptr<const MappingCatalogs> catalogs;
  mapping::MappingDocument document;
};

class MappingService {
 public:
  /// `cache` and `ledger` (may be null) are the LLM client's, as discovery's.
  MappingService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                 std::string storage_root, llm::LlmSettings llm,
                 llm::ResponseCache* cache = nullptr, llm::UsageLedger* ledger = nullptr);

  /// Editors: enqueues the mapping.run job.
  store::Job start(const std::string& user_id, const std::string& project_id);
  /// The latest run's job, counts by status, table coverage, the schema files by role.
  nlohmann::json status(const std::string& user_id, const std::string& project_id);
  store::FieldMappingPage suggestions(const std::string& user_id, const std::string& project_id,
                                      const SuggestionFilter& filter);
  store::FieldMappingRecord suggestion(const std::string& user_id, const std::string& project_id,
                                       const std::string& mapping_id);
  DecisionOutcome decide(const std::string& user_id, const std::string& project_id,
                         const Decision& decision, bool approve);
  /// A person's mapping (status manual unless given). A mapping with the same sources and
  /// target already stored is updated (its previous version kept) instead of duplicated.
  store::FieldMappingRecord custom(const std::string& user_id, const std::string& project_id,
                                   const FieldMappingInput& input);
  store::FieldMappingRecord edit(const std::string& user_id, const std::string& project_id,
                                 const std::string& mapping_id, const FieldMappingInput& input);
  /// Restores the version before the last change; kConflict when there is none.
  store::FieldMappingRecord undo(const std::string& user_id, const std::string& project_id,
                                 const std::string& mapping_id);
  std::vector<store::TableMappingRecord> table_mappings(const std::string& user_id,
                                                        const std::string& project_id);
  store::MappingAuditPage audit(const std::string& user_id, const std::string& project_id,
                                const std::optional<std::string>& mapping_id, int limit,
                                int offset);
  std::vector<store::MappingRuleRecord> rules(const std::string& user_id,
                                              const std::string& project_id);
  store::MappingRuleRecord save_rule(const std::string& user_id, const std::string& project_id,
                                     const RuleInput& input);
  std::string export_csv(const std::string& user_id, const std::string& project_id);
  nlohmann::json export_json(const std::string& user_id, const std::string& project_id);
  /// No membership check: for jobs and services that already made it.
  MappingSnapshot engine_inputs(const store::Project& project);
  /// All or nothing: every row is checked first; problems are kUnprocessable with one
  /// field error per row and field ("rows[3].formula").
  ImportOutcome import_csv(const std::string& user_id, const std::string& project_id,
                           const std::string& csv);
  ImportOutcome import_json(const std::string& user_id, const std::string& project_id,
                            const nlohmann::json& document);
  /// The engine's rank-1 suggestions (up to `limit` source columns); with a language model
  /// configured for the project, their top candidates re-ranked, explained and given
  /// formulas by the model, each checked against both catalogs and stored as provenance
  /// "model" (a person's decision is never changed).
  AiSuggestions ai_suggestions(const std::string& user_id, const std::string& project_id,
                               int limit);

  /// The handler of kMappingRunJob.
  nlohmann::json run(jobs::JobContext& context);

  /// The project's catalogs (cached by the files' ids, hashes, roles and dialects).
  std::shared_ptr<const MappingCatalogs> catalogs(const store::Project& project);

 private:
  store::ProjectView require_editor(const std::string& user_id, const std::string& project_id,
                                    const char* action);
  /// Checks `record` against the catalogs; errors are named `prefix` + field.
  void validate(store::FieldMappingRecord& record, const MappingCatalogs& catalogs,
                const std::string& prefix, std::vector<FieldError>& errors);
  /// Applies `input` to `record` (decoding sources and the value map).
  void apply(store::FieldMappingRecord& record, const FieldMappingInput& input,
             const store::Project& project);
  /// Keeps the current version for undo, bumps the version, stamps who and when.
  void begin_change(store::FieldMappingRecord& record, const std::string& user_id);
  std::optional<store::FieldMappingRecord> same_mapping(const std::string& project_id,
                                                        const store::FieldMappingRecord& record);
  /// The table mapping a person's field mapping belongs to (created when missing).
  std::string ensure_table_mapping(const std::string& project_id,
                                   const store::FieldMappingRecord& record);
  void recompute_coverage(const std::string& project_id, const MappingCatalogs& catalogs);
  void record(const std::string& project_id, const std::optional<std::string>& user_id,
              const std::string& action, const std::optional<std::string>& mapping_id,
              const std::optional<nlohmann::json>& before,
              const std::optional<nlohmann::json>& after);
  ImportOutcome import_rows(const std::string& user_id, const store::Project& project,
                            std::vector<store::FieldMappingRecord> rows,
                            const std::vector<std::string>& prefixes);

  store::Database& db_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
  ContentStore content_;
  llm::LlmSettings llm_;
  llm::ResponseCache* llm_cache_ = nullptr;
  llm::UsageLedger* llm_ledger_ = nullptr;
  store::FileRepository files_;
  store::JobRepository jobs_;
  store::MappingRepository mappings_;
  store::MappingRuleRepository rules_;
  store::MappingAuditRepository audit_;
  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const MappingCatalogs>> cache_;
};

}  // namespace godwit::services
