// Where connector tests find the live databases the CTest fixtures start: the URL files
// of the PostgreSQL and MariaDB fixtures, read into ConnectionSpecs.
#pragma once

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

}  // namespace godwit::validation::testing
