// Code generation for a project (see codegen_service.hpp).
#include "services/codegen_service.hpp"

#include <algorithm>
#include <set>

#include "codegen/optimizer.hpp"
#include "codegen/verify.hpp"
#include "core/error.hpp"
#include "llm/llm_client.hpp"
#include "schema/catalog_json.hpp"
#include "services/project_llm.hpp"
#include "services/zip_archive.hpp"
#include "store/repositories/discovery_repository.hpp"
#include "store/repositories/job_repository.hpp"

namespace godwit::services {
namespace {

using nlohmann::json;

const std::vector<codegen::Platform>& default_platforms() {
  static const std::vector<codegen::Platform> platforms = {
      codegen::Platform::kBigQuery, codegen::Platform::kDatabricks, codegen::Platform::kBeam,
      codegen::Platform::kDbt};
  return platforms;
}

std::string platform_names() {
  std::string out;
  for (codegen::Platform p : codegen::all_platforms()) {
    if (!out.empty()) out += ", ";
    out += std::string(codegen::to_string(p));
  }
  return out;
}

/// Names that end up in generated code as schema, dataset, catalog or package names.
bool plain_name(const std::string& text) {
  if (text.empty() || text.size() > 128) return false;
  if (!(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  json out = json::array();
  for (const Diagnostic& d : diagnostics) out.push_back(schema::diagnostic_to_json(d));
  return out;
}

json provenance_json(const std::vector<codegen::Provenance>& provenance) {
  json out = json::array();
  for (const codegen::Provenance& p : provenance)
    out.push_back(
        {{"first_line", p.first_line}, {"last_line", p.last_line}, {"mapping_ids", p.mapping_ids}});
  return out;
}

json verification_json(const codegen::FileVerification& v) {
  return {{"checked", v.checked},
          {"ok", v.ok},
          {"statements", v.statements},
          {"diagnostics", diagnostics_json(v.diagnostics)}};
}

json parse_stored(const std::string& text, json fallback) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

/// 409 when no mapping would be used: generating would give tables with nothing to load.
void require_mappings(const CodegenInputs& inputs, const codegen::Options& options) {
  for (const mapping::FieldMapping& f : inputs.document.fields) {
    if (f.status == mapping::MappingStatus::kApproved ||
        f.status == mapping::MappingStatus::kManual)
      return;
    if (options.include_suggested && f.status == mapping::MappingStatus::kSuggested && f.rank == 1)
      return;
  }
  throw Error(ErrorKind::kConflict,
              options.include_suggested
                  ? "the project has no field mappings yet: run the mapping suggestions "
                    "(POST /mapping/start) or add mappings first"
                  : "no field mapping is approved yet: approve mappings in the mapping phase, or "
                    "set options.include_suggested to generate from the best suggestions");
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

json options_json(const codegen::Options& options) {
  return {{"staging_schema", options.staging_schema},
          {"target_schema", options.target_schema},
          {"databricks_catalog", options.databricks_catalog},
          {"dbt_adapter", options.dbt_adapter},
          {"project_name", options.project_name},
          {"include_suggested", options.include_suggested},
          {"applied_advice",
           std::vector<std::string>(options.applied_advice.begin(), options.applied_advice.end())}};
}

CodegenService::CodegenService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                               CodegenInputsLoader loader)
    : db_(db), projects_(projects), queue_(queue), loader_(std::move(loader)), repository_(db) {}

CodegenService::Request CodegenService::read_request(const json& body, bool one_platform) const {
  std::vector<FieldError> errors;
  Request request;
  if (!body.is_null() && !body.is_object())
    throw Error(ErrorKind::kInvalidInput, "the request body must be a JSON object");
  auto add_platform = [&](const json& value, const std::string& field) {
    std::optional<codegen::Platform> p;
    if (value.is_string()) p = codegen::platform_from_string(value.get<std::string>());
    if (!p) {
      errors.push_back({field, "must be one of " + platform_names()});
      return;
    }
    if (std::find(request.platforms.begin(), request.platforms.end(), *p) ==
        request.platforms.end())
      request.platforms.push_back(*p);
  };
  if (body.is_object() && body.contains("platform")) add_platform(body["platform"], "platform");
  if (!one_platform && body.is_object() && body.contains("platforms")) {
    const json& list = body["platforms"];
    if (!list.is_array() || list.empty()) {
      errors.push_back({"platforms", "must be a non-empty array of platform names"});
    } else {
      for (std::size_t i = 0; i < list.size(); ++i)
        add_platform(list[i], "platforms[" + std::to_string(i) + "]");
    }
  }
  if (one_platform && request.platforms.empty() && errors.empty())
    errors.push_back({"platform", "is required: one of " + platform_names()});
  if (!one_platform && request.platforms.empty() && errors.empty())
    request.platforms = default_platforms();

  if (body.is_object() && body.contains("options")) {
    const json& o = body["options"];
    if (!o.is_object()) {
      errors.push_back({"options", "must be an object"});
    } else {
      auto name = [&](const char* key, std::string& into) {
        if (!o.contains(key)) return;
        if (!o[key].is_string() || !plain_name(o[key].get<std::string>())) {
          errors.push_back({std::string("options.") + key,
                            "must be a name of letters, digits and underscores (at most 128, "
                            "not starting with a digit)"});
          return;
        }
        into = o[key].get<std::string>();
      };
      name("staging_schema", request.options.staging_schema);
      name("target_schema", request.options.target_schema);
      name("databricks_catalog", request.options.databricks_catalog);
      name("project_name", request.options.project_name);
      if (o.contains("dbt_adapter")) {
        if (o["dbt_adapter"] != "bigquery" && o["dbt_adapter"] != "databricks")
          errors.push_back({"options.dbt_adapter", "must be \"bigquery\" or \"databricks\""});
        else
          request.options.dbt_adapter = o["dbt_adapter"].get<std::string>();
      }
      if (o.contains("include_suggested")) {
        if (!o["include_suggested"].is_boolean())
          errors.push_back({"options.include_suggested", "must be true or false"});
        else
          request.options.include_suggested = o["include_suggested"].get<bool>();
      }
      for (const auto& [key, value] : o.items()) {
        static const std::set<std::string> known = {
            "staging_schema", "target_schema",     "databricks_catalog", "project_name",
            "dbt_adapter",    "include_suggested", "applied_advice"};
        if (!known.contains(key))
          errors.push_back({"options." + key,
                            "is not an option; known: staging_schema, "
                            "target_schema, databricks_catalog, project_name, "
                            "dbt_adapter, include_suggested"});
        (void)value;
      }
    }
  }
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable, "the code generation request is not valid", errors);
  return request;
}

store::ProjectView CodegenService::require_editor(const std::string& user_id,
                                                  const std::string& project_id,
                                                  const char* action) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer)
    throw Error(ErrorKind::kForbidden, std::string("your role on this project (viewer) does not "
                                                   "allow you to ") +
                                           action + "; ask an owner or editor");
  return view;
}

store::CodeGeneration CodegenService::generate_and_store(
    const store::Project& project, const CodegenInputs& inputs, codegen::Platform platform,
    const codegen::Options& options, const std::optional<std::string>& user_id) {
  codegen::GenerationResult result =
      codegen::generate(platform, inputs.source, inputs.target, inputs.document, options);
  std::vector<codegen::FileVerification> checks = codegen::verify(result);
  codegen::LlmAdviceResult advised =
      codegen::advise_with_llm(platform, inputs.source, inputs.target, inputs.document, options,
                               result, llm_asker(project, inputs.target, user_id));
  std::vector<codegen::Advice>& advice = advised.advice;
  result.diagnostics.insert(result.diagnostics.end(), advised.diagnostics.begin(),
                            advised.diagnostics.end());

  store::CodeGeneration generation;
  generation.project_id = project.id;
  generation.platform = std::string(codegen::to_string(platform));
  generation.options = dump(options_json(options));
  generation.load_plan = codegen::load_plan_json(result.load_plan);
  generation.diagnostics = dump(diagnostics_json(result.diagnostics));
  generation.applied_advice.assign(options.applied_advice.begin(), options.applied_advice.end());
  generation.created_by = user_id;

  std::vector<store::GeneratedCode> files;
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    const codegen::GeneratedFile& f = result.files[i];
    store::GeneratedCode code;
    code.path = f.path;
    code.language = f.language;
    code.dialect = f.dialect;
    code.content = f.content;
    code.provenance = dump(provenance_json(f.provenance));
    const codegen::FileVerification* check = nullptr;
    for (const codegen::FileVerification& v : checks)
      if (v.path == f.path) check = &v;
    if (check) {
      code.verification = dump(verification_json(*check));
      if (check->checked) (check->ok ? generation.verified_ok : generation.verified_failed)++;
    }
    files.push_back(std::move(code));
  }
  std::vector<store::CodeAdvice> rows;
  for (const codegen::Advice& a : advice) {
    store::CodeAdvice row;
    row.code_id = a.file;  // a path here; the repository links it to the stored file
    row.advice_id = a.id;
    row.rule = a.rule;
    row.type = a.type;
    row.title = a.message;
    row.description = a.message;
    row.suggestion = a.change;
    row.impact = a.impact;
    row.table = a.table;
    row.auto_applicable = a.auto_applicable;
    row.applied = options.applied_advice.contains(a.id);
    row.ai_generated = a.ai_generated;
    if (a.ai_generated)
      row.description = a.message + " (suggested by " + a.provider +
                        (a.model.empty() ? "" : " " + a.model) + ", checked by Godwit's parser)";
    rows.push_back(std::move(row));
  }
  return repository_.insert(std::move(generation), std::move(files), std::move(rows));
}

