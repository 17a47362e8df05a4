// HS256 access tokens: the round trip, every time claim, tampering, and the attacks
// libjwt 1.10 lets through (alg:none, algorithm confusion). Hostile tokens are built by
// hand with the test signer so each one differs from a valid token in one way only.
#include "auth/access_tokens.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "support/rsa_test_keys.hpp"

namespace godwit::auth {
namespace {

using nlohmann::json;

const std::string kSecret = "0123456789abcdef0123456789abcdef-test-secret";
constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kTtl = 900;
constexpr std::int64_t kLeeway = 30;

json hs256_header() {
  return {{"alg", "HS256"}, {"typ", "JWT"}};
}

json valid_claims() {
  return {{"iss", "godwit"}, {"sub", "user-1"},    {"email", "ada@example.com"}, {"iat", kNow},
          {"nbf", kNow},     {"exp", kNow + kTtl}, {"jti", "token-id-1"}};
}

std::string signed_token(const json& claims, const json& header = hs256_header()) {
  return test::sign_hmac_jwt(kSecret, header, claims);
}

std::optional<TokenError> error_of(const std::variant<AccessClaims, TokenError>& result) {
  if (const auto* error = std::get_if<TokenError>(&result)) return *error;
  return std::nullopt;
}

class AccessTokens : public ::testing::Test {
 protected:
  AccessTokenIssuer issuer_{kSecret, kTtl};

  std::optional<TokenError> verify(std::string_view token, std::int64_t now = kNow) const {
    return error_of(issuer_.verify(token, now, kLeeway));
  }
};

TEST_F(AccessTokens, IssuedTokenVerifiesWithItsClaims) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  auto result = issuer_.verify(token, kNow + 10);
  ASSERT_TRUE(std::holds_alternative<AccessClaims>(result))
      << to_string(std::get<TokenError>(result));
  const auto& claims = std::get<AccessClaims>(result);
  EXPECT_EQ(claims.user_id, "user-1");
  EXPECT_EQ(claims.email, "ada@example.com");
  EXPECT_EQ(claims.issued_at, kNow);
  EXPECT_EQ(claims.expires_at, kNow + kTtl);
  EXPECT_FALSE(claims.token_id.empty());
  EXPECT_EQ(issuer_.ttl_seconds(), kTtl);
}

TEST_F(AccessTokens, EachTokenHasItsOwnId) {
  auto a = std::get<AccessClaims>(issuer_.verify(issuer_.issue("u", "e@x.io", kNow), kNow));
  auto b = std::get<AccessClaims>(issuer_.verify(issuer_.issue("u", "e@x.io", kNow), kNow));
  EXPECT_NE(a.token_id, b.token_id);
}

TEST_F(AccessTokens, HandBuiltValidTokenVerifies) {
  EXPECT_EQ(verify(signed_token(valid_claims())), std::nullopt);
}

TEST_F(AccessTokens, ExpiryHonoursLeewayExactlyAtTheBoundary) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  std::int64_t exp = kNow + kTtl;
  EXPECT_EQ(verify(token, exp - 1), std::nullopt);
  EXPECT_EQ(verify(token, exp + kLeeway - 1), std::nullopt);
  EXPECT_EQ(verify(token, exp + kLeeway), TokenError::kExpired);
  EXPECT_EQ(verify(token, exp + 100000), TokenError::kExpired);
  EXPECT_EQ(error_of(issuer_.verify(token, exp, 0)), TokenError::kExpired);
}

TEST_F(AccessTokens, MissingExpiryIsRefused) {
  json claims = valid_claims();
  claims.erase("exp");
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kMalformed);
}

TEST_F(AccessTokens, NotBeforeInTheFutureIsRefused) {
  json claims = valid_claims();
  claims["nbf"] = kNow + kLeeway + 1;
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kNotYetValid);
  claims["nbf"] = kNow + kLeeway;
  EXPECT_EQ(verify(signed_token(claims)), std::nullopt);
}

TEST_F(AccessTokens, IssuedInTheFutureIsRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow + 3600);
  EXPECT_EQ(verify(token, kNow), TokenError::kNotYetValid);
}

TEST_F(AccessTokens, NonIntegerTimeClaimsAreRefused) {
  for (const json& bad : {json(1.8e9 + 900.5), json("1800000900"), json(nullptr), json(true),
                          json(-1), json(18446744073709551615ull), json::array()}) {
    for (const char* name : {"exp", "iat", "nbf"}) {
      json claims = valid_claims();
      claims[name] = bad;
      EXPECT_EQ(verify(signed_token(claims)), TokenError::kMalformed) << name << "=" << bad;
    }
  }
}

