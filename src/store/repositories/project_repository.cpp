// Projects and their members (see project_repository.hpp).
#include "store/repositories/project_repository.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr std::array<std::pair<ProjectRole, std::string_view>, 3> kRoleNames = {{
    {ProjectRole::kOwner, "owner"},
    {ProjectRole::kEditor, "editor"},
    {ProjectRole::kViewer, "viewer"},
}};

// Booleans are cast so that both backends hand SOCI an integer (it has no bool).
constexpr const char* kProjectColumns =
    "p.id, p.name, p.description, p.source_dialect, p.target_dialect, p.status,"
    " p.current_phase, p.completed_phases, CAST(p.schemas_uploaded AS INTEGER),"
    " CAST(p.mappings_complete AS INTEGER), CAST(p.validation_complete AS INTEGER),"
    " p.template_id, p.user_id, p.created_at, p.updated_at";

constexpr const char* kMemberJoin =
    " FROM projects p JOIN project_members m ON m.project_id = p.id";

struct ProjectRow {
  std::string id, name, description, source_dialect, target_dialect, status, current_phase,
      completed_phases, template_id, owner_id, created_at, updated_at;
  int schemas_uploaded = 0, mappings_complete = 0, validation_complete = 0;
  soci::indicator description_ind = soci::i_ok, template_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(name), soci::into(description, description_ind),
        soci::into(source_dialect), soci::into(target_dialect), soci::into(status),
        soci::into(current_phase), soci::into(completed_phases), soci::into(schemas_uploaded),
        soci::into(mappings_complete), soci::into(validation_complete),
        soci::into(template_id, template_ind), soci::into(owner_id), soci::into(created_at),
        soci::into(updated_at);
  }

  Project model() const {
    return Project{id,
                   name,
                   detail::optional_text(description, description_ind),
                   source_dialect,
                   target_dialect,
                   status,
                   current_phase,
                   detail::from_json_array(completed_phases),
                   schemas_uploaded != 0,
                   mappings_complete != 0,
                   validation_complete != 0,
                   detail::optional_text(template_id, template_ind),
                   owner_id,
                   detail::timestamp_from_db(created_at),
                   detail::timestamp_from_db(updated_at)};
  }
};

struct ProjectViewRow {
  ProjectRow project;
  std::string role;

  void bind(detail::Binder& p) {
    project.bind(p);
    p, soci::into(role);
  }

  ProjectView model() const {
    return ProjectView{project.model(),
                       project_role_from_string(role).value_or(ProjectRole::kViewer)};
  }
};

struct MemberRow {
  std::string user_id, email, name, role, added_at;

  void bind(detail::Binder& p) {
    p, soci::into(user_id), soci::into(email), soci::into(name), soci::into(role),
        soci::into(added_at);
  }

  Member model() const {
    return Member{user_id, email, name,
                  project_role_from_string(role).value_or(ProjectRole::kViewer),
                  detail::timestamp_from_db(added_at)};
  }
};

std::optional<Project> find_project(Database& db, const std::string& project_id) {
  Params params;
  params.text("id", project_id);
  return detail::query_one<ProjectRow>(
      db, std::string("SELECT ") + kProjectColumns + " FROM projects p WHERE p.id = :id", params);
}

/// The whitelisted ORDER BY expression of a sort key: no SQL ever comes from input.
std::string_view sort_expression(ProjectSort sort) {
  switch (sort) {
    case ProjectSort::kCreatedAt: return "p.created_at";
    case ProjectSort::kName: return "LOWER(p.name)";
    case ProjectSort::kStatus: return "p.status";
    case ProjectSort::kUpdatedAt: break;
  }
  return "p.updated_at";
}

[[noreturn]] void throw_unknown_reference(std::string_view what) {
  throw Error(ErrorKind::kNotFound, std::string(what));
}

}  // namespace

