// Generated code and its advice (see codegen_repository.hpp).
#include "store/repositories/codegen_repository.hpp"

#include <map>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kGenerationColumns =
    "id, project_id, platform, version, options, load_plan, diagnostics, applied_advice,"
    " file_count, verified_ok, verified_failed, created_by, created_at";

struct GenerationRow {
  std::string id, project_id, platform, options, load_plan, diagnostics, applied, created_by,
      created_at;
  int version = 0, file_count = 0, ok = 0, failed = 0;
  soci::indicator created_by_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(platform), soci::into(version),
        soci::into(options), soci::into(load_plan), soci::into(diagnostics), soci::into(applied),
        soci::into(file_count), soci::into(ok), soci::into(failed),
        soci::into(created_by, created_by_ind), soci::into(created_at);
  }

  CodeGeneration model() const {
    CodeGeneration g;
    g.id = id;
    g.project_id = project_id;
    g.platform = platform;
    g.version = version;
    g.options = options;
    g.load_plan = load_plan;
    g.diagnostics = diagnostics;
    g.applied_advice = detail::from_json_array(applied);
    g.file_count = file_count;
    g.verified_ok = ok;
    g.verified_failed = failed;
    g.created_by = detail::optional_text(created_by, created_by_ind);
    g.created_at = detail::timestamp_from_db(created_at);
    return g;
  }
};

constexpr const char* kCodeColumns =
    "id, project_id, generation_id, platform, filename, language, dialect, file_size,"
    " provenance, verification, created_at";

struct CodeRow {
  std::string id, project_id, generation_id, platform, path, language, dialect, provenance,
      verification, created_at, content;
  long long size = 0;
  soci::indicator provenance_ind = soci::i_ok, verification_ind = soci::i_ok;
  bool with_content = false;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(generation_id), soci::into(platform),
        soci::into(path), soci::into(language), soci::into(dialect), soci::into(size),
        soci::into(provenance, provenance_ind), soci::into(verification, verification_ind),
        soci::into(created_at);
  }

  GeneratedCode model() const {
    GeneratedCode c;
    c.id = id;
    c.project_id = project_id;
    c.generation_id = generation_id;
    c.platform = platform;
    c.path = path;
    c.language = language;
    c.dialect = dialect;
    c.size = size;
    c.content = content;
    c.provenance = provenance_ind == soci::i_null ? "[]" : provenance;
    c.verification = verification_ind == soci::i_null ? "{}" : verification;
    c.created_at = detail::timestamp_from_db(created_at);
    return c;
  }
};

struct CodeWithContentRow : CodeRow {
  void bind(detail::Binder& p) {
    CodeRow::bind(p);
    p, soci::into(content);
  }
};

struct AdviceRow {
  std::string id, code_id, generation_id, advice_id, rule, type, title, description, suggestion,
      impact, table, created_at;
  int auto_applicable = 0, applied = 0, ai_generated = 0;
  soci::indicator ind[8] = {soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok,
                            soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok};

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(code_id), soci::into(generation_id),
        soci::into(advice_id, ind[0]), soci::into(rule, ind[1]), soci::into(type, ind[2]),
        soci::into(title), soci::into(description, ind[3]), soci::into(suggestion, ind[4]),
        soci::into(impact, ind[5]), soci::into(table, ind[6]), soci::into(auto_applicable),
        soci::into(applied), soci::into(ai_generated), soci::into(created_at);
  }

  CodeAdvice model() const {
    auto text = [&](const std::string& v, int i) { return ind[i] == soci::i_null ? "" : v; };
    CodeAdvice a;
    a.id = id;
    a.code_id = code_id;
    a.generation_id = generation_id;
    a.advice_id = text(advice_id, 0);
    a.rule = text(rule, 1);
    a.type = text(type, 2);
    a.title = title;
    a.description = text(description, 3);
    a.suggestion = text(suggestion, 4);
    a.impact = text(impact, 5);
    a.table = text(table, 6);
    a.auto_applicable = auto_applicable != 0;
    a.applied = applied != 0;
    a.ai_generated = ai_generated != 0;
    a.created_at = detail::timestamp_from_db(created_at);
    return a;
  }
};

}  // namespace

