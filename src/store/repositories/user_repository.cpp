// Users (see user_repository.hpp).
#include "store/repositories/user_repository.hpp"

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kColumns =
    "SELECT id, email, name, picture_url, password_hash, google_subject, created_at,"
    " updated_at FROM users ";

struct UserRow {
  std::string id, email, name, picture_url, password_hash, google_subject, created_at, updated_at;
  soci::indicator picture_ind = soci::i_ok, hash_ind = soci::i_ok, subject_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(email), soci::into(name), soci::into(picture_url, picture_ind),
        soci::into(password_hash, hash_ind), soci::into(google_subject, subject_ind),
        soci::into(created_at), soci::into(updated_at);
  }

  User model() const {
    return User{id,
                email,
                name,
                detail::optional_text(picture_url, picture_ind),
                detail::optional_text(password_hash, hash_ind),
                detail::optional_text(google_subject, subject_ind),
                detail::timestamp_from_db(created_at),
                detail::timestamp_from_db(updated_at)};
  }
};

std::optional<User> find_where(Database& db, const std::string& condition,
                               const std::string& value) {
  Params params;
  params.text("value", value);
  return detail::query_one<UserRow>(db, kColumns + condition, params);
}

[[noreturn]] void throw_taken() {
  throw Error(ErrorKind::kConflict,
              "an account with this email address or Google identity already exists");
}

}  // namespace

User UserRepository::create(const NewUser& user) {
  User created{new_uuid(),         user.email,          user.name, user.picture_url,
               user.password_hash, user.google_subject, {},        {}};
  created.created_at = detail::now_timestamp();
  created.updated_at = created.created_at;
  Params params;
  params.text("id", created.id)
      .text("email", created.email)
      .text("name", created.name)
      .nullable_text("picture_url", created.picture_url)
      .nullable_text("password_hash", created.password_hash)
      .nullable_text("google_subject", created.google_subject)
      .text("created_at", created.created_at)
      .text("updated_at", created.updated_at);
  try {
    detail::execute(db_,
                    "INSERT INTO users (id, email, name, picture_url, password_hash,"
                    " google_subject, created_at, updated_at) VALUES (:id, :email, :name,"
                    " :picture_url, :password_hash, :google_subject, :created_at, :updated_at)",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_unique_violation(e)) throw_taken();
    throw;
  }
  return created;
}

std::optional<User> UserRepository::find_by_id(const std::string& id) {
  if (!detail::is_id(id)) return std::nullopt;
  return find_where(db_, "WHERE id = :value", id);
}

std::optional<User> UserRepository::find_by_email(const std::string& email) {
  return find_where(db_, "WHERE email = :value", email);
}

std::optional<User> UserRepository::find_by_google_subject(const std::string& subject) {
  return find_where(db_, "WHERE google_subject = :value", subject);
}

std::optional<User> UserRepository::update_profile(const std::string& id,
                                                   const ProfilePatch& patch) {
  if (!detail::is_id(id)) return std::nullopt;
  Params params;
  std::string sql = "UPDATE users SET updated_at = " + params.add_text(detail::now_timestamp());
  if (patch.name) sql += ", name = " + params.add_text(*patch.name);
  if (patch.picture_url) sql += ", picture_url = " + params.add_nullable_text(*patch.picture_url);
  sql += " WHERE id = " + params.add_text(id);
  if (detail::execute(db_, sql, params) == 0) return std::nullopt;
  return find_by_id(id);
}

void UserRepository::set_password_hash(const std::string& id, const std::string& password_hash) {
  if (!detail::is_id(id)) return;
  Params params;
  params.text("hash", password_hash).text("now", detail::now_timestamp()).text("id", id);
  detail::execute(db_, "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id",
                  params);
}

void UserRepository::link_google_subject(const std::string& id, const std::string& subject) {
  if (!detail::is_id(id)) return;
  Params params;
  params.text("subject", subject).text("now", detail::now_timestamp()).text("id", id);
  try {
    detail::execute(db_,
                    "UPDATE users SET google_subject = :subject, updated_at = :now WHERE id = :id",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_unique_violation(e)) throw_taken();
    throw;
  }
}

}  // namespace godwit::store
