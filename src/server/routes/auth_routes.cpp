// /api/v1/auth/*: register, login, refresh, logout, profile, password reset, Google.
// Browsers ask for the refresh token in an HttpOnly SameSite=Strict cookie (header
// `X-Godwit-Session: cookie`); API clients get it in the JSON body.
#include <spdlog/spdlog.h>

#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr const char* kCookieName = "godwit_refresh";

bool cookie_mode(const httplib::Request& req) {
  return iequals(req.get_header_value("X-Godwit-Session"), "cookie");
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  for (const std::string& part : split(header, ';')) {
    std::string_view item = trim(part);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=') {
      return std::string(item.substr(name.size() + 1));
    }
  }
  return {};
}

void set_refresh_cookie(httplib::Response& res, const ServerConfig& config,
                        const std::string& token, std::int64_t max_age) {
  std::string cookie =
      std::string(kCookieName) + "=" + token +
      "; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (config.public_url.rfind("https://", 0) == 0) cookie += "; Secure";
  res.set_header("Set-Cookie", cookie);
}

void write_session(RequestContext& ctx, const ServerConfig& config, int status,
                   const store::User& user, const services::SessionTokens& tokens) {
  nlohmann::json body = {
      {"user", encode_user(user)},
      {"access_token", tokens.access_token},
      {"token_type", "Bearer"},
      {"expires_in", tokens.access_expires_in},
      {"refresh_expires_in", tokens.refresh_expires_in},
  };
  if (cookie_mode(ctx.req)) {
    set_refresh_cookie(ctx.res, config, tokens.refresh_token, tokens.refresh_expires_in);
  } else {
    body["refresh_token"] = tokens.refresh_token;
  }
  write_json(ctx.res, status, body);
}

/// The refresh token from the JSON body, or else from the cookie.
std::string presented_refresh_token(RequestContext& ctx, const ServerConfig& config) {
  JsonBody body = JsonBody::parse(ctx.req, config.max_json_bytes, true);
  std::optional<std::string> token = body.string("refresh_token", 200);
  body.finish();
  if (token) return *token;
  return cookie_value(ctx.req, kCookieName);
}

}  // namespace

void add_auth_routes(Router& router, services::AuthService& auth, const ServerConfig& config) {
  const std::size_t max = static_cast<std::size_t>(config.max_json_bytes);

  router.post("/api/v1/auth/register", Access::kPublic, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    std::string email = body.required_string("email", 254);
    std::string password = body.required_string("password", 1024);
    std::string name = body.required_string("name", 200);
    body.finish();
    services::Session session = auth.register_user(email, password, name);
    set_log_user(session.user.id);
    write_session(ctx, config, 201, session.user, session.tokens);
  });

  router.post("/api/v1/auth/login", Access::kPublic, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    std::string email = body.required_string("email", 254);
    std::string password = body.required_string("password", 1024);
    body.finish();
    services::Session session = auth.login(email, password, ctx.req.remote_addr);
    set_log_user(session.user.id);
    write_session(ctx, config, 200, session.user, session.tokens);
  });

  router.post("/api/v1/auth/refresh", Access::kPublic, [&](RequestContext& ctx) {
    services::Session session = auth.refresh(presented_refresh_token(ctx, config));
    set_log_user(session.user.id);
    write_session(ctx, config, 200, session.user, session.tokens);
  });

  router.post("/api/v1/auth/logout", Access::kPublic, [&](RequestContext& ctx) {
    auth.logout(presented_refresh_token(ctx, config));
    set_refresh_cookie(ctx.res, config, "", 0);
    ctx.res.status = 204;
  });

  router.get("/api/v1/auth/profile", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, encode_user(auth.profile(ctx.user_id())));
  });

  router.put("/api/v1/auth/profile", Access::kAuthenticated, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    services::ProfileUpdate update;
    update.name = body.string("name", 200);
    update.picture_url = body.nullable_string("picture_url", 500);
    update.current_password = body.string("current_password", 1024);
    update.new_password = body.string("new_password", 1024);
    body.finish();
    services::ProfileUpdateResult result = auth.update_profile(ctx.user_id(), update);
    if (result.tokens) {
      write_session(ctx, config, 200, result.user, *result.tokens);
    } else {
      write_json(ctx.res, 200, {{"user", encode_user(result.user)}});
    }
  });

  router.post("/api/v1/auth/forgot-password", Access::kPublic, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    std::string email = body.required_string("email", 254);
    body.finish();
    if (std::optional<std::string> link = auth.forgot_password(email)) {
      // No mail server is configured: the link goes to the log (and the mail outbox).
      spdlog::info("password reset requested for {}: {}", to_lower(trim(email)), *link);
    }
    write_json(ctx.res, 202,
               {{"message", "if an account uses this address, a reset link has been sent to it"}});
  });

  router.post("/api/v1/auth/reset-password", Access::kPublic, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    std::string token = body.required_string("token", 200);
    std::string password = body.required_string("new_password", 1024);
    body.finish();
    auth.reset_password(token, password);
    ctx.res.status = 204;
  });

  router.post("/api/v1/auth/google", Access::kPublic, [&, max](RequestContext& ctx) {
    JsonBody body = JsonBody::parse(ctx.req, max);
    std::string id_token = body.required_string("id_token", 16384);
    body.finish();
    services::Session session = auth.google_sign_in(id_token);
    set_log_user(session.user.id);
    write_session(ctx, config, 200, session.user, session.tokens);
  });
}

}  // namespace godwit::server
