// `godwit parse FILE... [--dialect D|auto] [--format json|text] [--input-format F|auto]`:
// parse SQL scripts (and import JSON Schema, BigQuery, Avro and CSV/TSV files), build
// one catalog from all of them (tables, columns with both type forms, keys, views with
// lineage, routines) and print it with the statements and diagnostics. Exit 0 when
// everything parsed, 1 when error diagnostics were found (the output is still complete),
// 2 for usage errors.
#include "sql/parser/parse.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands/commands.hpp"
#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "schema/importers/importer.hpp"
#include "sql/ast/ast_dump.hpp"
#include "sql/dialect/detect.hpp"

namespace godwit::cli {
namespace {

struct ParseCommandOptions {
  std::vector<std::string> files;
  std::string dialect = "auto";
  std::string format = "text";
  std::string input_format = "auto";  ///< sql, json_schema, bigquery_json, avro, csv, tsv
  bool quiet = false;
};

nlohmann::json name_json(const sql::ObjectName& name) {
  nlohmann::json parts = nlohmann::json::array();
  for (const sql::Identifier& id : name.parts) parts.push_back(std::string(id.text));
  return parts;
}

nlohmann::json column_json(const sql::ParseResult& r, const sql::ColumnDef& c) {
  nlohmann::json j;
  j["name"] = std::string(c.name.text);
  if (c.type) {
    j["type"] = std::string(c.type->text);
    j["type_base"] = std::string(c.type->base_name);
    nlohmann::json params = nlohmann::json::array();
    for (std::string_view p : c.type->params) params.push_back(std::string(p));
    j["type_params"] = params;
  }
  j["not_null"] = c.not_null;
  if (c.primary_key) j["primary_key"] = true;
  if (c.unique) j["unique"] = true;
  if (c.default_value) j["default"] = std::string(r.text(c.default_value->span));
  if (c.identity != sql::IdentityKind::kNone) j["identity"] = true;
  if (c.generated) j["generated"] = std::string(r.text(c.generated->span));
  if (!c.comment.empty()) j["comment"] = std::string(c.comment);
  if (c.references) {
    j["references"] = {{"table", name_json(c.references->table)}};
  }
  return j;
}

nlohmann::json statement_json(const sql::ParseResult& r, const sql::Statement& s) {
  nlohmann::json j;
  j["kind"] = std::string(sql::to_string(s.kind));
  SourceLocation loc = r.location(s.span.begin);
  j["line"] = loc.line;
  switch (s.kind) {
    case sql::StatementKind::kCreateTable: {
      auto& t = static_cast<const sql::CreateTableStatement&>(s);
      j["name"] = name_json(t.name);
      nlohmann::json cols = nlohmann::json::array();
      for (const sql::ColumnDef* c : t.columns) cols.push_back(column_json(r, *c));
      j["columns"] = cols;
      nlohmann::json cons = nlohmann::json::array();
      for (const sql::TableConstraint* c : t.constraints)
        cons.push_back(std::string(r.text(c->span)));
      j["constraints"] = cons;
      if (t.as_query) j["as_query"] = true;
      break;
    }
    case sql::StatementKind::kCreateView: {
      auto& v = static_cast<const sql::CreateViewStatement&>(s);
      j["name"] = name_json(v.name);
      j["materialized"] = v.materialized;
      break;
    }
    case sql::StatementKind::kRoutine: {
      auto& rt = static_cast<const sql::RoutineStatement&>(s);
      j["routine"] = std::string(sql::to_string(rt.routine_kind));
      j["name"] = name_json(rt.name);
      nlohmann::json reads = nlohmann::json::array(), writes = nlohmann::json::array();
      for (const sql::ObjectName& n : rt.tables_read) reads.push_back(name_json(n));
      for (const sql::ObjectName& n : rt.tables_written) writes.push_back(name_json(n));
      j["reads"] = reads;
      j["writes"] = writes;
      break;
    }
    case sql::StatementKind::kOther:
      j["verb"] = std::string(static_cast<const sql::OtherStatement&>(s).verb);
      break;
    default: j["text"] = sql::dump_statement(s); break;
  }
  return j;
}

nlohmann::json diagnostic_json(const Diagnostic& d) {
  return {{"code", d.code},          {"severity", std::string(to_string(d.severity))},
          {"message", d.message},    {"file", d.file},
          {"line", d.location.line}, {"column", d.location.column},
          {"expected", d.expected}};
}

int run_parse(const ParseCommandOptions& options) {
  bool errors = false;
  nlohmann::json files = nlohmann::json::array();
  schema::CatalogBuilder catalog_builder;
  for (const std::string& path : options.files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "godwit parse: cannot read " << path << "\n";
      return 2;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::optional<schema::SchemaFormat> input =
        schema::schema_format_from_name(options.input_format);
    if (!input) input = schema::detect_schema_format(path, text);
    if (input && *input != schema::SchemaFormat::kSql) {
      // JSON Schema, BigQuery, Avro, CSV/TSV: straight into the catalog.
      std::size_t tables_before = catalog_builder.catalog().tables.size();
      schema::import_schema_file(catalog_builder, path, text, *input);
      std::size_t tables = catalog_builder.catalog().tables.size() - tables_before;
      if (options.format == "json") {
        files.push_back({{"file", path},
                         {"format", std::string(schema::to_string(*input))},
                         {"tables", tables}});
      } else {
        std::cout << "-- " << path << " (" << schema::to_string(*input) << "): " << tables
                  << " tables\n";
      }
      continue;
    }
    std::string dialect_name = options.dialect;
    sql::DialectDetection detection;
    if (dialect_name == "auto") {
      detection = sql::detect_dialect(text);
      dialect_name = detection.dialect;
    }
    const sql::Dialect& dialect = sql::dialect_by_name(dialect_name);
    sql::ParseOptions parse_options;
    parse_options.file_name = path;
    sql::ParseResult result = sql::parse_sql(std::move(text), dialect, parse_options);
    errors = errors || result.has_errors();
    catalog_builder.add(result, path);
    if (options.format == "json") {
      nlohmann::json f;
      f["file"] = path;
      f["dialect"] = std::string(dialect.name());
      if (options.dialect == "auto") f["dialect_confidence"] = detection.confidence;
      f["stats"] = {{"statements", result.stats.statements},
                    {"parsed", result.stats.parsed},
                    {"skipped", result.stats.skipped},
                    {"other", result.stats.other},
                    {"routines", result.stats.routines},
                    {"directives", result.stats.directives},
                    {"bytes", result.stats.bytes}};
      nlohmann::json statements = nlohmann::json::array();
      for (const sql::Statement* s : result.statements)
        statements.push_back(statement_json(result, *s));
      f["statements"] = statements;
      nlohmann::json diags = nlohmann::json::array();
      for (const Diagnostic& d : result.diagnostics) diags.push_back(diagnostic_json(d));
      f["diagnostics"] = diags;
      files.push_back(f);
    } else {
      std::cout << "-- " << path << " (" << dialect.name() << "): " << result.stats.statements
                << " statements, " << result.stats.parsed << " parsed (" << result.stats.other
                << " not modelled), " << result.stats.skipped << " skipped, "
                << result.stats.directives << " client commands\n";
      if (!options.quiet) {
        for (const sql::Statement* s : result.statements) {
          std::cout << result.location(s->span.begin).line << ": " << sql::dump_statement(*s);
        }
      }
      for (const Diagnostic& d : result.diagnostics) std::cout << format_diagnostic(d) << "\n";
    }
  }
  schema::Catalog catalog = catalog_builder.finish();
  errors = errors || catalog.has_errors();
  if (options.format == "json") {
    // Scripts need not be UTF-8 (Latin-1 dumps): invalid bytes print as U+FFFD.
    std::cout << nlohmann::json{{"files", files}, {"catalog", schema::to_json(catalog)}}.dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << schema::format_catalog(catalog);
    for (const Diagnostic& d : catalog.diagnostics) std::cout << format_diagnostic(d) << "\n";
  }
  return errors ? 1 : 0;
}

}  // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ParseCommandOptions>();
  CLI::App* cmd =
      app.add_subcommand("parse",
                         "Parse schema files (SQL, JSON Schema, BigQuery, Avro, CSV/TSV) "
                         "and list the statements and objects found");
  cmd->add_option("FILE", options->files, "Schema files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dialect,-d", options->dialect, "Dialect name or 'auto'");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--input-format", options->input_format,
                  "What the files are: auto (detected per file), sql, json_schema, "
                  "bigquery_json, avro, csv or tsv")
      ->check(CLI::IsMember({"auto", "sql", "json_schema", "bigquery_json", "avro", "csv", "tsv"}));
  cmd->add_flag("--quiet,-q", options->quiet, "Text format: only counts and diagnostics");
  cmd->callback([options, &exit_code] {
    try {
      exit_code = run_parse(*options);
    } catch (const Error& e) {
      std::cerr << "godwit parse: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace godwit::cli
