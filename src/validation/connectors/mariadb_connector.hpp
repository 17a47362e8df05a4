// The MariaDB / MySQL connector (MariaDB Connector/C): server-side prepared statements
// with bound text parameters, results read unbuffered (streamed) as text, a read-only
// session and a statement time limit set at connection start.
#pragma once

#include "validation/connectors/connector.hpp"

struct st_mysql;

namespace godwit::validation {

class MariaDbConnector final : public StreamingConnector {
 public:
  /// Connects; throws ConnectorError. Options: connect_timeout (seconds, default 10),
  /// ssl ("true" to require TLS), ssl_ca (CA file path).
  explicit MariaDbConnector(const ConnectionSpec& spec);
  ~MariaDbConnector() override;
  MariaDbConnector(const MariaDbConnector&) = delete;
  MariaDbConnector& operator=(const MariaDbConnector&) = delete;

  Engine engine() const override { return Engine::kMariaDb; }
  std::string server_version() override;
  std::string quote_identifier(std::string_view name) const override;

 private:
  void run(std::string_view sql, const std::vector<Param>& params,
           const std::function<void(std::vector<std::string>)>& columns,
           const std::function<bool(const std::vector<Value>&)>& row) override;

  st_mysql* conn_ = nullptr;
};

}  // namespace godwit::validation
