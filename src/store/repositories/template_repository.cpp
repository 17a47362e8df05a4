// Project templates (see template_repository.hpp).
#include "store/repositories/template_repository.hpp"

#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kSelect =
    "SELECT id, name, description, source_dialect, target_dialect, estimated_duration,"
    " complexity, tags, created_at FROM project_templates ";

struct TemplateRow {
  std::string id, name, description, source_dialect, target_dialect, estimated_duration, complexity,
      tags, created_at;
  soci::indicator description_ind = soci::i_ok, duration_ind = soci::i_ok,
                  complexity_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(name), soci::into(description, description_ind),
        soci::into(source_dialect), soci::into(target_dialect),
        soci::into(estimated_duration, duration_ind), soci::into(complexity, complexity_ind),
        soci::into(tags), soci::into(created_at);
  }

  ProjectTemplate model() const {
    return ProjectTemplate{id,
                           name,
                           description_ind == soci::i_null ? std::string() : description,
                           source_dialect,
                           target_dialect,
                           duration_ind == soci::i_null ? std::string() : estimated_duration,
                           complexity_ind == soci::i_null ? std::string() : complexity,
                           detail::from_json_array(tags),
                           detail::timestamp_from_db(created_at)};
  }
};

}  // namespace

std::vector<ProjectTemplate> TemplateRepository::list() {
  Params none;
  return detail::query_all<TemplateRow>(db_, std::string(kSelect) + "ORDER BY name, id", none);
}

std::optional<ProjectTemplate> TemplateRepository::find(const std::string& id) {
  if (!detail::is_id(id)) return std::nullopt;
  Params params;
  params.text("id", id);
  return detail::query_one<TemplateRow>(db_, std::string(kSelect) + "WHERE id = :id", params);
}

}  // namespace godwit::store
