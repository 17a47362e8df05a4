// Opaque tokens: shape, alphabet, uniqueness, and a stable hex digest.
#include "auth/opaque_tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace godwit::auth {
namespace {

bool is_base64url(const std::string& text) {
  return text.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
         std::string::npos;
}

TEST(OpaqueToken, Is43Base64UrlCharactersWithoutPadding) {
  std::string token = new_opaque_token();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_TRUE(is_base64url(token)) << token;
}

TEST(OpaqueToken, TokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(new_opaque_token());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(OpaqueToken, HashIsStableLowerHexSha256) {
  // SHA-256("abc") from FIPS 180-2.
  EXPECT_EQ(hash_opaque_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string token = new_opaque_token();
  EXPECT_EQ(hash_opaque_token(token), hash_opaque_token(token));
  EXPECT_NE(hash_opaque_token(token), hash_opaque_token(token + "x"));
  EXPECT_EQ(hash_opaque_token(token).find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(OpaqueToken, RandomHexHasTwoCharactersPerByte) {
  std::string hex = random_hex(32);
  EXPECT_EQ(hex.size(), 64u);
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(random_hex(32), hex);
  EXPECT_EQ(random_hex(0), "");
}

}  // namespace
}  // namespace godwit::auth
