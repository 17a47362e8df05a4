// The subcommands of the `godwit` program. Each adds itself to the CLI11 app; its
// callback stores the process exit code (0 success, 1 findings/failure, 2 usage).
#pragma once

#include <CLI/CLI.hpp>

namespace godwit::cli {

void add_serve_command(CLI::App& app, int& exit_code);
void add_map_type_command(CLI::App& app, int& exit_code);
void add_parse_command(CLI::App& app, int& exit_code);
void add_detect_command(CLI::App& app, int& exit_code);
void add_transpile_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_map_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);

}  // namespace godwit::cli
