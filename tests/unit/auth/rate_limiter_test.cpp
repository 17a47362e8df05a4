// The sign-in limiter: lock after N failures, count down, slide, reset, stay bounded.
#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace godwit::auth {
namespace {

constexpr std::int64_t kT0 = 1'800'000'000;

// Built with += rather than "literal" + std::string: GCC 12 at -O3 reports a false
// -Wrestrict on the latter, which -Werror turns into a failed release build.
std::string key_for(std::string_view prefix, int index) {
  std::string key(prefix);
  key += std::to_string(index);
  return key;
}

TEST(RateLimiter, AllowsUntilMaxFailuresThenLocks) {
  RateLimiter limiter(3, 60);
  EXPECT_EQ(limiter.retry_after("ada", kT0), 0);
  limiter.record_failure("ada", kT0);
  limiter.record_failure("ada", kT0 + 1);
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 2), 0);
  limiter.record_failure("ada", kT0 + 2);
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 2), 58);
  EXPECT_EQ(limiter.retry_after("someone-else", kT0 + 2), 0);
}

TEST(RateLimiter, RetryAfterCountsDownToZero) {
  RateLimiter limiter(2, 30);
  limiter.record_failure("ip:1", kT0);
  limiter.record_failure("ip:1", kT0);
  EXPECT_EQ(limiter.retry_after("ip:1", kT0), 30);
  EXPECT_EQ(limiter.retry_after("ip:1", kT0 + 10), 20);
  EXPECT_EQ(limiter.retry_after("ip:1", kT0 + 29), 1);
  EXPECT_EQ(limiter.retry_after("ip:1", kT0 + 30), 0);
}

TEST(RateLimiter, WindowSlidesWithTheOldestFailure) {
  RateLimiter limiter(3, 60);
  limiter.record_failure("ada", kT0);
  limiter.record_failure("ada", kT0 + 20);
  limiter.record_failure("ada", kT0 + 40);
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 40), 20);
  // At kT0+60 the first failure has left the window: two remain, so one more is allowed.
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 60), 0);
  limiter.record_failure("ada", kT0 + 61);
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 61), 19);  // oldest counted is now kT0+20
}

TEST(RateLimiter, FailuresSpreadBeyondTheWindowNeverLock) {
  RateLimiter limiter(2, 10);
  for (int i = 0; i < 20; ++i) {
    limiter.record_failure("slow", kT0 + i * 10);
    EXPECT_EQ(limiter.retry_after("slow", kT0 + i * 10), 0) << i;
  }
}

TEST(RateLimiter, ResetClearsTheKey) {
  RateLimiter limiter(1, 60);
  limiter.record_failure("ada", kT0);
  EXPECT_GT(limiter.retry_after("ada", kT0), 0);
  limiter.reset("ada");
  EXPECT_EQ(limiter.retry_after("ada", kT0), 0);
  limiter.reset("never-seen");
}

TEST(RateLimiter, HammeringALockedKeyDoesNotExtendItBeyondTheWindow) {
  RateLimiter limiter(3, 60);
  for (int i = 0; i < 1000; ++i) limiter.record_failure("ada", kT0);
  EXPECT_EQ(limiter.retry_after("ada", kT0), 60);
  EXPECT_EQ(limiter.retry_after("ada", kT0 + 60), 0);
}

TEST(RateLimiter, OldKeysAreSweptSoMemoryStaysBounded) {
  RateLimiter limiter(5, 60);
  for (int i = 0; i < 1000; ++i) limiter.record_failure(key_for("ip:", i), kT0);
  EXPECT_EQ(limiter.tracked_keys(), 1000u);
  limiter.record_failure("late", kT0 + 61);
  EXPECT_EQ(limiter.tracked_keys(), 1u);
}

TEST(RateLimiter, ClockSteppingBackNeverLocksLongerThanTheWindow) {
  RateLimiter limiter(1, 60);
  limiter.record_failure("ada", kT0);
  EXPECT_EQ(limiter.retry_after("ada", kT0 - 500), 60);
}

TEST(RateLimiter, RejectsNonsenseConfiguration) {
  EXPECT_THROW(RateLimiter(0, 60), std::invalid_argument);
  EXPECT_THROW(RateLimiter(5, 0), std::invalid_argument);
}

TEST(RateLimiter, IsSafeUnderConcurrentUse) {
  RateLimiter limiter(1000, 60);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        limiter.record_failure("shared", kT0);
        limiter.retry_after(key_for("k", t), kT0);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(limiter.retry_after("shared", kT0), 0);  // 800 < 1000
  limiter.record_failure("shared", kT0);
  for (int i = 0; i < 199; ++i) limiter.record_failure("shared", kT0);
  EXPECT_EQ(limiter.retry_after("shared", kT0), 60);
}

}  // namespace
}  // namespace godwit::auth
