// Password-reset tokens (stored hashed, single use, short-lived) and the mail outbox
// that holds reset messages when no mail server is configured.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct PasswordReset {
  std::string id;
  std::string user_id;
  std::string token_hash;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

struct OutboxMessage {
  std::string id;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string created_at;
};

class PasswordResetRepository {
 public:
  explicit PasswordResetRepository(Database& db) : db_(db) {}

  void insert(const PasswordReset& reset);
  std::optional<PasswordReset> find_by_hash(const std::string& token_hash);
  /// Atomic single use, as RefreshTokenRepository::mark_used.
  bool mark_used(const std::string& id, std::int64_t now);

  void enqueue_mail(const std::string& recipient, const std::string& subject,
                    const std::string& body);
  /// Newest first.
  std::vector<OutboxMessage> outbox_for(const std::string& recipient, int limit);

 private:
  Database& db_;
};

}  // namespace godwit::store
