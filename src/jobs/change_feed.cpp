// A process-local change signal (see change_feed.hpp).
#include "jobs/change_feed.hpp"

namespace godwit::jobs {

void ChangeFeed::notify() {
  {
    std::lock_guard lock(mutex_);
    ++version_;
  }
  changed_.notify_all();
}

std::uint64_t ChangeFeed::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

std::uint64_t ChangeFeed::wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || version_ != seen; });
  return version_;
}

void ChangeFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool ChangeFeed::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace godwit::jobs
