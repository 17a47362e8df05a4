#include "server/encode.hpp"

namespace godwit::server {
namespace {

nlohmann::json nullable(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json encode_user(const store::User& user) {
  return {
      {"id", user.id},
      {"email", user.email},
      {"name", user.name},
      {"picture_url", nullable(user.picture_url)},
      {"has_password", user.password_hash.has_value()},
      {"google_linked", user.google_subject.has_value()},
      {"created_at", user.created_at},
      {"updated_at", user.updated_at},
  };
}

void write_project(JsonWriter& out, const store::ProjectView& view) {
  // Keys in sorted order, as nlohmann::json (a std::map) writes them.
  const store::Project& p = view.project;
  out.begin_object()
      .member("completed_phases", p.completed_phases)
      .member("created_at", p.created_at)
      .member("current_phase", p.current_phase)
      .member("description", p.description)
      .member("id", p.id)
      .member("mappings_complete", p.mappings_complete)
      .member("name", p.name)
      .member("owner_id", p.owner_id)
      .key("phases")
      .begin_array();
  for (const services::PhaseStatus& s : services::phase_statuses(p)) {
    out.begin_object()
        .member("blocked_by", s.blocked_by)
        .member("name", s.name)
        .member("state", s.state)
        .end_object();
  }
  out.end_array()
      .member("role", store::to_string(view.role))
      .member("schemas_uploaded", p.schemas_uploaded)
      .member("source_dialect", p.source_dialect)
      .member("status", p.status)
      .member("target_dialect", p.target_dialect)
      .member("template_id", p.template_id)
      .member("updated_at", p.updated_at)
      .member("validation_complete", p.validation_complete)
      .end_object();
}

std::string encode_project(const store::ProjectView& view) {
  std::string text;
  text.reserve(1024);
  JsonWriter out(text);
  write_project(out, view);
  return text;
}

nlohmann::json encode_member(const store::Member& m) {
  return {{"user_id", m.user_id},
          {"email", m.email},
          {"name", m.name},
          {"role", std::string(store::to_string(m.role))},
          {"added_at", m.added_at}};
}

nlohmann::json encode_template(const store::ProjectTemplate& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"description", t.description},
          {"source_dialect", t.source_dialect},
          {"target_dialect", t.target_dialect},
          {"estimated_duration", t.estimated_duration},
          {"complexity", t.complexity},
          {"tags", t.tags},
          {"created_at", t.created_at}};
}

namespace {

nlohmann::json json_document(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

}  // namespace

nlohmann::json encode_job(const store::Job& job) {
  return {
      {"id", job.id},
      {"project_id", nullable(job.project_id)},
      {"kind", job.kind},
      {"state", job.state},
      {"progress", job.progress},
      {"stage", nullable(job.stage)},
      {"message", nullable(job.message)},
      {"payload", json_document(job.payload)},
      {"result", json_document(job.result)},
      {"error", nullable(job.error)},
      {"attempts", job.attempts},
      {"max_attempts", job.max_attempts},
      {"cancel_requested", job.cancel_requested},
      {"created_at", job.created_at},
      {"started_at", nullable(job.started_at)},
      {"finished_at", nullable(job.finished_at)},
      {"updated_at", job.updated_at},
  };
}

nlohmann::json encode_file(const store::SchemaFile& f) {
  return {
      {"id", f.id},
      {"project_id", f.project_id},
      {"filename", f.filename},
      {"file_size", f.file_size},
      {"file_type", f.file_type},
      {"dialect", f.dialect.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.dialect)},
      {"status", f.status},
      {"sha256", nullable(f.sha256)},
      {"preview_data", json_document(f.preview_data)},
      {"error", nullable(f.error)},
      {"created_at", f.created_at},
      {"processed_at", nullable(f.processed_at)},
      {"role", f.role},
  };
}

nlohmann::json encode_phase_state(const store::Project& p) {
  return {
      {"project_id", p.id},
      {"status", p.status},
      {"current_phase", p.current_phase},
      {"completed_phases", p.completed_phases},
      {"schemas_uploaded", p.schemas_uploaded},
      {"mappings_complete", p.mappings_complete},
      {"validation_complete", p.validation_complete},
      {"updated_at", p.updated_at},
  };
}

}  // namespace godwit::server
