// Sliding-window failure counter. Each key keeps at most `max_failures` timestamps (the
// most recent ones), so a key costs bounded memory however hard it is hammered, and keys
// whose newest failure has left the window are swept so the map stays bounded too.
#include "auth/rate_limiter.hpp"

#include <algorithm>
#include <stdexcept>

namespace godwit::auth {
namespace {

/// Above this many keys a sweep runs at most once a second instead of once a window, so a
/// flood of distinct keys cannot grow the map for a whole window unchecked.
constexpr std::size_t kEagerSweepKeys = 100'000;

void drop_expired(std::deque<std::int64_t>& failures, std::int64_t now, std::int64_t window) {
  while (!failures.empty() && failures.front() <= now - window) failures.pop_front();
}

}  // namespace

RateLimiter::RateLimiter(int max_failures, std::int64_t window_seconds)
    : max_failures_(max_failures), window_seconds_(window_seconds) {
  if (max_failures_ < 1) throw std::invalid_argument("max_failures must be at least 1");
  if (window_seconds_ < 1) throw std::invalid_argument("window_seconds must be at least 1");
}

std::int64_t RateLimiter::retry_after(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  sweep_if_due(now);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  std::deque<std::int64_t>& failures = it->second;
  drop_expired(failures, now, window_seconds_);
  if (failures.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (failures.size() < static_cast<std::size_t>(max_failures_)) return 0;
  // Locked until the oldest counted failure leaves the window; clamped in case the clock
  // stepped backwards after failures were recorded.
  return std::clamp<std::int64_t>(failures.front() + window_seconds_ - now, 1, window_seconds_);
}

void RateLimiter::record_failure(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  sweep_if_due(now);
  std::deque<std::int64_t>& failures = failures_[key];
  drop_expired(failures, now, window_seconds_);
  failures.push_back(now);
  while (failures.size() > static_cast<std::size_t>(max_failures_)) failures.pop_front();
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

std::size_t RateLimiter::tracked_keys() {
  std::lock_guard lock(mutex_);
  return failures_.size();
}

void RateLimiter::sweep_if_due(std::int64_t now) {
  bool due = now - last_sweep_ >= window_seconds_ ||
             (failures_.size() > kEagerSweepKeys && now != last_sweep_);
  if (!due) return;
  last_sweep_ = now;
  std::erase_if(failures_, [&](const auto& entry) {
    return entry.second.empty() || entry.second.back() <= now - window_seconds_;
  });
}

}  // namespace godwit::auth
