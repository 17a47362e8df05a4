// What an event stream of one project reports: job changes (progress, state) and phase
// changes, read from the database so that changes made by any server process sharing
// it are seen. Each poll() returns what changed since the previous one; the first
// returns the current state (the project's phase and its unfinished jobs), or, when
// resuming after a reconnect, every job change after the last event id received.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/repositories/job_repository.hpp"
#include "store/repositories/project_repository.hpp"

namespace godwit::services {

struct ProjectEvent {
  enum class Kind { kJob, kPhase };
  Kind kind = Kind::kJob;
  /// Resume point for Last-Event-ID: the change's timestamp.
  std::string id;
  std::optional<store::Job> job;          ///< kJob
  std::optional<store::Project> project;  ///< kPhase
};

class ProjectEventStream {
 public:
  /// The caller has already checked membership. `last_event_id` comes from the
  /// Last-Event-ID header of a reconnecting client (ignored when not a timestamp).
  ProjectEventStream(store::Database& db, std::string project_id, std::string user_id,
                     std::optional<std::string> last_event_id);

  /// Changes since the previous call. Throws godwit::Error(kNotFound) once the user is
  /// no longer a member (or the project was deleted): the stream must end.
  std::vector<ProjectEvent> poll();

 private:
  store::Database& db_;
  std::string project_id_;
  std::string user_id_;
  std::optional<std::string> since_;
  bool first_ = true;
  std::map<std::string, std::string> sent_;  ///< job id -> updated_at last sent
  std::string phase_signature_;
};

}  // namespace godwit::services
