#include "services/project_service.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"
#include "sql/dialect/dialect_names.hpp"

namespace godwit::services {
namespace {

constexpr std::size_t kMaxProjectName = 255;
constexpr std::size_t kMaxDescription = 10000;
constexpr std::array<std::string_view, 4> kStatuses = {"draft", "in_progress", "completed",
                                                       "archived"};

int rank(store::ProjectRole role) {
  switch (role) {
    case store::ProjectRole::kOwner: return 3;
    case store::ProjectRole::kEditor: return 2;
    case store::ProjectRole::kViewer: return 1;
  }
  return 0;
}

std::string checked_project_name(const std::string& name) {
  std::string trimmed(trim(name));
  if (trimmed.empty()) {
    throw Error(ErrorKind::kInvalidInput, "a project name is required",
                {{"name", "must not be empty"}});
  }
  if (trimmed.size() > kMaxProjectName) {
    throw Error(ErrorKind::kInvalidInput, "the project name is too long",
                {{"name", "must be at most 255 characters"}});
  }
  return trimmed;
}

std::optional<std::string> checked_description(const std::optional<std::string>& text) {
  if (text && text->size() > kMaxDescription) {
    throw Error(ErrorKind::kInvalidInput, "the description is too long",
                {{"description", "must be at most 10000 characters"}});
  }
  return text;
}

std::string checked_status(const std::string& status) {
  for (std::string_view s : kStatuses) {
    if (s == status) return status;
  }
  throw Error(ErrorKind::kInvalidInput, "unknown status '" + status + "'",
              {{"status", "must be one of draft, in_progress, completed, archived"}});
}

store::ProjectRole checked_role(const std::string& role) {
  std::optional<store::ProjectRole> parsed = store::project_role_from_string(role);
  if (!parsed) {
    throw Error(ErrorKind::kInvalidInput, "unknown role '" + role + "'",
                {{"role", "must be one of owner, editor, viewer"}});
  }
  return *parsed;
}

/// The member named `member_id` (kNotFound when absent) and how many owners there are,
/// which the last-owner rules need.
std::pair<store::Member, long> member_and_owner_count(const std::vector<store::Member>& members,
                                                      const std::string& member_id) {
  auto it = std::find_if(members.begin(), members.end(),
                         [&](const store::Member& m) { return m.user_id == member_id; });
  if (it == members.end())
    throw Error(ErrorKind::kNotFound, "no member with id '" + member_id + "'");
  long owners = std::count_if(members.begin(), members.end(), [](const store::Member& m) {
    return m.role == store::ProjectRole::kOwner;
  });
  return {*it, owners};
}

}  // namespace

std::string checked_dialect(const std::string& value, const std::string& field) {
  std::optional<std::string_view> canonical = sql::canonical_dialect_name(trim(value));
  if (!canonical) {
    std::string accepted = sql::dialect_names_for_humans();
    throw Error(ErrorKind::kInvalidInput,
                "unknown dialect '" + value + "'; accepted dialects are " + accepted,
                {{field, "must be one of " + accepted}});
  }
  return std::string(*canonical);
}

ProjectService::ProjectService(store::Database& db)
    : db_(db), projects_(db), templates_(db), users_(db), audit_(db) {}

void ProjectService::audit(const std::string& user_id, const std::string& project_id,
                           const std::string& action, const std::string& details_json) {
  audit_.append({.id = {},
                 .project_id = project_id,
                 .user_id = user_id,
                 .action = action,
                 .entity_type = "project",
                 .entity_id = project_id,
                 .details_json = details_json,
                 .created_at = {}});
}

store::ProjectView ProjectService::require_member(const std::string& user_id,
                                                  const std::string& project_id) {
  if (!is_uuid(project_id)) {
    throw Error(ErrorKind::kNotFound, "no project with id '" + project_id + "'");
  }
  std::optional<store::ProjectView> view = projects_.find_for_member(project_id, user_id);
  if (!view) throw Error(ErrorKind::kNotFound, "no project with id '" + project_id + "'");
  return *view;
}

store::ProjectView ProjectService::require_role(const std::string& user_id,
                                                const std::string& project_id,
                                                store::ProjectRole minimum, const char* action) {
  store::ProjectView view = require_member(user_id, project_id);
  if (rank(view.role) < rank(minimum)) {
    throw Error(ErrorKind::kForbidden,
                std::string("your role on this project (") +
                    std::string(store::to_string(view.role)) + ") does not allow you to " + action +
                    "; ask an " +
                    (minimum == store::ProjectRole::kOwner ? "owner" : "owner or editor"));
  }
  return view;
}

store::ProjectView ProjectService::create(const std::string& user_id, const ProjectInput& input) {
  store::NewProject project;
  std::vector<FieldError> missing;
  if (input.template_id) {
    if (!is_uuid(*input.template_id)) {
      throw Error(ErrorKind::kInvalidInput, "template_id is not a valid id",
                  {{"template_id", "must be a UUID from GET /api/v1/project-templates"}});
    }
    std::optional<store::ProjectTemplate> tpl = templates_.find(*input.template_id);
    if (!tpl) {
      throw Error(ErrorKind::kUnprocessable,
                  "no project template with id '" + *input.template_id + "'",
                  {{"template_id", "unknown template"}});
    }
    project.template_id = tpl->id;
    project.source_dialect = tpl->source_dialect;
    project.target_dialect = tpl->target_dialect;
    project.description = tpl->description;
  }
  if (!input.name) missing.push_back({"name", "is required"});
  if (!input.source_dialect && project.source_dialect.empty()) {
    missing.push_back({"source_dialect", "is required (or give a template_id)"});
  }
  if (!input.target_dialect && project.target_dialect.empty()) {
    missing.push_back({"target_dialect", "is required (or give a template_id)"});
  }
  if (!missing.empty()) {
    throw Error(ErrorKind::kInvalidInput, "required fields are missing", std::move(missing));
  }
  project.name = checked_project_name(*input.name);
  if (input.description) project.description = checked_description(*input.description);
  if (input.source_dialect)
    project.source_dialect = checked_dialect(*input.source_dialect, "source_dialect");
  if (input.target_dialect)
    project.target_dialect = checked_dialect(*input.target_dialect, "target_dialect");
  store::ProjectView view = projects_.create(project, user_id);
  audit(user_id, view.project.id, "project.create",
        nlohmann::json{{"name", view.project.name}}.dump());
  return view;
}

store::ProjectPage ProjectService::list(const std::string& user_id,
                                        const store::ProjectQuery& query) {
  store::ProjectQuery checked = query;
  for (const std::string& status : checked.statuses) checked_status(status);
  if (checked.source_dialect)
    checked.source_dialect = checked_dialect(*checked.source_dialect, "source_dialect");
  if (checked.target_dialect)
    checked.target_dialect = checked_dialect(*checked.target_dialect, "target_dialect");
  return projects_.list_for_member(user_id, checked);
}

store::ProjectView ProjectService::get(const std::string& user_id, const std::string& project_id) {
  return require_member(user_id, project_id);
}

store::ProjectView ProjectService::update(const std::string& user_id, const std::string& project_id,
                                          const ProjectInput& input) {
  store::ProjectView view =
      require_role(user_id, project_id, store::ProjectRole::kEditor, "edit it");
  store::ProjectPatch patch;
  if (input.name) patch.name = checked_project_name(*input.name);
  if (input.description) patch.description = checked_description(*input.description);
  if (input.source_dialect)
    patch.source_dialect = checked_dialect(*input.source_dialect, "source_dialect");
  if (input.target_dialect)
    patch.target_dialect = checked_dialect(*input.target_dialect, "target_dialect");
  if (input.status) patch.status = checked_status(*input.status);
  if (input.template_id) {
    throw Error(ErrorKind::kInvalidInput, "a project's template cannot be changed",
                {{"template_id", "is set only when the project is created"}});
  }
  std::optional<store::Project> updated = projects_.update(project_id, patch);
  if (!updated) throw Error(ErrorKind::kNotFound, "no project with id '" + project_id + "'");
  audit(user_id, project_id, "project.update");
  return {*updated, view.role};
}

void ProjectService::remove(const std::string& user_id, const std::string& project_id) {
  require_role(user_id, project_id, store::ProjectRole::kOwner, "delete it");
  projects_.remove(project_id);
  // The project's own audit rows go with it; keep a trace that it was deleted.
  audit_.append({.id = {},
                 .project_id = std::nullopt,
                 .user_id = user_id,
                 .action = "project.delete",
                 .entity_type = "project",
                 .entity_id = project_id,
                 .details_json = "{}",
                 .created_at = {}});
}

store::ProjectView ProjectService::change_phase(const std::string& user_id,
                                                const std::string& project_id,
                                                const std::string& phase, PhaseAction action) {
  store::ProjectView view =
      require_role(user_id, project_id, store::ProjectRole::kEditor, "change its phases");
  store::PhaseState state = apply_phase_action(view.project, phase, action);
  std::optional<store::Project> updated = projects_.set_phase_state(project_id, state);
  if (!updated) throw Error(ErrorKind::kNotFound, "no project with id '" + project_id + "'");
  audit(user_id, project_id, action == PhaseAction::kComplete ? "phase.complete" : "phase.reopen",
        nlohmann::json{{"phase", phase}}.dump());
  return {*updated, view.role};
}

std::vector<store::Member> ProjectService::members(const std::string& user_id,
                                                   const std::string& project_id) {
  require_member(user_id, project_id);
  return projects_.members(project_id);
}

store::Member ProjectService::add_member(const std::string& user_id, const std::string& project_id,
                                         const std::string& email, const std::string& role) {
  require_role(user_id, project_id, store::ProjectRole::kOwner, "manage its members");
  store::ProjectRole parsed = checked_role(role);
  std::string normalized = to_lower(trim(email));
  std::optional<store::User> user = users_.find_by_email(normalized);
  if (!user) {
    throw Error(ErrorKind::kUnprocessable,
                "no Godwit account uses '" + normalized + "'; ask them to register first",
                {{"email", "has no account"}});
  }
  std::vector<store::Member> current = projects_.members(project_id);
  auto existing = std::find_if(current.begin(), current.end(),
                               [&](const store::Member& m) { return m.user_id == user->id; });
  if (existing != current.end()) {
    throw Error(ErrorKind::kConflict, normalized + " is already a member (" +
                                          std::string(store::to_string(existing->role)) +
                                          "); change their role instead");
  }
  projects_.upsert_member(project_id, user->id, parsed);
  audit(user_id, project_id, "member.add",
        nlohmann::json{{"member", user->id}, {"role", role}}.dump());
  for (const store::Member& m : projects_.members(project_id)) {
    if (m.user_id == user->id) return m;
  }
  throw Error(ErrorKind::kConflict, "the member was removed concurrently");
}

store::Member ProjectService::change_member_role(const std::string& user_id,
                                                 const std::string& project_id,
                                                 const std::string& member_id,
                                                 const std::string& role) {
  require_role(user_id, project_id, store::ProjectRole::kOwner, "manage its members");
  store::ProjectRole parsed = checked_role(role);
  auto [member, owners] = member_and_owner_count(projects_.members(project_id), member_id);
  if (member.role == store::ProjectRole::kOwner && parsed != store::ProjectRole::kOwner &&
      owners == 1) {
    throw Error(ErrorKind::kConflict,
                "a project needs at least one owner; make someone else owner first");
  }
  projects_.upsert_member(project_id, member_id, parsed);
  audit(user_id, project_id, "member.role",
        nlohmann::json{{"member", member_id}, {"role", role}}.dump());
  member.role = parsed;
  return member;
}

void ProjectService::remove_member(const std::string& user_id, const std::string& project_id,
                                   const std::string& member_id) {
  store::ProjectView view = require_member(user_id, project_id);
  if (member_id != user_id && view.role != store::ProjectRole::kOwner) {
    throw Error(ErrorKind::kForbidden, "only an owner can remove other members");
  }
  auto [member, owners] = member_and_owner_count(projects_.members(project_id), member_id);
  if (member.role == store::ProjectRole::kOwner && owners == 1) {
    throw Error(ErrorKind::kConflict,
                "the last owner cannot leave; make someone else owner or delete the project");
  }
  projects_.remove_member(project_id, member_id);
  audit(user_id, project_id, "member.remove", nlohmann::json{{"member", member_id}}.dump());
}

std::vector<store::ProjectTemplate> ProjectService::templates() {
  return templates_.list();
}

}  // namespace godwit::services
