// The JSON form of the mapping document (documented field by field in
// docs/mapping-format.md). Reading never throws on bad input: every problem becomes a
// diagnostic whose message starts with the JSON path of the offending value
// ("/fields/3/confidence: ...") and says what was expected.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/model.hpp"

namespace godwit::mapping {

/// {"format_version", "source", "target", "formula_dialect", "tables", "fields"}; optional
/// members (value_map, otherwise) are omitted when absent, so the same document prints the
/// same bytes.
nlohmann::json to_json(const MappingDocument& document);
nlohmann::json to_json(const FieldMapping& field);
nlohmann::json to_json(const TableMapping& table);

/// Reads a document; problems are appended to `errors` (code "E-MAPPING-JSON", severity
/// error) and the offending member is skipped or left at its default. Unknown keys are
/// ignored (newer writers may add keys). The result is meaningful only when no error was
/// added.
MappingDocument mapping_from_json(const nlohmann::json& json, std::vector<Diagnostic>& errors);

}  // namespace godwit::mapping
