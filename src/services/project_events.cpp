// The changes an event stream of one project reports (see project_events.hpp).
#include "services/project_events.hpp"

#include <chrono>

#include "core/error.hpp"
#include "store/sql_support.hpp"

namespace godwit::services {
namespace {

bool looks_like_timestamp(const std::string& text) {
  // 2026-11-25T07:54:54.123456Z
  return text.size() == 27 && text[4] == '-' && text[10] == 'T' && text.back() == 'Z';
}

std::string phase_signature(const store::Project& p) {
  std::string s = p.status + "|" + p.current_phase + "|";
  for (const std::string& phase : p.completed_phases) s += phase + ",";
  return s;
}

}  // namespace

ProjectEventStream::ProjectEventStream(store::Database& db, std::string project_id,
                                       std::string user_id,
                                       std::optional<std::string> last_event_id)
    : db_(db), project_id_(std::move(project_id)), user_id_(std::move(user_id)) {
  if (last_event_id && looks_like_timestamp(*last_event_id)) since_ = *last_event_id;
}

std::vector<ProjectEvent> ProjectEventStream::poll() {
  std::vector<ProjectEvent> events;
  store::ProjectRepository projects(db_);
  std::optional<store::ProjectView> view = projects.find_for_member(project_id_, user_id_);
  if (!view) throw Error(ErrorKind::kNotFound, "no project with id '" + project_id_ + "'");
  std::string signature = phase_signature(view->project);
  if (signature != phase_signature_) {
    phase_signature_ = signature;
    events.push_back(
        {ProjectEvent::Kind::kPhase, view->project.updated_at, std::nullopt, view->project});
  }

  store::JobRepository jobs(db_);
  std::vector<store::Job> changed;
  if (first_ && !since_) {
    // A fresh stream starts from the jobs still in flight; later polls see every change
    // from this instant on.
    since_ = store::detail::now_timestamp();
    changed = jobs.list({project_id_, {"queued", "running"}, std::nullopt, 100, 0}).items;
  } else {
    changed = jobs.changed_since(project_id_, *since_);
  }
  first_ = false;
  for (store::Job& job : changed) {
    auto it = sent_.find(job.id);
    if (it != sent_.end() && it->second == job.updated_at) continue;
    sent_[job.id] = job.updated_at;
    if (job.updated_at > *since_) since_ = job.updated_at;
    std::string id = job.updated_at;
    events.push_back({ProjectEvent::Kind::kJob, id, std::move(job), std::nullopt});
  }
  return events;
}

}  // namespace godwit::services
