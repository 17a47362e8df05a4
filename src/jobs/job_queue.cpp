// Enqueueing and cancelling from this process (see job_queue.hpp).
#include "jobs/job_queue.hpp"

namespace godwit::jobs {

store::Job JobQueue::enqueue(const std::string& kind, const std::optional<std::string>& project_id,
                             const nlohmann::json& payload, int max_attempts) {
  store::Job job = jobs_.enqueue({kind, project_id, payload.dump(), max_attempts});
  if (feed_ != nullptr) feed_->notify();
  if (workers_ != nullptr) workers_->wake();
  return job;
}

std::optional<store::Job> JobQueue::cancel(const std::string& job_id) {
  std::optional<store::Job> job = jobs_.request_cancel(job_id);
  if (job && feed_ != nullptr) feed_->notify();
  return job;
}

}  // namespace godwit::jobs