TEST_F(AccessTokens, TamperedPayloadIsRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  std::size_t first = token.find('.');
  std::size_t second = token.find('.', first + 1);
  json forged = valid_claims();
  forged["sub"] = "admin";
  std::string tampered =
      token.substr(0, first + 1) + test::base64url(forged.dump()) + token.substr(second);
  EXPECT_EQ(verify(tampered), TokenError::kBadSignature);
}

TEST_F(AccessTokens, TamperedSignatureIsRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  std::string flipped = token;
  char& c = flipped[flipped.size() - 5];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify(flipped), TokenError::kBadSignature);
  std::string truncated = token.substr(0, token.size() - 4);
  EXPECT_NE(verify(truncated), std::nullopt);
  std::string no_signature = token.substr(0, token.rfind('.') + 1);
  EXPECT_EQ(verify(no_signature), TokenError::kBadSignature);
}

TEST_F(AccessTokens, TokenSignedWithAnotherSecretIsRefused) {
  AccessTokenIssuer other(std::string(40, 'k'), kTtl);
  EXPECT_EQ(verify(other.issue("user-1", "ada@example.com", kNow)), TokenError::kBadSignature);
}

TEST_F(AccessTokens, AlgNoneIsRefusedInEverySpelling) {
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    json header = {{"alg", alg}, {"typ", "JWT"}};
    EXPECT_EQ(verify(test::assemble_jwt(header, valid_claims(), "")), TokenError::kBadAlgorithm)
        << alg;
    // Some libraries accept alg:none when a signature is present anyway.
    EXPECT_EQ(verify(signed_token(valid_claims(), header)), TokenError::kBadAlgorithm) << alg;
  }
}

TEST_F(AccessTokens, OtherHmacAlgorithmsWithTheSameKeyAreRefused) {
  json hs512 = {{"alg", "HS512"}, {"typ", "JWT"}};
  EXPECT_EQ(verify(test::sign_hmac_jwt(kSecret, hs512, valid_claims(), true)),
            TokenError::kBadAlgorithm);
  json hs384 = {{"alg", "HS384"}, {"typ", "JWT"}};
  EXPECT_EQ(verify(signed_token(valid_claims(), hs384)), TokenError::kBadAlgorithm);
  json lower = {{"alg", "hs256"}, {"typ", "JWT"}};
  EXPECT_EQ(verify(signed_token(valid_claims(), lower)), TokenError::kBadAlgorithm);
}

TEST_F(AccessTokens, Rs256LabelledTokenIsRefused) {
  json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  EXPECT_EQ(verify(signed_token(valid_claims(), header)), TokenError::kBadAlgorithm);
}

TEST_F(AccessTokens, MissingOrNonStringAlgIsRefused) {
  EXPECT_EQ(verify(signed_token(valid_claims(), json{{"typ", "JWT"}})), TokenError::kBadAlgorithm);
  EXPECT_EQ(verify(signed_token(valid_claims(), json{{"alg", json::array({"HS256"})}})),
            TokenError::kBadAlgorithm);
  EXPECT_EQ(verify(signed_token(valid_claims(), json{{"alg", nullptr}})),
            TokenError::kBadAlgorithm);
}

TEST_F(AccessTokens, UnexpectedTypeOrCriticalHeaderIsRefused) {
  EXPECT_EQ(verify(signed_token(valid_claims(), json{{"alg", "HS256"}, {"typ", "at+jwt"}})),
            TokenError::kMalformed);
  EXPECT_EQ(
      verify(signed_token(valid_claims(), json{{"alg", "HS256"}, {"crit", json::array({"b64"})}})),
      TokenError::kMalformed);
  EXPECT_EQ(verify(signed_token(valid_claims(), json{{"alg", "HS256"}})), std::nullopt);
}

TEST_F(AccessTokens, WrongOrMissingIssuerIsRefused) {
  json claims = valid_claims();
  claims["iss"] = "someone-else";
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kWrongIssuer);
  claims.erase("iss");
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kWrongIssuer);
  AccessTokenIssuer other_issuer(kSecret, kTtl, "other");
  EXPECT_EQ(verify(other_issuer.issue("user-1", "ada@example.com", kNow)),
            TokenError::kWrongIssuer);
}

