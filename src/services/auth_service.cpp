#include "services/auth_service.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth/opaque_tokens.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"

namespace godwit::services {
namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxUrlLength = 500;

std::string checked_email(const std::string& email) {
  std::optional<std::string> normalized = auth::normalize_email(email);
  if (!normalized) {
    throw Error(ErrorKind::kInvalidInput, "the email address is not valid",
                {{"email", "enter an address like name@example.com"}});
  }
  return *normalized;
}

std::string checked_name(const std::string& name) {
  std::string trimmed(trim(name));
  if (trimmed.empty()) {
    throw Error(ErrorKind::kInvalidInput, "a name is required", {{"name", "must not be empty"}});
  }
  if (trimmed.size() > kMaxNameLength) {
    throw Error(ErrorKind::kInvalidInput, "the name is too long",
                {{"name", "must be at most 200 characters"}});
  }
  return trimmed;
}

std::optional<std::string> checked_picture_url(const std::optional<std::string>& url) {
  if (!url || url->empty()) return std::nullopt;
  bool http = url->rfind("https://", 0) == 0 || url->rfind("http://", 0) == 0;
  if (!http || url->size() > kMaxUrlLength ||
      url->find_first_of(" \t\r\n\"<>") != std::string::npos) {
    throw Error(ErrorKind::kInvalidInput, "the picture URL is not valid",
                {{"picture_url", "must be an http(s) URL of at most 500 characters"}});
  }
  return url;
}

Error unauthorized(std::string message) {
  return Error(ErrorKind::kUnauthorized, std::move(message));
}

store::AuditEntry user_event(const std::string& user_id, const char* action) {
  store::AuditEntry entry;
  entry.user_id = user_id;
  entry.action = action;
  entry.entity_type = "user";
  entry.entity_id = user_id;
  return entry;
}

}  // namespace

AuthService::AuthService(store::Database& db, const auth::AccessTokenIssuer& issuer,
                         AuthSettings settings,
                         std::shared_ptr<const auth::GoogleIdTokenVerifier> google)
    : db_(db),
      issuer_(issuer),
      settings_(std::move(settings)),
      google_(std::move(google)),
      users_(db),
      refresh_tokens_(db),
      resets_(db),
      audit_(db),
      account_limiter_(settings_.max_failures_per_account, settings_.failure_window_seconds),
      address_limiter_(settings_.max_failures_per_address, settings_.failure_window_seconds),
      // Verifying against a real hash for unknown accounts keeps the response time the
      // same, so timing does not reveal which emails have accounts.
      dummy_hash_(auth::hash_password("godwit-timing-equaliser", settings_.hash_cost)),
      hash_slots_(
          static_cast<std::ptrdiff_t>(std::clamp(std::thread::hardware_concurrency(), 2u, 16u))) {}

bool AuthService::verify(const std::string& hash, const std::string& password) {
  hash_slots_.acquire();
  bool ok = auth::verify_password(hash, password);
  hash_slots_.release();
  return ok;
}

std::string AuthService::hash(const std::string& password) {
  hash_slots_.acquire();
  try {
    std::string out = auth::hash_password(password, settings_.hash_cost);
    hash_slots_.release();
    return out;
  } catch (...) {
    hash_slots_.release();
    throw;
  }
}

std::string AuthService::checked_password_hash(const std::string& password,
                                               const std::string& email, const std::string& field) {
  if (std::optional<std::string> violation = auth::password_policy_violation(password, email)) {
    throw Error(ErrorKind::kInvalidInput, *violation, {{field, *violation}});
  }
  return hash(password);
}

SessionTokens AuthService::start_session(const store::User& user, const std::string& family_id) {
  std::int64_t now = unix_now();
  SessionTokens tokens;
  tokens.access_token = issuer_.issue(user.id, user.email, now);
  tokens.access_expires_in = issuer_.ttl_seconds();
  tokens.refresh_token = auth::new_opaque_token();
  tokens.refresh_expires_in = settings_.refresh_ttl_seconds;
  store::RefreshToken row;
  row.id = new_uuid();
  row.user_id = user.id;
  row.family_id = family_id;
  row.token_hash = auth::hash_opaque_token(tokens.refresh_token);
  row.expires_at = now + settings_.refresh_ttl_seconds;
  row.created_at = now;
  refresh_tokens_.insert(row);
  return tokens;
}

