// Job use cases for the API: a project's jobs, one job, and cancelling one. Members see
// their project's jobs; editors and owners may cancel them; everyone else is told the
// project does not exist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jobs/job_queue.hpp"
#include "services/project_service.hpp"
#include "store/repositories/job_repository.hpp"

namespace godwit::services {

struct JobListInput {
  std::vector<std::string> states;  ///< queued, running, succeeded, failed, cancelled
  std::optional<std::string> kind;
  int limit = 50;
  int offset = 0;
};

class JobService {
 public:
  JobService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue);

  store::JobPage list(const std::string& user_id, const std::string& project_id,
                      const JobListInput& input);
  /// kNotFound unless the job belongs to the project and the user is a member.
  store::Job get(const std::string& user_id, const std::string& project_id,
                 const std::string& job_id);
  /// A queued job is cancelled at once, a running one when its handler next reports;
  /// a finished job is kConflict. Viewers get kForbidden.
  store::Job cancel(const std::string& user_id, const std::string& project_id,
                    const std::string& job_id);

 private:
  store::JobRepository jobs_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
};

}  // namespace godwit::services
