// Refresh tokens: opaque to the client, stored only as a SHA-256 hash, grouped in a
// family per sign-in so that reuse of a spent token can revoke the whole family.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace godwit::store {

struct RefreshToken {
  std::string id;
  std::string user_id;
  std::string family_id;
  std::string token_hash;
  std::int64_t expires_at = 0;  ///< Unix seconds
  std::optional<std::int64_t> used_at;
  std::optional<std::int64_t> revoked_at;
  std::int64_t created_at = 0;
};

class RefreshTokenRepository {
 public:
  explicit RefreshTokenRepository(Database& db) : db_(db) {}

  void insert(const RefreshToken& token);
  std::optional<RefreshToken> find_by_hash(const std::string& token_hash);
  /// Marks the token spent if and only if it is neither spent nor revoked, atomically
  /// (one UPDATE ... WHERE used_at IS NULL AND revoked_at IS NULL). False when another
  /// request spent it first: the caller must treat that as reuse.
  bool mark_used(const std::string& id, std::int64_t now);
  void revoke_family(const std::string& family_id, std::int64_t now);
  void revoke_all_for_user(const std::string& user_id, std::int64_t now);

 private:
  Database& db_;
};

}  // namespace godwit::store