json CodegenService::generation_json(const store::CodeGeneration& g, bool with_files,
                                     bool with_content) {
  json out = {{"id", g.id},
              {"platform", g.platform},
              {"version", g.version},
              {"options", parse_stored(g.options, json::object())},
              {"load_plan", parse_stored(g.load_plan, json::object())},
              {"diagnostics", parse_stored(g.diagnostics, json::array())},
              {"applied_advice", g.applied_advice},
              {"file_count", g.file_count},
              {"verification", {{"ok", g.verified_ok}, {"failed", g.verified_failed}}},
              {"created_by", g.created_by ? json(*g.created_by) : json(nullptr)},
              {"created_at", g.created_at}};
  if (with_files) {
    json files = json::array();
    for (const store::GeneratedCode& c : repository_.files(g.id, with_content)) {
      json f = {{"id", c.id},
                {"path", c.path},
                {"language", c.language},
                {"dialect", c.dialect},
                {"size", c.size},
                {"verification", parse_stored(c.verification, json::object())}};
      if (with_content) {
        f["content"] = c.content;
        f["provenance"] = parse_stored(c.provenance, json::array());
      }
      files.push_back(std::move(f));
    }
    out["files"] = std::move(files);
  }
  return out;
}

store::Job CodegenService::start(const std::string& user_id, const std::string& project_id,
                                 const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "generate code");
  Request request = read_request(body, false);
  store::JobRepository jobs(db_);
  store::JobPage running =
      jobs.list({view.project.id, {"queued", "running"}, std::string(kCodegenJob), 1, 0});
  if (!running.items.empty())
    throw Error(ErrorKind::kConflict, "code generation is already running for this project (job " +
                                          running.items.front().id +
                                          "); wait for it or cancel it first");
  // Fail early, with the reason, when there is nothing to generate from.
  require_mappings(loader_(view.project), request.options);
  json platforms = json::array();
  for (codegen::Platform p : request.platforms) platforms.push_back(codegen::to_string(p));
  json payload = {
      {"platforms", platforms}, {"options", options_json(request.options)}, {"user_id", user_id}};
  return queue_.enqueue(kCodegenJob, view.project.id, payload, 1);
}

