// Projects and their members. Every read is scoped to a member: a project the caller is
// not a member of does not exist for them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

enum class ProjectRole { kOwner, kEditor, kViewer };
std::string_view to_string(ProjectRole role);
std::optional<ProjectRole> project_role_from_string(std::string_view text);

struct Project {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string source_dialect;
  std::string target_dialect;
  std::string status;         ///< draft | in_progress | completed | archived
  std::string current_phase;  ///< upload | discovery | mapping | codegen | validation
  std::vector<std::string> completed_phases;  ///< in phase order
  bool schemas_uploaded = false;
  bool mappings_complete = false;
  bool validation_complete = false;
  std::optional<std::string> template_id;
  std::string owner_id;  ///< users.id of the creator (projects.user_id)
  std::string created_at;
  std::string updated_at;
};

/// A project as one member sees it.
struct ProjectView {
  Project project;
  ProjectRole role = ProjectRole::kViewer;
};

struct NewProject {
  std::string name;
  std::optional<std::string> description;
  std::string source_dialect;
  std::string target_dialect;
  std::optional<std::string> template_id;
};

/// Fields a PUT may change; absent fields are left as they are.
struct ProjectPatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> description;
  std::optional<std::string> source_dialect;
  std::optional<std::string> target_dialect;
  std::optional<std::string> status;
};

/// The phase state the phase rules computed (see app/project_phases.hpp).
struct PhaseState {
  std::string status;
  std::string current_phase;
  std::vector<std::string> completed_phases;
  bool schemas_uploaded = false;
  bool mappings_complete = false;
  bool validation_complete = false;
};

enum class ProjectSort { kUpdatedAt, kCreatedAt, kName, kStatus };

struct ProjectQuery {
  std::optional<std::string> search;  ///< case-insensitive substring of the name
  std::vector<std::string> statuses;  ///< any of
  std::optional<std::string> source_dialect;
  std::optional<std::string> target_dialect;
  ProjectSort sort = ProjectSort::kUpdatedAt;
  bool descending = true;
  int limit = 20;  ///< 1..100, validated by the caller
  int offset = 0;
};

struct ProjectPage {
  std::vector<ProjectView> items;
  std::int64_t total = 0;
};

struct Member {
  std::string user_id;
  std::string email;
  std::string name;
  ProjectRole role = ProjectRole::kViewer;
  std::string added_at;
};

class ProjectRepository {
 public:
  explicit ProjectRepository(Database& db) : db_(db) {}

  /// Creates the project and its owner membership in one transaction.
  ProjectView create(const NewProject& project, const std::string& owner_id);
  /// nullopt when the project does not exist or `user_id` is not a member.
  std::optional<ProjectView> find_for_member(const std::string& project_id,
                                             const std::string& user_id);
  ProjectPage list_for_member(const std::string& user_id, const ProjectQuery& query);
  /// Applies the patch and bumps updated_at; returns the new state (nullopt if gone).
  std::optional<Project> update(const std::string& project_id, const ProjectPatch& patch);
  std::optional<Project> set_phase_state(const std::string& project_id, const PhaseState& state);
  /// Deletes the project and everything that cascades from it. False when unknown.
  bool remove(const std::string& project_id);

  std::vector<Member> members(const std::string& project_id);
  /// Adds or changes a member's role.
  void upsert_member(const std::string& project_id, const std::string& user_id, ProjectRole role);
  bool remove_member(const std::string& project_id, const std::string& user_id);

 private:
  Database& db_;
};

}  // namespace godwit::store