CodeGeneration CodegenRepository::insert(CodeGeneration generation,
                                         std::vector<GeneratedCode> files,
                                         std::vector<CodeAdvice> advice) {
  detail::require_json(generation.options, "the generator options");
  detail::require_json(generation.load_plan, "the load plan");
  detail::require_json(generation.diagnostics, "the generation diagnostics");
  generation.id = new_uuid();
  generation.created_at = detail::now_timestamp();
  generation.file_count = static_cast<int>(files.size());
  detail::Connection session(db_);
  try {
    detail::WriteTransaction transaction(session, db_.backend());
    Params version_params;
    version_params.text("project_id", generation.project_id).text("platform", generation.platform);
    generation.version =
        static_cast<int>(detail::query_integer(session,
                                               "SELECT COALESCE(MAX(version), 0) + 1 FROM"
                                               " code_generations WHERE project_id = :project_id"
                                               " AND platform = :platform",
                                               version_params, 1));
    Params params;
    params.text("id", generation.id)
        .text("project_id", generation.project_id)
        .text("platform", generation.platform)
        .integer("version", generation.version)
        .text("options", generation.options)
        .text("load_plan", generation.load_plan)
        .text("diagnostics", generation.diagnostics)
        .text("applied_advice", detail::to_json_array(generation.applied_advice))
        .integer("file_count", generation.file_count)
        .integer("verified_ok", generation.verified_ok)
        .integer("verified_failed", generation.verified_failed)
        .nullable_text("created_by", generation.created_by)
        .text("created_at", generation.created_at);
    detail::execute(session,
                    "INSERT INTO code_generations (id, project_id, platform, version, options,"
                    " load_plan, diagnostics, applied_advice, file_count, verified_ok,"
                    " verified_failed, created_by, created_at) VALUES (:id, :project_id,"
                    " :platform, :version, :options, :load_plan, :diagnostics, :applied_advice,"
                    " :file_count, :verified_ok, :verified_failed, :created_by, :created_at)",
                    params);
    std::map<std::string, std::string> id_by_path;
    for (GeneratedCode& f : files) {
      detail::require_json(f.provenance, "the provenance of " + f.path);
      detail::require_json(f.verification, "the verification of " + f.path);
      f.id = new_uuid();
      id_by_path[f.path] = f.id;
      Params p;
      p.text("id", f.id)
          .text("project_id", generation.project_id)
          .text("generation_id", generation.id)
          .text("platform", generation.platform)
          .text("content", f.content)
          .text("filename", f.path)
          .text("language", f.language)
          .text("dialect", f.dialect)
          .integer("file_size", static_cast<long long>(f.content.size()))
          .text("provenance", f.provenance)
          .text("verification", f.verification)
          .text("created_at", generation.created_at);
      detail::execute(session,
                      "INSERT INTO generated_codes (id, project_id, generation_id, platform,"
                      " code_content, filename, language, dialect, file_size, provenance,"
                      " verification, created_at) VALUES (:id, :project_id, :generation_id,"
                      " :platform, :content, :filename, :language, :dialect, :file_size,"
                      " :provenance, :verification, :created_at)",
                      p);
    }
    for (CodeAdvice& a : advice) {
      auto found = id_by_path.find(a.code_id);
      if (found == id_by_path.end()) {
        if (files.empty()) continue;  // advice about no file: nothing to attach it to
        found = id_by_path.find(files.front().path);
      }
      a.id = new_uuid();
      a.code_id = found->second;
      a.generation_id = generation.id;
      Params p;
      p.text("id", a.id)
          .text("code_id", a.code_id)
          .text("generation_id", a.generation_id)
          .text("advice_id", a.advice_id)
          .text("rule", a.rule)
          .text("type", a.type)
          .text("title", a.title)
          .text("description", a.description)
          .text("suggestion", a.suggestion)
          .text("impact", a.impact)
          .text("table_name", a.table)
          .text("created_at", generation.created_at);
      std::string flags = std::string(a.auto_applicable ? "TRUE" : "FALSE") + ", " +
                          (a.applied ? "TRUE" : "FALSE") + ", " +
                          (a.ai_generated ? "TRUE" : "FALSE");
      detail::execute(session,
                      "INSERT INTO code_optimizations (id, code_id, generation_id, advice_id,"
                      " rule, optimization_type, title, description, suggestion, impact,"
                      " table_name, auto_applicable, applied, ai_generated, created_at) VALUES"
                      " (:id, :code_id, :generation_id, :advice_id, :rule, :type, :title,"
                      " :description, :suggestion, :impact, :table_name, " +
                          flags + ", :created_at)",
                      p);
    }
    transaction.commit();
  } catch (const soci::soci_error& e) {
    if (detail::is_unique_violation(e)) {
      throw Error(ErrorKind::kConflict, "another generation of " + generation.platform +
                                            " was stored at the same moment; generate again");
    }
    if (detail::is_foreign_key_violation(e)) {
      throw Error(ErrorKind::kNotFound, "the project no longer exists");
    }
    detail::rethrow_database_error(session);
  }
  return generation;
}

