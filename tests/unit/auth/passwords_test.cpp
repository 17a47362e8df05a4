// Argon2id hashing (at the minimum cost, so the suite stays fast), the password policy and
// email normalisation.
#include "auth/passwords.hpp"

#include <gtest/gtest.h>

namespace godwit::auth {
namespace {

constexpr auto kFast = PasswordHashCost::kMinimum;

TEST(PasswordHash, RoundTripVerifies) {
  std::string hash = hash_password("correct horse battery", kFast);
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
}

TEST(PasswordHash, WrongPasswordIsRefused) {
  std::string hash = hash_password("correct horse battery", kFast);
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(PasswordHash, SamePasswordGetsDifferentSalts) {
  EXPECT_NE(hash_password("same password 1", kFast), hash_password("same password 1", kFast));
}

TEST(PasswordHash, MalformedHashesAreRefusedNotThrown) {
  std::string hash = hash_password("correct horse battery", kFast);
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("not a hash", "not a hash"));
  EXPECT_FALSE(verify_password("$argon2id$", "x"));
  EXPECT_FALSE(verify_password(hash.substr(0, hash.size() - 5), "correct horse battery"));
  EXPECT_FALSE(verify_password(std::string(hash).append("\0", 1), "correct horse battery"));
  EXPECT_FALSE(verify_password(std::string(4096, '$'), "correct horse battery"));
  std::string flipped = hash;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password(flipped, "correct horse battery"));
}

TEST(PasswordHash, PasswordsWithNulBytesAreHashedWhole) {
  std::string with_nul("abc\0defghijk", 12);
  std::string hash = hash_password(with_nul, kFast);
  EXPECT_TRUE(verify_password(hash, with_nul));
  EXPECT_FALSE(verify_password(hash, "abc"));
}

TEST(PasswordHash, NeedsRehashWhenCostDiffers) {
  std::string hash = hash_password("correct horse battery", kFast);
  EXPECT_FALSE(password_needs_rehash(hash, kFast));
  EXPECT_TRUE(password_needs_rehash(hash, PasswordHashCost::kInteractive));
  EXPECT_TRUE(password_needs_rehash("garbage", kFast));
}

TEST(PasswordPolicy, AcceptsReasonablePasswords) {
  EXPECT_EQ(password_policy_violation("tr0ub4dor&3", "ada@example.com"), std::nullopt);
  EXPECT_EQ(password_policy_violation("abcdefghi1", "ada@example.com"), std::nullopt);
  EXPECT_EQ(password_policy_violation("correcthorsebatterystaple", "ada@example.com"),
            std::nullopt);
  EXPECT_EQ(password_policy_violation(std::string(127, 'a') + "b", ""), std::nullopt);
}

TEST(PasswordPolicy, TooShortSaysTheRule) {
  auto message = password_policy_violation("ab1!", "ada@example.com");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("too short"), std::string::npos);
  EXPECT_NE(message->find("10"), std::string::npos);
  EXPECT_NE(message->find(password_policy_rule()), std::string::npos);
  EXPECT_TRUE(password_policy_violation("abcdefgh1", ""));  // 9 bytes
}

TEST(PasswordPolicy, TooLongIsRefused) {
  auto message = password_policy_violation(std::string(129, 'x') + "1", "");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("too long"), std::string::npos);
}

TEST(PasswordPolicy, ShortSingleClassPasswordsNeedAnotherKind) {
  for (std::string password : {"abcdefghijkl", "123456789012", "!@#$%^&*()-+"}) {
    auto message = password_policy_violation(password, "");
    ASSERT_TRUE(message) << password;
    EXPECT_NE(message->find("one kind of character"), std::string::npos);
  }
  EXPECT_EQ(password_policy_violation("abcdefghijklmnop", ""), std::nullopt);  // 16 letters
  EXPECT_EQ(password_policy_violation("1234567890!!", ""), std::nullopt);      // digits+symbols
}

TEST(PasswordPolicy, OneRepeatedCharacterIsRefusedAtAnyLength) {
  auto message = password_policy_violation(std::string(40, 'z'), "");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("repeated"), std::string::npos);
}

TEST(PasswordPolicy, PasswordMustNotBeTheEmailOrItsLocalPart) {
  auto whole = password_policy_violation("Ada.Lovelace@Example.com", "ada.lovelace@example.com");
  ASSERT_TRUE(whole);
  EXPECT_NE(whole->find("email"), std::string::npos);
  EXPECT_TRUE(password_policy_violation("ADA.LOVELACE", " ada.lovelace@example.com "));
  EXPECT_EQ(password_policy_violation("ada.lovelace1", "ada.lovelace@example.com"), std::nullopt);
}

TEST(EmailNormalisation, TrimsAndLowerCases) {
  EXPECT_EQ(normalize_email("  Ada.Lovelace@Example.COM \n"), "ada.lovelace@example.com");
  EXPECT_EQ(normalize_email("a+tag@sub.example.org"), "a+tag@sub.example.org");
}

TEST(EmailNormalisation, RefusesImplausibleAddresses) {
  for (std::string_view bad :
       {"", "   ", "plainaddress", "@example.com", "ada@", "ada@example", "ada@@example.com",
        "a@b@example.com", "ada lovelace@example.com", "ada@exa mple.com", "ada@.example.com",
        "ada@example.com.", "ada@example..com", "ada@exam\tple.com"}) {
    EXPECT_EQ(normalize_email(bad), std::nullopt) << bad;
  }
  std::string long_local = std::string(65, 'a') + "@example.com";
  EXPECT_EQ(normalize_email(long_local), std::nullopt);
  std::string too_long = "a@" + std::string(250, 'b') + ".com";
  EXPECT_EQ(normalize_email(too_long), std::nullopt);
  std::string just_fits = std::string(64, 'a') + "@" + std::string(185, 'b') + ".com";
  ASSERT_EQ(just_fits.size(), 254u);
  EXPECT_EQ(normalize_email(just_fits), just_fits);
}

}  // namespace
}  // namespace godwit::auth
