// `godwit map-type TYPE --from D --to D`: the target type for a column type and every
// loss it implies, from the type tables of src/sql/types.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands/commands.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/types/logical_type_json.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::cli {
namespace {

struct MapTypeOptions {
  std::string type;
  std::string from;
  std::string to;
  std::string format = "text";
};

void print_text(const sql::TypeMapping& m, std::ostream& out) {
  out << m.target_text << "\n";
  out << "canonical: " << sql::to_string(m.source) << " -> " << sql::to_string(m.target) << "\n";
  out << "verdict: " << sql::to_string(m.verdict) << "\n";
  for (const sql::TypeLoss& loss : m.losses) {
    out << sql::to_string(loss.code) << ": " << loss.message << "\n";
  }
  for (const std::string& ignored : m.ignored) out << "ignored: " << ignored << "\n";
}

}  // namespace

void add_map_type_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<MapTypeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "map-type", "Map a column type from one SQL dialect to another and list its losses");
  cmd->add_option("TYPE", options->type, "The type as written, e.g. 'NUMBER(12,2)'")->required();
  cmd->add_option("--from", options->from,
                  "Source dialect (" + sql::dialect_names_for_humans() + ")")
      ->required();
  cmd->add_option("--to", options->to, "Target dialect")->required();
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([options, &exit_code] {
    const auto from = sql::canonical_dialect_name(options->from);
    const auto to = sql::canonical_dialect_name(options->to);
    for (const auto& [given, resolved] : {std::pair{options->from, from}, {options->to, to}}) {
      if (!resolved) {
        std::cerr << "godwit map-type: unknown dialect '" << given
                  << "'; accepted: " << sql::dialect_names_for_humans() << "\n";
        exit_code = 2;
        return;
      }
    }
    const sql::TypeMapping mapping = sql::map_type(options->type, *from, *to);
    if (options->format == "json") {
      nlohmann::json j = sql::to_json(mapping);
      j["from"] = std::string(*from);
      j["to"] = std::string(*to);
      j["input"] = options->type;
      std::cout << j.dump(2) << "\n";
    } else {
      print_text(mapping, std::cout);
    }
    exit_code = 0;
  });
}

}  // namespace godwit::cli
