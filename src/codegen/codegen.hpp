// Code generation: from a source catalog, a target catalog and the approved mappings,
// the files a team would otherwise write by hand for one platform (BigQuery, Databricks,
// Apache Beam, dbt, PostgreSQL), each with the mapping ids its lines came from, plus a
// load plan and diagnostics for everything that could not be translated exactly.
// Engine code: values in, values out (no HTTP, store or jobs); never throws on user input.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/load_plan.hpp"
#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"

namespace godwit::codegen {

enum class Platform { kBigQuery, kDatabricks, kBeam, kDbt, kPostgres };

/// "bigquery", "databricks", "beam", "dbt", "postgres".
std::string_view to_string(Platform platform);
/// The platform named `text` (as to_string writes it), or nullopt.
std::optional<Platform> platform_from_string(std::string_view text);
/// Every platform, in enum order.
const std::vector<Platform>& all_platforms();

/// Lines [first_line, last_line] (1-based, inclusive) of a file came from these mappings
/// (table mapping ids "tm-..." and field mapping ids "fm-...").
struct Provenance {
  int first_line = 1;
  int last_line = 1;
  std::vector<std::string> mapping_ids;
};

struct GeneratedFile {
  std::string path;      ///< relative, '/'-separated: "load/analytics.customers.sql"
  std::string language;  ///< "sql", "python", "yaml", "json", "markdown", "text"
  std::string dialect;   ///< SQL files: the dialect they are written in; else empty
  std::string content;
  std::vector<Provenance> provenance;
};

struct GenerationResult {
  std::vector<GeneratedFile> files;
  /// W-CODEGEN-* / E-CODEGEN-* about the mapping (unknown tables, formulas that do not
  /// parse) and W-TRANSLATE-* from translating formulas; `file` names the generated file.
  std::vector<Diagnostic> diagnostics;
  LoadPlan load_plan;
};

struct Options {
  /// Schema (BigQuery dataset) holding raw copies of the source tables, read by the load SQL.
  std::string staging_schema = "staging";
  /// Schema (dataset) of target tables whose catalog name has none.
  std::string target_schema = "analytics";
  /// Databricks Unity Catalog catalog name of the target tables.
  std::string databricks_catalog = "main";
  /// Use rank-1 suggested mappings too (trying things out), not only approved/manual ones.
  bool include_suggested = false;
  /// dbt: the adapter the project is written for, "bigquery" or "databricks".
  std::string dbt_adapter = "bigquery";
  /// dbt project name, Beam package name.
  std::string project_name = "godwit_migration";
  /// Optimisation advice ids (optimizer.hpp) to apply when generating.
  std::set<std::string> applied_advice;
};

/// Generates every file of `platform`. Tables, columns and formulas the catalogs or the
/// dialects cannot resolve become diagnostics; the rest is still generated.
GenerationResult generate(Platform platform, const schema::Catalog& source,
                          const schema::Catalog& target, const mapping::MappingDocument& document,
                          const Options& options = {});

}  // namespace godwit::codegen
