// Fixtures of the job suites: a migrated database per test on the backend the suite is
// instantiated for, with a project to attach jobs to, and a polling wait.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

#include "store/repositories/project_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::jobs::testing {

class JobsTest : public store::testing::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::string owner = make_user("jobs@example.com");
    store::ProjectRepository projects(db());
    project_ = projects.create({"Jobs", std::nullopt, "oracle", "bigquery", std::nullopt}, owner)
                   .project.id;
  }
  const std::string& project() const { return project_; }

 private:
  std::string project_;
};

class JobRepositoryTest : public JobsTest {};
class WorkerPoolTest : public JobsTest {};

/// Polls `done` every 10 ms until it holds or `timeout` passes; returns its last value.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace godwit::jobs::testing

#define GODWIT_JOBS_SUITES(X) \
  X(JobRepositoryTest)        \
  X(WorkerPoolTest)
