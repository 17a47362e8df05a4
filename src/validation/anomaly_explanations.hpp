// Explaining and ranking a report's anomalies. Offline (and whenever a model's answer does
// not check out) the ranking is deterministic — severity, then affected rows, then id —
// and each anomaly keeps the detectors' rule-based explanation, with the likely cause of
// its kind added. When a language model is configured, it is shown the anomalies (sample
// rows only when the project allows it) and its answer is kept only if it is well formed:
// every anomaly exactly once (a permutation: nothing invented, nothing dropped), table and
// column as reported, explanations non-empty, at most kMaxAiExplanation characters, free
// of control characters, markup and instruction-like text. Otherwise the offline result is
// used with a W-VALIDATE-LLM-ANOMALIES warning saying why. The model is reached through a
// callback (the service wires LlmClient::ask with the "explain_validation_anomalies"
// prompt), so this stays engine code: no HTTP here.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"
#include "validation/report.hpp"

namespace godwit::validation {

/// The prompt the callback is expected to use (src/llm/prompts/<name>.md).
inline constexpr std::string_view kAnomalyExplanationPrompt = "explain_validation_anomalies";
/// The longest explanation kept from a model.
inline constexpr std::size_t kMaxAiExplanation = 600;

/// What the model is shown; each piece is user data the prompt fences as such.
struct AnomalyQuestion {
  std::string schema;     ///< the affected target tables, one line each
  std::string anomalies;  ///< one line per anomaly, in the offline ranking's order
  std::string samples;    ///< sample rows per anomaly (sample values: sent only if allowed)
};

/// The callback's answer.
struct AnomalyAnswer {
  bool from_llm = false;  ///< false: no model answered (offline, failure); `answer` ignored
  nlohmann::json answer;  ///< {"anomalies": [{id, table, column, explanation}]}, ranked
  std::string provider;
  std::string model;
  std::string prompt;                   ///< "explain_validation_anomalies@1"
  std::vector<Diagnostic> diagnostics;  ///< passed through (why the model was not used ...)
};

using AnomalyAsker = std::function<AnomalyAnswer(const AnomalyQuestion&)>;

/// The question for `anomalies` (already in the offline order), with the columns of the
/// affected tables from `target`.
AnomalyQuestion anomaly_question(const std::vector<Anomaly>& anomalies,
                                 const schema::Catalog& target);

/// Ranks `report.anomalies` and explains them: sets each anomaly's rank and explanations
/// and the report's anomaly_ranking, in place, and appends diagnostics to the report.
/// `ask` empty: the offline ranking. Never throws on what the model answers.
void explain_anomalies(ValidationReport& report, const schema::Catalog& target,
                       const AnomalyAsker& ask);

/// Whether `target` has the table (column empty) or the column, ignoring case: the catalog
/// check the LLM client runs on an answer's table and column names.
std::function<bool(std::string_view table, std::string_view column)> anomaly_catalog_lookup(
    const schema::Catalog& target);

/// The likely cause of an anomaly of `kind`, in one sentence (the rule-based explanation).
std::string_view likely_cause(std::string_view kind);

}  // namespace godwit::validation
