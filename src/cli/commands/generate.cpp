// `godwit generate --project-file mapping.json --platform P --out DIR [--include-suggested]
// [--dbt-adapter bigquery|databricks] [--apply ADVICE_ID ...]`: reads the mapping document
// and the source and target schema files it names (relative to the document), generates
// the platform's files into DIR, verifies each SQL file by parsing it back, and prints a
// summary with the diagnostics and the optimisation advice.
// Exit 0 on success; 1 when a generated file does not parse or the mapping has errors;
// 2 for usage errors (unreadable or invalid document, unknown platform, unwritable DIR).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "codegen/codegen.hpp"
#include "codegen/optimizer.hpp"
#include "codegen/verify.hpp"
#include "mapping/model_json.hpp"
#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"

namespace godwit::cli {
namespace {

namespace fs = std::filesystem;

struct GenerateOptions {
  std::string project_file;
  std::string platform;
  std::string out;
  std::string dbt_adapter = "bigquery";
  std::vector<std::string> apply;
  bool include_suggested = false;
};

bool read_text(const fs::path& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

/// Builds the catalog of a schema set; false (with a message) when it cannot.
bool load_catalog(const mapping::SchemaSet& set, const fs::path& base, std::string_view which,
                  schema::Catalog& catalog) {
  auto dialect = sql::canonical_dialect_name(set.dialect);
  if (!dialect) {
    std::cerr << "godwit generate: the " << which << " dialect '" << set.dialect
              << "' is unknown; use one of: " << sql::dialect_names_for_humans() << "\n";
    return false;
  }
  schema::CatalogBuilder builder;
  for (const std::string& file : set.files) {
    std::string text;
    if (!read_text(base / file, text)) {
      std::cerr << "godwit generate: cannot read the " << which << " schema file " << (base / file)
                << "\n";
      return false;
    }
    sql::ParseOptions po;
    po.file_name = file;
    sql::ParseResult parsed = sql::parse_sql(std::move(text), sql::dialect_by_name(*dialect), po);
    builder.add(parsed, file);
  }
  catalog = builder.finish();
  return true;
}

int run_generate(const GenerateOptions& options) {
  auto platform = codegen::platform_from_string(options.platform);
  if (!platform) {
    std::cerr << "godwit generate: unknown platform '" << options.platform
              << "'; use bigquery, databricks, beam, dbt or postgres\n";
    return 2;
  }
  std::string text;
  if (!read_text(options.project_file, text)) {
    std::cerr << "godwit generate: cannot read " << options.project_file << "\n";
    return 2;
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    std::cerr << "godwit generate: " << options.project_file << " is not valid JSON\n";
    return 2;
  }
  std::vector<Diagnostic> errors;
  mapping::MappingDocument document = mapping::mapping_from_json(json, errors);
  if (!errors.empty()) {
    for (const Diagnostic& d : errors)
      std::cerr << options.project_file << ": " << d.message << "\n";
    return 2;
  }
  const fs::path base = fs::path(options.project_file).parent_path();
  schema::Catalog source, target;
  if (!load_catalog(document.source, base, "source", source) ||
      !load_catalog(document.target, base, "target", target))
    return 2;
  codegen::Options go;
  go.include_suggested = options.include_suggested;
  go.dbt_adapter = options.dbt_adapter;
  go.applied_advice.insert(options.apply.begin(), options.apply.end());
  codegen::GenerationResult result = codegen::generate(*platform, source, target, document, go);

  std::error_code ec;
  const fs::path out(options.out);
  for (const codegen::GeneratedFile& f : result.files) {
    const fs::path path = out / f.path;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream file(path, std::ios::binary);
    if (ec || !file || !(file << f.content)) {
      std::cerr << "godwit generate: cannot write " << path << "\n";
      return 2;
    }
  }
  int exit_code = 0;
  std::size_t checked = 0;
  for (const codegen::FileVerification& v : codegen::verify(result)) {
    checked += v.checked ? 1 : 0;
    if (v.ok) continue;
    exit_code = 1;
    for (const Diagnostic& d : v.diagnostics) std::cout << format_diagnostic(d) << "\n";
  }
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::kError) exit_code = 1;
    std::cout << (d.file.empty() ? "" : d.file + ": ") << to_string(d.severity) << ": " << d.message
              << " [" << d.code << "]\n";
  }
  std::cout << "generated " << result.files.size() << " files for " << options.platform << " in "
            << options.out << "; " << checked << " SQL files parsed back"
            << (exit_code == 0 ? " without errors" : ", with errors") << "; "
            << result.load_plan.waves.size() << " load waves\n";
  for (const codegen::Advice& a : codegen::advise(*platform, source, target, document, go))
    std::cout << "advice [" << a.type << ", " << a.impact << "] " << a.message
              << (a.auto_applicable ? " (apply with --apply " + a.id + ")" : "") << "\n";
  return exit_code;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Generate migration code for a platform from an approved mapping document");
  cmd->add_option("--project-file", options->project_file, "Mapping document (JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--platform", options->platform, "bigquery, databricks, beam, dbt or postgres")
      ->required();
  cmd->add_option("--out", options->out, "Directory to write the files into")->required();
  cmd->add_option("--dbt-adapter", options->dbt_adapter, "dbt adapter: bigquery or databricks")
      ->check(CLI::IsMember({"bigquery", "databricks"}));
  cmd->add_option("--apply", options->apply, "Apply an auto-applicable advice id (repeatable)");
  cmd->add_flag("--include-suggested", options->include_suggested,
                "Also use rank-1 suggested mappings (for trying things out)");
  cmd->callback([options, &exit_code] { exit_code = run_generate(*options); });
}

}  // namespace godwit::cli
