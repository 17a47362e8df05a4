// Turns GODWIT_DATABASE_URL into what the drivers take: an SQLite file path, or a libpq
// keyword=value connection string. Kept apart from Database so the parsing rules
// (accepted forms, percent-decoding, quoting) are testable without a server.
#pragma once

#include <string>
#include <string_view>

#include "store/database.hpp"

namespace godwit::store {

struct DatabaseTarget {
  Backend backend = Backend::kSqlite;
  /// SQLite: the file path (empty when in_memory).
  std::string sqlite_path;
  bool in_memory = false;
  /// PostgreSQL: libpq conninfo (`host='...' port='...' ...`), password included.
  std::string conninfo;
  /// Safe to show and log: `user@host:port/database`, never the password.
  std::string display;
  /// The decoded password, so error texts from the driver can be scrubbed of it.
  std::string password;
};

/// Parses `sqlite:<path>`, `sqlite://<path>`, `sqlite::memory:`, and
/// `postgresql://[user[:password]@][host][:port][/database][?key=value&...]` (also
/// `postgres://`; query keys are libpq connection keywords such as sslmode). Throws
/// godwit::Error(kInvalidInput) naming the accepted forms; the message never repeats
/// the URL, which may hold a password.
DatabaseTarget parse_database_url(std::string_view url);

/// The accepted forms, for error messages.
std::string_view accepted_database_urls();

}  // namespace godwit::store
