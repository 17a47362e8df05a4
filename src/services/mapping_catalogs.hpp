// The two catalogs a project's mapping is made between: the source catalog from its
// source-role schema files and the target catalog from its target-role files, or, when
// there are none, a target PROPOSED by Godwit: the source tables translated to the
// project's target dialect through the type tables, with every type loss listed. Pure:
// file contents in, catalogs out (no database, no HTTP).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"

namespace godwit::services {

/// One stored schema file, read.
struct CatalogFile {
  std::string filename;
  std::string file_type;  ///< sql | json_schema | ... (only sql builds tables today)
  std::string dialect;    ///< canonical SQL dialect of an sql file
  std::string role;       ///< source | target
  std::string content;
};

/// A column type that does not survive the proposed target exactly.
struct ProposedTypeLoss {
  std::string table;
  std::string column;
  std::string source_type;
  std::string target_type;
  std::string code;  ///< W-TYPE-...
  std::string message;
};

struct MappingCatalogs {
  schema::Catalog source;
  schema::Catalog target;
  std::string source_dialect;  ///< of the first source SQL file ("" when none)
  std::string target_dialect;  ///< of the target files, or the project's for a proposal
  bool target_proposed = false;
  std::vector<ProposedTypeLoss> type_losses;  ///< of the proposal
  std::vector<std::string> source_files;
  std::vector<std::string> target_files;
  /// Files that contributed no tables, and why ("customers.csv: CSV samples ...").
  std::vector<std::string> skipped;
};

/// Builds both catalogs. `project_target_dialect` is the dialect a proposal is written in.
MappingCatalogs build_mapping_catalogs(const std::vector<CatalogFile>& files,
                                       const std::string& project_target_dialect);

/// The source catalog's tables translated to `target_dialect` (same names, mapped types,
/// nullability, defaults, keys and comments); every loss goes to `losses`.
schema::Catalog propose_target(const schema::Catalog& source, const std::string& target_dialect,
                               std::vector<ProposedTypeLoss>& losses);

/// The catalog's name for a table (QualifiedName::to_string), as mappings store it.
std::string table_name(const schema::Table& table);

/// Finds a table by its stored name ignoring case; nullptr when absent.
const schema::Table* find_table(const schema::Catalog& catalog, const std::string& name);
/// Finds a column by name ignoring case; nullptr when absent.
const schema::Column* find_column(const schema::Table& table, const std::string& name);

/// A target column as a field mapping names it: the column ("email"), or a member of a
/// STRUCT column through nested STRUCTs ("contact.address.zip"), ignoring case. The column
/// it is in and the name spelled as the table and its types spell it; nullopt when neither.
struct TargetColumnPath {
  const schema::Column* column = nullptr;
  std::string name;
};
std::optional<TargetColumnPath> find_target_column(const schema::Table& table,
                                                   const std::string& name);

}  // namespace godwit::services
