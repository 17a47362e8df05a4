// Failed-attempt limiter for sign-in, keyed by account and by client address: after
// `max_failures` failures inside `window_seconds` the key is locked until the window
// that began with its oldest counted failure ends. In-process and thread-safe; a
// multi-instance deployment gets a per-instance limit (documented in docs/operations.md).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace godwit::auth {

class RateLimiter {
 public:
  RateLimiter(int max_failures, std::int64_t window_seconds);

  /// Seconds to wait before another attempt is allowed; 0 when allowed now.
  std::int64_t retry_after(const std::string& key, std::int64_t now);
  void record_failure(const std::string& key, std::int64_t now);
  void reset(const std::string& key);

  /// Keys currently holding failures (for tests and metrics).
  std::size_t tracked_keys();

 private:
  /// Drops keys whose newest failure has left the window; the caller holds `mutex_`.
  void sweep_if_due(std::int64_t now);

  int max_failures_;
  std::int64_t window_seconds_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
  std::int64_t last_sweep_ = 0;
};

}  // namespace godwit::auth
