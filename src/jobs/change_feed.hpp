// A wake-up signal for whoever watches job state in this process (event streams, idle
// workers): a version number that goes up on every change. Watchers re-read the
// database when it moves, so changes made by other processes sharing the database are
// picked up by the watchers' own polling timeout instead.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace godwit::jobs {

class ChangeFeed {
 public:
  /// Something changed (a job was enqueued, progressed or finished, a phase moved).
  void notify();
  std::uint64_t version() const;
  /// Blocks until the version differs from `seen`, the timeout passes or the feed is
  /// closed; returns the current version.
  std::uint64_t wait(std::uint64_t seen, std::chrono::milliseconds timeout);
  /// Wakes every waiter for good: the server is stopping.
  void close();
  bool closed() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t version_ = 0;
  bool closed_ = false;
};

}  // namespace godwit::jobs