json CodegenService::run(jobs::JobContext& context) {
  const json& payload = context.payload();
  const std::string project_id = context.project_id().value_or("");
  const std::string user_id = payload.value("user_id", std::string());
  store::ProjectView view = projects_.get(user_id, project_id);
  json body = {{"platforms", payload.value("platforms", json::array())},
               {"options", payload.value("options", json::object())}};
  if (body["options"].is_object()) body["options"].erase("applied_advice");
  Request request = read_request(body, false);
  context.progress(5, "reading", "reading the catalogs and the approved mappings");
  CodegenInputs inputs = loader_(view.project);
  require_mappings(inputs, request.options);
  json generated = json::array();
  for (std::size_t i = 0; i < request.platforms.size(); ++i) {
    codegen::Platform platform = request.platforms[i];
    int percent = 10 + static_cast<int>(85 * i / request.platforms.size());
    context.progress(percent, "generating",
                     "generating " + std::string(codegen::to_string(platform)));
    codegen::Options options = request.options;
    if (auto previous =
            repository_.latest(view.project.id, std::string(codegen::to_string(platform))))
      options.applied_advice.insert(previous->applied_advice.begin(),
                                    previous->applied_advice.end());
    store::CodeGeneration g = generate_and_store(view.project, inputs, platform, options, user_id);
    generated.push_back(generation_json(g, false, false));
  }
  context.progress(100, "done",
                   "generated " + std::to_string(request.platforms.size()) + " platform(s)");
  return {{"generations", generated}};
}

