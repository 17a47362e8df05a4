// Validation reports (validation_reports) and their anomalies (data_anomalies): one report
// per finished run, with the job that produced it, the two connections, the options, the
// summary numbers and the whole report document; anomalies are rows of their own so that
// they can be listed by severity and table without reading the document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct ValidationReportRecord {
  std::string id;
  std::string project_id;
  std::optional<std::string> job_id;
  std::optional<std::string> source_connection_id;
  std::optional<std::string> target_connection_id;
  std::string options = "{}";       ///< JSON object: the run options used
  std::string status;               ///< passed | failed (a report exists only for a finished run)
  double overall_accuracy = 100.0;  ///< percent, 0..100
  long long records_tested = 0;
  long long records_failed = 0;
  long long checks_passed = 0;
  long long checks_failed = 0;
  long long checks_errored = 0;
  long long checks_skipped = 0;
  int anomalies = 0;
  int table_count = 0;
  std::string source_engine;
  std::string target_engine;
  double duration_ms = 0;
  std::string report;  ///< the report document (JSON); empty when listed without it
  std::optional<std::string> created_by;
  std::string created_at;
};

struct AnomalyRecord {
  std::string id;
  std::string project_id;
  std::string report_id;
  std::string anomaly_key;  ///< the engine's stable id ("<kind>:<table>:<column>")
  std::string kind;         ///< null_rate_jump | distribution_shift | outlier | ...
  std::string severity;     ///< info | low | medium | high | critical
  int severity_rank = 2;    ///< 0 (info) .. 4 (critical), for ordering
  std::string source_table;
  std::string table;  ///< target table
  std::string column;
  long long count = 0;  ///< affected rows
  std::string explanation;
  std::string evidence = "{}";     ///< JSON
  std::string samples = "[]";      ///< JSON array
  std::string mapping_ids = "[]";  ///< JSON array of strings
  bool masked = true;
  std::string explained_by = "engine";
  int anomaly_rank = 0;        ///< 1 = look at it first; 0 = not ranked (older reports)
  std::string likely_cause;    ///< the engine's cause for this kind of anomaly
  std::string ai_explanation;  ///< the model's explanation when an LLM ranked them
  std::string created_at;
};

struct ValidationReportPage {
  std::vector<ValidationReportRecord> items;
  long long total = 0;
};

struct AnomalyFilter {
  std::string project_id;
  std::string report_id;
  std::vector<std::string> severities;  ///< any of; empty = all
  std::optional<std::string> table;     ///< target table, exact (case-insensitive)
  int limit = 50;
  int offset = 0;
};

struct AnomalyPage {
  std::vector<AnomalyRecord> items;
  long long total = 0;
};

class ValidationReportRepository {
 public:
  explicit ValidationReportRepository(Database& db) : db_(db) {}

  /// Stores a report with its anomalies in one transaction; sets ids and created_at.
  /// Throws Error(kNotFound) when the project no longer exists.
  ValidationReportRecord insert(ValidationReportRecord report,
                                std::vector<AnomalyRecord> anomalies);
  /// With the report document.
  std::optional<ValidationReportRecord> find(const std::string& project_id,
                                             const std::string& report_id);
  /// The newest report of a project, with its document.
  std::optional<ValidationReportRecord> latest(const std::string& project_id);
  /// Newest first, without the documents.
  ValidationReportPage list(const std::string& project_id, int limit, int offset);
  /// Most severe first, then by table, column and kind.
  AnomalyPage anomalies(const AnomalyFilter& filter);

 private:
  Database& db_;
};

/// 0 (info) .. 4 (critical); 2 for an unknown name.
int severity_rank(const std::string& severity);

}  // namespace godwit::store
