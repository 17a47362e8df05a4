// Google ID tokens against a JWKS made from a key pair generated in the test: the valid
// case, each claim check, and the algorithm-confusion attacks on RS256.
#include "auth/google_id_token.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/rsa_test_keys.hpp"

namespace godwit::auth {
namespace {

using nlohmann::json;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kLeeway = 60;
const std::string kClientId = "1234-web.apps.googleusercontent.com";

class GoogleIdTokens : public ::testing::Test {
 protected:
  // Key generation is the slow part: one pair for the whole suite.
  static void SetUpTestSuite() {
    key_ = new test::RsaTestKey(test::RsaTestKey::generate("google-key-1"));
    other_key_ = new test::RsaTestKey(test::RsaTestKey::generate("google-key-2"));
  }
  static void TearDownTestSuite() {
    delete key_;
    delete other_key_;
  }

  GoogleIdTokenVerifier verifier_{key_->jwks(), {kClientId}};

  /// The refusal reason, or "" when the token was accepted.
  std::string refusal(std::string_view token, std::int64_t now = kNow) const {
    auto result = verifier_.verify(token, now, kLeeway);
    if (const auto* reason = std::get_if<std::string>(&result)) return *reason;
    return "";
  }

  static json claims() { return test::google_claims(kClientId, kNow); }