json CodegenService::status(const std::string& user_id, const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::JobRepository jobs(db_);
  store::JobPage page = jobs.list({view.project.id, {}, std::string(kCodegenJob), 1, 0});
  json platforms = json::object();
  for (codegen::Platform p : codegen::all_platforms()) {
    std::string name(codegen::to_string(p));
    auto latest = repository_.latest(view.project.id, name);
    platforms[name] = latest ? generation_json(*latest, false, false) : json(nullptr);
  }
  json job = nullptr;
  std::string state = "idle";
  if (!page.items.empty()) {
    const store::Job& j = page.items.front();
    state = j.state;
    auto text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
    job = json::object();
    job["id"] = j.id;
    job["kind"] = j.kind;
    job["state"] = j.state;
    job["progress"] = j.progress;
    job["stage"] = text(j.stage);
    job["message"] = text(j.message);
    job["created_at"] = j.created_at;
    job["updated_at"] = j.updated_at;
    job["error"] = text(j.error);
  }
  return {{"state", state}, {"job", job}, {"platforms", platforms}};
}

json CodegenService::generate(const std::string& user_id, const std::string& project_id,
                              const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "generate code");
  Request request = read_request(body, true);
  CodegenInputs inputs = loader_(view.project);
  require_mappings(inputs, request.options);
  codegen::Platform platform = request.platforms.front();
  if (auto previous =
          repository_.latest(view.project.id, std::string(codegen::to_string(platform))))
    request.options.applied_advice.insert(previous->applied_advice.begin(),
                                          previous->applied_advice.end());
  store::CodeGeneration g =
      generate_and_store(view.project, inputs, platform, request.options, user_id);
  return generation_json(g, true, false);
}

json CodegenService::codes(const std::string& user_id, const std::string& project_id,
                           const std::string& platform, const std::string& generation_id,
                           bool with_content) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (!platform.empty() && !codegen::platform_from_string(platform))
    throw Error(ErrorKind::kInvalidInput, "unknown platform '" + platform + "'",
                {{"platform", "must be one of " + platform_names()}});
  json items = json::array();
  if (!generation_id.empty()) {
    auto g = repository_.find(view.project.id, generation_id);
    if (!g)
      throw Error(ErrorKind::kNotFound, "no generation " + generation_id + " in this project");
    items.push_back(generation_json(*g, true, with_content));
    return {{"items", items}};
  }
  for (codegen::Platform p : codegen::all_platforms()) {
    std::string name(codegen::to_string(p));
    if (!platform.empty() && platform != name) continue;
    if (auto g = repository_.latest(view.project.id, name))
      items.push_back(generation_json(*g, true, with_content));
  }
  return {{"items", items}};
}

store::GeneratedCode CodegenService::code(const std::string& user_id, const std::string& project_id,
                                          const std::string& code_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  auto c = repository_.file(view.project.id, code_id);
  if (!c) throw Error(ErrorKind::kNotFound, "no generated file " + code_id + " in this project");
  return *c;
}

json CodegenService::generations(const std::string& user_id, const std::string& project_id,
                                 const std::string& platform) {
  store::ProjectView view = projects_.get(user_id, project_id);
  json items = json::array();
  for (const store::CodeGeneration& g : repository_.list(view.project.id, platform))
    items.push_back(generation_json(g, false, false));
  return {{"items", items}};
}