std::optional<CodeGeneration> CodegenRepository::latest(const std::string& project_id,
                                                        const std::string& platform) {
  Params params;
  params.text("project_id", project_id).text("platform", platform);
  return detail::query_one<GenerationRow>(
      db_,
      std::string("SELECT ") + kGenerationColumns +
          " FROM code_generations WHERE project_id = :project_id AND platform = :platform"
          " ORDER BY version DESC LIMIT 1",
      params);
}

std::optional<CodeGeneration> CodegenRepository::find(const std::string& project_id,
                                                      const std::string& generation_id) {
  if (!detail::is_id(generation_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("id", generation_id);
  return detail::query_one<GenerationRow>(
      db_,
      std::string("SELECT ") + kGenerationColumns +
          " FROM code_generations WHERE project_id = :project_id AND id = :id",
      params);
}

std::vector<CodeGeneration> CodegenRepository::list(const std::string& project_id,
                                                    const std::string& platform) {
  Params params;
  params.text("project_id", project_id);
  std::string sql = std::string("SELECT ") + kGenerationColumns +
                    " FROM code_generations WHERE project_id = :project_id";
  if (!platform.empty()) sql += " AND platform = " + params.add_text(platform);
  sql += " ORDER BY created_at DESC, platform, version DESC";
  return detail::query_all<GenerationRow>(db_, sql, params);
}

std::vector<GeneratedCode> CodegenRepository::files(const std::string& generation_id,
                                                    bool with_content) {
  Params params;
  params.text("generation_id", generation_id);
  std::string tail = " FROM generated_codes WHERE generation_id = :generation_id ORDER BY filename";
  if (with_content)
    return detail::query_all<CodeWithContentRow>(
        db_, std::string("SELECT ") + kCodeColumns + ", code_content" + tail, params);
  return detail::query_all<CodeRow>(db_, std::string("SELECT ") + kCodeColumns + tail, params);
}

std::optional<GeneratedCode> CodegenRepository::file(const std::string& project_id,
                                                     const std::string& code_id) {
  if (!detail::is_id(code_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("id", code_id);
  return detail::query_one<CodeWithContentRow>(
      db_,
      std::string("SELECT ") + kCodeColumns +
          ", code_content FROM generated_codes WHERE project_id = :project_id AND id = :id",
      params);
}

std::vector<CodeAdvice> CodegenRepository::advice(const std::string& generation_id) {
  Params params;
  params.text("generation_id", generation_id);
  return detail::query_all<AdviceRow>(
      db_,
      "SELECT id, code_id, generation_id, advice_id, rule, optimization_type, title,"
      " description, suggestion, impact, table_name, CAST(auto_applicable AS INTEGER),"
      " CAST(applied AS INTEGER), CAST(ai_generated AS INTEGER), created_at"
      " FROM code_optimizations WHERE generation_id = :generation_id ORDER BY created_at, id",
      params);
}

void CodegenRepository::set_verification(
    const std::string& generation_id,
    const std::vector<std::pair<std::string, std::string>>& by_code_id, int ok, int failed) {
  detail::Connection session(db_);
  try {
    detail::WriteTransaction transaction(session, db_.backend());
    for (const auto& [code_id, verification] : by_code_id) {
      detail::require_json(verification, "a file verification");
      Params p;
      p.text("id", code_id).text("generation_id", generation_id).text("verification", verification);
      detail::execute(session,
                      "UPDATE generated_codes SET verification = :verification WHERE id = :id"
                      " AND generation_id = :generation_id",
                      p);
    }
    Params g;
    g.text("id", generation_id).integer("ok", ok).integer("failed", failed);
    detail::execute(session,
                    "UPDATE code_generations SET verified_ok = :ok, verified_failed = :failed"
                    " WHERE id = :id",
                    g);
    transaction.commit();
  } catch (const soci::soci_error&) {
    detail::rethrow_database_error(session);
  }
}

}  // namespace godwit::store
