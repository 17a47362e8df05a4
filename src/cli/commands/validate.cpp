// `godwit validate --source URL --target URL --mapping mapping.json [--source-schema FILES]
// [--target-schema FILES] [--format text|json|html] [--tables t1,t2] [--allow-samples]
// [--row-tolerance F]`: the checks derived from the approved mapping, run against the live
// source and target databases, for CI pipelines. URLs as connectors/connection_url.hpp
// reads them (postgresql://, mariadb://, sqlite:, odbc:, bigquery://, databricks://); catalogs are
// introspected from the live databases unless schema files are given. Exit 0 when every check
// passed, 1 when one failed or could not run, 2 for usage and connection errors.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands/commands.hpp"
#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "mapping/model_json.hpp"
#include "mapping/schema_input.hpp"
#include "validation/connectors/connection_url.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/report.hpp"
#include "validation/run.hpp"

namespace godwit::cli {
namespace {

namespace v = godwit::validation;

struct ValidateCommandOptions {
  std::string source_url;
  std::string target_url;
  std::string mapping_file;
  std::vector<std::string> source_schema;
  std::vector<std::string> target_schema;
  std::string format = "text";
  std::vector<std::string> tables;
  bool allow_samples = false;
  double row_tolerance = 0;
};

constexpr std::string_view kName = "godwit validate: ";

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

/// Opens one side; nullptr (with the reason printed) when it cannot.
std::unique_ptr<v::Connector> open(const std::string& url, std::string_view which) {
  try {
    return v::connect(v::parse_connection_url(url));
  } catch (const v::ConnectorError& e) {
    std::cerr << kName << "cannot connect to the " << which << " database: " << e.what() << "\n";
  }
  return nullptr;
}

/// The catalog of one side: its schema files, else the live database's.
bool load_catalog(v::Connector& db, const std::vector<std::string>& files,
                  const std::string& dialect, std::string_view which, schema::Catalog& out) {
  if (!files.empty()) {
    std::vector<Diagnostic> errors;
    out = mapping::load_schema_files(files, dialect.empty() ? "auto" : dialect, errors);
    for (const Diagnostic& d : errors) std::cerr << kName << format_diagnostic(d) << "\n";
    for (const Diagnostic& d : errors)
      if (d.code == "E-MAPPING-INPUT") return false;
    return true;
  }
  try {
    out = v::introspect(db);
    return true;
  } catch (const v::ConnectorError& e) {
    std::cerr << kName << "cannot read the " << which << " database's catalog: " << e.what()
              << "\n";
  }
  return false;
}

void print_text(const v::ValidationReport& report) {
  for (const v::CheckResult& c : report.checks) {
    std::string status(v::to_string(c.status));
    for (char& ch : status) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::cout << status << "  " << c.id << "\n      " << c.message << "\n";
  }
  for (const v::Anomaly& a : report.anomalies)
    std::cout << "ANOMALY " << v::to_string(a.severity) << "  " << a.id << "\n      "
              << a.explanation << "\n";
  for (const Diagnostic& d : report.diagnostics)
    std::cout << "NOTE  " << d.message << " [" << d.code << "]\n";
  char accuracy[32];
  std::snprintf(accuracy, sizeof accuracy, "%.4f%%", report.overall_accuracy * 100);
  std::cout << (report.passed() ? "passed" : "failed") << ": " << report.checks_passed
            << " checks passed, " << report.checks_failed << " failed, " << report.checks_errored
            << " in error, " << report.checks_skipped << " skipped; accuracy " << accuracy
            << " over " << report.records_tested << " records (" << report.source_engine << " -> "
            << report.target_engine << ")\n";
}

int run_validate(const ValidateCommandOptions& o) {
  std::string text;
  if (!read_text(o.mapping_file, text)) {
    std::cerr << kName << "cannot read the mapping file " << o.mapping_file << "\n";
    return 2;
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    std::cerr << kName << o.mapping_file
              << " is not valid JSON; give the mapping document `godwit map` or the mapping "
                 "export writes\n";
    return 2;
  }
  std::vector<Diagnostic> errors;
  const mapping::MappingDocument document = mapping::mapping_from_json(json, errors);
  if (!errors.empty()) {
    for (const Diagnostic& d : errors)
      std::cerr << kName << o.mapping_file << ": " << d.message << "\n";
    return 2;
  }
  std::unique_ptr<v::Connector> source = open(o.source_url, "source");
  if (!source) return 2;
  std::unique_ptr<v::Connector> target = open(o.target_url, "target");
  if (!target) return 2;
  schema::Catalog source_catalog, target_catalog;
  if (!load_catalog(*source, o.source_schema, document.source.dialect, "source", source_catalog) ||
      !load_catalog(*target, o.target_schema, document.target.dialect, "target", target_catalog))
    return 2;

  v::ValidationInputs inputs;
  inputs.source = &source_catalog;
  inputs.target = &target_catalog;
  inputs.mapping = &document;
  inputs.options.allow_sample_values = o.allow_samples;
  inputs.options.row_count_tolerance = o.row_tolerance;
  // The rules Godwit derives from the target catalog and the mapping (NOT NULL, keys,
  // value maps, CHECK ranges) run with the derived checks.
  inputs.rules = v::derive_rules(target_catalog, document);
  for (const std::string& t : o.tables) {
    std::size_t start = 0;
    while (start <= t.size()) {
      const std::size_t comma = t.find(',', start);
      const std::string name =
          t.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!name.empty()) inputs.options.tables.push_back(name);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  v::ValidationReport report;
  try {
    report = v::run_validation(*source, *target, inputs);
  } catch (const Error& e) {
    std::cerr << kName << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << kName << "the validation stopped: " << e.what() << "\n";
    return 2;
  }
  if (report.tables.empty() && report.checks.empty()) {
    std::cerr << kName << "nothing to check: the mapping has no approved table mappings"
              << (o.tables.empty() ? "" : " among the --tables given") << "\n";
    for (const Diagnostic& d : report.diagnostics) std::cerr << kName << d.message << "\n";
    return 2;
  }
  if (o.format == "json") {
    std::cout << v::to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else if (o.format == "html") {
    std::cout << v::render_html(report, {"Godwit validation: " + o.mapping_file, iso8601_now()});
  } else {
    print_text(report);
  }
  return report.passed() ? 0 : 1;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check migrated data against its source with checks derived from the mapping");
  cmd->add_option("--source", options->source_url,
                  "Source database URL (postgresql://, mariadb://, sqlite:, odbc:, "
                  "bigquery://, databricks://)")
      ->required();
  cmd->add_option("--target", options->target_url, "Target database URL")->required();
  cmd->add_option("--mapping", options->mapping_file, "Mapping document (JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--source-schema", options->source_schema,
                  "Source schema files (default: read the live database)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--target-schema", options->target_schema,
                  "Target schema files (default: read the live database)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("--tables", options->tables, "Target tables to check, comma-separated");
  cmd->add_flag("--allow-samples", options->allow_samples,
                "Show sample values in the report (masked by default)");
  cmd->add_option("--row-tolerance", options->row_tolerance,
                  "Share of the source's rows the row counts may differ by (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

}  // namespace godwit::cli
