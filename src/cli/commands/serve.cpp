// `godwit serve`: the HTTP API and web UI (see server/app.hpp).
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
#include "server/app.hpp"
#include "server/logging.hpp"

namespace godwit::cli {

void add_serve_command(CLI::App& app, int& exit_code) {
  auto config = std::make_shared<server::ServerConfig>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Start the HTTP API and web UI (configuration: flags, then GODWIT_* variables)");
  cmd->add_option("--host", config->host, "Address to listen on (GODWIT_HOST)")
      ->capture_default_str();
  cmd->add_option("--port", config->port, "Port, 0 for any free port (GODWIT_PORT)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--data-dir", config->data_dir, "Data directory (GODWIT_DATA_DIR)")
      ->capture_default_str();
  cmd->add_option("--database-url", config->database_url,
                  "Metadata store: sqlite:PATH or postgresql://... (GODWIT_DATABASE_URL; default "
                  "sqlite:<data dir>/godwit.db)");
  cmd->add_option("--web-dir", config->web_dir, "Built web UI (GODWIT_WEB_DIR)")
      ->capture_default_str();
  cmd->add_option("--threads", config->threads, "HTTP worker threads (GODWIT_THREADS; default 64)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--workers", config->job_workers,
                  "Job worker threads, 0 for none (GODWIT_WORKERS; default 2)")
      ->check(CLI::Range(0, 256));
  cmd->add_flag(
      "--production", config->production,
      "Refuse to start without GODWIT_JWT_SECRET and GODWIT_SECRET_KEY (GODWIT_PRODUCTION=1)");
  cmd->callback([cmd, config, &exit_code] {
    std::vector<std::string> flags;
    for (const char* name :
         {"host", "port", "data-dir", "database-url", "web-dir", "threads", "workers"}) {
      if (cmd->count(std::string("--") + name) > 0) flags.emplace_back(name);
    }
    try {
      server::apply_environment(*config, flags);
      server::setup_logging(config->json_logs);
      server::App app_instance(*config);
      exit_code = app_instance.run();
    } catch (const Error& e) {
      spdlog::error("cannot start: {}", e.what());
      std::cerr << "godwit serve: " << e.what() << "\n";
      exit_code = 1;
    } catch (const std::exception& e) {
      spdlog::error("cannot start: {}", e.what());
      std::cerr << "godwit serve: " << e.what() << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace godwit::cli
