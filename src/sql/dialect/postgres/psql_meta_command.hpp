// psql meta-commands (\connect, \set, \i ...): client lines in PostgreSQL and Redshift
// scripts that the server never sees.
#pragma once

#include "sql/dialect/dialect.hpp"

namespace godwit::sql {

/// A backslash line at a line start is one client command (to the end of its line).
Directive psql_meta_command(std::string_view line);

}  // namespace godwit::sql
