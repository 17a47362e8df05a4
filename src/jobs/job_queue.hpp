// Putting work on the durable queue from this process: stores the job, then wakes the
// local workers and event watchers so nothing waits for a polling interval.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jobs/change_feed.hpp"
#include "jobs/worker_pool.hpp"
#include "store/repositories/job_repository.hpp"

namespace godwit::jobs {

class JobQueue {
 public:
  /// `workers` and `feed` may be null (a process that only enqueues).
  JobQueue(store::Database& db, WorkerPool* workers, ChangeFeed* feed)
      : jobs_(db), workers_(workers), feed_(feed) {}

  store::Job enqueue(const std::string& kind, const std::optional<std::string>& project_id,
                     const nlohmann::json& payload = nlohmann::json::object(),
                     int max_attempts = 3);
  /// See JobRepository::request_cancel.
  std::optional<store::Job> cancel(const std::string& job_id);

 private:
  store::JobRepository jobs_;
  WorkerPool* workers_;
  ChangeFeed* feed_;
};

}  // namespace godwit::jobs
