// Users: accounts with an Argon2id password hash and/or a linked Google identity.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"

namespace godwit::store {

struct User {
  std::string id;
  std::string email;  ///< normalised (trimmed, lower-case) by the caller
  std::string name;
  std::optional<std::string> picture_url;
  std::optional<std::string> password_hash;  ///< absent for Google-only accounts
  std::optional<std::string> google_subject;
  std::string created_at;  ///< ISO 8601 UTC
  std::string updated_at;
};

struct NewUser {
  std::string email;
  std::string name;
  std::optional<std::string> picture_url;
  std::optional<std::string> password_hash;
  std::optional<std::string> google_subject;
};

struct ProfilePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> picture_url;  ///< set, or set to null
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}

  /// Throws godwit::Error(kConflict) when the email is taken.
  User create(const NewUser& user);
  std::optional<User> find_by_id(const std::string& id);
  std::optional<User> find_by_email(const std::string& email);
  std::optional<User> find_by_google_subject(const std::string& subject);
  /// Returns the updated user; nullopt when the id is unknown.
  std::optional<User> update_profile(const std::string& id, const ProfilePatch& patch);
  void set_password_hash(const std::string& id, const std::string& password_hash);
  void link_google_subject(const std::string& id, const std::string& subject);

 private:
  Database& db_;
};

}  // namespace godwit::store
