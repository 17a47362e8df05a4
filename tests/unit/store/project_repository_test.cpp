// ProjectRepository on each backend: creation with its owner, visibility to members
// only, updates, phase state, removal and membership.
#include "store/repositories/project_repository.hpp"

#include <atomic>
#include <thread>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/repositories/template_repository.hpp"
#include "store_test_support.hpp"

namespace godwit::store::testing {
namespace {

constexpr const char* kInjection = "x'); DROP TABLE users;--";

NewProject new_project(const std::string& name) {
  return NewProject{name, std::string("A migration"), "oracle", "bigquery", std::nullopt};
}

TEST_P(ProjectRepositoryTest, CreateStartsAProjectInDraftAtUpload) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  ProjectView created = projects.create(new_project("Warehouse"), owner);
  EXPECT_EQ(created.role, ProjectRole::kOwner);
  EXPECT_TRUE(is_uuid(created.project.id));

  std::optional<ProjectView> found = projects.find_for_member(created.project.id, owner);
  ASSERT_TRUE(found.has_value());
  const Project& p = found->project;
  EXPECT_EQ(found->role, ProjectRole::kOwner);
  EXPECT_EQ(p.name, "Warehouse");
  EXPECT_EQ(p.description, "A migration");
  EXPECT_EQ(p.source_dialect, "oracle");
  EXPECT_EQ(p.target_dialect, "bigquery");
  EXPECT_EQ(p.status, "draft");
  EXPECT_EQ(p.current_phase, "upload");
  EXPECT_TRUE(p.completed_phases.empty());
  EXPECT_FALSE(p.schemas_uploaded);
  EXPECT_FALSE(p.mappings_complete);
  EXPECT_FALSE(p.validation_complete);
  EXPECT_FALSE(p.template_id.has_value());
  EXPECT_EQ(p.owner_id, owner);
  EXPECT_EQ(p.created_at, created.project.created_at);
  EXPECT_EQ(p.updated_at, created.project.updated_at);
}

TEST_P(ProjectRepositoryTest, CreateAddsTheOwnerMembershipInTheSameTransaction) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com", "Olive Owner");
  ProjectView created = projects.create(new_project("P"), owner);
  std::vector<Member> members = projects.members(created.project.id);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].user_id, owner);
  EXPECT_EQ(members[0].email, "owner@example.com");
  EXPECT_EQ(members[0].name, "Olive Owner");
  EXPECT_EQ(members[0].role, ProjectRole::kOwner);
}

TEST_P(ProjectRepositoryTest, CreateForAnUnknownOwnerLeavesNoProjectBehind) {
  ProjectRepository projects(db());
  EXPECT_THROW(projects.create(new_project("Orphan"), new_uuid()), Error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM projects"), 0);
}

TEST_P(ProjectRepositoryTest, CreateFromATemplateKeepsItsId) {
  ProjectRepository projects(db());
  TemplateRepository templates(db());
  ProjectTemplate t = templates.list().front();
  NewProject from_template{"From template", std::nullopt, t.source_dialect, t.target_dialect, t.id};
  ProjectView created = projects.create(from_template, make_user("t@example.com"));
  EXPECT_EQ(created.project.template_id, t.id);
  EXPECT_EQ(
      projects.find_for_member(created.project.id, created.project.owner_id)->project.template_id,
      t.id);
  EXPECT_FALSE(created.project.description.has_value());
}

TEST_P(ProjectRepositoryTest, NonMembersCannotSeeAProject) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  std::string stranger = make_user("stranger@example.com");
  ProjectView created = projects.create(new_project("Secret"), owner);
  EXPECT_FALSE(projects.find_for_member(created.project.id, stranger).has_value());
  EXPECT_FALSE(projects.find_for_member(new_uuid(), owner).has_value());
  EXPECT_FALSE(projects.find_for_member("not-a-uuid", owner).has_value());
  EXPECT_EQ(projects.list_for_member(stranger, {}).total, 0);
}

TEST_P(ProjectRepositoryTest, UpdateChangesOnlyTheGivenFields) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  ProjectView created = projects.create(new_project("Before"), owner);
  ProjectPatch patch;
  patch.name = "After";
  patch.status = "in_progress";
  std::optional<Project> updated = projects.update(created.project.id, patch);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "After");
  EXPECT_EQ(updated->status, "in_progress");
  EXPECT_EQ(updated->description, "A migration");
  EXPECT_EQ(updated->source_dialect, "oracle");
  EXPECT_EQ(updated->target_dialect, "bigquery");
  EXPECT_GT(updated->updated_at, created.project.updated_at);
  EXPECT_EQ(updated->created_at, created.project.created_at);

  ProjectPatch clear;
  clear.description = std::optional<std::string>();
  clear.source_dialect = "teradata";
  clear.target_dialect = "databricks";
  updated = projects.update(created.project.id, clear);
  ASSERT_TRUE(updated.has_value());
  EXPECT_FALSE(updated->description.has_value());
  EXPECT_EQ(updated->source_dialect, "teradata");
  EXPECT_EQ(updated->target_dialect, "databricks");
  EXPECT_EQ(updated->name, "After");
}

TEST_P(ProjectRepositoryTest, UpdateOfAnUnknownProjectFindsNothing) {
  ProjectRepository projects(db());
  ProjectPatch patch;
  patch.name = "x";
  EXPECT_FALSE(projects.update(new_uuid(), patch).has_value());
  EXPECT_FALSE(projects.update("nope", patch).has_value());
}

