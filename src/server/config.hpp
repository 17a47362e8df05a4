// Server configuration: flags override environment variables, which override defaults.
// For local use, missing secrets are generated once and kept in the data directory;
// in production mode they must be given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/passwords.hpp"
#include "llm/llm_settings.hpp"

namespace godwit::server {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8000;
  std::string data_dir = "var";
  std::string database_url;  ///< default sqlite:<data_dir>/godwit.db
  std::string jwt_secret;    ///< GODWIT_JWT_SECRET, >= 32 bytes
  std::string secret_key;    ///< GODWIT_SECRET_KEY, 64 hex chars (libsodium secretbox key)
  std::vector<std::string> cors_origins;
  std::int64_t max_upload_mb = 100;
  std::int64_t max_json_bytes = 1 << 20;
  std::string web_dir = "web/dist";
  std::string public_url;  ///< links in e-mails; default http://host:port
  std::vector<std::string> google_client_ids;
  std::string google_jwks;  ///< a file path or an https URL
  int threads = 0;          ///< 0: chosen from the core count
  llm::LlmSettings llm;     ///< GODWIT_LLM_*: provider, model, limits (default offline)
  std::int64_t access_token_ttl_seconds = 15 * 60;
  auth::PasswordHashCost password_hash_cost = auth::PasswordHashCost::kInteractive;
  bool production = false;
  bool json_logs = true;
  int job_workers = 2;                ///< GODWIT_WORKERS; 0: this process runs no jobs
  int job_lease_seconds = 30;         ///< GODWIT_JOB_LEASE_SECONDS
  int max_event_streams = 16;         ///< GODWIT_MAX_EVENT_STREAMS
  int events_heartbeat_seconds = 15;  ///< GODWIT_EVENTS_HEARTBEAT_SECONDS
  std::int64_t max_file_mb = 50;      ///< GODWIT_MAX_FILE_MB: one uploaded file (or zip entry)
  std::string sqlite_root;            ///< GODWIT_SQLITE_ROOT: where SQLite connections may point
};

/// Reads GODWIT_* variables into `config` (fields already set by flags win when
/// `flags_set` names them). Throws godwit::Error(kInvalidInput) naming the variable for a
/// malformed value.
void apply_environment(ServerConfig& config, const std::vector<std::string>& flags_set);

/// Fills database_url/public_url defaults and generates or loads local secrets
/// (data_dir/secrets.json, mode 0600). In production throws kInvalidInput listing what
/// is missing. Returns human lines to log about what was generated.
std::vector<std::string> finalize(ServerConfig& config);

}  // namespace godwit::server
