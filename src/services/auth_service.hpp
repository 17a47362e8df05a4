// Sign-up, sign-in and session use cases: passwords, access tokens, rotating refresh
// tokens with reuse detection, password reset, Google sign-in. Knows nothing of HTTP;
// the routes in server/routes/auth_routes.cpp decode requests and call it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_map>

#include "auth/access_tokens.hpp"
#include "auth/google_id_token.hpp"
#include "auth/passwords.hpp"
#include "auth/rate_limiter.hpp"
#include "store/database.hpp"
#include "store/repositories/audit_log_repository.hpp"
#include "store/repositories/password_reset_repository.hpp"
#include "store/repositories/refresh_token_repository.hpp"
#include "store/repositories/user_repository.hpp"

namespace godwit::services {

struct AuthSettings {
  auth::PasswordHashCost hash_cost = auth::PasswordHashCost::kInteractive;
  std::int64_t refresh_ttl_seconds = 30 * 24 * 3600;
  std::int64_t reset_ttl_seconds = 3600;
  int max_failures_per_account = 5;
  int max_failures_per_address = 30;
  std::int64_t failure_window_seconds = 15 * 60;
  /// Base of the link in reset e-mails, e.g. "http://127.0.0.1:8000".
  std::string public_url = "http://127.0.0.1:8000";
};

struct SessionTokens {
  std::string access_token;
  std::int64_t access_expires_in = 0;
  std::string refresh_token;
  std::int64_t refresh_expires_in = 0;
};

struct Session {
  store::User user;
  SessionTokens tokens;
};

struct ProfileUpdate {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> picture_url;
  std::optional<std::string> current_password;
  std::optional<std::string> new_password;
};

struct ProfileUpdateResult {
  store::User user;
  /// A fresh session when the password changed (every other session was revoked).
  std::optional<SessionTokens> tokens;
};

/// Called with (recipient, reset link) when a reset is requested; the default writes the
/// link to the log and the mail outbox.
class AuthService {
 public:
  AuthService(store::Database& db, const auth::AccessTokenIssuer& issuer, AuthSettings settings,
              std::shared_ptr<const auth::GoogleIdTokenVerifier> google);

  Session register_user(const std::string& email, const std::string& password,
                        const std::string& name);
  /// Throws kUnauthorized ("email or password is incorrect") or kRateLimited with a
  /// retry-after.
  Session login(const std::string& email, const std::string& password,
                const std::string& client_address);
  /// Rotates: the presented token is spent and a new one of the same family returned.
  /// A spent or revoked token revokes its whole family and throws kUnauthorized.
  Session refresh(const std::string& refresh_token);
  /// Revokes the token's family (this sign-in on every tab). Unknown tokens are ignored.
  void logout(const std::string& refresh_token);
  /// The account id of a valid access token; throws kUnauthorized with the reason.
  /// Whether the account still exists is asked of the store at most once every
  /// kAccountCheckSeconds per account: Godwit has no way to delete one, the check only
  /// guards against rows removed by hand, and a query per request was a third of the
  /// cost of the API's hottest call. Routes that need the row load it (profile()).
  std::string authenticate(std::string_view access_token);
  static constexpr int kAccountCheckSeconds = 5;

  store::User profile(const std::string& user_id);
  ProfileUpdateResult update_profile(const std::string& user_id, const ProfileUpdate& update);

  /// Always succeeds from the caller's view (no account enumeration). Returns the reset
  /// link when an account exists, for the caller to log; it is also put in the outbox.
  std::optional<std::string> forgot_password(const std::string& email);
  void reset_password(const std::string& token, const std::string& new_password);

  Session google_sign_in(const std::string& id_token);
  bool google_configured() const { return google_ != nullptr; }

 private:
  SessionTokens start_session(const store::User& user, const std::string& family_id);
  std::string checked_password_hash(const std::string& password, const std::string& email,
                                    const std::string& field);
  /// Argon2id costs 64 MiB per hash at the interactive limits: bound how many run at once
  /// so a burst of sign-ins cannot exhaust memory.
  bool verify(const std::string& hash, const std::string& password);
  std::string hash(const std::string& password);

  store::Database& db_;
  const auth::AccessTokenIssuer& issuer_;
  AuthSettings settings_;
  std::shared_ptr<const auth::GoogleIdTokenVerifier> google_;
  store::UserRepository users_;
  store::RefreshTokenRepository refresh_tokens_;
  store::PasswordResetRepository resets_;
  store::AuditLogRepository audit_;
  auth::RateLimiter account_limiter_;
  auth::RateLimiter address_limiter_;
  std::string dummy_hash_;
  std::counting_semaphore<1024> hash_slots_;
  std::mutex accounts_seen_mutex_;
  /// Account id -> steady-clock second until which it is known to exist.
  std::unordered_map<std::string, std::int64_t> accounts_seen_;
};

}  // namespace godwit::services
