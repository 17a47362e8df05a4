// The engine side of MappingService (see mapping_service.hpp): the mapping.run job and
// the JSON export and import of the whole mapping document.
#include <set>

#include "core/text.hpp"
#include "core/uuid.hpp"
#include "mapping/matcher.hpp"
#include "mapping/model_json.hpp"
#include "services/mapping_document.hpp"
#include "services/mapping_json.hpp"
#include "services/mapping_service.hpp"

namespace godwit::services {

MappingSnapshot MappingService::engine_inputs(const store::Project& project) {
  MappingSnapshot out;
  out.catalogs = catalogs(project);
  const MappingCatalogs& cats = *out.catalogs;
  mapping::MappingDocument& document = out.document;
  document.source.dialect =
      cats.source_dialect.empty() ? project.source_dialect : cats.source_dialect;
  document.source.files = cats.source_files;
  document.target.dialect = cats.target_dialect;
  document.target.files = cats.target_files;
  document.formula_dialect = project.target_dialect;
  for (const store::TableMappingRecord& t : mappings_.table_mappings(project.id)) {
    document.tables.push_back(to_model(t));
  }
  store::FieldMappingQuery q;
  q.project_id = project.id;
  q.sort = store::FieldMappingSort::kSource;
  q.descending = false;
  q.limit = 0;
  std::set<std::string> ids;
  for (const store::FieldMappingRecord& r : mappings_.list(q).items) {
    mapping::FieldMapping f = to_model(r);
    // Ids are unique in a document; a person's second mapping of the same pair cannot
    // exist (custom updates the first), so a clash means an old duplicate: keep the first.
    if (!ids.insert(f.id).second) continue;
    document.fields.push_back(std::move(f));
  }
  return out;
}

nlohmann::json MappingService::export_json(const std::string& user_id,
                                           const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  return mapping::to_json(engine_inputs(view.project).document);
}

ImportOutcome MappingService::import_json(const std::string& user_id, const std::string& project_id,
                                          const nlohmann::json& json) {
  store::ProjectView view = require_editor(user_id, project_id, "import mappings");
  std::vector<Diagnostic> diagnostics;
  mapping::MappingDocument document = mapping::mapping_from_json(json, diagnostics);
  std::vector<FieldError> errors;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    // Messages start with the JSON path of the offending value: "/fields/3/confidence: ...".
    std::size_t colon = d.message.find(": ");
    if (!d.message.empty() && d.message[0] == '/' && colon != std::string::npos) {
      errors.push_back({d.message.substr(0, colon), d.message.substr(colon + 2)});
    } else {
      errors.push_back({"document", d.message});
    }
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                "the mapping document cannot be imported: " + errors.front().field + " " +
                    errors.front().message,
                errors);
  }
  std::string dialect =
      !document.formula_dialect.empty() ? document.formula_dialect : view.project.target_dialect;
  std::vector<store::FieldMappingRecord> rows;
  std::vector<std::string> prefixes;
  for (std::size_t i = 0; i < document.fields.size(); ++i) {
    store::FieldMappingRecord r = to_record(document.fields[i], dialect);
    r.project_id = project_id;
    // What a document says a person decided stays a decision; its suggestions are the
    // engine's or a model's and may be replaced by the next run.
    rows.push_back(std::move(r));
    prefixes.push_back("/fields/" + std::to_string(i) + "/");
  }
  return import_rows(user_id, view.project, std::move(rows), prefixes);
}

}  // namespace godwit::services

