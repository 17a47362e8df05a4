// The validation report: every check run between a source and a target (schema, row
// counts, aggregates, keyed diff, orphans, uniqueness, rules, test cases), the anomalies
// found, per-table summaries and overall accuracy; its JSON form (stable, documented in
// docs/validation.md "Report format") and a self-contained HTML rendering. Plain values:
// run.hpp fills it, the CLI prints it, the service stores it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"

namespace godwit::validation {

enum class CheckKind {
  kSchema,
  kRowCount,
  kAggregate,
  kKeyedDiff,
  kOrphans,
  kUniqueness,
  kRule,
  kTestCase
};
enum class CheckStatus { kPassed, kFailed, kError, kSkipped };
/// How bad a failure or an anomaly is (not core's diagnostic severity).
enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

/// "schema", "row_count", "aggregate", "keyed_diff", "orphans", "uniqueness", "rule",
/// "test_case".
std::string_view to_string(CheckKind kind);
/// "passed", "failed", "error", "skipped".
std::string_view to_string(CheckStatus status);
/// "info", "low", "medium", "high", "critical".
std::string_view to_string(Severity severity);
/// The severity named `text` (as to_string writes it), or nullopt.
std::optional<Severity> parse_severity(std::string_view text);
/// The kind / status named `text`, or nullopt.
std::optional<CheckKind> parse_check_kind(std::string_view text);
std::optional<CheckStatus> parse_check_status(std::string_view text);

struct CheckResult {
  /// Stable across runs: "<kind>:<target table>[:<column>][:<rule/test id>]".
  std::string id;
  CheckKind kind = CheckKind::kSchema;
  CheckStatus status = CheckStatus::kPassed;
  Severity severity = Severity::kMedium;  ///< of a failure
  std::string source_table;               ///< QualifiedName text, may be empty
  std::string target_table;
  std::string target_column;             ///< empty for table-level checks
  std::vector<std::string> mapping_ids;  ///< the table/field mappings this check came from
  /// One sentence a person reads: what was compared, what was found, why.
  std::string message;
  nlohmann::json expected;  ///< kind-specific (source side / the rule)
  nlohmann::json actual;    ///< kind-specific (target side / what was found)
  std::uint64_t records_tested = 0;
  std::uint64_t records_failed = 0;
  /// Differing rows / violating rows (values masked unless allowed).
  nlohmann::json samples = nlohmann::json::array();
  double duration_ms = 0;
};

struct Anomaly {
  std::string id;  ///< "<kind>:<target table>:<column>"
  /// null_rate_jump | distribution_shift | outlier | constraint_violation |
  /// truncated_string | rounded_decimal | shifted_timestamp
  std::string kind;
  Severity severity = Severity::kMedium;
  std::string source_table, target_table, target_column;
  std::vector<std::string> mapping_ids;
  std::uint64_t count = 0;  ///< affected rows
  std::string explanation;  ///< one sentence
  nlohmann::json evidence;  ///< numbers: rates, quantiles, KS statistic, z-scores ...
  nlohmann::json samples = nlohmann::json::array();
  bool masked = true;  ///< sample values replaced by shape ("Xxxx 99") unless allowed
  /// "engine", or "llm:<provider>/<model>" when a model's checked explanation is kept in
  /// ai_explanation.
  std::string explained_by;
  /// 1 = look at it first; 0 = not ranked (reports written before ranking existed).
  std::size_t rank = 0;
  /// The rule-based likely cause of this kind of anomaly (anomaly_explanations.hpp).
  std::string likely_cause;
  /// A language model's explanation (ai-generated, checked), or empty.
  std::string ai_explanation;
};

/// Who ranked and explained the anomalies: the deterministic engine (provider "offline")
/// or a language model, with the prompt's name@version.
struct AnomalyRanking {
  bool ai_generated = false;
  std::string provider = "offline";
  std::string model;
  std::string prompt;
};

struct TableSummary {
  std::string source_table, target_table;
  std::vector<std::string> mapping_ids;
  std::string status;  ///< passed | failed | error
  std::uint64_t source_rows = 0, target_rows = 0;
  std::size_t checks_passed = 0, checks_failed = 0, checks_errored = 0;
  std::uint64_t records_tested = 0, records_failed = 0;
  double accuracy = 1.0;  ///< 1 - records_failed/records_tested (1.0 when nothing tested)
};

struct ValidationReport {
  std::string source_engine, target_engine;  ///< "postgres", "mariadb", "sqlite", "odbc"
  /// Over all records tested by row-level checks (keyed diff, rules).
  double overall_accuracy = 1.0;
  std::uint64_t records_tested = 0, records_failed = 0;
  std::size_t checks_passed = 0, checks_failed = 0, checks_errored = 0, checks_skipped = 0;
  std::vector<TableSummary> tables;
  std::vector<CheckResult> checks;
  std::vector<Anomaly> anomalies;  ///< in rank order once explain_anomalies ran
  AnomalyRanking anomaly_ranking;
  /// What could not be checked and why.
  std::vector<Diagnostic> diagnostics;
  double duration_ms = 0;
  bool passed() const { return checks_failed == 0 && checks_errored == 0; }
};

/// The report as JSON: stable, documented in docs/validation.md "Report format".
nlohmann::json to_json(const ValidationReport& report);
/// Reads what to_json wrote (round-trips). Throws godwit::Error(kInvalidInput) naming the
/// field that is missing or of the wrong type.
ValidationReport report_from_json(const nlohmann::json& json);

struct HtmlOptions {
  std::string title;
  std::string generated_at;
};
/// One self-contained HTML page (inline CSS, no scripts, no external assets): summary,
/// per-table status, failing checks with expected/actual and samples, anomalies by
/// severity. Every text from the report is HTML-escaped.
std::string render_html(const ValidationReport& report, const HtmlOptions& options);

}  // namespace godwit::validation