Session AuthService::register_user(const std::string& email, const std::string& password,
                                   const std::string& name) {
  std::string normalized = checked_email(email);
  std::string clean_name = checked_name(name);
  std::string hash = checked_password_hash(password, normalized, "password");
  store::NewUser user{normalized, clean_name, std::nullopt, hash, std::nullopt};
  store::User created = users_.create(user);  // kConflict when the email is taken
  audit_.append(user_event(created.id, "auth.register"));
  return {created, start_session(created, new_uuid())};
}

Session AuthService::login(const std::string& email, const std::string& password,
                           const std::string& client_address) {
  std::int64_t now = unix_now();
  std::string account_key = to_lower(trim(email));
  std::string address_key = client_address;
  std::int64_t wait = std::max(account_limiter_.retry_after(account_key, now),
                               address_limiter_.retry_after(address_key, now));
  if (wait > 0) {
    throw Error(ErrorKind::kRateLimited, "too many failed sign-in attempts; try again in " +
                                             std::to_string(wait) +
                                             " seconds or reset your password")
        .with_retry_after(static_cast<int>(wait));
  }
  std::optional<std::string> normalized = auth::normalize_email(email);
  std::optional<store::User> user;
  if (normalized) user = users_.find_by_email(*normalized);
  bool ok = false;
  if (user && user->password_hash) {
    ok = verify(*user->password_hash, password);
  } else {
    verify(dummy_hash_, password);
  }
  if (!ok) {
    account_limiter_.record_failure(account_key, now);
    address_limiter_.record_failure(address_key, now);
    if (user) {
      audit_.append(user_event(user->id, "auth.login_failed"));
    }
    throw unauthorized("the email or password is incorrect");
  }
  account_limiter_.reset(account_key);
  return {*user, start_session(*user, new_uuid())};
}

Session AuthService::refresh(const std::string& refresh_token) {
  if (refresh_token.empty()) throw unauthorized("a refresh token is required; sign in again");
  std::int64_t now = unix_now();
  std::optional<store::RefreshToken> row =
      refresh_tokens_.find_by_hash(auth::hash_opaque_token(refresh_token));
  if (!row) throw unauthorized("the session is not valid; sign in again");
  if (row->revoked_at) throw unauthorized("the session was ended; sign in again");
  if (row->used_at || !refresh_tokens_.mark_used(row->id, now)) {
    // A spent token presented again means it was copied: end every session of the
    // family so the copy is useless too.
    refresh_tokens_.revoke_family(row->family_id, now);
    audit_.append(user_event(row->user_id, "auth.refresh_reuse"));
    throw unauthorized(
        "this session was already renewed elsewhere and has been ended for safety; sign in again");
  }
  if (row->expires_at <= now) throw unauthorized("the session expired; sign in again");
  std::optional<store::User> user = users_.find_by_id(row->user_id);
  if (!user) throw unauthorized("the account no longer exists");
  return {*user, start_session(*user, row->family_id)};
}

void AuthService::logout(const std::string& refresh_token) {
  if (refresh_token.empty()) return;
  if (auto row = refresh_tokens_.find_by_hash(auth::hash_opaque_token(refresh_token))) {
    refresh_tokens_.revoke_family(row->family_id, unix_now());
  }
}

std::string AuthService::authenticate(std::string_view access_token) {
  auto verified = issuer_.verify(access_token, unix_now());
  if (auto* error = std::get_if<auth::TokenError>(&verified)) {
    if (*error == auth::TokenError::kExpired) {
      throw unauthorized("the access token expired; renew it with /api/v1/auth/refresh");
    }
    throw unauthorized("the access token is not valid (" + std::string(auth::to_string(*error)) +
                       ")");
  }
  std::string user_id = std::move(std::get<auth::AccessClaims>(verified).user_id);
  std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
  {
    std::lock_guard lock(accounts_seen_mutex_);
    auto seen = accounts_seen_.find(user_id);
    if (seen != accounts_seen_.end() && seen->second > now) return user_id;
  }
  if (!users_.find_by_id(user_id)) throw unauthorized("the account no longer exists");
  std::lock_guard lock(accounts_seen_mutex_);
  // Bounded: a flood of distinct valid tokens (each needs the signing key) cannot grow it.
  if (accounts_seen_.size() >= 100000) accounts_seen_.clear();
  accounts_seen_[user_id] = now + kAccountCheckSeconds;
  return user_id;
}

store::User AuthService::profile(const std::string& user_id) {
  std::optional<store::User> user = users_.find_by_id(user_id);
  if (!user) throw unauthorized("the account no longer exists");
  return *user;
}