CodeArchive CodegenService::archive(const std::string& user_id, const std::string& project_id,
                                    const std::string& platform) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (!platform.empty() && !codegen::platform_from_string(platform))
    throw Error(ErrorKind::kInvalidInput, "unknown platform '" + platform + "'",
                {{"platform", "must be one of " + platform_names()}});
  std::vector<ZipEntry> entries;
  for (codegen::Platform p : codegen::all_platforms()) {
    std::string name(codegen::to_string(p));
    if (!platform.empty() && platform != name) continue;
    auto g = repository_.latest(view.project.id, name);
    if (!g) continue;
    for (store::GeneratedCode& c : repository_.files(g->id, true))
      entries.push_back({platform.empty() ? name + "/" + c.path : c.path, std::move(c.content)});
  }
  if (entries.empty())
    throw Error(ErrorKind::kNotFound, "nothing generated yet" +
                                          (platform.empty() ? "" : " for " + platform) +
                                          ": POST /api/v1/projects/{id}/codegen/generate first");
  std::string base = "godwit-" + (platform.empty() ? std::string("code") : platform);
  return {base + ".zip", write_zip(entries)};
}

json CodegenService::optimizations(const std::string& user_id, const std::string& project_id,
                                   const std::string& platform) {
  store::ProjectView view = projects_.get(user_id, project_id);
  json items = json::array();
  for (codegen::Platform p : codegen::all_platforms()) {
    std::string name(codegen::to_string(p));
    if (!platform.empty() && platform != name) continue;
    auto g = repository_.latest(view.project.id, name);
    if (!g) continue;
    for (const store::CodeAdvice& a : repository_.advice(g->id))
      items.push_back({{"id", a.id},
                       {"advice_id", a.advice_id},
                       {"platform", name},
                       {"generation_id", g->id},
                       {"code_id", a.code_id},
                       {"rule", a.rule},
                       {"type", a.type},
                       {"title", a.title},
                       {"description", a.description},
                       {"suggestion", a.suggestion},
                       {"impact", a.impact},
                       {"table", a.table},
                       {"auto_applicable", a.auto_applicable},
                       {"applied", a.applied},
                       {"ai_generated", a.ai_generated}});
  }
  return {{"items", items}};
}

json CodegenService::optimize(const std::string& user_id, const std::string& project_id,
                              const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "apply optimisations");
  Request request = read_request(body, true);
  codegen::Platform platform = request.platforms.front();
  std::string name(codegen::to_string(platform));
  auto latest = repository_.latest(view.project.id, name);
  if (!latest)
    throw Error(ErrorKind::kConflict,
                "nothing generated for " + name + " yet: generate it before applying advice");
  std::vector<FieldError> errors;
  const json ids = body.is_object() ? body.value("advice_ids", json()) : json();
  if (!ids.is_array() || ids.empty()) {
    errors.push_back({"advice_ids",
                      "must be a non-empty array of advice ids (advice_id of "
                      "GET /codegen/optimizations)"});
  } else {
    std::vector<store::CodeAdvice> advice = repository_.advice(latest->id);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto found = std::find_if(advice.begin(), advice.end(), [&](const store::CodeAdvice& a) {
        return ids[i].is_string() &&
               (a.advice_id == ids[i].get<std::string>() || a.id == ids[i].get<std::string>());
      });
      std::string field = "advice_ids[" + std::to_string(i) + "]";
      if (found == advice.end())
        errors.push_back({field, "is not advice of the latest " + name + " generation"});
      else if (!found->auto_applicable)
        errors.push_back({field, "cannot be applied automatically: make the change by hand (" +
                                     found->suggestion + ")"});
      else
        request.options.applied_advice.insert(found->advice_id);
    }
  }
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable, "the advice cannot be applied", errors);
  request.options.applied_advice.insert(latest->applied_advice.begin(),
                                        latest->applied_advice.end());
  json stored = parse_stored(latest->options, json::object());
  if (!body.contains("options") && stored.is_object()) {
    // Keep the options of the generation the advice was found in.
    stored.erase("applied_advice");
    Request previous = read_request({{"platform", name}, {"options", stored}}, true);
    previous.options.applied_advice = request.options.applied_advice;
    request.options = previous.options;
  }
  CodegenInputs inputs = loader_(view.project);
  store::CodeGeneration g =
      generate_and_store(view.project, inputs, platform, request.options, user_id);
  return generation_json(g, true, false);
}

