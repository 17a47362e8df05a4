// The `godwit` program: one binary, subcommands for the server and the engines.
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"Godwit: schema and data migration workbench"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
