// /api/v1/auth/*: registration, sign-in, token rotation and reuse, cookies, profile,
// password reset, Google sign-in, and every way a bad token is refused.
#include <gtest/gtest.h>

#include <regex>

#include "api_environment.hpp"
#include "auth/access_tokens.hpp"
#include "core/time.hpp"
#include "support/rsa_test_keys.hpp"

namespace godwit::api_test {
namespace {

using nlohmann::json;

std::string unique_email(const std::string& prefix) {
  static int n = 0;
  return prefix + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
}

bool has_field_error(const Response& r, const std::string& field) {
  if (!r.json.contains("errors")) return false;
  for (const auto& e : r.json["errors"]) {
    if (e["field"] == field) return true;
  }
  return false;
}

TEST(AuthApi, RegisterNormalisesEmailAndReturnsSession) {
  std::string email = unique_email("Ada.Lovelace");
  Response r = shared_client().post(
      "/api/v1/auth/register",
      {{"email", "  " + email + " "}, {"password", "analytical engine 1843"}, {"name", " Ada "}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string lower = email;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(r.json["user"]["email"], lower);
  EXPECT_EQ(r.json["user"]["name"], "Ada");
  EXPECT_EQ(r.json["token_type"], "Bearer");
  EXPECT_EQ(r.json["expires_in"], 900);
  EXPECT_FALSE(r.json["refresh_token"].get<std::string>().empty());
  EXPECT_FALSE(r.json["user"].contains("password_hash"));
  EXPECT_EQ(r.json["user"]["has_password"], true);
}

TEST(AuthApi, DuplicateEmailIsConflict) {
  Account a = register_account(shared_client(), "dup");
  Response r = shared_client().post(
      "/api/v1/auth/register",
      {{"email", a.email}, {"password", "another long password"}, {"name", "X"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
}

TEST(AuthApi, WeakPasswordIsRejectedWithFieldMessage) {
  Response r =
      shared_client().post("/api/v1/auth/register",
                           {{"email", unique_email("weak")}, {"password", "short"}, {"name", "W"}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(has_field_error(r, "password")) << r.body;
  EXPECT_NE(r.json["detail"].get<std::string>().find("10"), std::string::npos) << r.body;
}

TEST(AuthApi, InvalidEmailIsRejected) {
  Response r = shared_client().post(
      "/api/v1/auth/register",
      {{"email", "not an email"}, {"password", "a good long password"}, {"name", "W"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(has_field_error(r, "email")) << r.body;
}

TEST(AuthApi, MissingAndWrongTypedFieldsAreAllListed) {
  Response r = shared_client().post("/api/v1/auth/register", {{"email", 5}});
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(has_field_error(r, "email"));
  EXPECT_TRUE(has_field_error(r, "password"));
  EXPECT_TRUE(has_field_error(r, "name"));
}

TEST(AuthApi, LoginWithWrongPasswordSaysSo) {
  Account a = register_account(shared_client(), "login");
  Response r = shared_client().post("/api/v1/auth/login",
                                    {{"email", a.email}, {"password", "wrong password!!"}});
  ASSERT_EQ(r.status, 401);
  EXPECT_EQ(r.json["detail"], "the email or password is incorrect");
  Response ok =
      shared_client().post("/api/v1/auth/login", {{"email", a.email}, {"password", a.password}});
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST(AuthApi, LoginIsRateLimitedPerAccount) {
  Account a = register_account(shared_client(), "limited");
  for (int i = 0; i < 5; ++i) {
    Response r = shared_client().post("/api/v1/auth/login",
                                      {{"email", a.email}, {"password", "nope nope nope"}});
    ASSERT_EQ(r.status, 401) << i;
  }
  Response r =
      shared_client().post("/api/v1/auth/login", {{"email", a.email}, {"password", a.password}});
  ASSERT_EQ(r.status, 429) << r.body;
  int retry_after = std::stoi(r.header("Retry-After"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 900);
}

TEST(AuthApi, RefreshRotatesAndReuseRevokesTheFamily) {
  Account a = register_account(shared_client(), "rotate");
  Response first =
      shared_client().post("/api/v1/auth/refresh", {{"refresh_token", a.refresh_token}});
  ASSERT_EQ(first.status, 200) << first.body;
  std::string second_token = first.json["refresh_token"];
  EXPECT_NE(second_token, a.refresh_token);
  // The spent token again: refused, and the family (including the new token) revoked.
  Response reuse =
      shared_client().post("/api/v1/auth/refresh", {{"refresh_token", a.refresh_token}});
  EXPECT_EQ(reuse.status, 401);
  Response after = shared_client().post("/api/v1/auth/refresh", {{"refresh_token", second_token}});
  EXPECT_EQ(after.status, 401) << after.body;
  // Other sign-ins of the same user are unaffected.
  Response login =
      shared_client().post("/api/v1/auth/login", {{"email", a.email}, {"password", a.password}});
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(shared_client()
                .post("/api/v1/auth/refresh", {{"refresh_token", login.json["refresh_token"]}})
                .status,
            200);
}

TEST(AuthApi, UnknownRefreshTokenIsUnauthorized) {
  EXPECT_EQ(shared_client().post("/api/v1/auth/refresh", {{"refresh_token", "bogus"}}).status, 401);
  EXPECT_EQ(shared_client().post("/api/v1/auth/refresh", json::object()).status, 401);
}

TEST(AuthApi, LogoutRevokesTheRefreshToken) {
  Account a = register_account(shared_client(), "logout");
  Response out = shared_client().post("/api/v1/auth/logout", {{"refresh_token", a.refresh_token}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(
      shared_client().post("/api/v1/auth/refresh", {{"refresh_token", a.refresh_token}}).status,
      401);
}

TEST(AuthApi, BrowserSessionsKeepTheRefreshTokenInAnHttpOnlyCookie) {
  std::string email = unique_email("cookie");
  Response r =
      shared_client().post("/api/v1/auth/register",
                           {{"email", email}, {"password", "a good long password"}, {"name", "C"}},
                           "", {{"X-Godwit-Session", "cookie"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_FALSE(r.json.contains("refresh_token"));
  std::string cookie = r.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/api/v1/auth"), std::string::npos);
  std::string pair = cookie.substr(0, cookie.find(';'));
  Response refreshed = shared_client().raw("POST", "/api/v1/auth/refresh", "", "",
                                           {{"Cookie", pair}, {"X-Godwit-Session", "cookie"}});
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_NE(refreshed.header("Set-Cookie").find("godwit_refresh="), std::string::npos);
  // The old cookie is now spent.
  EXPECT_EQ(shared_client().raw("POST", "/api/v1/auth/refresh", "", "", {{"Cookie", pair}}).status,
            401);
}

TEST(AuthApi, ProfileReadAndUpdate) {
  Account a = register_account(shared_client(), "profile");
  Response me = shared_client().get("/api/v1/auth/profile", a.access_token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json["email"], a.email);
  Response upd = shared_client().put(
      "/api/v1/auth/profile",
      {{"name", "Grace Hopper"}, {"picture_url", "https://example.com/g.png"}}, a.access_token);
  ASSERT_EQ(upd.status, 200) << upd.body;
  EXPECT_EQ(upd.json["user"]["name"], "Grace Hopper");
  EXPECT_EQ(upd.json["user"]["picture_url"], "https://example.com/g.png");
  Response cleared =
      shared_client().put("/api/v1/auth/profile", {{"picture_url", nullptr}}, a.access_token);
  EXPECT_TRUE(cleared.json["user"]["picture_url"].is_null()) << cleared.body;
  Response bad = shared_client().put("/api/v1/auth/profile",
                                     {{"picture_url", "javascript:alert(1)"}}, a.access_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has_field_error(bad, "picture_url"));
}

TEST(AuthApi, PasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions) {
  Account a = register_account(shared_client(), "pwchange");
  Response missing = shared_client().put(
      "/api/v1/auth/profile", {{"new_password", "brand new password 1"}}, a.access_token);
  EXPECT_EQ(missing.status, 400);
  Response wrong = shared_client().put(
      "/api/v1/auth/profile",
      {{"new_password", "brand new password 1"}, {"current_password", "wrong one"}},
      a.access_token);
  EXPECT_EQ(wrong.status, 422);
  Response ok = shared_client().put(
      "/api/v1/auth/profile",
      {{"new_password", "brand new password 1"}, {"current_password", a.password}}, a.access_token);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.json.contains("access_token"));
  EXPECT_EQ(
      shared_client().post("/api/v1/auth/refresh", {{"refresh_token", a.refresh_token}}).status,
      401);
  EXPECT_EQ(
      shared_client()
          .post("/api/v1/auth/login", {{"email", a.email}, {"password", "brand new password 1"}})
          .status,
      200);
  EXPECT_EQ(shared_client()
                .post("/api/v1/auth/login", {{"email", a.email}, {"password", a.password}})
                .status,
            401);
}

TEST(AuthApi, ForgotAndResetPassword) {
  Account a = register_account(shared_client(), "reset");
  Response unknown =
      shared_client().post("/api/v1/auth/forgot-password", {{"email", unique_email("nobody")}});
  EXPECT_EQ(unknown.status, 202);
  Response forgot = shared_client().post("/api/v1/auth/forgot-password", {{"email", a.email}});
  ASSERT_EQ(forgot.status, 202);
  EXPECT_EQ(forgot.json["message"], unknown.json["message"]);  // no account enumeration
  std::smatch match;
  std::string log = shared_server().log();
  std::regex link("reset-password\\?token=([A-Za-z0-9_-]{43})");
  std::string token;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), link); it != std::sregex_iterator();
       ++it) {
    token = (*it)[1];  // the newest link is the last one
  }
  ASSERT_FALSE(token.empty()) << "no reset link in the server log";
  Response weak = shared_client().post("/api/v1/auth/reset-password",
                                       {{"token", token}, {"new_password", "x"}});
  EXPECT_EQ(weak.status, 400);
  Response reset = shared_client().post(
      "/api/v1/auth/reset-password", {{"token", token}, {"new_password", "reset worked fine 42"}});
  ASSERT_EQ(reset.status, 204) << reset.body;
  Response again = shared_client().post(
      "/api/v1/auth/reset-password", {{"token", token}, {"new_password", "reset worked twice 42"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(
      shared_client().post("/api/v1/auth/refresh", {{"refresh_token", a.refresh_token}}).status,
      401);
  EXPECT_EQ(
      shared_client()
          .post("/api/v1/auth/login", {{"email", a.email}, {"password", "reset worked fine 42"}})
          .status,
      200);
}

class TokenRefusal : public ::testing::Test {
 protected:
  void SetUp() override { account_ = register_account(shared_client(), "tokens"); }
  int profile_status(const std::string& token) {
    return shared_client().get("/api/v1/auth/profile", token).status;
  }
  Account account_;
};

TEST_F(TokenRefusal, ValidTokenIsAccepted) {
  EXPECT_EQ(profile_status(account_.access_token), 200);
}

TEST_F(TokenRefusal, ExpiredTokenIsRefused) {
  auth::AccessTokenIssuer issuer(shared_server().jwt_secret(), 900);
  std::string expired = issuer.issue(account_.id, account_.email, unix_now() - 3600);
  Response r = shared_client().get("/api/v1/auth/profile", expired);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.json["detail"].get<std::string>().find("expired"), std::string::npos) << r.body;
}

TEST_F(TokenRefusal, TamperedPayloadIsRefused) {
  std::string token = account_.access_token;
  std::size_t dot = token.find('.');
  token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(profile_status(token), 401);
}

json valid_claims(const Account& a) {
  return {{"iss", "godwit"},          {"sub", a.id},       {"email", a.email},
          {"iat", unix_now()},        {"nbf", unix_now()}, {"exp", unix_now() + 600},
          {"jti", "0123456789abcdef"}};
}

TEST_F(TokenRefusal, AlgNoneIsRefused) {
  json claims = valid_claims(account_);
  EXPECT_EQ(
      profile_status(godwit::test::assemble_jwt({{"alg", "none"}, {"typ", "JWT"}}, claims, "")),
      401);
}

TEST_F(TokenRefusal, OtherHmacAlgorithmWithTheRightKeyIsRefused) {
  json claims = valid_claims(account_);
  std::string hs512 = godwit::test::sign_hmac_jwt(shared_server().jwt_secret(),
                                                  {{"alg", "HS512"}, {"typ", "JWT"}}, claims, true);
  EXPECT_EQ(profile_status(hs512), 401);
  std::string hs256 = godwit::test::sign_hmac_jwt(shared_server().jwt_secret(),
                                                  {{"alg", "HS256"}, {"typ", "JWT"}}, claims);
  EXPECT_EQ(profile_status(hs256), 200);  // the same claims correctly signed pass
}

TEST_F(TokenRefusal, MissingOrMalformedAuthorizationIsRefused) {
  Response none = shared_client().get("/api/v1/auth/profile");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer realm=\"godwit\"");
  Response basic = shared_client().raw("GET", "/api/v1/auth/profile", "", "",
                                       {{"Authorization", "Basic dXNlcjpwdw=="}});
  EXPECT_EQ(basic.status, 401);
  EXPECT_EQ(profile_status("a.b.c"), 401);
  EXPECT_EQ(profile_status(std::string(5000, 'x')), 401);
}

TEST(GoogleSignIn, ValidTokenCreatesAndThenReusesTheAccount) {
  json claims = godwit::test::google_claims(kGoogleClientId, unix_now(),
                                            "google-sub-" + std::to_string(::getpid()),
                                            unique_email("google"));
  std::string token = google_key().sign_jwt(claims);
  Response first = shared_client().post("/api/v1/auth/google", {{"id_token", token}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["user"]["google_linked"], true);
  EXPECT_EQ(first.json["user"]["has_password"], false);
  Response second = shared_client().post("/api/v1/auth/google", {{"id_token", token}});
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json["user"]["id"], first.json["user"]["id"]);
}

TEST(GoogleSignIn, WrongAudienceExpiryAndAlgorithmConfusionAreRefused) {
  std::int64_t now = unix_now();
  EXPECT_EQ(shared_client()
                .post("/api/v1/auth/google",
                      {{"id_token",
                        google_key().sign_jwt(godwit::test::google_claims("someone-else", now))}})
                .status,
            401);
  EXPECT_EQ(shared_client()
                .post("/api/v1/auth/google",
                      {{"id_token", google_key().sign_jwt(
                                        godwit::test::google_claims(kGoogleClientId, now - 7200))}})
                .status,
            401);
  std::string confused = godwit::test::sign_hmac_jwt(
      google_key().public_pem(), {{"alg", "HS256"}, {"kid", google_key().kid()}},
      godwit::test::google_claims(kGoogleClientId, now));
  Response r = shared_client().post("/api/v1/auth/google", {{"id_token", confused}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
}

TEST(GoogleSignIn, UnconfiguredServerSaysSo) {
  ServerProcess plain;
  Client client(plain.port());
  Response r = client.post("/api/v1/auth/google", {{"id_token", "x.y.z"}});
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.json["detail"].get<std::string>().find("GODWIT_GOOGLE_CLIENT_IDS"),
            std::string::npos);
}

}  // namespace
}  // namespace godwit::api_test
