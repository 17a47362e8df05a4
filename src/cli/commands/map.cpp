// `godwit map --source FILES --source-dialect D --target FILES --target-dialect D
// [--format json|csv] [--top K]`: the offline matching engine from the command line.
// CSV is exactly `source_table,source_column,target_table,target_column,rank,confidence`,
// the top K (default 5) target candidates of every source column, tables named without
// their schema unless ambiguous (or --qualified); JSON is the mapping
// document (docs/mapping-format.md). Exit 0 on success, 1 when a schema file had errors
// (the suggestions are still printed), 2 for usage errors (unknown dialect or format,
// missing file, unreadable JSON, no tables).
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/commands.hpp"
#include "core/diagnostics.hpp"
#include "mapping/matcher.hpp"
#include "mapping/model_json.hpp"
#include "mapping/schema_input.hpp"
#include "sql/dialect/dialect_names.hpp"

namespace godwit::cli {
namespace {

struct MapCommandOptions {
  std::vector<std::string> source_files;
  std::vector<std::string> target_files;
  std::string source_dialect = "auto";
  std::string target_dialect = "auto";
  std::string format = "json";
  int top = 5;
  bool no_wordnet = false;
  bool qualified = false;
};

/// How the CSV names each table of `catalog`: without its schema ("customers" for
/// "sales.customers"), as ground-truth files and spreadsheets name tables, unless two
/// schemas hold a table of that name or `qualified` asks for the full name.
std::map<std::string, std::string> csv_table_names(const schema::Catalog& catalog, bool qualified) {
  std::map<std::string, int> bare_count;
  for (const schema::Table& t : catalog.tables) ++bare_count[t.name.name];
  std::map<std::string, std::string> out;
  for (const schema::Table& t : catalog.tables) {
    std::string full = t.name.to_string();
    out[full] = !qualified && bare_count[t.name.name] == 1 ? t.name.name : full;
  }
  return out;
}

const std::string& csv_table(const std::map<std::string, std::string>& names,
                             const std::string& table) {
  auto it = names.find(table);
  return it == names.end() ? table : it->second;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

bool input_error(const Diagnostic& d) {
  return d.code == "E-MAPPING-INPUT";
}

int run_map(const MapCommandOptions& o) {
  for (const std::string* d : {&o.source_dialect, &o.target_dialect})
    if (*d != "auto" && !sql::canonical_dialect_name(*d)) {
      std::cerr << "godwit map: unknown dialect \"" << *d << "\"; use auto or one of "
                << sql::dialect_names_for_humans() << "\n";
      return 2;
    }
  std::vector<Diagnostic> errors;
  schema::Catalog source = mapping::load_schema_files(o.source_files, o.source_dialect, errors);
  schema::Catalog target = mapping::load_schema_files(o.target_files, o.target_dialect, errors);
  bool usage = false;
  for (const Diagnostic& d : errors) {
    std::cerr << "godwit map: " << format_diagnostic(d) << "\n";
    usage = usage || input_error(d);
  }
  if (usage) return 2;
  if (source.tables.empty() || target.tables.empty()) {
    std::cerr << "godwit map: the " << (source.tables.empty() ? "source" : "target")
              << " files define no tables; give CREATE TABLE scripts or a {\"tables\": [...]} "
                 "JSON listing\n";
    return 2;
  }
  mapping::MatchOptions options;
  options.top_k = o.top;
  options.use_wordnet = !o.no_wordnet;
  options.source = {o.source_dialect, o.source_files};
  options.target = {o.target_dialect, o.target_files};
  options.formula_dialect = o.target_dialect == "auto" ? "ansi" : o.target_dialect;
  mapping::MatchResult result = mapping::match_schemas(source, target, options);
  for (const Diagnostic& d : result.diagnostics)
    if (d.code == "W-MAPPING-WORDNET") std::cerr << "godwit map: note: " << d.message << "\n";
  if (o.format == "csv") {
    std::cout << "source_table,source_column,target_table,target_column,rank,confidence\n";
    char confidence[32];
    std::map<std::string, std::string> source_names = csv_table_names(source, o.qualified);
    std::map<std::string, std::string> target_names = csv_table_names(target, o.qualified);
    for (const mapping::FieldMapping& f : result.document.fields) {
      // One row per (source column, candidate): composite proposals (concatenations of
      // several source columns) are in the JSON form only, so that the CSV keeps exactly
      // the top candidates of each source column with ranks 1..K.
      if (f.sources.size() != 1) continue;
      std::snprintf(confidence, sizeof confidence, "%.4f", f.confidence);
      std::cout << csv_field(csv_table(source_names, f.sources[0].table)) << ','
                << csv_field(f.sources[0].column) << ','
                << csv_field(csv_table(target_names, f.target.table)) << ','
                << csv_field(f.target.column) << ',' << f.rank << ',' << confidence << '\n';
    }
  } else {
    std::cout << mapping::to_json(result.document)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  }
  return errors.empty() ? 0 : 1;
}

}  // namespace

void add_map_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<MapCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "map", "Suggest source-to-target column mappings with calibrated confidence");
  cmd->add_option("--source", options->source_files, "Source schema files (SQL DDL or JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--target", options->target_files, "Target schema files (SQL DDL or JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--source-dialect", options->source_dialect, "Source dialect or 'auto'");
  cmd->add_option("--target-dialect", options->target_dialect,
                  "Target dialect or 'auto' (formulas are written in it)");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"json", "csv"}));
  cmd->add_option("--top", options->top, "Candidates per source column")->check(CLI::Range(1, 100));
  cmd->add_flag("--no-wordnet", options->no_wordnet, "Do not use WordNet synonyms");
  cmd->add_flag("--qualified", options->qualified,
                "CSV: name tables with their schema (sales.customers); by default the schema is "
                "left out unless two schemas hold a table of the same name");
  cmd->callback([options, &exit_code] { exit_code = run_map(*options); });
}

}  // namespace godwit::cli
