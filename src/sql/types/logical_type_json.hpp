// The stable JSON form of canonical types, losses and type mappings, as the API and the
// CLI print them (documented in docs/sql-types.md). Keys are only added, never renamed.
#pragma once

#include <nlohmann/json.hpp>

#include "sql/types/logical_type.hpp"
#include "sql/types/type_loss.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::sql {

/// {"kind": "decimal", "precision": 12, "scale": 2, "text": "DECIMAL(12, 2)"} ...
nlohmann::json to_json(const LogicalType& type);
/// The inverse of to_json; anything malformed becomes unknown(<the JSON text>).
LogicalType logical_type_from_json(const nlohmann::json& json);

/// {"code": "W-TYPE-SCALE", "message": "..."}
nlohmann::json to_json(const TypeLoss& loss);

/// {"source": {...}, "target": {...}, "target_type": "NUMERIC(12, 2)", "verdict": "lossy",
///  "losses": [...], "ignored": [...]}
nlohmann::json to_json(const TypeMapping& mapping);

}  // namespace godwit::sql