json CodegenService::validate(const std::string& user_id, const std::string& project_id,
                              const json& body) {
  store::ProjectView view = projects_.get(user_id, project_id);
  std::string platform;
  if (body.is_object() && body.contains("platform")) {
    if (!body["platform"].is_string() ||
        !codegen::platform_from_string(body["platform"].get<std::string>()))
      throw Error(ErrorKind::kUnprocessable, "the validation request is not valid",
                  {{"platform", "must be one of " + platform_names()}});
    platform = body["platform"].get<std::string>();
  }
  json results = json::array();
  int total_ok = 0, total_failed = 0;
  for (codegen::Platform p : codegen::all_platforms()) {
    std::string name(codegen::to_string(p));
    if (!platform.empty() && platform != name) continue;
    auto g = repository_.latest(view.project.id, name);
    if (!g) continue;
    std::vector<std::pair<std::string, std::string>> updates;
    int ok = 0, failed = 0;
    json files = json::array();
    const std::vector<store::GeneratedCode> stored = repository_.files(g->id, true);
    std::vector<codegen::DbtMacro> macros;  // dbt models call the project's macros
    for (const store::GeneratedCode& c : stored)
      if (c.path.rfind("macros/", 0) == 0) {
        std::vector<codegen::DbtMacro> more = codegen::parse_dbt_macros(c.content);
        macros.insert(macros.end(), more.begin(), more.end());
      }
    for (const store::GeneratedCode& c : stored) {
      codegen::GeneratedFile file;
      file.path = c.path;
      file.language = c.language;
      file.dialect = c.dialect;
      file.content = c.content;
      codegen::FileVerification v = codegen::verify_file(file, macros);
      if (v.checked) (v.ok ? ok : failed)++;
      json vj = verification_json(v);
      updates.emplace_back(c.id, dump(vj));
      vj["id"] = c.id;
      vj["path"] = c.path;
      files.push_back(std::move(vj));
    }
    repository_.set_verification(g->id, updates, ok, failed);
    total_ok += ok;
    total_failed += failed;
    results.push_back({{"platform", name},
                       {"generation_id", g->id},
                       {"version", g->version},
                       {"ok", ok},
                       {"failed", failed},
                       {"files", files}});
  }
  if (results.empty())
    throw Error(ErrorKind::kConflict, "nothing generated yet" +
                                          (platform.empty() ? "" : " for " + platform) +
                                          ": generate code before validating it");
  return {{"ok", total_failed == 0},
          {"files_ok", total_ok},
          {"files_failed", total_failed},
          {"platforms", results}};
}

void CodegenService::set_llm(llm::LlmSettings base, llm::ResponseCache* cache,
                             llm::UsageLedger* ledger) {
  llm_base_ = std::move(base);
  llm_cache_ = cache;
  llm_ledger_ = ledger;
}

codegen::AdviceAsker CodegenService::llm_asker(const store::Project& project,
                                               const schema::Catalog& target,
                                               const std::optional<std::string>& user_id) const {
  auto client = project_llm_client(db_, llm_base_, project.id, llm_cache_, llm_ledger_);
  if (!client) return {};
  return [client, &target, project_id = project.id,
          user = user_id.value_or("")](const codegen::AdviceQuestion& q) {
    llm::AskRequest request;
    request.prompt_name = std::string(codegen::kLlmAdvicePrompt);
    request.data = {{"platform", q.platform_text, false},
                    {"schema", q.schema, false},
                    {"code", q.code, false},
                    {"advice", q.advice, false}};
    request.user_id = user;
    request.project_id = project_id;
    request.catalog = [&target](std::string_view table, std::string_view column) {
      const schema::Table* t = target.find_table(table);
      if (!t) return false;
      if (column.empty()) return true;
      return std::any_of(t->columns.begin(), t->columns.end(),
                         [&](const schema::Column& c) { return c.name == column; });
    };
    llm::AskResult r = client->ask(request);
    return codegen::AdviceAnswer{r.source != llm::AnswerSource::kOffline, std::move(r.answer),
                                 r.provenance.provider, r.provenance.model,
                                 std::move(r.diagnostics)};
  };
}

}  // namespace godwit::services
