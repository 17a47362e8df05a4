// The language model's part of ai-suggestions, without the model: what it is shown (the
// engine's top candidates and both schemas, as text for fenced data blocks) and the check
// of what it answered. Every suggestion of the answer must name a source column of the
// source catalog and a target column of the target catalog, and its formula must parse in
// the formula dialect and read only the source table's columns; anything else is dropped
// with a diagnostic saying why. Values in, values out (the caller asks the model).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"

namespace godwit::mapping {

/// The prompt's data: one line per table ("customers (id INTEGER, name VARCHAR(40))"),
/// the candidates ("customers.gender -> person.sex | rank 1 | 0.82 | cast | CAST(...)"),
/// and the sample values of the candidates' source columns. Only tables named by a
/// candidate are listed; at most `max_columns_per_table` columns each.
struct ModelPromptData {
  std::string source_schema;
  std::string target_schema;
  std::string candidates;
  std::string samples;
};
ModelPromptData model_prompt_data(const std::vector<FieldMapping>& candidates,
                                  const schema::Catalog& source, const schema::Catalog& target,
                                  std::size_t max_columns_per_table = 200);

struct ModelAnswerCheck {
  /// Accepted suggestions: provenance kModel, `model` set, rank as the model ranked them
  /// (renumbered 1.. per source column), the engine's calibrated confidence when the pair
  /// was one of its candidates (the model's own confidence is evidence "model"), formula
  /// and transformation from the model when it gave a formula, else the engine's.
  std::vector<FieldMapping> accepted;
  /// One W-MAPPING-LLM-* per dropped suggestion (unknown table or column, bad formula,
  /// duplicate) or E-MAPPING-LLM-ANSWER when the answer's shape is wrong.
  std::vector<Diagnostic> diagnostics;
};

/// Checks the model's answer ({"suggestions": [...]}, see the rank_field_mappings prompt)
/// against both catalogs and the engine's `candidates`. `model` is the label stored with
/// each accepted suggestion ("openai/gpt-4o-mini/rank_field_mappings@1"). A pair the
/// engine did not propose keeps at most half the model's confidence and says so.
ModelAnswerCheck check_model_answer(const nlohmann::json& answer,
                                    const std::vector<FieldMapping>& candidates,
                                    const schema::Catalog& source, const schema::Catalog& target,
                                    std::string_view formula_dialect, const std::string& model);

}  // namespace godwit::mapping