  static test::RsaTestKey* key_;
  static test::RsaTestKey* other_key_;
};

test::RsaTestKey* GoogleIdTokens::key_ = nullptr;
test::RsaTestKey* GoogleIdTokens::other_key_ = nullptr;

TEST_F(GoogleIdTokens, ValidTokenYieldsTheIdentity) {
  auto result = verifier_.verify(key_->sign_jwt(claims()), kNow + 5, kLeeway);
  ASSERT_TRUE(std::holds_alternative<GoogleIdentity>(result)) << std::get<std::string>(result);
  const auto& identity = std::get<GoogleIdentity>(result);
  EXPECT_EQ(identity.subject, "109876543210987654321");
  EXPECT_EQ(identity.email, "ada@example.com");
  EXPECT_TRUE(identity.email_verified);
  EXPECT_EQ(identity.name, "Ada Lovelace");
  EXPECT_EQ(identity.picture, "https://example.com/ada.png");
}

TEST_F(GoogleIdTokens, BothGoogleIssuerSpellingsAreAccepted) {
  json c = claims();
  c["iss"] = "accounts.google.com";
  EXPECT_EQ(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, StringEmailVerifiedAndMissingOptionalsAreHandled) {
  json c = claims();
  c["email_verified"] = "false";
  c.erase("name");
  c.erase("picture");
  auto identity = std::get<GoogleIdentity>(verifier_.verify(key_->sign_jwt(c), kNow));
  EXPECT_FALSE(identity.email_verified);
  EXPECT_EQ(identity.name, std::nullopt);
  EXPECT_EQ(identity.picture, std::nullopt);
}

TEST_F(GoogleIdTokens, UnknownKidIsRefused) {
  std::string reason = refusal(key_->sign_jwt(claims(), {{"kid", "rotated-away"}}));
  EXPECT_NE(reason.find("key"), std::string::npos) << reason;
  EXPECT_NE(refusal(key_->sign_jwt(claims(), {{"kid", nullptr}})), "");
}

TEST_F(GoogleIdTokens, TokenSignedByAnotherKeyUnderOurKidIsRefused) {
  std::string token = other_key_->sign_jwt(claims(), {{"kid", key_->kid()}});
  EXPECT_NE(refusal(token).find("signature"), std::string::npos);
}

TEST_F(GoogleIdTokens, KeyIsChosenByKidAmongSeveral) {
  GoogleIdTokenVerifier both(test::jwks_of({key_, other_key_}), {kClientId});
  EXPECT_TRUE(std::holds_alternative<GoogleIdentity>(both.verify(key_->sign_jwt(claims()), kNow)));
  EXPECT_TRUE(
      std::holds_alternative<GoogleIdentity>(both.verify(other_key_->sign_jwt(claims()), kNow)));
}

TEST_F(GoogleIdTokens, WrongAudienceIsRefused) {
  json c = claims();
  c["aud"] = "someone-elses-client.apps.googleusercontent.com";
  EXPECT_NE(refusal(key_->sign_jwt(c)).find("another application"), std::string::npos);
  c.erase("aud");
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
  c["aud"] = json::array();
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, AudienceArrayNeedsOurClientAndAuthorizedParty) {
  json c = claims();
  c["aud"] = json::array({kClientId});
  EXPECT_EQ(refusal(key_->sign_jwt(c)), "");
  c["aud"] = json::array({"other", kClientId});
  EXPECT_EQ(refusal(key_->sign_jwt(c)), "");  // azp is our client id
  c["azp"] = "other";
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, AnyConfiguredAudienceIsAccepted) {
  GoogleIdTokenVerifier two(key_->jwks(), {"android-client", kClientId});
  EXPECT_TRUE(std::holds_alternative<GoogleIdentity>(two.verify(key_->sign_jwt(claims()), kNow)));
}

TEST_F(GoogleIdTokens, WrongIssuerIsRefused) {
  for (const char* iss : {"https://accounts.google.com.evil.example", "http://accounts.google.com",
                          "https://evil.example", ""}) {
    json c = claims();
    c["iss"] = iss;
    EXPECT_NE(refusal(key_->sign_jwt(c)).find("not issued by Google"), std::string::npos) << iss;
  }
  json c = claims();
  c.erase("iss");
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, ExpiredTokenIsRefusedAfterLeeway) {
  std::string token = key_->sign_jwt(claims());
  std::int64_t exp = kNow + 3600;
  EXPECT_EQ(refusal(token, exp + kLeeway - 1), "");
  EXPECT_NE(refusal(token, exp + kLeeway).find("expired"), std::string::npos);
  json c = claims();
  c.erase("exp");
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, FutureIssueOrNotBeforeIsRefused) {
  json c = claims();
  c["iat"] = kNow + kLeeway + 1;
  EXPECT_NE(refusal(key_->sign_jwt(c)).find("not valid yet"), std::string::npos);
  c = claims();
  c["nbf"] = kNow + kLeeway + 1;
  EXPECT_NE(refusal(key_->sign_jwt(c)).find("not valid yet"), std::string::npos);
  c["nbf"] = 1.5;
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
}

TEST_F(GoogleIdTokens, MissingSubjectOrEmailIsRefused) {
  json c = claims();
  c.erase("sub");
  EXPECT_NE(refusal(key_->sign_jwt(c)).find("subject"), std::string::npos);
  c = claims();
  c["sub"] = "";
  EXPECT_NE(refusal(key_->sign_jwt(c)), "");
  c = claims();
  c.erase("email");
  EXPECT_NE(refusal(key_->sign_jwt(c)).find("email"), std::string::npos);
}

TEST_F(GoogleIdTokens, Hs256SignedWithThePublicKeyIsRefused) {
  // The classic confusion: a verifier that feeds "the key" to whatever alg the token
  // names would accept this HMAC keyed with the PEM (or the JWKS) it publishes.
  json header = {{"alg", "HS256"}, {"kid", key_->kid()}, {"typ", "JWT"}};
  for (const std::string& secret : {key_->public_pem(), key_->jwks()}) {
    std::string reason = refusal(test::sign_hmac_jwt(secret, header, claims()));
    EXPECT_NE(reason.find("RS256"), std::string::npos) << reason;
  }
}

TEST_F(GoogleIdTokens, AlgNoneAndOtherAlgorithmsAreRefused) {
  for (const char* alg : {"none", "None", "NONE", "RS512", "PS256", "ES256", "rs256"}) {
    json header = {{"alg", alg}, {"kid", key_->kid()}};
    EXPECT_NE(refusal(test::assemble_jwt(header, claims(), "")).find("RS256"), std::string::npos)
        << alg;
    EXPECT_NE(refusal(key_->sign_jwt(claims(), {{"alg", alg}})), "") << alg;
  }
  json no_alg = {{"kid", key_->kid()}};
  EXPECT_NE(refusal(test::assemble_jwt(no_alg, claims(), "")), "");
}

TEST_F(GoogleIdTokens, TamperedClaimsAreRefused) {
  std::string token = key_->sign_jwt(claims());
  std::size_t first = token.find('.');
  std::size_t second = token.find('.', first + 1);
  json forged = claims();
  forged["email"] = "admin@example.com";
  std::string tampered =
      token.substr(0, first + 1) + test::base64url(forged.dump()) + token.substr(second);
  EXPECT_NE(refusal(tampered).find("signature"), std::string::npos);
  std::string flipped = token;
  char& c = flipped[flipped.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_NE(refusal(flipped), "");
}

TEST_F(GoogleIdTokens, GarbageIsRefusedWithoutCrashing) {
  for (std::string_view junk : {"", "a.b.c", "...", "eyJ.eyJ.", "not a token at all"}) {
    EXPECT_NE(refusal(junk), "") << junk;
  }
  EXPECT_NE(refusal(std::string(100'000, 'x')), "");
}

TEST(GoogleIdTokenVerifierSetup, MalformedJwksThrowsReadableErrors) {
  auto message = [](std::string_view jwks) {
    try {
      GoogleIdTokenVerifier verifier(jwks, {kClientId});
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_NE(message("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(message("[]").find("\"keys\""), std::string::npos);
  EXPECT_NE(message(R"({"keys":{}})").find("\"keys\""), std::string::npos);
  EXPECT_NE(message(R"({"keys":[]})").find("no usable"), std::string::npos);
  EXPECT_NE(message(R"({"keys":[{"kty":"EC","kid":"k","crv":"P-256","x":"AA","y":"AA"}]})")
                .find("no usable"),
            std::string::npos);
  EXPECT_NE(message(R"({"keys":[{"kty":"RSA","kid":"k","n":"!!","e":"AQAB"}]})").find("no usable"),
            std::string::npos);
}

TEST(GoogleIdTokenVerifierSetup, NonRsaKeysAreSkippedAndWeakKeysRefused) {
  test::RsaTestKey key = test::RsaTestKey::generate("rsa-1");
  json doc = json::parse(key.jwks());
  doc["keys"].insert(
      doc["keys"].begin(),
      json{{"kty", "EC"}, {"kid", "ec-1"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}});
  GoogleIdTokenVerifier verifier(doc.dump(), {kClientId});
  EXPECT_TRUE(std::holds_alternative<GoogleIdentity>(
      verifier.verify(key.sign_jwt(test::google_claims(kClientId, kNow)), kNow)));

  test::RsaTestKey weak = test::RsaTestKey::generate("weak", 1024);
  EXPECT_THROW(GoogleIdTokenVerifier(weak.jwks(), {kClientId}), std::invalid_argument);
}

TEST(GoogleIdTokenVerifierSetup, NoAudienceThrows) {
  test::RsaTestKey key = test::RsaTestKey::generate("rsa-1");
  EXPECT_THROW(GoogleIdTokenVerifier(key.jwks(), {}), std::invalid_argument);
  EXPECT_THROW(GoogleIdTokenVerifier(key.jwks(), {""}), std::invalid_argument);
}

TEST(TestSupport, PemRoundTripSignsTokensTheJwksVerifies) {
  test::RsaTestKey key = test::RsaTestKey::generate("pem-key");
  std::string pem = key.private_pem();
  std::string token = test::sign_rs256_jwt(pem, "pem-key", test::google_claims(kClientId, kNow));
  GoogleIdTokenVerifier verifier(test::jwks_from_private_pem(pem, "pem-key"), {kClientId});
  EXPECT_TRUE(std::holds_alternative<GoogleIdentity>(verifier.verify(token, kNow)));
}

}  // namespace
}  // namespace godwit::auth