TEST_P(ProjectRepositoryTest, SetPhaseStateStoresEveryField) {
  ProjectRepository projects(db());
  ProjectView created = projects.create(new_project("Phases"), make_user("o@example.com"));
  PhaseState state{"in_progress", "mapping", {"upload", "discovery"}, true, false, false};
  std::optional<Project> updated = projects.set_phase_state(created.project.id, state);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->status, "in_progress");
  EXPECT_EQ(updated->current_phase, "mapping");
  EXPECT_EQ(updated->completed_phases, (std::vector<std::string>{"upload", "discovery"}));
  EXPECT_TRUE(updated->schemas_uploaded);
  EXPECT_FALSE(updated->mappings_complete);
  EXPECT_FALSE(updated->validation_complete);

  PhaseState done{
      "completed", "validation", {"upload", "discovery", "mapping", "codegen", "validation"},
      true,        true,         true};
  updated = projects.set_phase_state(created.project.id, done);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->completed_phases.size(), 5u);
  EXPECT_TRUE(updated->mappings_complete);
  EXPECT_TRUE(updated->validation_complete);
  EXPECT_FALSE(projects.set_phase_state(new_uuid(), done).has_value());
}

TEST_P(ProjectRepositoryTest, RemoveDeletesTheProjectAndItsMembers) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  std::string editor = make_user("editor@example.com");
  ProjectView created = projects.create(new_project("Doomed"), owner);
  projects.upsert_member(created.project.id, editor, ProjectRole::kEditor);
  exec(
      "INSERT INTO schema_files (id, project_id, filename, file_size, file_type, dialect,"
      " storage_path) VALUES ('" +
      new_uuid() + "', '" + created.project.id + "', 'a.sql', 10, 'sql', 'oracle', 'ab/cd')");

  EXPECT_TRUE(projects.remove(created.project.id));
  EXPECT_FALSE(projects.find_for_member(created.project.id, owner).has_value());
  EXPECT_TRUE(projects.members(created.project.id).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_members"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_files"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 2);
  EXPECT_FALSE(projects.remove(created.project.id));
  EXPECT_FALSE(projects.remove("bogus"));
}

TEST_P(ProjectRepositoryTest, UpsertMemberAddsThenChangesTheRole) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  std::string bob = make_user("bob@example.com", "Bob");
  ProjectView created = projects.create(new_project("Shared"), owner);

  projects.upsert_member(created.project.id, bob, ProjectRole::kViewer);
  std::optional<ProjectView> seen = projects.find_for_member(created.project.id, bob);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->role, ProjectRole::kViewer);

  projects.upsert_member(created.project.id, bob, ProjectRole::kEditor);
  EXPECT_EQ(projects.find_for_member(created.project.id, bob)->role, ProjectRole::kEditor);
  std::vector<Member> members = projects.members(created.project.id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_members WHERE role = 'editor'"), 1);
}

TEST_P(ProjectRepositoryTest, RemoveMemberTakesAwayVisibility) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  std::string bob = make_user("bob@example.com");
  ProjectView created = projects.create(new_project("Shared"), owner);
  projects.upsert_member(created.project.id, bob, ProjectRole::kEditor);
  EXPECT_TRUE(projects.remove_member(created.project.id, bob));
  EXPECT_FALSE(projects.remove_member(created.project.id, bob));
  EXPECT_FALSE(projects.find_for_member(created.project.id, bob).has_value());
  EXPECT_TRUE(projects.find_for_member(created.project.id, owner).has_value());
}

TEST_P(ProjectRepositoryTest, AddingAnUnknownUserAsMemberIsNotFound) {
  ProjectRepository projects(db());
  ProjectView created = projects.create(new_project("P"), make_user("owner@example.com"));
  try {
    projects.upsert_member(created.project.id, new_uuid(), ProjectRole::kViewer);
    FAIL() << "unknown user became a member";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

TEST_P(ProjectRepositoryTest, InjectionLookingNamesAreStoredAndFoundVerbatim) {
  ProjectRepository projects(db());
  std::string owner = make_user("owner@example.com");
  NewProject evil{kInjection, std::string(kInjection), "oracle", "bigquery", std::nullopt};
  ProjectView created = projects.create(evil, owner);
  std::optional<ProjectView> found = projects.find_for_member(created.project.id, owner);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->project.name, kInjection);
  EXPECT_EQ(found->project.description, kInjection);

  ProjectQuery search;
  search.search = "'); DROP";
  ProjectPage page = projects.list_for_member(owner, search);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].project.name, kInjection);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
}

TEST_P(ProjectRepositoryTest, ConcurrentCreatesAllSucceed) {
  std::string owner = make_user("busy@example.com");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      ProjectRepository projects(db());
      for (int i = 0; i < 10; ++i) {
        try {
          projects.create(new_project("p" + std::to_string(t) + "-" + std::to_string(i)), owner);
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM projects"), 40);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_members WHERE role = 'owner'"), 40);
}

TEST_P(ProjectRepositoryTest, RoleNamesRoundTrip) {
  for (ProjectRole role : {ProjectRole::kOwner, ProjectRole::kEditor, ProjectRole::kViewer}) {
    EXPECT_EQ(project_role_from_string(to_string(role)), role);
  }
  EXPECT_EQ(to_string(ProjectRole::kEditor), "editor");
  EXPECT_FALSE(project_role_from_string("admin").has_value());
  EXPECT_FALSE(project_role_from_string("Owner").has_value());
}

}  // namespace
}  // namespace godwit::store::testing