std::string_view to_string(ProjectRole role) {
  for (auto [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "viewer";
}

std::optional<ProjectRole> project_role_from_string(std::string_view text) {
  for (auto [value, name] : kRoleNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

ProjectView ProjectRepository::create(const NewProject& project, const std::string& owner_id) {
  Project created;
  created.id = new_uuid();
  created.name = project.name;
  created.description = project.description;
  created.source_dialect = project.source_dialect;
  created.target_dialect = project.target_dialect;
  created.status = "draft";
  created.current_phase = "upload";
  created.template_id = project.template_id;
  created.owner_id = owner_id;
  created.created_at = detail::now_timestamp();
  created.updated_at = created.created_at;

  detail::Connection session(db_);
  try {
    detail::WriteTransaction transaction(session, db_.backend());
    Params params;
    params.text("id", created.id)
        .text("name", created.name)
        .nullable_text("description", created.description)
        .text("source_dialect", created.source_dialect)
        .text("target_dialect", created.target_dialect)
        .text("status", created.status)
        .text("current_phase", created.current_phase)
        .text("completed_phases", detail::to_json_array(created.completed_phases))
        .nullable_text("template_id", created.template_id)
        .text("user_id", owner_id)
        .text("created_at", created.created_at)
        .text("updated_at", created.updated_at);
    detail::execute(session,
                    "INSERT INTO projects (id, name, description, source_dialect,"
                    " target_dialect, status, current_phase, completed_phases, template_id,"
                    " user_id, created_at, updated_at) VALUES (:id, :name, :description,"
                    " :source_dialect, :target_dialect, :status, :current_phase,"
                    " :completed_phases, :template_id, :user_id, :created_at, :updated_at)",
                    params);
    Params member;
    member.text("project_id", created.id)
        .text("user_id", owner_id)
        .text("role", std::string(to_string(ProjectRole::kOwner)))
        .text("created_at", created.created_at);
    detail::execute(session,
                    "INSERT INTO project_members (project_id, user_id, role, created_at)"
                    " VALUES (:project_id, :user_id, :role, :created_at)",
                    member);
    transaction.commit();
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e)) {
      throw_unknown_reference("the owner or the template of the new project does not exist");
    }
    throw;
  }
  return ProjectView{created, ProjectRole::kOwner};
}

std::optional<ProjectView> ProjectRepository::find_for_member(const std::string& project_id,
                                                              const std::string& user_id) {
  if (!detail::is_id(project_id) || !detail::is_id(user_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("user_id", user_id);
  return detail::query_one<ProjectViewRow>(db_,
                                           std::string("SELECT ") + kProjectColumns + ", m.role" +
                                               kMemberJoin +
                                               " WHERE p.id = :project_id AND m.user_id = :user_id",
                                           params);
}

ProjectPage ProjectRepository::list_for_member(const std::string& user_id,
                                               const ProjectQuery& query) {
  ProjectPage page;
  if (!detail::is_id(user_id)) return page;

  Params params;
  std::string where = " WHERE m.user_id = " + params.add_text(user_id);
  if (query.search && !query.search->empty()) {
    where += " AND LOWER(p.name) LIKE LOWER(" +
             params.add_text(detail::like_contains(*query.search)) + ") ESCAPE '!'";
  }
  if (!query.statuses.empty()) {
    where += " AND p.status IN (";
    for (std::size_t i = 0; i < query.statuses.size(); ++i) {
      where += (i == 0 ? "" : ", ") + params.add_text(query.statuses[i]);
    }
    where += ")";
  }
  if (query.source_dialect)
    where += " AND p.source_dialect = " + params.add_text(*query.source_dialect);
  if (query.target_dialect)
    where += " AND p.target_dialect = " + params.add_text(*query.target_dialect);

  detail::Connection session(db_);
  Params count_params = params;
  page.total = detail::query_integer(session, std::string("SELECT COUNT(*)") + kMemberJoin + where,
                                     count_params);

  std::string direction = query.descending ? " DESC" : " ASC";
  // The id breaks ties so that pages never overlap or skip rows.
  std::string order =
      " ORDER BY " + std::string(sort_expression(query.sort)) + direction + ", p.id" + direction;
  std::string limit =
      " LIMIT " + params.add_integer(query.limit) + " OFFSET " + params.add_integer(query.offset);
  page.items = detail::query_all<ProjectViewRow>(
      session,
      std::string("SELECT ") + kProjectColumns + ", m.role" + kMemberJoin + where + order + limit,
      params);
  return page;
}

std::optional<Project> ProjectRepository::update(const std::string& project_id,
                                                 const ProjectPatch& patch) {
  if (!detail::is_id(project_id)) return std::nullopt;
  Params params;
  std::string sql = "UPDATE projects SET updated_at = " + params.add_text(detail::now_timestamp());
  if (patch.name) sql += ", name = " + params.add_text(*patch.name);
  if (patch.description) sql += ", description = " + params.add_nullable_text(*patch.description);
  if (patch.source_dialect) sql += ", source_dialect = " + params.add_text(*patch.source_dialect);
  if (patch.target_dialect) sql += ", target_dialect = " + params.add_text(*patch.target_dialect);
  if (patch.status) sql += ", status = " + params.add_text(*patch.status);
  sql += " WHERE id = " + params.add_text(project_id);
  if (detail::execute(db_, sql, params) == 0) return std::nullopt;
  return find_project(db_, project_id);
}

std::optional<Project> ProjectRepository::set_phase_state(const std::string& project_id,
                                                          const PhaseState& state) {
  if (!detail::is_id(project_id)) return std::nullopt;
  Params params;
  params.text("status", state.status)
      .text("current_phase", state.current_phase)
      .text("completed_phases", detail::to_json_array(state.completed_phases))
      .integer("schemas_uploaded", state.schemas_uploaded ? 1 : 0)
      .integer("mappings_complete", state.mappings_complete ? 1 : 0)
      .integer("validation_complete", state.validation_complete ? 1 : 0)
      .text("updated_at", detail::now_timestamp())
      .text("id", project_id);
  long long changed = detail::execute(
      db_,
      "UPDATE projects SET status = :status, current_phase = :current_phase,"
      " completed_phases = :completed_phases, schemas_uploaded = :schemas_uploaded,"
      " mappings_complete = :mappings_complete, validation_complete = :validation_complete,"
      " updated_at = :updated_at WHERE id = :id",
      params);
  if (changed == 0) return std::nullopt;
  return find_project(db_, project_id);
}

bool ProjectRepository::remove(const std::string& project_id) {
  if (!detail::is_id(project_id)) return false;
  Params params;
  params.text("id", project_id);
  return detail::execute(db_, "DELETE FROM projects WHERE id = :id", params) > 0;
}

std::vector<Member> ProjectRepository::members(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<MemberRow>(
      db_,
      "SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM project_members m"
      " JOIN users u ON u.id = m.user_id WHERE m.project_id = :project_id"
      " ORDER BY m.created_at, u.email",
      params);
}

void ProjectRepository::upsert_member(const std::string& project_id, const std::string& user_id,
                                      ProjectRole role) {
  if (!detail::is_id(project_id) || !detail::is_id(user_id)) {
    throw_unknown_reference("unknown project or user");
  }
  Params params;
  params.text("project_id", project_id)
      .text("user_id", user_id)
      .text("role", std::string(to_string(role)))
      .text("created_at", detail::now_timestamp());
  try {
    detail::execute(db_,
                    "INSERT INTO project_members (project_id, user_id, role, created_at)"
                    " VALUES (:project_id, :user_id, :role, :created_at)"
                    " ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e)) throw_unknown_reference("unknown project or user");
    throw;
  }
}

bool ProjectRepository::remove_member(const std::string& project_id, const std::string& user_id) {
  if (!detail::is_id(project_id) || !detail::is_id(user_id)) return false;
  Params params;
  params.text("project_id", project_id).text("user_id", user_id);
  return detail::execute(db_,
                         "DELETE FROM project_members WHERE project_id = :project_id"
                         " AND user_id = :user_id",
                         params) > 0;
}

}  // namespace godwit::store
