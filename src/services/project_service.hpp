// Project use cases: create (from scratch or a template), list, read, update, delete,
// members and roles, and moving through the phases. Every call names the acting user;
// a project they are not a member of is reported as not found (no existence leak).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/project_phases.hpp"
#include "store/database.hpp"
#include "store/repositories/audit_log_repository.hpp"
#include "store/repositories/project_repository.hpp"
#include "store/repositories/template_repository.hpp"
#include "store/repositories/user_repository.hpp"

namespace godwit::services {

struct ProjectInput {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> description;
  std::optional<std::string> source_dialect;
  std::optional<std::string> target_dialect;
  std::optional<std::string> status;
  std::optional<std::string> template_id;
};

class ProjectService {
 public:
  explicit ProjectService(store::Database& db);

  /// Name and both dialects are required unless a template supplies the dialects.
  store::ProjectView create(const std::string& user_id, const ProjectInput& input);
  store::ProjectPage list(const std::string& user_id, const store::ProjectQuery& query);
  store::ProjectView get(const std::string& user_id, const std::string& project_id);
  /// Editors and owners; viewers get kForbidden.
  store::ProjectView update(const std::string& user_id, const std::string& project_id,
                            const ProjectInput& input);
  /// Owners only.
  void remove(const std::string& user_id, const std::string& project_id);
  store::ProjectView change_phase(const std::string& user_id, const std::string& project_id,
                                  const std::string& phase, PhaseAction action);

  std::vector<store::Member> members(const std::string& user_id, const std::string& project_id);
  /// Owners only; the member is named by email and must have an account.
  store::Member add_member(const std::string& user_id, const std::string& project_id,
                           const std::string& email, const std::string& role);
  store::Member change_member_role(const std::string& user_id, const std::string& project_id,
                                   const std::string& member_id, const std::string& role);
  /// Owners may remove anyone but the last owner; anyone may remove themselves.
  void remove_member(const std::string& user_id, const std::string& project_id,
                     const std::string& member_id);

  std::vector<store::ProjectTemplate> templates();

 private:
  store::ProjectView require_member(const std::string& user_id, const std::string& project_id);
  store::ProjectView require_role(const std::string& user_id, const std::string& project_id,
                                  store::ProjectRole minimum, const char* action);
  void audit(const std::string& user_id, const std::string& project_id, const std::string& action,
             const std::string& details_json = "{}");

  store::Database& db_;
  store::ProjectRepository projects_;
  store::TemplateRepository templates_;
  store::UserRepository users_;
  store::AuditLogRepository audit_;
};

/// Validates a dialect name against the SQL layer's list; returns the canonical name or
/// throws kInvalidInput listing the accepted names under `field`.
std::string checked_dialect(const std::string& value, const std::string& field);

}  // namespace godwit::services
