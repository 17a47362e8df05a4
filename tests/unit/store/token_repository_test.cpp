// RefreshTokenRepository and PasswordResetRepository (with the mail outbox) on each
// backend: single use must hold even under concurrent requests.
#include <atomic>
#include <thread>
#include <vector>

#include "core/uuid.hpp"
#include "store/repositories/password_reset_repository.hpp"
#include "store/repositories/refresh_token_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

RefreshToken token_for(const std::string& user, const std::string& family,
                       const std::string& hash) {
  return RefreshToken{new_uuid(),    user,         family,       hash,
                      2'000'000'000, std::nullopt, std::nullopt, 1'700'000'000};
}

TEST_P(RefreshTokenRepositoryTest, InsertedTokenIsFoundByItsHash) {
  RefreshTokenRepository tokens(db());
  std::string user = make_user("r@example.com");
  RefreshToken token = token_for(user, "family-1", "hash-1");
  tokens.insert(token);
  std::optional<RefreshToken> found = tokens.find_by_hash("hash-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, token.id);
  EXPECT_EQ(found->user_id, user);
  EXPECT_EQ(found->family_id, "family-1");
  EXPECT_EQ(found->expires_at, 2'000'000'000);
  EXPECT_EQ(found->created_at, 1'700'000'000);
  EXPECT_FALSE(found->used_at.has_value());
  EXPECT_FALSE(found->revoked_at.has_value());
  EXPECT_FALSE(tokens.find_by_hash("hash-2").has_value());
}

TEST_P(RefreshTokenRepositoryTest, MarkUsedSucceedsOnlyOnce) {
  RefreshTokenRepository tokens(db());
  RefreshToken token = token_for(make_user("once@example.com"), "f", "h");
  tokens.insert(token);
  EXPECT_TRUE(tokens.mark_used(token.id, 1'800'000'000));
  EXPECT_FALSE(tokens.mark_used(token.id, 1'800'000'001));
  EXPECT_EQ(tokens.find_by_hash("h")->used_at, 1'800'000'000);
}

TEST_P(RefreshTokenRepositoryTest, MarkUsedHasExactlyOneWinnerUnderConcurrency) {
  RefreshTokenRepository tokens(db());
  RefreshToken token = token_for(make_user("race@example.com"), "f", "h");
  tokens.insert(token);
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      RefreshTokenRepository mine(db());
      if (mine.mark_used(token.id, 1'800'000'000 + i)) ++winners;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
}

TEST_P(RefreshTokenRepositoryTest, MarkUsedFailsOnARevokedOrUnknownToken) {
  RefreshTokenRepository tokens(db());
  RefreshToken token = token_for(make_user("rev@example.com"), "fam", "h");
  tokens.insert(token);
  tokens.revoke_family("fam", 1'800'000'000);
  EXPECT_FALSE(tokens.mark_used(token.id, 1'800'000'001));
  EXPECT_FALSE(tokens.mark_used(new_uuid(), 1'800'000'001));
  EXPECT_FALSE(tokens.mark_used("not-a-uuid", 1'800'000'001));
}

TEST_P(RefreshTokenRepositoryTest, RevokeFamilyRevokesThatFamilyOnly) {
  RefreshTokenRepository tokens(db());
  std::string user = make_user("fam@example.com");
  tokens.insert(token_for(user, "fam-a", "a1"));
  tokens.insert(token_for(user, "fam-a", "a2"));
  tokens.insert(token_for(user, "fam-b", "b1"));
  tokens.revoke_family("fam-a", 1'800'000'000);
  EXPECT_EQ(tokens.find_by_hash("a1")->revoked_at, 1'800'000'000);
  EXPECT_EQ(tokens.find_by_hash("a2")->revoked_at, 1'800'000'000);
  EXPECT_FALSE(tokens.find_by_hash("b1")->revoked_at.has_value());
  // A second revocation keeps the first time.
  tokens.revoke_family("fam-a", 1'900'000'000);
  EXPECT_EQ(tokens.find_by_hash("a1")->revoked_at, 1'800'000'000);
}

TEST_P(RefreshTokenRepositoryTest, RevokeAllForUserLeavesOtherUsersAlone) {
  RefreshTokenRepository tokens(db());
  std::string alice = make_user("alice@example.com");
  std::string bob = make_user("bob@example.com");
  tokens.insert(token_for(alice, "f1", "alice-1"));
  tokens.insert(token_for(alice, "f2", "alice-2"));
  tokens.insert(token_for(bob, "f3", "bob-1"));
  tokens.revoke_all_for_user(alice, 1'800'000'000);
  EXPECT_TRUE(tokens.find_by_hash("alice-1")->revoked_at.has_value());
  EXPECT_TRUE(tokens.find_by_hash("alice-2")->revoked_at.has_value());
  EXPECT_FALSE(tokens.find_by_hash("bob-1")->revoked_at.has_value());
}

TEST_P(RefreshTokenRepositoryTest, DeletingAUserDeletesTheirTokens) {
  RefreshTokenRepository tokens(db());
  std::string user = make_user("gone@example.com");
  tokens.insert(token_for(user, "f", "h"));
  exec("DELETE FROM users WHERE id = '" + user + "'");
  EXPECT_FALSE(tokens.find_by_hash("h").has_value());
}

TEST_P(PasswordResetRepositoryTest, ResetIsFoundByHashAndUsableOnce) {
  PasswordResetRepository resets(db());
  std::string user = make_user("reset@example.com");
  PasswordReset reset{new_uuid(), user, "reset-hash", 1'800'000'000, std::nullopt};
  resets.insert(reset);
  std::optional<PasswordReset> found = resets.find_by_hash("reset-hash");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, reset.id);
  EXPECT_EQ(found->user_id, user);
  EXPECT_EQ(found->expires_at, 1'800'000'000);
  EXPECT_FALSE(found->used_at.has_value());

  EXPECT_TRUE(resets.mark_used(reset.id, 1'700'000'000));
  EXPECT_FALSE(resets.mark_used(reset.id, 1'700'000'001));
  EXPECT_EQ(resets.find_by_hash("reset-hash")->used_at, 1'700'000'000);
}

TEST_P(PasswordResetRepositoryTest, UnknownResetsAreNotFound) {
  PasswordResetRepository resets(db());
  EXPECT_FALSE(resets.find_by_hash("missing").has_value());
  EXPECT_FALSE(resets.mark_used(new_uuid(), 1));
  EXPECT_FALSE(resets.mark_used("garbage", 1));
}

TEST_P(PasswordResetRepositoryTest, OutboxListsARecipientsMailNewestFirst) {
  PasswordResetRepository resets(db());
  resets.enqueue_mail("a@example.com", "first", "body 1");
  resets.enqueue_mail("b@example.com", "other", "body");
  resets.enqueue_mail("a@example.com", "second", "Reset: https://godwit.local/reset?token=x'y");
  std::vector<OutboxMessage> mail = resets.outbox_for("a@example.com", 10);
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(mail[0].subject, "second");
  EXPECT_EQ(mail[0].body, "Reset: https://godwit.local/reset?token=x'y");
  EXPECT_EQ(mail[0].recipient, "a@example.com");
  EXPECT_EQ(mail[1].subject, "first");
  EXPECT_TRUE(is_uuid(mail[0].id));
  EXPECT_GE(mail[0].created_at, mail[1].created_at);
  EXPECT_EQ(resets.outbox_for("a@example.com", 1).size(), 1u);
  EXPECT_TRUE(resets.outbox_for("nobody@example.com", 10).empty());
}

}  // namespace
}  // namespace godwit::store::testing
