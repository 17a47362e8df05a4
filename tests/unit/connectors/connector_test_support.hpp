// Where connector tests find the live databases the CTest fixtures start (the URL files
// of the PostgreSQL and MariaDB fixtures, read into ConnectionSpecs), and small helpers
// the connector suites share.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "validation/connectors/connector.hpp"

namespace godwit::validation::testing {

/// The fixture's PostgreSQL, or nullopt (with the reason in `why`) when its URL file is
/// missing.
std::optional<ConnectionSpec> postgres_spec(std::string* why = nullptr);

/// The fixture's MariaDB, or nullopt like postgres_spec.
std::optional<ConnectionSpec> mariadb_spec(std::string* why = nullptr);

/// A fresh, empty directory under the system temp dir, removed by the caller.
std::string make_temp_dir(const std::string& prefix);

/// Runs `action`, which must throw a ConnectorError; returns its kind (and code and
/// message when asked). Records a test failure when nothing is thrown.
ConnectorError::Kind kind_of(const std::function<void()>& action, std::string* code = nullptr,
                             std::string* message = nullptr);

/// A loopback TCP port nobody listens on (bound, then closed).
int closed_port();

}  // namespace godwit::validation::testing
