// Discovery as a product: the "discovery.run" job (parse the project's files, merge them
// into one catalog, find relationships, lineage roles, complexity, findings and domains,
// store a versioned snapshot), and the reads the API offers over the latest snapshot
// (status, history, tables, one table, diagnostics, the lineage graph with filters and
// focus), node positions, analysis with the project's LLM settings, and those settings.
// Members read; editors and owners start, move nodes, analyse and change settings.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"
#include "jobs/job_queue.hpp"
#include "llm/llm_client.hpp"
#include "services/content_store.hpp"
#include "services/project_service.hpp"
#include "store/repositories/discovery_repository.hpp"
#include "store/repositories/file_repository.hpp"
#include "store/repositories/job_repository.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::services {

inline constexpr const char* kDiscoveryJob = "discovery.run";

struct DiscoveryStartInput {
  std::optional<std::vector<std::string>> files;  ///< absent: every stored or parsed file
  std::optional<std::string> connection_id;
};

struct DiscoveryStart {
  store::Job job;
  int snapshot_version = 0;  ///< the version the run will store
};

struct DiscoveryStatus {
  std::string state;  ///< idle | queued | running | succeeded | failed | cancelled
  std::optional<store::Job> job;
  std::optional<store::SnapshotSummary> latest;
};

struct TableListInput {
  std::string search;
  std::string schema;
  int limit = 100;
  int offset = 0;
};

struct DiagnosticListInput {
  std::string severity;  ///< error | warning | info; empty: all
  std::string file;      ///< exact file name; empty: all
  int limit = 100;
  int offset = 0;
};

struct GraphInput {
  std::string focus;  ///< table id, or name ("schema.table" or "table")
  int depth = 1;
  std::string schema;
  std::string search;
  bool columns = false;
  int limit = 300;
};

struct LlmSettingsInput {
  std::optional<std::string> provider;
  std::optional<std::optional<std::string>> model;
  std::optional<std::optional<std::string>> base_url;
  std::optional<bool> allow_sample_values;
  std::optional<long long> monthly_token_limit;
};

/// The full spec of a project's saved connection (password included) for a member;
/// throws godwit::Error(kNotFound) for an unknown id.
using ConnectionSpecSource = std::function<validation::ConnectionSpec(
    const std::string& user_id, const std::string& project_id, const std::string& connection_id)>;

class DiscoveryService {
 public:
  /// Where discovery from a live database gets its connection (the connection service);
  /// without one, starting with `connection_id` is refused.
  void set_connection_source(ConnectionSpecSource source) { connections_ = std::move(source); }

  /// `llm_base` holds the server's LLM settings (GODWIT_LLM_*), over which each project's
  /// settings apply; `cache` and `ledger` may be null.
  DiscoveryService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                   std::string storage_root, llm::LlmSettings llm_base, llm::ResponseCache* cache,
                   llm::UsageLedger* ledger);
  ~DiscoveryService();

  /// Editors and owners. kConflict while a discovery job is queued or running;
  /// kUnprocessable when there is nothing to discover or a file id is unknown.
  DiscoveryStart start(const std::string& user_id, const std::string& project_id,
                       const DiscoveryStartInput& input);
  DiscoveryStatus status(const std::string& user_id, const std::string& project_id);
  std::pair<std::vector<store::SnapshotSummary>, long long> snapshots(const std::string& user_id,
                                                                      const std::string& project_id,
                                                                      int limit, int offset);
  /// {"items":[table summary], "total", "limit", "offset", "snapshot":{id,version}}
  nlohmann::json tables(const std::string& user_id, const std::string& project_id,
                        const TableListInput& input);
  nlohmann::json table(const std::string& user_id, const std::string& project_id,
                       const std::string& table_id);
  nlohmann::json diagnostics(const std::string& user_id, const std::string& project_id,
                             const DiagnosticListInput& input);
  nlohmann::json lineage_graph(const std::string& user_id, const std::string& project_id,
                               const GraphInput& input);
  /// Editors and owners; kUnprocessable naming node ids not in the latest snapshot.
  void save_positions(const std::string& user_id, const std::string& project_id,
                      const std::vector<store::NodePosition>& positions);
  /// Editors and owners. `use_llm` absent: the project's setting (a provider other than
  /// offline). Stores domains and AI relationships on the latest snapshot.
  nlohmann::json analyze(const std::string& user_id, const std::string& project_id,
                         std::optional<bool> use_llm);

  store::ProjectLlmSettings llm_settings(const std::string& user_id, const std::string& project_id);
  /// Editors and owners; kInvalidInput naming each bad field.
  store::ProjectLlmSettings save_llm_settings(const std::string& user_id,
                                              const std::string& project_id,
                                              const LlmSettingsInput& input);

  /// The handler of kDiscoveryJob.
  nlohmann::json run(jobs::JobContext& context);

  struct SnapshotGraph;

 private:
  ConnectionSpecSource connections_;
  store::SnapshotSummary require_snapshot(const std::string& project_id);
  std::shared_ptr<const SnapshotGraph> graph_of(const store::SnapshotSummary& snapshot);
  /// Caches `graph` as its snapshot's only cached revision.
  void remember(std::shared_ptr<const SnapshotGraph> graph);
  nlohmann::json analyze_snapshot(const store::SnapshotSummary& snapshot,
                                  const std::string& user_id, const std::string& project_id,
                                  bool use_llm);

  store::Database& db_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
  ContentStore content_;
  llm::LlmSettings llm_base_;
  llm::ResponseCache* llm_cache_;
  llm::UsageLedger* llm_ledger_;
  store::DiscoveryRepository discovery_;
  store::FileRepository files_;
  store::JobRepository jobs_;
  std::mutex cache_mutex_;
  std::vector<std::shared_ptr<const SnapshotGraph>> cache_;  ///< most recent first
};

}  // namespace godwit::services
