// The `godwit serve` process: opens the metadata store, wires services to routes,
// installs the cross-cutting behaviour (request ids, access log, CORS, security
// headers, problem+json for every error) and serves until SIGINT/SIGTERM.
#pragma once

#include <httplib.h>

#include <memory>
#include <vector>

#include "server/config.hpp"
#include "server/router.hpp"

namespace godwit::server {

class App {
 public:
  /// Opens and migrates the store and registers every route. Throws godwit::Error with a
  /// message for the operator when the configuration or the store is unusable.
  explicit App(ServerConfig config);
  ~App();

  /// Binds, prints the URL, serves until stop() or a signal; in-flight requests finish.
  /// Returns the process exit code.
  int run();
  void stop();

  /// Every registered route (for the OpenAPI consistency test).
  const std::vector<RouteInfo>& routes() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace godwit::server