ProfileUpdateResult AuthService::update_profile(const std::string& user_id,
                                                const ProfileUpdate& update) {
  store::User user = profile(user_id);
  store::ProfilePatch patch;
  if (update.name) patch.name = checked_name(*update.name);
  if (update.picture_url) patch.picture_url = checked_picture_url(*update.picture_url);
  std::optional<std::string> new_hash;
  if (update.new_password) {
    if (user.password_hash) {
      if (!update.current_password) {
        throw Error(ErrorKind::kInvalidInput, "the current password is required to set a new one",
                    {{"current_password", "required when changing the password"}});
      }
      if (!verify(*user.password_hash, *update.current_password)) {
        throw Error(ErrorKind::kUnprocessable, "the current password is incorrect",
                    {{"current_password", "is incorrect"}});
      }
    }
    new_hash = checked_password_hash(*update.new_password, user.email, "new_password");
  }
  ProfileUpdateResult result{user, std::nullopt};
  if (patch.name || patch.picture_url) {
    if (auto updated = users_.update_profile(user_id, patch)) result.user = *updated;
  }
  if (new_hash) {
    users_.set_password_hash(user_id, *new_hash);
    refresh_tokens_.revoke_all_for_user(user_id, unix_now());
    result.tokens = start_session(result.user, new_uuid());
    audit_.append(user_event(user_id, "auth.password_changed"));
  }
  return result;
}

std::optional<std::string> AuthService::forgot_password(const std::string& email) {
  std::optional<std::string> normalized = auth::normalize_email(email);
  if (!normalized) checked_email(email);  // throws the validation error
  std::optional<store::User> user = users_.find_by_email(*normalized);
  if (!user) return std::nullopt;
  std::string token = auth::new_opaque_token();
  store::PasswordReset reset{new_uuid(), user->id, auth::hash_opaque_token(token),
                             unix_now() + settings_.reset_ttl_seconds, std::nullopt};
  resets_.insert(reset);
  std::string link = settings_.public_url + "/reset-password?token=" + token;
  resets_.enqueue_mail(user->email, "Reset your Godwit password",
                       "Someone asked to reset the password of your Godwit account.\n\n"
                       "Open this link within one hour to choose a new password:\n" +
                           link + "\n\nIf it was not you, ignore this message.");
  return link;
}

void AuthService::reset_password(const std::string& token, const std::string& new_password) {
  std::int64_t now = unix_now();
  std::optional<store::PasswordReset> reset = resets_.find_by_hash(auth::hash_opaque_token(token));
  if (!reset || reset->used_at || reset->expires_at <= now) {
    throw Error(ErrorKind::kUnprocessable,
                "the reset link is invalid, used or expired; ask for a new one",
                {{"token", "invalid, used or expired"}});
  }
  std::optional<store::User> user = users_.find_by_id(reset->user_id);
  if (!user) throw Error(ErrorKind::kUnprocessable, "the account no longer exists");
  std::string hash = checked_password_hash(new_password, user->email, "new_password");
  if (!resets_.mark_used(reset->id, now)) {
    throw Error(ErrorKind::kUnprocessable, "the reset link was already used; ask for a new one",
                {{"token", "already used"}});
  }
  users_.set_password_hash(user->id, hash);
  refresh_tokens_.revoke_all_for_user(user->id, now);
  account_limiter_.reset(user->email);
  audit_.append(user_event(user->id, "auth.password_reset"));
}

Session AuthService::google_sign_in(const std::string& id_token) {
  if (!google_) {
    throw Error(ErrorKind::kUnavailable,
                "Google sign-in is not configured on this server (set GODWIT_GOOGLE_CLIENT_IDS "
                "and GODWIT_GOOGLE_JWKS)");
  }
  auto verified = google_->verify(id_token, unix_now());
  if (auto* reason = std::get_if<std::string>(&verified)) {
    throw unauthorized("the Google ID token was refused: " + *reason);
  }
  const auto& identity = std::get<auth::GoogleIdentity>(verified);
  if (!identity.email_verified) {
    throw unauthorized("the Google account's email address is not verified");
  }
  std::optional<store::User> user = users_.find_by_google_subject(identity.subject);
  if (!user) {
    std::string email = checked_email(identity.email);
    user = users_.find_by_email(email);
    if (user) {
      users_.link_google_subject(user->id, identity.subject);
    } else {
      std::string name = identity.name && !trim(*identity.name).empty() ? *identity.name : email;
      store::NewUser fresh{email, checked_name(name), identity.picture, std::nullopt,
                           identity.subject};
      user = users_.create(fresh);
      audit_.append(user_event(user->id, "auth.register_google"));
    }
  }
  return {*user, start_session(*user, new_uuid())};
}

}  // namespace godwit::services
