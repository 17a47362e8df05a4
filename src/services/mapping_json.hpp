// JSON forms of the stored mapping: what the API shows for a field mapping, a table
// mapping, a rule and an audit entry, and the snapshot of a field mapping's decidable
// fields that the audit trail and undo keep. One place, so the API, the audit trail and
// the export show a mapping alike.
#pragma once

#include <nlohmann/json.hpp>

#include "store/repositories/mapping_audit_repository.hpp"
#include "store/repositories/mapping_repository.hpp"
#include "store/repositories/mapping_rule_repository.hpp"

namespace godwit::services {

nlohmann::json to_json(const store::FieldMappingRecord& record);
nlohmann::json to_json(const store::TableMappingRecord& record);
nlohmann::json to_json(const store::MappingRuleRecord& record);
nlohmann::json to_json(const store::MappingAuditEntry& entry);

/// The fields a person's action can change, as one JSON object (audit before/after, undo).
nlohmann::json snapshot(const store::FieldMappingRecord& record);
/// Puts a snapshot's fields back into `record` (fields absent from it stay).
void restore(store::FieldMappingRecord& record, const nlohmann::json& snapshot);

/// A stored JSON text as a value; `fallback` when it does not parse.
nlohmann::json parse_stored(const std::string& text, nlohmann::json fallback);

}  // namespace godwit::services
