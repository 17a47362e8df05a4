// The versioned schema migrations of the metadata store, embedded into the binary at
// build time (embed_migrations.cmake) so that `godwit` needs no SQL files at run time.
#pragma once

#include <span>
#include <string_view>

#include "store/database.hpp"

namespace godwit::store {

/// One migration: applied once, in version order, inside its own transaction.
struct Migration {
  int version;
  std::string_view name;  ///< e.g. "accounts_and_projects" for 0001_accounts_and_projects.sql
  std::string_view sql;   ///< a script of one or more statements
};

/// The migrations of one backend, in ascending version order. Both backends have the
/// same versions (a test checks it), so a schema version means the same on both.
std::span<const Migration> migrations_for(Backend backend);

}  // namespace godwit::store
