// The entry point: resolve the mapping, lay the tables out, run the platform's generator,
// add the load plan.
#include "codegen/codegen.hpp"

#include "codegen/generation_context.hpp"
#include "codegen/resolved_mapping.hpp"

namespace godwit::codegen {

std::string_view to_string(Platform platform) {
  switch (platform) {
    case Platform::kBigQuery: return "bigquery";
    case Platform::kDatabricks: return "databricks";
    case Platform::kBeam: return "beam";
    case Platform::kDbt: return "dbt";
    case Platform::kPostgres: return "postgres";
  }
  return "bigquery";
}

const std::vector<Platform>& all_platforms() {
  static const std::vector<Platform> kAll{Platform::kBigQuery, Platform::kDatabricks,
                                          Platform::kBeam, Platform::kDbt, Platform::kPostgres};
  return kAll;
}

std::optional<Platform> platform_from_string(std::string_view text) {
  for (Platform p : all_platforms())
    if (to_string(p) == text) return p;
  return std::nullopt;
}

GenerationResult generate(Platform platform, const schema::Catalog& source,
                          const schema::Catalog& target, const mapping::MappingDocument& document,
                          const Options& options) {
  GenerationResult result;
  ResolvedMapping resolved = resolve_mapping(source, target, document, options);
  result.diagnostics = resolved.diagnostics;
  GenerationContext context = make_context(source, target, resolved, options, platform);
  std::vector<std::string> names;
  for (const schema::Table* t : context.tables) names.push_back(t->name.to_string());
  result.load_plan = plan_load(target, names);
  for (const BrokenDependency& b : result.load_plan.broken) {
    Diagnostic d;
    d.code = "W-CODEGEN-FK-CYCLE";
    d.severity = Severity::kWarning;
    d.message = "Foreign key " + b.foreign_key + " of " + b.table + " -> " + b.references +
                " closes a cycle; " + b.table +
                " loads first and the key is checked after the load.";
    d.file = "load_plan.json";
    result.diagnostics.push_back(std::move(d));
  }
  switch (platform) {
    case Platform::kBigQuery: generate_bigquery(context, result); break;
    case Platform::kDatabricks: generate_databricks(context, result); break;
    case Platform::kBeam: generate_beam(context, result); break;
    case Platform::kDbt: generate_dbt(context, result); break;
    case Platform::kPostgres: generate_postgres(context, result); break;
  }
  GeneratedFile plan{"load_plan.json", "json", "", load_plan_json(result.load_plan), {}};
  result.files.push_back(std::move(plan));
  return result;
}

}  // namespace godwit::codegen
