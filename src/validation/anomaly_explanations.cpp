// Ranking and explaining anomalies: the deterministic order and causes, and the checks a
// model's answer must pass before it replaces them.
#include "validation/anomaly_explanations.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "llm/answer_checks.hpp"

namespace godwit::validation {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxEvidenceChars = 400;
constexpr std::size_t kMaxSampleChars = 300;

Diagnostic warning(std::string message) {
  Diagnostic d;
  d.code = "W-VALIDATE-LLM-ANOMALIES";
  d.severity = godwit::Severity::kWarning;
  d.message = std::move(message) +
              "; the anomalies keep the engine's ranking (severity, then affected rows) and "
              "rule-based explanations.";
  return d;
}

std::string one_line(std::string text, std::size_t limit) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (text.size() > limit) text = text.substr(0, limit) + "...";
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// Severity first, then affected rows, then id: the same report always ranks the same.
void rank_offline(std::vector<Anomaly>& anomalies) {
  std::stable_sort(anomalies.begin(), anomalies.end(), [](const Anomaly& a, const Anomaly& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.count != b.count) return a.count > b.count;
    return a.id < b.id;
  });
  for (std::size_t i = 0; i < anomalies.size(); ++i) {
    anomalies[i].rank = i + 1;
    anomalies[i].likely_cause = std::string(likely_cause(anomalies[i].kind));
    anomalies[i].ai_explanation.clear();
    if (anomalies[i].explained_by.empty()) anomalies[i].explained_by = "engine";
  }
}

/// Why the model's answer cannot be used, or empty; on success `order` holds the indexes
/// of `anomalies` in the model's ranking and `texts` the explanations by index.
std::string check_answer(const json& answer, const std::vector<Anomaly>& anomalies,
                         std::vector<std::size_t>& order, std::vector<std::string>& texts) {
  if (!answer.is_object() || !answer.contains("anomalies") || !answer["anomalies"].is_array())
    return "the LLM's answer has no list of anomalies";
  const json& list = answer["anomalies"];
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < anomalies.size(); ++i) by_id[anomalies[i].id] = i;
  texts.assign(anomalies.size(), {});
  std::set<std::size_t> seen;
  for (std::size_t n = 0; n < list.size(); ++n) {
    const json& item = list[n];
    const std::string where = "item " + std::to_string(n + 1);
    if (!item.is_object()) return where + " of the LLM's answer is not an object";
    for (const char* field : {"id", "table", "column", "explanation"})
      if (!item.contains(field) || !item[field].is_string())
        return where + " of the LLM's answer has no text '" + field + "'";
    const std::string id = item["id"].get<std::string>();
    auto it = by_id.find(id);
    if (it == by_id.end())
      return where + " of the LLM's answer names an anomaly the report does not have ('" +
             one_line(id, 80) + "')";
    if (!seen.insert(it->second).second)
      return where + " of the LLM's answer ranks the anomaly " + id + " a second time";
    const Anomaly& a = anomalies[it->second];
    if (!iequals(item["table"].get<std::string>(), a.target_table) ||
        !iequals(item["column"].get<std::string>(), a.target_column))
      return where + " of the LLM's answer puts the anomaly " + id + " on another column";
    const std::string text = item["explanation"].get<std::string>();
    if (text.find_first_not_of(" \t\n") == std::string::npos)
      return where + " of the LLM's answer has an empty explanation";
    if (text.size() > kMaxAiExplanation)
      return where + " of the LLM's answer has an explanation of " + std::to_string(text.size()) +
             " characters (at most " + std::to_string(kMaxAiExplanation) + ")";
    if (auto why = llm::hostile_text_reason(text))
      return "the LLM's explanation of " + id + " was discarded: " + *why;
    if (text.find("<<<") != std::string::npos || text.find(">>>") != std::string::npos)
      return "the LLM's explanation of " + id + " contains a data-fence marker";
    order.push_back(it->second);
    texts[it->second] = text;
  }
  if (order.size() != anomalies.size())
    return "the LLM ranked " + std::to_string(order.size()) + " of the " +
           std::to_string(anomalies.size()) + " anomalies (a ranking must list each once)";
  return {};
}

}  // namespace

