// Refresh tokens (see refresh_token_repository.hpp).
#include "store/repositories/refresh_token_repository.hpp"

#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

struct RefreshTokenRow {
  std::string id, user_id, family_id, token_hash;
  long long expires_at = 0, used_at = 0, revoked_at = 0, created_at = 0;
  soci::indicator used_ind = soci::i_ok, revoked_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(user_id), soci::into(family_id), soci::into(token_hash),
        soci::into(expires_at), soci::into(used_at, used_ind), soci::into(revoked_at, revoked_ind),
        soci::into(created_at);
  }

  RefreshToken model() const {
    RefreshToken token{id, user_id, family_id, token_hash, expires_at, {}, {}, created_at};
    if (used_ind != soci::i_null) token.used_at = used_at;
    if (revoked_ind != soci::i_null) token.revoked_at = revoked_at;
    return token;
  }
};

void revoke_where(Database& db, const std::string& column, const std::string& value,
                  std::int64_t now) {
  Params params;
  params.integer("now", now).text("value", value);
  detail::execute(db,
                  "UPDATE refresh_tokens SET revoked_at = :now WHERE " + column +
                      " = :value AND revoked_at IS NULL",
                  params);
}

}  // namespace

void RefreshTokenRepository::insert(const RefreshToken& token) {
  Params params;
  params.text("id", token.id)
      .text("user_id", token.user_id)
      .text("family_id", token.family_id)
      .text("token_hash", token.token_hash)
      .integer("expires_at", token.expires_at)
      .nullable_integer("used_at", token.used_at)
      .nullable_integer("revoked_at", token.revoked_at)
      .integer("created_at", token.created_at);
  detail::execute(db_,
                  "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at,"
                  " used_at, revoked_at, created_at) VALUES (:id, :user_id, :family_id,"
                  " :token_hash, :expires_at, :used_at, :revoked_at, :created_at)",
                  params);
}

std::optional<RefreshToken> RefreshTokenRepository::find_by_hash(const std::string& token_hash) {
  Params params;
  params.text("hash", token_hash);
  return detail::query_one<RefreshTokenRow>(
      db_,
      "SELECT id, user_id, family_id, token_hash, expires_at, used_at, revoked_at, created_at"
      " FROM refresh_tokens WHERE token_hash = :hash",
      params);
}

bool RefreshTokenRepository::mark_used(const std::string& id, std::int64_t now) {
  if (!detail::is_id(id)) return false;
  Params params;
  params.integer("now", now).text("id", id);
  // One conditional UPDATE: of two concurrent refreshes exactly one changes the row.
  return detail::execute(db_,
                         "UPDATE refresh_tokens SET used_at = :now WHERE id = :id"
                         " AND used_at IS NULL AND revoked_at IS NULL",
                         params) == 1;
}

void RefreshTokenRepository::revoke_family(const std::string& family_id, std::int64_t now) {
  revoke_where(db_, "family_id", family_id, now);
}

void RefreshTokenRepository::revoke_all_for_user(const std::string& user_id, std::int64_t now) {
  if (!detail::is_id(user_id)) return;
  revoke_where(db_, "user_id", user_id, now);
}

}  // namespace godwit::store