TEST_F(AccessTokens, MissingSubjectIsRefused) {
  json claims = valid_claims();
  claims.erase("sub");
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kMalformed);
  claims["sub"] = 42;
  EXPECT_EQ(verify(signed_token(claims)), TokenError::kMalformed);
}

TEST_F(AccessTokens, NonObjectJsonIsRefused) {
  for (const json& payload : {json::array({1, 2}), json("string"), json(42), json(nullptr)}) {
    EXPECT_EQ(verify(signed_token(payload)), TokenError::kMalformed) << payload;
  }
  std::string array_header =
      test::base64url("[\"HS256\"]") + "." + test::base64url(valid_claims().dump()) + ".AAAA";
  EXPECT_EQ(verify(array_header), TokenError::kMalformed);
}

TEST_F(AccessTokens, WrongSegmentCountIsRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  EXPECT_EQ(verify(token + ".x"), TokenError::kMalformed);
  EXPECT_EQ(verify(token + "."), TokenError::kMalformed);
  EXPECT_EQ(verify(token.substr(0, token.rfind('.'))), TokenError::kMalformed);
  EXPECT_EQ(verify("a.b.c"), TokenError::kMalformed);
  EXPECT_EQ(verify(".."), TokenError::kMalformed);
}

TEST_F(AccessTokens, WhitespaceAndPaddingAreRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  EXPECT_EQ(verify(" " + token), TokenError::kMalformed);
  EXPECT_EQ(verify(token + "\n"), TokenError::kMalformed);
  EXPECT_EQ(verify(token + "="), TokenError::kMalformed);
  std::string spaced = token;
  spaced.insert(token.find('.') + 1, " ");
  EXPECT_EQ(verify(spaced), TokenError::kMalformed);
  EXPECT_EQ(verify("Bearer " + token), TokenError::kMalformed);
}

TEST_F(AccessTokens, BadBase64IsRefused) {
  std::string token = issuer_.issue("user-1", "ada@example.com", kNow);
  std::string plus = token;
  plus[5] = '+';  // standard alphabet, not base64url
  EXPECT_EQ(verify(plus), TokenError::kMalformed);
  std::string bad_header = "e!!." + token.substr(token.find('.') + 1);
  EXPECT_EQ(verify(bad_header), TokenError::kMalformed);
}

TEST_F(AccessTokens, GarbageNeverCrashes) {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> pick(0, 65);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_..";
  for (int i = 0; i < 2000; ++i) {
    std::string junk(static_cast<std::size_t>(i % 200), '\0');
    for (char& c : junk) c = static_cast<char>(i % 2 ? byte(random) : alphabet[pick(random)]);
    EXPECT_NE(verify(junk), std::nullopt);
  }
  EXPECT_EQ(verify(""), TokenError::kMalformed);
  EXPECT_EQ(verify(std::string(10'000'000, 'a')), TokenError::kMalformed);
  EXPECT_EQ(verify(std::string(1'000'000, '.')), TokenError::kMalformed);
  std::string nested = test::base64url(std::string(5000, '[')) + "." +
                       test::base64url(valid_claims().dump()) + ".AAAA";
  EXPECT_EQ(verify(nested), TokenError::kMalformed);
  std::string bad_utf8 = test::base64url("{\"alg\":\"HS256\",\"x\":\"\xff\xfe\"}") + "." +
                         test::base64url(valid_claims().dump()) + ".AAAA";
  EXPECT_EQ(verify(bad_utf8), TokenError::kMalformed);
}

TEST(AccessTokenIssuer, ShortSecretThrowsWithoutEchoingIt) {
  try {
    AccessTokenIssuer issuer("short-secret-value", kTtl);
    FAIL() << "a 18-byte secret was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).find("short-secret-value"), std::string::npos);
  }
  EXPECT_THROW(AccessTokenIssuer(std::string(31, 'k'), kTtl), std::invalid_argument);
  EXPECT_NO_THROW(AccessTokenIssuer(std::string(32, 'k'), kTtl));
  EXPECT_THROW(AccessTokenIssuer(std::string(32, 'k'), 0), std::invalid_argument);
}

TEST(AccessTokenIssuer, ErrorsHaveReadableNames) {
  for (TokenError error :
       {TokenError::kMalformed, TokenError::kBadAlgorithm, TokenError::kBadSignature,
        TokenError::kExpired, TokenError::kNotYetValid, TokenError::kWrongIssuer}) {
    EXPECT_FALSE(to_string(error).empty());
  }
}

}  // namespace
}  // namespace godwit::auth
