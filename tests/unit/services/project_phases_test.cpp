#include "services/project_phases.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace godwit::services {
namespace {

store::Project project_with(std::vector<std::string> completed, std::string current = "upload",
                            std::string status = "draft") {
  store::Project p;
  p.completed_phases = std::move(completed);
  p.current_phase = std::move(current);
  p.status = std::move(status);
  return p;
}

ErrorKind kind_of(const store::Project& p, const char* phase, PhaseAction action) {
  try {
    apply_phase_action(p, phase, action);
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no error";
  return ErrorKind::kInvalidInput;
}

TEST(ProjectPhases, CompletingUploadMovesToDiscovery) {
  store::PhaseState s = apply_phase_action(project_with({}), "upload", PhaseAction::kComplete);
  EXPECT_EQ(s.completed_phases, std::vector<std::string>{"upload"});
  EXPECT_EQ(s.current_phase, "discovery");
  EXPECT_EQ(s.status, "in_progress");
  EXPECT_TRUE(s.schemas_uploaded);
  EXPECT_FALSE(s.mappings_complete);
}

TEST(ProjectPhases, CompletingOutOfOrderIsAConflictNamingTheMissingPhase) {
  try {
    apply_phase_action(project_with({"upload"}), "mapping", PhaseAction::kComplete);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_NE(std::string(e.what()).find("complete the discovery phase first"), std::string::npos)
        << e.what();
  }
}

TEST(ProjectPhases, UnknownPhaseIsInvalidInput) {
  EXPECT_EQ(kind_of(project_with({}), "deploy", PhaseAction::kComplete), ErrorKind::kInvalidInput);
}

TEST(ProjectPhases, CompletingEveryPhaseCompletesTheProject) {
  store::Project p =
      project_with({"upload", "discovery", "mapping", "codegen"}, "validation", "in_progress");
  store::PhaseState s = apply_phase_action(p, "validation", PhaseAction::kComplete);
  EXPECT_EQ(s.completed_phases.size(), 5u);
  EXPECT_EQ(s.status, "completed");
  EXPECT_EQ(s.current_phase, "validation");
  EXPECT_TRUE(s.validation_complete);
}

TEST(ProjectPhases, RecompletingAnEarlierPhaseKeepsLaterWork) {
  store::Project p = project_with({"upload", "discovery", "mapping"}, "codegen", "in_progress");
  store::PhaseState s = apply_phase_action(p, "upload", PhaseAction::kComplete);
  EXPECT_EQ(s.completed_phases, (std::vector<std::string>{"upload", "discovery", "mapping"}));
  EXPECT_EQ(s.current_phase, "codegen");
}

TEST(ProjectPhases, ReopeningUncompletesThatPhaseAndLaterOnes) {
  store::Project p = project_with({"upload", "discovery", "mapping", "codegen", "validation"},
                                  "validation", "completed");
  store::PhaseState s = apply_phase_action(p, "discovery", PhaseAction::kReopen);
  EXPECT_EQ(s.completed_phases, std::vector<std::string>{"upload"});
  EXPECT_EQ(s.current_phase, "discovery");
  EXPECT_EQ(s.status, "in_progress");
  EXPECT_FALSE(s.validation_complete);
}

TEST(ProjectPhases, ArchivedProjectsStayArchived) {
  store::PhaseState s =
      apply_phase_action(project_with({}, "upload", "archived"), "upload", PhaseAction::kComplete);
  EXPECT_EQ(s.status, "archived");
}

TEST(ProjectPhases, StatusesShowCurrentAndBlocked) {
  std::vector<PhaseStatus> s = phase_statuses(project_with({"upload"}, "discovery", "in_progress"));
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].state, "completed");
  EXPECT_EQ(s[1].state, "current");
  EXPECT_EQ(s[2].state, "blocked");
  EXPECT_EQ(s[2].blocked_by, "discovery");
  EXPECT_EQ(s[4].blocked_by, "discovery");
}

}  // namespace
}  // namespace godwit::services
