// UserRepository on each backend.
#include "store/repositories/user_repository.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

constexpr const char* kInjection = "x'); DROP TABLE users;--";

TEST_P(UserRepositoryTest, CreateStoresEveryField) {
  UserRepository users(db());
  User created = users.create(
      {"ada@example.com", "Ada Lovelace", std::string("https://example.com/ada.png"),
       std::string("$argon2id$v=19$m=65536,t=2,p=1$abc$def"), std::string("google-sub-1")});
  EXPECT_TRUE(is_uuid(created.id));
  EXPECT_EQ(created.created_at, created.updated_at);

  std::optional<User> found = users.find_by_id(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, "ada@example.com");
  EXPECT_EQ(found->name, "Ada Lovelace");
  EXPECT_EQ(found->picture_url, "https://example.com/ada.png");
  EXPECT_EQ(found->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
  EXPECT_EQ(found->google_subject, "google-sub-1");
  EXPECT_EQ(found->created_at, created.created_at);
  EXPECT_EQ(found->updated_at, created.updated_at);
}

TEST_P(UserRepositoryTest, AbsentOptionalFieldsReadBackAsAbsent) {
  UserRepository users(db());
  User created = users.create({"g@example.com", "G", std::nullopt, std::nullopt, std::nullopt});
  std::optional<User> found = users.find_by_email("g@example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, created.id);
  EXPECT_FALSE(found->picture_url.has_value());
  EXPECT_FALSE(found->password_hash.has_value());
  EXPECT_FALSE(found->google_subject.has_value());
}

TEST_P(UserRepositoryTest, CreateWithATakenEmailIsAConflict) {
  UserRepository users(db());
  users.create({"dup@example.com", "First", std::nullopt, std::string("h"), std::nullopt});
  try {
    users.create({"dup@example.com", "Second", std::nullopt, std::string("h"), std::nullopt});
    FAIL() << "duplicate email accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
}

TEST_P(UserRepositoryTest, ConcurrentSignupsWithOneEmailCreateOneUser) {
  std::atomic<int> created{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      UserRepository users(db());
      try {
        users.create({"race@example.com", "Racer", std::nullopt, std::string("h"), std::nullopt});
        ++created;
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::kConflict) ++conflicts;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
}

TEST_P(UserRepositoryTest, FindsByGoogleSubject) {
  UserRepository users(db());
  User created = users.create(
      {"sub@example.com", "Sub", std::nullopt, std::nullopt, std::string("1234567890")});
  ASSERT_TRUE(users.find_by_google_subject("1234567890").has_value());
  EXPECT_EQ(users.find_by_google_subject("1234567890")->id, created.id);
  EXPECT_FALSE(users.find_by_google_subject("other").has_value());
}

TEST_P(UserRepositoryTest, UnknownAndMalformedIdsFindNothing) {
  UserRepository users(db());
  EXPECT_FALSE(users.find_by_id(new_uuid()).has_value());
  EXPECT_FALSE(users.find_by_id("not-a-uuid").has_value());
  EXPECT_FALSE(users.find_by_id(kInjection).has_value());
  EXPECT_FALSE(users.find_by_email("nobody@example.com").has_value());
}

TEST_P(UserRepositoryTest, UpdateProfileChangesOnlyTheGivenFields) {
  UserRepository users(db());
  User created = users.create(
      {"p@example.com", "Before", std::string("https://x/p.png"), std::string("h"), std::nullopt});
  std::optional<User> renamed =
      users.update_profile(created.id, {std::string("After"), std::nullopt});
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->name, "After");
  EXPECT_EQ(renamed->picture_url, "https://x/p.png");
  EXPECT_GT(renamed->updated_at, created.updated_at);
  EXPECT_EQ(renamed->created_at, created.created_at);

  ProfilePatch clear_picture;
  clear_picture.picture_url = std::optional<std::string>();
  std::optional<User> cleared = users.update_profile(created.id, clear_picture);
  ASSERT_TRUE(cleared.has_value());
  EXPECT_EQ(cleared->name, "After");
  EXPECT_FALSE(cleared->picture_url.has_value());
}

TEST_P(UserRepositoryTest, UpdateProfileOfAnUnknownUserFindsNothing) {
  UserRepository users(db());
  EXPECT_FALSE(users.update_profile(new_uuid(), {std::string("x"), std::nullopt}).has_value());
  EXPECT_FALSE(users.update_profile("bogus", {std::string("x"), std::nullopt}).has_value());
}

TEST_P(UserRepositoryTest, SetPasswordHashAndLinkGoogleSubject) {
  UserRepository users(db());
  User created = users.create({"link@example.com", "L", std::nullopt, std::nullopt, std::nullopt});
  users.set_password_hash(created.id, "new-hash");
  users.link_google_subject(created.id, "sub-42");
  std::optional<User> found = users.find_by_id(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->password_hash, "new-hash");
  EXPECT_EQ(found->google_subject, "sub-42");
}

TEST_P(UserRepositoryTest, LinkingAGoogleSubjectOfAnotherUserIsAConflict) {
  UserRepository users(db());
  users.create({"a@example.com", "A", std::nullopt, std::nullopt, std::string("shared-sub")});
  User b = users.create({"b@example.com", "B", std::nullopt, std::string("h"), std::nullopt});
  try {
    users.link_google_subject(b.id, "shared-sub");
    FAIL() << "a Google identity was linked to two accounts";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
}

TEST_P(UserRepositoryTest, InjectionLookingTextIsStoredVerbatim) {
  UserRepository users(db());
  std::string email = std::string(kInjection) + "@example.com";
  User created =
      users.create({email, kInjection, std::string(kInjection), std::nullopt, std::nullopt});
  std::optional<User> found = users.find_by_email(email);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, kInjection);
  EXPECT_EQ(found->picture_url, kInjection);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(found->id, created.id);
}

TEST_P(UserRepositoryTest, TimestampsAreIso8601UtcWithMicroseconds) {
  UserRepository users(db());
  User created = users.create({"t@example.com", "T", std::nullopt, std::nullopt, std::nullopt});
  std::string at = users.find_by_id(created.id)->created_at;
  ASSERT_EQ(at.size(), 27u) << at;
  EXPECT_EQ(at[10], 'T');
  EXPECT_EQ(at.back(), 'Z');
  EXPECT_EQ(at, created.created_at);
}

}  // namespace
}  // namespace godwit::store::testing
