// The `godwit` program: one binary, subcommands for the server and the engines.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Godwit: schema and data migration workbench"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "godwit 0.1.0");
  int exit_code = 0;
  godwit::cli::add_serve_command(app, exit_code);
  godwit::cli::add_map_type_command(app, exit_code);
  godwit::cli::add_parse_command(app, exit_code);
  godwit::cli::add_detect_command(app, exit_code);
  godwit::cli::add_transpile_command(app, exit_code);
  godwit::cli::add_generate_command(app, exit_code);
  godwit::cli::add_map_command(app, exit_code);
  godwit::cli::add_validate_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // Usage errors are exit code 2 by convention (help and --version are 0).
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