std::string_view likely_cause(std::string_view kind) {
  if (kind == "null_rate_jump")
    return "Values were lost on the way: a join that did not match, a failed cast written as "
           "NULL, or a column mapped from the wrong source column.";
  if (kind == "distribution_shift")
    return "The values were transformed differently from the source: a unit or scale change, "
           "a wrong formula, or rows filtered or duplicated by the load.";
  if (kind == "outlier")
    return "A few loaded values are far from the rest: a parsing or unit error on some rows, or "
           "genuine extremes worth confirming in the source.";
  if (kind == "constraint_violation")
    return "The target holds rows its constraints forbid: the load ran without the constraint "
           "enforced, or the source already held such rows.";
  if (kind == "truncated_string")
    return "The target column is shorter than the source values: widen it or trim on purpose.";
  if (kind == "rounded_decimal")
    return "The target type keeps fewer decimals than the source: raise the target scale or "
           "accept the rounding explicitly in the mapping.";
  if (kind == "shifted_timestamp")
    return "Timestamps moved by a fixed offset: a time zone conversion (session time zone or a "
           "TIMESTAMP WITH TIME ZONE column) applied on one side only.";
  return "Compare the source and target values of this column for the rows it names.";
}

std::function<bool(std::string_view, std::string_view)> anomaly_catalog_lookup(
    const schema::Catalog& target) {
  return [&target](std::string_view table, std::string_view column) {
    const schema::Table* t = target.find_table(table);
    if (!t) return false;
    if (column.empty()) return true;
    return std::any_of(t->columns.begin(), t->columns.end(),
                       [&](const schema::Column& c) { return iequals(c.name, column); });
  };
}

AnomalyQuestion anomaly_question(const std::vector<Anomaly>& anomalies,
                                 const schema::Catalog& target) {
  AnomalyQuestion q;
  std::set<std::string> tables;
  for (const Anomaly& a : anomalies) {
    if (tables.insert(a.target_table).second) {
      if (const schema::Table* t = target.find_table(a.target_table)) {
        q.schema += t->name.to_string() + " (";
        for (std::size_t i = 0; i < t->columns.size(); ++i)
          q.schema +=
              (i ? ", " : "") + t->columns[i].name + " " +
              (t->columns[i].type_text.empty() ? std::string("?") : t->columns[i].type_text);
        q.schema += ")\n";
      }
    }
    q.anomalies += a.id + " | " + a.kind + " | " + std::string(to_string(a.severity)) + " | " +
                   a.target_table + " | " + a.target_column + " | " + std::to_string(a.count) +
                   " | " + one_line(a.explanation, 300) + " | " +
                   one_line(a.evidence.is_null() ? "{}" : a.evidence.dump(), kMaxEvidenceChars) +
                   "\n";
    if (a.samples.is_array() && !a.samples.empty())
      q.samples += a.id + (a.masked ? " (masked)" : "") + ": " +
                   one_line(a.samples.dump(), kMaxSampleChars) + "\n";
  }
  return q;
}

void explain_anomalies(ValidationReport& report, const schema::Catalog& target,
                       const AnomalyAsker& ask) {
  report.anomaly_ranking = AnomalyRanking{};
  rank_offline(report.anomalies);
  if (!ask || report.anomalies.empty()) return;
  AnomalyAnswer answer;
  try {
    answer = ask(anomaly_question(report.anomalies, target));
  } catch (const std::exception& e) {
    report.diagnostics.push_back(warning(std::string("the LLM could not be asked: ") + e.what()));
    return;
  }
  for (Diagnostic& d : answer.diagnostics) report.diagnostics.push_back(std::move(d));
  if (!answer.from_llm) return;
  std::vector<std::size_t> order;
  std::vector<std::string> texts;
  if (std::string why = check_answer(answer.answer, report.anomalies, order, texts); !why.empty()) {
    report.diagnostics.push_back(warning(why));
    return;
  }
  const std::string by = "llm:" + answer.provider + "/" + answer.model;
  std::vector<Anomaly> ranked;
  ranked.reserve(order.size());
  for (std::size_t index : order) {
    Anomaly a = std::move(report.anomalies[index]);
    a.ai_explanation = texts[index];
    a.explained_by = by;
    a.rank = ranked.size() + 1;
    ranked.push_back(std::move(a));
  }
  report.anomalies = std::move(ranked);
  report.anomaly_ranking = {true, answer.provider, answer.model, answer.prompt};
}

}  // namespace godwit::validation
