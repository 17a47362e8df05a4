// Job use cases for the API (see job_service.hpp).
#include "services/job_service.hpp"

#include <array>

#include "core/error.hpp"

namespace godwit::services {
namespace {

constexpr std::array<std::string_view, 5> kStates = {"queued", "running", "succeeded", "failed",
                                                     "cancelled"};

}  // namespace

JobService::JobService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue)
    : jobs_(db), projects_(projects), queue_(queue) {}

store::JobPage JobService::list(const std::string& user_id, const std::string& project_id,
                                const JobListInput& input) {
  projects_.get(user_id, project_id);
  for (const std::string& state : input.states) {
    bool known = false;
    for (std::string_view s : kStates) known = known || s == state;
    if (!known) {
      throw Error(ErrorKind::kInvalidInput, "unknown job state '" + state + "'",
                  {{"state", "must be any of queued, running, succeeded, failed, cancelled"}});
    }
  }
  return jobs_.list({project_id, input.states, input.kind, input.limit, input.offset});
}

store::Job JobService::get(const std::string& user_id, const std::string& project_id,
                           const std::string& job_id) {
  projects_.get(user_id, project_id);
  std::optional<store::Job> job = jobs_.find(job_id);
  if (!job || job->project_id != project_id) {
    throw Error(ErrorKind::kNotFound, "no job with id '" + job_id + "' in this project");
  }
  return *job;
}

store::Job JobService::cancel(const std::string& user_id, const std::string& project_id,
                              const std::string& job_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::Job job = get(user_id, project_id, job_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden,
                "your role on this project (viewer) does not allow you to cancel jobs; ask an "
                "owner or editor");
  }
  if (job.finished()) {
    throw Error(ErrorKind::kConflict, "the job has already finished (" + job.state +
                                          "); only queued or running jobs can be cancelled");
  }
  std::optional<store::Job> now = queue_.cancel(job_id);
  if (!now) throw Error(ErrorKind::kNotFound, "no job with id '" + job_id + "' in this project");
  return *now;
}

}  // namespace godwit::services
