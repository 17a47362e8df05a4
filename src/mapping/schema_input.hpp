// Catalogs for matching from schema files: SQL DDL in any dialect (through the parser and
// the catalog builder, as `godwit parse` does) or the simple JSON table listing
// {"tables": [{"name", "description", "columns": [{"name", "type", "description",
// "primary_key", "foreign_key": "table.column", "sample_values": [...]}]}]} that schema
// exports and the matching datasets use. Problems are diagnostics; nothing throws on input.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"

namespace godwit::mapping {

/// Reads the JSON table listing; types are read with `dialect`'s type table (ANSI when the
/// dialect is unknown or empty). Problems name the JSON path ("/tables/2/columns/0/name").
schema::Catalog catalog_from_tables_json(const nlohmann::json& json, std::string_view dialect,
                                         std::string_view file, std::vector<Diagnostic>& errors);

/// Reads every file into one catalog: *.json as the table listing, anything else as SQL in
/// `dialect` ("auto" detects it per file). Unreadable files and unknown dialects are
/// errors (E-MAPPING-INPUT); parse diagnostics of severity error are passed on.
schema::Catalog load_schema_files(const std::vector<std::string>& files, std::string_view dialect,
                                  std::vector<Diagnostic>& errors);

}  // namespace godwit::mapping
