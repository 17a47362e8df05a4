// Password resets and the mail outbox (see password_reset_repository.hpp).
#include "store/repositories/password_reset_repository.hpp"

#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

struct PasswordResetRow {
  std::string id, user_id, token_hash;
  long long expires_at = 0, used_at = 0;
  soci::indicator used_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(user_id), soci::into(token_hash), soci::into(expires_at),
        soci::into(used_at, used_ind);
  }

  PasswordReset model() const {
    PasswordReset reset{id, user_id, token_hash, expires_at, {}};
    if (used_ind != soci::i_null) reset.used_at = used_at;
    return reset;
  }
};

struct OutboxRow {
  std::string id, recipient, subject, body, created_at;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(recipient), soci::into(subject), soci::into(body),
        soci::into(created_at);
  }

  OutboxMessage model() const {
    return OutboxMessage{id, recipient, subject, body, detail::timestamp_from_db(created_at)};
  }
};

}  // namespace

void PasswordResetRepository::insert(const PasswordReset& reset) {
  Params params;
  params.text("id", reset.id)
      .text("user_id", reset.user_id)
      .text("token_hash", reset.token_hash)
      .integer("expires_at", reset.expires_at)
      .nullable_integer("used_at", reset.used_at)
      .text("created_at", detail::now_timestamp());
  detail::execute(db_,
                  "INSERT INTO password_resets (id, user_id, token_hash, expires_at, used_at,"
                  " created_at) VALUES (:id, :user_id, :token_hash, :expires_at, :used_at,"
                  " :created_at)",
                  params);
}

std::optional<PasswordReset> PasswordResetRepository::find_by_hash(const std::string& token_hash) {
  Params params;
  params.text("hash", token_hash);
  return detail::query_one<PasswordResetRow>(
      db_,
      "SELECT id, user_id, token_hash, expires_at, used_at FROM password_resets"
      " WHERE token_hash = :hash",
      params);
}

bool PasswordResetRepository::mark_used(const std::string& id, std::int64_t now) {
  if (!detail::is_id(id)) return false;
  Params params;
  params.integer("now", now).text("id", id);
  // One conditional UPDATE: of two concurrent resets exactly one changes the row.
  return detail::execute(db_,
                         "UPDATE password_resets SET used_at = :now WHERE id = :id"
                         " AND used_at IS NULL",
                         params) == 1;
}

void PasswordResetRepository::enqueue_mail(const std::string& recipient, const std::string& subject,
                                           const std::string& body) {
  Params params;
  params.text("id", new_uuid())
      .text("recipient", recipient)
      .text("subject", subject)
      .text("body", body)
      .text("created_at", detail::now_timestamp());
  detail::execute(db_,
                  "INSERT INTO mail_outbox (id, recipient, subject, body, created_at)"
                  " VALUES (:id, :recipient, :subject, :body, :created_at)",
                  params);
}

std::vector<OutboxMessage> PasswordResetRepository::outbox_for(const std::string& recipient,
                                                               int limit) {
  Params params;
  params.text("recipient", recipient).integer("limit", limit);
  return detail::query_all<OutboxRow>(
      db_,
      "SELECT id, recipient, subject, body, created_at FROM mail_outbox"
      " WHERE recipient = :recipient ORDER BY created_at DESC, id DESC LIMIT :limit",
      params);
}

}  // namespace godwit::store
