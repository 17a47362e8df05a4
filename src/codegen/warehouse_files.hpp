// Pieces the SQL warehouse generators (bigquery/, databricks/, postgres/) share: the
// mapping ids behind each target column, the load and merge files per table mapping,
// and the order files follow (the load plan).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "codegen/generation_context.hpp"
#include "codegen/load_sql.hpp"

namespace godwit::codegen {

/// Target column -> the mapping ids (table and field) that fill it.
std::map<const schema::Column*, std::vector<std::string>> column_ids(
    const ResolvedMapping& mapping);
/// Target table -> the ids of every table mapping filling it.
std::vector<std::string> table_ids(const ResolvedMapping& mapping, const schema::Table* table);

/// Adds "load/<table>.sql" (INSERT ... SELECT) and, for keyed targets, "merge/<table>.sql"
/// for every resolved table mapping; several mappings of one target share its files.
void add_load_files(const GenerationContext& context, const LoadSqlStyle& style,
                    GenerationResult& result);

/// The referenced table of a resolved foreign key in the target catalog, or nullptr.
const schema::Table* referenced_table(const schema::Catalog& catalog, const schema::ForeignKey& fk);
/// The referenced columns of `fk`: as written, else the referenced table's primary key.
std::vector<std::string> referenced_columns(const schema::Catalog& catalog,
                                            const schema::ForeignKey& fk);

}  // namespace godwit::codegen
