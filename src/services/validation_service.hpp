// Validation of a project against its live databases: starts the "validation.run" job
// (both connections opened, the checks derived from the approved mappings, the project's
// enabled rules and test cases run, the report and its anomalies stored), answers the
// status, the report history, one report with its checks and anomalies, and exports a
// report as JSON or self-contained HTML. Also the project's data-quality rules (checked
// by the parser and against the target catalog before they are stored) and test cases,
// which can be run one at a time synchronously.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"
#include "jobs/job_queue.hpp"
#include "llm/llm_settings.hpp"
#include "services/connection_service.hpp"
#include "services/mapping_service.hpp"
#include "services/project_service.hpp"
#include "store/repositories/validation_report_repository.hpp"
#include "store/repositories/validation_rule_repository.hpp"
#include "store/repositories/validation_test_repository.hpp"
#include "validation/anomaly_explanations.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::llm {
class ResponseCache;
class UsageLedger;
}  // namespace godwit::llm

namespace godwit::services {

inline constexpr const char* kValidationJob = "validation.run";

/// The catalogs and mapping of a project (MappingService::engine_inputs).
using ValidationSnapshotLoader = std::function<MappingSnapshot(const store::Project& project)>;
/// Opens a database (validation::connect; tests may count connections).
using ConnectorFactory =
    std::function<std::unique_ptr<validation::Connector>(const validation::ConnectionSpec&)>;

/// A report rendered for download.
struct ReportExport {
  std::string filename;
  std::string content_type;
  std::string body;
};

/// Filters of GET /validation/reports/{id}/checks.
struct CheckFilter {
  std::vector<std::string> statuses;  ///< passed | failed | error | skipped; empty = all
  std::vector<std::string> kinds;     ///< schema | row_count | ...; empty = all
  std::optional<std::string> table;   ///< target or source table, case-insensitive
  int limit = 100;
  int offset = 0;
};

struct ValidationSettings {
  /// Statement timeout of a test case run synchronously by POST .../run.
  int test_statement_timeout_ms = 30000;
  /// Test cases one POST /validation/test runs at most.
  std::size_t max_tests_per_request = 20;
};

class ValidationService {
 public:
  ValidationService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                    ConnectionService& connections, ValidationSnapshotLoader loader,
                    ConnectorFactory connector_factory = {}, ValidationSettings settings = {});

  /// Editors: queues a run. Body: source_connection_id, target_connection_id, options.
  /// 422 for bad input (every field error), 404 for an unknown connection, 409 when no
  /// mapping is approved or a run of the project is already queued or running.
  store::Job start(const std::string& user_id, const std::string& project_id,
                   const nlohmann::json& body);
  /// {state, job, latest_report: summary | null}
  nlohmann::json status(const std::string& user_id, const std::string& project_id);
  /// History, newest first: {items: [summary], total, limit, offset}.
  nlohmann::json reports(const std::string& user_id, const std::string& project_id, int limit,
                         int offset);
  /// Summary + the report document; `report_id` "latest" is the newest report.
  nlohmann::json report(const std::string& user_id, const std::string& project_id,
                        const std::string& report_id);
  /// `format`: json | html.
  ReportExport export_report(const std::string& user_id, const std::string& project_id,
                             const std::string& report_id, const std::string& format);
  /// The checks of a report, filtered; failing checks carry links to their mappings and
  /// to the generated files whose lines came from those mappings.
  nlohmann::json checks(const std::string& user_id, const std::string& project_id,
                        const std::string& report_id, const CheckFilter& filter);
  /// Anomalies of a report ("latest" when empty), most severe first.
  nlohmann::json anomalies(const std::string& user_id, const std::string& project_id,
                           const std::string& report_id, const std::vector<std::string>& severities,
                           const std::optional<std::string>& table, int limit, int offset);

  nlohmann::json rules(const std::string& user_id, const std::string& project_id);
  nlohmann::json rule(const std::string& user_id, const std::string& project_id,
                      const std::string& rule_id);
  /// Editors. 422 with the parser's / catalog check's diagnostics as field errors.
  nlohmann::json create_rule(const std::string& user_id, const std::string& project_id,
                             const nlohmann::json& body);
  /// Editors. Absent fields keep their value.
  nlohmann::json update_rule(const std::string& user_id, const std::string& project_id,
                             const std::string& rule_id, const nlohmann::json& body);
  void delete_rule(const std::string& user_id, const std::string& project_id,
                   const std::string& rule_id);

  nlohmann::json tests(const std::string& user_id, const std::string& project_id);
  nlohmann::json test(const std::string& user_id, const std::string& project_id,
                      const std::string& test_id);
  nlohmann::json create_test(const std::string& user_id, const std::string& project_id,
                             const nlohmann::json& body);
  nlohmann::json update_test(const std::string& user_id, const std::string& project_id,
                             const std::string& test_id, const nlohmann::json& body);
  void delete_test(const std::string& user_id, const std::string& project_id,
                   const std::string& test_id);
  /// Editors: runs one test case now against the two connections of the body (default:
  /// those of the latest report), stores and returns its result.
  nlohmann::json run_test(const std::string& user_id, const std::string& project_id,
                          const std::string& test_id, const nlohmann::json& body);
  /// Editors: runs the test cases listed in body.test_ids (default: all) one after another.
  nlohmann::json run_tests(const std::string& user_id, const std::string& project_id,
                           const nlohmann::json& body);

  /// The handler of kValidationJob.
  nlohmann::json run(jobs::JobContext& context);

  /// From now on, each run also asks the project's language model (its LLM settings; none
  /// while they say "offline") to explain and rank the anomalies
  /// (validation/anomaly_explanations.hpp); only a checked answer is stored, marked
  /// ai_generated with provider, model and prompt version. `cache` and `ledger` may be
  /// null and must outlive the service.
  void set_llm(llm::LlmSettings base, llm::ResponseCache* cache, llm::UsageLedger* ledger);

 private:
  struct Connections {
    std::string source_id;
    std::string target_id;
  };
  store::ProjectView require_editor(const std::string& user_id, const std::string& project_id,
                                    const char* action);
  store::ValidationReportRecord find_report(const std::string& project_id,
                                            const std::string& report_id);
  Connections test_connections(const store::Project& project, const nlohmann::json& body);
  nlohmann::json run_one_test(const std::string& user_id, const store::Project& project,
                              const store::ValidationTestRecord& test,
                              validation::Connector& source, validation::Connector& target);
  std::unique_ptr<validation::Connector> open(const validation::ConnectionSpec& spec,
                                              const char* side);
  validation::AnomalyAsker llm_asker(const store::Project& project, const schema::Catalog& target,
                                     const std::string& user_id, bool allow_sample_values) const;

  store::Database& db_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
  ConnectionService& connections_;
  ValidationSnapshotLoader loader_;
  ConnectorFactory connect_;
  ValidationSettings settings_;
  store::ValidationReportRepository reports_;
  store::ValidationRuleRepository rules_;
  store::ValidationTestRepository tests_;
  std::optional<llm::LlmSettings> llm_base_;
  llm::ResponseCache* llm_cache_ = nullptr;
  llm::UsageLedger* llm_ledger_ = nullptr;
};

}  // namespace godwit::services
