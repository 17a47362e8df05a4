#include "services/project_phases.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace godwit::services {
namespace {

bool is_completed(const std::vector<std::string>& completed, std::string_view phase) {
  return std::find(completed.begin(), completed.end(), phase) != completed.end();
}

std::string phase_list() {
  std::string out;
  for (std::string_view p : kPhases) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

std::optional<std::size_t> phase_index(std::string_view phase) {
  for (std::size_t i = 0; i < kPhases.size(); ++i) {
    if (kPhases[i] == phase) return i;
  }
  return std::nullopt;
}

store::PhaseState apply_phase_action(const store::Project& project, std::string_view phase,
                                     PhaseAction action) {
  std::optional<std::size_t> index = phase_index(phase);
  if (!index) {
    throw Error(ErrorKind::kInvalidInput,
                "unknown phase '" + std::string(phase) + "'; the phases are " + phase_list(),
                {{"phase", "must be one of " + phase_list()}});
  }
  std::vector<std::string> completed;
  if (action == PhaseAction::kComplete) {
    for (std::size_t i = 0; i < *index; ++i) {
      if (!is_completed(project.completed_phases, kPhases[i])) {
        throw Error(ErrorKind::kConflict, "the " + std::string(phase) +
                                              " phase cannot be completed before the " +
                                              std::string(kPhases[i]) + " phase; complete the " +
                                              std::string(kPhases[i]) + " phase first");
      }
    }
    for (std::size_t i = 0; i <= *index; ++i) completed.emplace_back(kPhases[i]);
    // Phases after this one that were already complete stay complete (idempotent
    // re-completion of an earlier phase must not silently discard later work).
    for (std::size_t i = *index + 1; i < kPhases.size(); ++i) {
      if (is_completed(project.completed_phases, kPhases[i]) && completed.size() == i) {
        completed.emplace_back(kPhases[i]);
      }
    }
  } else {
    for (std::size_t i = 0; i < *index; ++i) {
      if (is_completed(project.completed_phases, kPhases[i]))
        completed.emplace_back(kPhases[i]);
      else
        break;
    }
  }

  store::PhaseState state;
  state.completed_phases = completed;
  state.current_phase = completed.size() < kPhases.size() ? std::string(kPhases[completed.size()])
                                                          : std::string(kPhases.back());
  if (action == PhaseAction::kReopen) state.current_phase = std::string(phase);
  state.schemas_uploaded = is_completed(completed, "upload");
  state.mappings_complete = is_completed(completed, "mapping");
  state.validation_complete = is_completed(completed, "validation");
  if (completed.size() == kPhases.size()) {
    state.status = "completed";
  } else if (completed.empty() && project.status == "draft") {
    state.status = "draft";
  } else {
    state.status = project.status == "archived" ? "archived" : "in_progress";
  }
  return state;
}

std::vector<PhaseStatus> phase_statuses(const store::Project& project) {
  std::vector<PhaseStatus> out;
  std::optional<std::string> first_missing;
  for (std::string_view p : kPhases) {
    PhaseStatus status{std::string(p), "", std::nullopt};
    if (is_completed(project.completed_phases, p)) {
      status.state = "completed";
    } else if (!first_missing) {
      status.state = project.current_phase == p ? "current" : "available";
      first_missing = std::string(p);
    } else {
      status.state = "blocked";
      status.blocked_by = first_missing;
    }
    out.push_back(std::move(status));
  }
  return out;
}

}  // namespace godwit::services
