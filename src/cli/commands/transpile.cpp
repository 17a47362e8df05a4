// `godwit transpile FILE --from D --to D [--strict] [--format json|sql] [--compact]`:
// translate a SQL script from one dialect to another. The SQL form prints each statement
// with its diagnostics as comments; the JSON form lists each statement with its output,
// classification counts (exact / approximate / unsupported) and diagnostics.
// Exit 0 on success; 1 with --strict when anything is approximate or unsupported, or when
// the input has syntax errors; 2 for usage errors (unknown dialect, unreadable file).
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands/commands.hpp"
#include "core/diagnostics.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/printer.hpp"

namespace godwit::cli {
namespace {

struct TranspileOptions {
  std::string file;
  std::string from;
  std::string to;
  std::string format = "sql";
  bool strict = false;
  bool compact = false;
};

nlohmann::json counts_json(const sql::FidelityCounts& c) {
  return {{"exact", c.exact}, {"approximate", c.approximate}, {"unsupported", c.unsupported}};
}

nlohmann::json diagnostic_json(const Diagnostic& d) {
  return {{"code", d.code},
          {"severity", std::string(to_string(d.severity))},
          {"message", d.message},
          {"line", d.location.line},
          {"column", d.location.column}};
}

int run_transpile(const TranspileOptions& options) {
  auto from = sql::canonical_dialect_name(options.from);
  auto to = sql::canonical_dialect_name(options.to);
  if (!from || !to) {
    std::cerr << "godwit transpile: unknown dialect '" << (from ? options.to : options.from)
              << "'; use one of: " << sql::dialect_names_for_humans() << "\n";
    return 2;
  }
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "godwit transpile: cannot read " << options.file << "\n";
    return 2;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  sql::ParseOptions parse_options;
  parse_options.file_name = options.file;
  sql::ParseResult parsed =
      sql::parse_sql(buffer.str(), sql::dialect_by_name(*from), parse_options);
  sql::PrintOptions print_options;
  print_options.pretty = !options.compact;
  sql::Translation t = sql::translate(parsed, *to, print_options);

  if (options.format == "json") {
    nlohmann::json statements = nlohmann::json::array();
    for (std::size_t i = 0; i < t.statements.size(); ++i) {
      const sql::StatementTranslation& s = t.statements[i];
      nlohmann::json diags = nlohmann::json::array();
      for (const Diagnostic& d : s.diagnostics) diags.push_back(diagnostic_json(d));
      statements.push_back({{"kind", s.kind},
                            {"line", parsed.location(parsed.statements[i]->span.begin).line},
                            {"output", s.sql},
                            {"counts", counts_json(s.counts)},
                            {"diagnostics", diags}});
    }
    nlohmann::json syntax = nlohmann::json::array();
    for (const Diagnostic& d : parsed.diagnostics) syntax.push_back(diagnostic_json(d));
    std::cout << nlohmann::json{{"file", options.file},
                                {"from", std::string(*from)},
                                {"to", std::string(*to)},
                                {"statements", statements},
                                {"counts", counts_json(t.counts)},
                                {"skipped_statements", parsed.skipped.size()},
                                {"parse_diagnostics", syntax}}
                     .dump(2)
              << "\n";
  } else {
    for (const sql::StatementTranslation& s : t.statements) {
      for (const Diagnostic& d : s.diagnostics)
        std::cout << "-- " << to_string(d.severity) << " " << d.code << " (line " << d.location.line
                  << "): " << d.message << "\n";
      if (!s.sql.empty()) std::cout << s.sql << ";";  // empty: dropped, the diagnostic says why
      std::cout << "\n\n";
    }
    for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << "\n";
    std::cerr << "godwit transpile: " << t.statements.size() << " statements, " << t.counts.exact
              << " exact, " << t.counts.approximate << " approximate, " << t.counts.unsupported
              << " unsupported";
    if (!parsed.skipped.empty()) std::cerr << ", " << parsed.skipped.size() << " not parsed";
    std::cerr << "\n";
  }
  if (options.strict && (!t.counts.clean() || !parsed.skipped.empty())) return 1;
  return 0;
}

}  // namespace

void add_transpile_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TranspileOptions>();
  CLI::App* cmd = app.add_subcommand("transpile", "Translate SQL from one dialect to another");
  cmd->add_option("FILE", options->file, "SQL file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--from", options->from, "Dialect of the input")->required();
  cmd->add_option("--to", options->to, "Target dialect")->required();
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"sql", "json"}));
  cmd->add_flag("--strict", options->strict,
                "Exit 1 when anything is approximate or unsupported (or not parsed)");
  cmd->add_flag("--compact", options->compact, "One line per statement");
  cmd->callback([options, &exit_code] { exit_code = run_transpile(*options); });
}

}  // namespace godwit::cli
