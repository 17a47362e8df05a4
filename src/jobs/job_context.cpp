// What a running job handler sees (see job_context.hpp).
#include "jobs/job_context.hpp"

#include <algorithm>

namespace godwit::jobs {

JobContext::JobContext(store::Job job, Reporter reporter, JobSignals& signals)
    : job_(std::move(job)), reporter_(std::move(reporter)), signals_(signals) {
  payload_ = nlohmann::json::parse(job_.payload, nullptr, /*allow_exceptions=*/false);
  if (!payload_.is_object()) payload_ = nlohmann::json::object();
  if (job_.cancel_requested) signals_.cancel_requested = true;
}

void JobContext::progress(int percent, const std::string& stage, const std::string& message) {
  check_cancelled();
  store::LeaseStatus status = reporter_(std::clamp(percent, 0, 100), stage, message);
  if (!status.held) signals_.lease_lost = true;
  if (status.cancel_requested) signals_.cancel_requested = true;
  check_cancelled();
}

void JobContext::check_cancelled() const {
  if (signals_.lease_lost) throw JobInterrupted(JobInterrupted::Reason::kLeaseLost);
  if (signals_.cancel_requested) throw JobCancelled();
  if (signals_.shutting_down) throw JobInterrupted(JobInterrupted::Reason::kShutdown);
}

}  // namespace godwit::jobs
