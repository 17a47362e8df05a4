// The five phases of a migration project and the rules for moving through them:
// upload -> discovery -> mapping -> codegen -> validation. Pure functions, so the rules
// are tested without a database or a server.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/repositories/project_repository.hpp"

namespace godwit::services {

inline constexpr std::array<std::string_view, 5> kPhases = {"upload", "discovery", "mapping",
                                                            "codegen", "validation"};

/// Index of `phase` in kPhases, nullopt for an unknown name.
std::optional<std::size_t> phase_index(std::string_view phase);

enum class PhaseAction { kComplete, kReopen };

/// The state after applying `action` to `phase`. Throws godwit::Error:
/// kConflict naming the first missing prerequisite ("complete the discovery phase
/// first") when completing a phase whose predecessors are not all complete;
/// kNotFound-free: an unknown phase is kInvalidInput listing the phase names.
/// Completing an already complete phase is idempotent. Reopening a phase un-completes it
/// and every later phase, and makes it current.
store::PhaseState apply_phase_action(const store::Project& project, std::string_view phase,
                                     PhaseAction action);

/// Per-phase view for clients: "completed", "current", "available" or "blocked", and for
/// a blocked phase the first prerequisite that is missing.
struct PhaseStatus {
  std::string name;
  std::string state;
  std::optional<std::string> blocked_by;
};
std::vector<PhaseStatus> phase_statuses(const store::Project& project);

}  // namespace godwit::services