namespace godwit::services {
namespace {

constexpr std::size_t kListedLosses = 1000;

std::string pair_signature(const store::FieldMappingRecord& r) {
  std::string key = to_lower(r.target_table) + "." + to_lower(r.target_column) + "<-";
  nlohmann::json sources = parse_stored(r.sources_json, nlohmann::json::array());
  for (const auto& s : sources) {
    if (s.is_object())
      key += to_lower(s.value("table", "")) + "." + to_lower(s.value("column", "")) + ",";
  }
  return key;
}

}  // namespace

nlohmann::json MappingService::run(jobs::JobContext& context) {
  const std::string project_id = context.project_id().value_or("");
  const nlohmann::json& payload = context.payload();
  std::string user_id = payload.contains("user_id") && payload["user_id"].is_string()
                            ? payload["user_id"].get<std::string>()
                            : "";
  store::ProjectView view = projects_.get(user_id, project_id);
  context.progress(5, "catalogs", "reading the schema files");
  std::shared_ptr<const MappingCatalogs> cats = catalogs(view.project);
  if (cats->source.tables.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                "the source schema has no tables: upload its DDL (role source) and wait until "
                "the files are parsed");
  }
  if (cats->target.tables.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                "the target schema has no tables: upload its DDL with role=target, or remove "
                "the target files to have Godwit propose one");
  }
  context.progress(15, "matching",
                   std::to_string(cats->source.column_count()) + " source columns x " +
                       std::to_string(cats->target.column_count()) + " target columns");
  mapping::MatchOptions options;
  options.source = {cats->source_dialect, cats->source_files};
  options.target = {cats->target_dialect, cats->target_files};
  options.formula_dialect = cats->target_dialect;
  mapping::MatchResult result = mapping::match_schemas(cats->source, cats->target, options);
  context.progress(70, "storing", std::to_string(result.document.fields.size()) + " candidates");

  // A person's decisions stand: no fresh suggestion for a pair they decided.
  store::FieldMappingQuery decided_query;
  decided_query.project_id = project_id;
  decided_query.statuses = {"approved", "rejected", "manual"};
  decided_query.limit = 0;
  std::set<std::string> decided_keys, decided_pairs;
  std::size_t decided = 0;
  for (const store::FieldMappingRecord& r : mappings_.list(decided_query).items) {
    ++decided;
    if (!r.mapping_key.empty()) decided_keys.insert(r.mapping_key);
    decided_pairs.insert(pair_signature(r));
  }

  // Table mappings: the engine's are replaced; one with the same key keeps its id so the
  // decided field mappings that point at it still do.
  std::map<std::string, std::string> old_ids;
  for (const store::TableMappingRecord& t : mappings_.table_mappings(project_id)) {
    if (!t.mapping_key.empty()) old_ids[t.mapping_key] = t.id;
  }
  std::vector<store::TableMappingRecord> tables;
  std::map<std::string, std::string> table_of;  // "target<-source" -> table mapping id
  for (const mapping::TableMapping& t : result.document.tables) {
    store::TableMappingRecord record = to_record(t);
    auto old = old_ids.find(record.mapping_key);
    record.id = old != old_ids.end() ? old->second : new_uuid();
    for (const std::string& source : t.source_tables) {
      table_of.emplace(to_lower(t.target_table) + "<-" + to_lower(source), record.id);
    }
    tables.push_back(std::move(record));
  }
  std::string dialect = !result.document.formula_dialect.empty() ? result.document.formula_dialect
                                                                 : cats->target_dialect;
  std::vector<store::FieldMappingRecord> fresh;
  std::size_t skipped = 0;
  for (const mapping::FieldMapping& f : result.document.fields) {
    store::FieldMappingRecord record = to_record(f, dialect);
    if (decided_keys.count(record.mapping_key) != 0 ||
        decided_pairs.count(pair_signature(record)) != 0) {
      ++skipped;
      continue;
    }
    record.status = "suggested";
    auto table =
        table_of.find(to_lower(record.target_table) + "<-" + to_lower(record.source_table));
    if (table != table_of.end()) record.table_mapping_id = table->second;
    fresh.push_back(std::move(record));
  }
  context.check_cancelled();
  mappings_.replace_table_mappings(project_id, std::move(tables));
  std::size_t stored = fresh.size();
  mappings_.replace_suggestions(project_id, std::move(fresh));
  context.progress(90, "coverage", "table mappings");
  recompute_coverage(project_id, *cats);

  nlohmann::json losses = nlohmann::json::array();
  for (const ProposedTypeLoss& loss : cats->type_losses) {
    if (losses.size() >= kListedLosses) break;
    losses.push_back({{"table", loss.table},
                      {"column", loss.column},
                      {"source_type", loss.source_type},
                      {"target_type", loss.target_type},
                      {"code", loss.code},
                      {"message", loss.message}});
  }
  nlohmann::json notes = nlohmann::json::array();
  for (const Diagnostic& d : result.diagnostics) notes.push_back(d.message);
  nlohmann::json summary = {{"suggestions", stored},
                            {"table_mappings", result.document.tables.size()},
                            {"decisions_kept", decided},
                            {"candidates_skipped_for_decisions", skipped},
                            {"pairs_scored", result.pairs_scored},
                            {"target_proposed", cats->target_proposed},
                            {"target_dialect", cats->target_dialect},
                            {"type_loss_count", cats->type_losses.size()},
                            {"type_losses", losses},
                            {"skipped_files", cats->skipped},
                            {"notes", notes}};
  nlohmann::json audit_summary = summary;
  audit_summary.erase("type_losses");
  record(project_id, user_id.empty() ? std::nullopt : std::optional(user_id), "run", std::nullopt,
         std::nullopt, audit_summary);
  context.progress(
      100, "done",
      std::to_string(stored) + " suggestions, " + std::to_string(decided) + " decisions kept");
  return summary;
}

}  // namespace godwit::services
