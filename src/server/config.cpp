#include "server/config.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/opaque_tokens.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "llm/llm_settings.hpp"

namespace godwit::server {
namespace {

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return (value && *value) ? value : nullptr;
}

bool flag_set(const std::vector<std::string>& flags, const std::string& name) {
  for (const auto& f : flags) {
    if (f == name) return true;
  }
  return false;
}

std::int64_t parse_int(const char* variable, const std::string& text, std::int64_t min,
                       std::int64_t max) {
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size() && value >= min && value <= max) return value;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kInvalidInput, std::string(variable) + " must be a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max) +
                                            ", got '" + text + "'");
}

std::vector<std::string> parse_list(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& part : split(text, ',')) {
    std::string item(trim(part));
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool is_hex(const std::string& text) {
  return text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

}  // namespace

void apply_environment(ServerConfig& c, const std::vector<std::string>& flags) {
  if (const char* v = env("GODWIT_HOST"); v && !flag_set(flags, "host")) c.host = v;
  if (const char* v = env("GODWIT_PORT"); v && !flag_set(flags, "port")) {
    c.port = static_cast<int>(parse_int("GODWIT_PORT", v, 0, 65535));
  }
  if (const char* v = env("GODWIT_DATA_DIR"); v && !flag_set(flags, "data-dir")) c.data_dir = v;
  if (const char* v = env("GODWIT_DATABASE_URL"); v && !flag_set(flags, "database-url")) {
    c.database_url = v;
  }
  if (const char* v = env("GODWIT_JWT_SECRET")) c.jwt_secret = v;
  if (const char* v = env("GODWIT_SECRET_KEY")) c.secret_key = v;
  if (const char* v = env("GODWIT_SQLITE_ROOT")) c.sqlite_root = v;
  if (const char* v = env("GODWIT_CORS_ORIGINS")) c.cors_origins = parse_list(v);
  if (const char* v = env("GODWIT_MAX_UPLOAD_MB")) {
    c.max_upload_mb = parse_int("GODWIT_MAX_UPLOAD_MB", v, 1, 100000);
  }
  if (const char* v = env("GODWIT_WEB_DIR"); v && !flag_set(flags, "web-dir")) c.web_dir = v;
  if (const char* v = env("GODWIT_PUBLIC_URL")) c.public_url = v;
  if (const char* v = env("GODWIT_GOOGLE_CLIENT_IDS")) c.google_client_ids = parse_list(v);
  if (const char* v = env("GODWIT_GOOGLE_JWKS")) c.google_jwks = v;
  c.llm = llm::llm_settings_from_environment(c.llm);
  if (const char* v = env("GODWIT_THREADS"); v && !flag_set(flags, "threads")) {
    c.threads = static_cast<int>(parse_int("GODWIT_THREADS", v, 1, 1024));
  }
  if (const char* v = env("GODWIT_ACCESS_TOKEN_TTL")) {
    c.access_token_ttl_seconds = parse_int("GODWIT_ACCESS_TOKEN_TTL", v, 5, 24 * 3600);
  }
  if (const char* v = env("GODWIT_PASSWORD_HASH_COST")) {
    std::string cost = to_lower(v);
    if (cost == "interactive")
      c.password_hash_cost = auth::PasswordHashCost::kInteractive;
    else if (cost == "moderate")
      c.password_hash_cost = auth::PasswordHashCost::kModerate;
    else if (cost == "minimum")
      c.password_hash_cost = auth::PasswordHashCost::kMinimum;
    else {
      throw Error(ErrorKind::kInvalidInput,
                  "GODWIT_PASSWORD_HASH_COST must be interactive, moderate or minimum");
    }
  }
  if (const char* v = env("GODWIT_WORKERS"); v && !flag_set(flags, "workers")) {
    c.job_workers = static_cast<int>(parse_int("GODWIT_WORKERS", v, 0, 256));
  }
  if (const char* v = env("GODWIT_JOB_LEASE_SECONDS")) {
    c.job_lease_seconds = static_cast<int>(parse_int("GODWIT_JOB_LEASE_SECONDS", v, 2, 3600));
  }
  if (const char* v = env("GODWIT_MAX_EVENT_STREAMS")) {
    c.max_event_streams = static_cast<int>(parse_int("GODWIT_MAX_EVENT_STREAMS", v, 0, 10000));
  }
  if (const char* v = env("GODWIT_EVENTS_HEARTBEAT_SECONDS")) {
    c.events_heartbeat_seconds =
        static_cast<int>(parse_int("GODWIT_EVENTS_HEARTBEAT_SECONDS", v, 1, 300));
  }
  if (const char* v = env("GODWIT_MAX_FILE_MB")) {
    c.max_file_mb = parse_int("GODWIT_MAX_FILE_MB", v, 1, 100000);
  }
  if (const char* v = env("GODWIT_LOG_FORMAT")) c.json_logs = to_lower(v) != "text";
  if (const char* v = env("GODWIT_PRODUCTION"); v && std::string(v) != "0") c.production = true;
}

std::vector<std::string> finalize(ServerConfig& c) {
  std::vector<std::string> notes;
  if (c.database_url.empty()) c.database_url = "sqlite:" + c.data_dir + "/godwit.db";
  if (c.public_url.empty()) {
    c.public_url = "http://" + (c.host == "0.0.0.0" ? std::string("127.0.0.1") : c.host) + ":" +
                   std::to_string(c.port);
  }
  if (!c.secret_key.empty() && (c.secret_key.size() != 64 || !is_hex(c.secret_key))) {
    throw Error(ErrorKind::kInvalidInput,
                "GODWIT_SECRET_KEY must be 64 hexadecimal characters (32 bytes); generate one "
                "with: openssl rand -hex 32");
  }
  if (!c.jwt_secret.empty() && c.jwt_secret.size() < 32) {
    throw Error(ErrorKind::kInvalidInput,
                "GODWIT_JWT_SECRET must be at least 32 characters; generate one with: openssl "
                "rand -hex 32");
  }
  if (c.production) {
    std::vector<std::string> missing;
    if (c.jwt_secret.empty()) missing.push_back("GODWIT_JWT_SECRET");
    if (c.secret_key.empty()) missing.push_back("GODWIT_SECRET_KEY");
    if (!missing.empty()) {
      throw Error(ErrorKind::kInvalidInput,
                  "--production refuses to start without " + join(missing, " and ") +
                      "; set them (openssl rand -hex 32) and start again");
    }
    if (c.password_hash_cost == auth::PasswordHashCost::kMinimum) {
      throw Error(ErrorKind::kInvalidInput,
                  "--production refuses GODWIT_PASSWORD_HASH_COST=minimum (for tests only)");
    }
    return notes;
  }
  if (!c.jwt_secret.empty() && !c.secret_key.empty()) return notes;

  std::filesystem::create_directories(c.data_dir);
  std::filesystem::path file = std::filesystem::path(c.data_dir) / "secrets.json";
  nlohmann::json stored = nlohmann::json::object();
  if (std::filesystem::exists(file)) {
    std::ifstream in(file);
    stored = nlohmann::json::parse(in, nullptr, false);
    if (!stored.is_object()) {
      throw Error(ErrorKind::kInvalidInput, file.string() +
                                                " is not valid JSON; fix or delete it (sessions "
                                                "and stored credentials depend on it)");
    }
  }
  bool changed = false;
  auto take = [&](std::string& field, const char* key, const char* variable) {
    if (!field.empty()) return;
    if (stored.contains(key) && stored[key].is_string()) {
      field = stored[key].get<std::string>();
      return;
    }
    field = auth::random_hex(32);
    stored[key] = field;
    changed = true;
    notes.push_back(std::string(variable) + " was not set: generated one and kept it in " +
                    file.string() + " (set " + variable + " in production)");
  };
  take(c.jwt_secret, "jwt_secret", "GODWIT_JWT_SECRET");
  take(c.secret_key, "secret_key", "GODWIT_SECRET_KEY");
  if (changed) {
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << stored.dump(2) << "\n";
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, file);
  }
  return notes;
}

}  // namespace godwit::server
