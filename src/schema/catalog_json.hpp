// The stable JSON form of a catalog and its lineage (documented field by field in
// docs/catalog.md), and a compact text form for the CLI. Keys are only added, never
// renamed; objects keep definition order, so the same input prints the same bytes.
// Strings are the script's bytes, which need not be UTF-8: dump with
// nlohmann::json::error_handler_t::replace.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"

namespace godwit::schema {

/// {"format_version": 1, "files": [...], "schemas": [...], "tables": [...], "views": [...],
///  "sequences": [...], "enums": [...], "routines": [...], "lineage": [...],
///  "diagnostics": [...], "summary": {...}}
nlohmann::json to_json(const Catalog& catalog);
nlohmann::json to_json(const Table& table);
nlohmann::json to_json(const Lineage& lineage);
/// {"code", "severity", "message", "file", "line", "column", "expected", "snippet"}
nlohmann::json diagnostic_to_json(const Diagnostic& diagnostic);

/// A readable listing: tables with columns (type as written and canonical), keys,
/// indexes, views with their lineage, sequences, enums, routines, DML lineage.
std::string format_catalog(const Catalog& catalog);

}  // namespace godwit::schema
