// The mapping phase's use cases (see mapping_service.hpp). The engine run and the
// mapping document (export / import JSON) are in mapping_run.cpp.
#include "services/mapping_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "llm/llm_client.hpp"
#include "mapping/model_answer.hpp"
#include "services/mapping_coverage.hpp"
#include "services/mapping_csv.hpp"
#include "services/mapping_document.hpp"
#include "services/mapping_formula.hpp"
#include "services/mapping_json.hpp"
#include "services/project_llm.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "store/repositories/discovery_repository.hpp"
#include "store/sql_support.hpp"

namespace godwit::services {
namespace {

constexpr std::size_t kMaxVersions = 20;
constexpr std::size_t kCachedCatalogs = 8;
constexpr std::size_t kMaxText = 20000;

const std::set<std::string>& transformations() {
  static const std::set<std::string> names = {"direct",       "cast",      "computed",
                                              "concatenated", "case_when", "custom"};
  return names;
}
const std::set<std::string>& statuses() {
  static const std::set<std::string> names = {"suggested", "approved", "rejected", "manual"};
  return names;
}
const std::set<std::string>& rule_types() {
  static const std::set<std::string> names = {"concatenation", "split", "lookup", "value_map"};
  return names;
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

nlohmann::json sources_json(const std::vector<MappingColumn>& sources) {
  nlohmann::json list = nlohmann::json::array();
  for (const MappingColumn& c : sources) list.push_back({{"table", c.table}, {"column", c.column}});
  return list;
}

std::vector<MappingColumn> sources_of(const store::FieldMappingRecord& record) {
  std::vector<MappingColumn> out;
  nlohmann::json list = parse_stored(record.sources_json, nlohmann::json::array());
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (item.is_object() && item.contains("table") && item["table"].is_string() &&
        item.contains("column") && item["column"].is_string()) {
      out.push_back({item["table"].get<std::string>(), item["column"].get<std::string>()});
    }
  }
  return out;
}

void set_sources(store::FieldMappingRecord& record, const std::vector<MappingColumn>& sources) {
  record.sources_json = sources_json(sources).dump();
  record.source_table = sources.empty() ? "" : sources.front().table;
  record.source_column = sources.empty() ? "" : sources.front().column;
}

/// Two mappings say the same thing when they read the same columns into the same target.
bool same_pair(const store::FieldMappingRecord& a, const store::FieldMappingRecord& b) {
  if (!iequals(a.target_table, b.target_table) || !iequals(a.target_column, b.target_column)) {
    return false;
  }
  std::vector<MappingColumn> x = sources_of(a), y = sources_of(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!iequals(x[i].table, y[i].table) || !iequals(x[i].column, y[i].column)) return false;
  }
  return true;
}

std::optional<std::string> optional_string(const nlohmann::json& body, const char* key,
                                           std::vector<FieldError>& errors,
                                           std::size_t max = kMaxText) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) {
    errors.push_back({key, "must be a string"});
    return std::nullopt;
  }
  std::string value = body[key].get<std::string>();
  if (value.size() > max) {
    errors.push_back({key, "is longer than " + std::to_string(max) + " characters"});
    return std::nullopt;
  }
  return value;
}

std::vector<MappingColumn> columns_from_json(const nlohmann::json& list, const std::string& field,
                                             std::vector<FieldError>& errors) {
  std::vector<MappingColumn> out;
  if (!list.is_array()) {
    errors.push_back(
        {field, "must be a list of {\"table\", \"column\"} objects or \"table.column\" strings"});
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& item = list[i];
    std::string name = field + "[" + std::to_string(i) + "]";
    if (item.is_string()) {
      std::string text = item.get<std::string>();
      std::size_t dot = text.rfind('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) {
        errors.push_back({name, "'" + text + "' is not table.column"});
        continue;
      }
      out.push_back({text.substr(0, dot), text.substr(dot + 1)});
    } else if (item.is_object() && item.contains("table") && item["table"].is_string() &&
               item.contains("column") && item["column"].is_string()) {
      out.push_back({item["table"].get<std::string>(), item["column"].get<std::string>()});
    } else {
      errors.push_back({name, "must be {\"table\": ..., \"column\": ...} or \"table.column\""});
    }
  }
  return out;
}

/// Checks one SQL literal of a value map ('M', 1, NULL ...): an expression with no columns.
void check_literal(const std::string& text, const std::string& dialect,
                   const schema::Catalog& source, const std::string& field,
                   std::vector<FieldError>& errors) {
  FormulaCheck check = check_formula(text, dialect, source, {});
  if (!check.ok()) {
    errors.push_back({field, describe(check.errors.front())});
  } else if (!check.columns.empty()) {
    errors.push_back({field, "a value-map entry is a literal ('M', 1, NULL), not a column"});
  }
}

std::string mapping_cache_key(const store::Project& project,
                              const std::vector<store::SchemaFile>& files) {
  std::string key = project.id + "|" + project.target_dialect;
  for (const store::SchemaFile& f : files) {
    key +=
        "|" + f.id + ":" + f.sha256.value_or("") + ":" + f.role + ":" + f.dialect + ":" + f.status;
  }
  return key;
}

}  // namespace

FieldMappingInput field_mapping_input(const nlohmann::json& body, std::vector<FieldError>& errors) {
  FieldMappingInput in;
  if (!body.is_object()) {
    errors.push_back({"body", "must be a JSON object"});
    return in;
  }
  if (body.contains("sources") && !body["sources"].is_null()) {
    in.sources = columns_from_json(body["sources"], "sources", errors);
  } else if (body.contains("source_table") || body.contains("source_column")) {
    std::optional<std::string> table = optional_string(body, "source_table", errors, 1000);
    std::optional<std::string> column = optional_string(body, "source_column", errors, 1000);
    if (table && column && !table->empty() && !column->empty()) {
      in.sources = std::vector<MappingColumn>{{*table, *column}};
    } else if (table && !table->empty()) {
      in.sources = std::vector<MappingColumn>{};
      in.sources->push_back({*table, ""});
    }
  }
  in.target_table = optional_string(body, "target_table", errors, 1000);
  in.target_column = optional_string(body, "target_column", errors, 1000);
  if (body.contains("target") && body["target"].is_object()) {
    in.target_table = optional_string(body["target"], "table", errors, 1000);
    in.target_column = optional_string(body["target"], "column", errors, 1000);
  }
  in.transformation = optional_string(body, "transformation", errors, 50);
  in.formula = optional_string(body, "formula", errors);
  in.formula_dialect = optional_string(body, "formula_dialect", errors, 50);
  in.description = optional_string(body, "description", errors);
  in.status = optional_string(body, "status", errors, 50);
  if (body.contains("confidence") && !body["confidence"].is_null()) {
    if (!body["confidence"].is_number() || body["confidence"].get<double>() < 0 ||
        body["confidence"].get<double>() > 1) {
      errors.push_back({"confidence", "must be a number between 0 and 1"});
    } else {
      in.confidence = body["confidence"].get<double>();
    }
  }
  if (body.contains("value_map")) in.value_map = body["value_map"];
  return in;
}

MappingService::MappingService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                               std::string storage_root, llm::LlmSettings llm,
                               llm::ResponseCache* cache, llm::UsageLedger* ledger)
    : db_(db),
      projects_(projects),
      queue_(queue),
      content_(std::move(storage_root)),
      llm_(std::move(llm)),
      llm_cache_(cache),
      llm_ledger_(ledger),
      files_(db),
      jobs_(db),
      mappings_(db),
      rules_(db),
      audit_(db) {}

store::ProjectView MappingService::require_editor(const std::string& user_id,
                                                  const std::string& project_id,
                                                  const char* action) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden, std::string("your role on this project (viewer) does not "
                                                   "allow you to ") +
                                           action + "; ask an owner or editor");
  }
  return view;
}

std::shared_ptr<const MappingCatalogs> MappingService::catalogs(const store::Project& project) {
  std::vector<store::SchemaFile> files = files_.list(project.id);
  std::string key = mapping_cache_key(project, files);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  std::vector<CatalogFile> inputs;
  for (const store::SchemaFile& f : files) {
    if (f.status == "failed" || f.status == "uploading") continue;
    inputs.push_back({f.filename, f.file_type, f.dialect, f.role, content_.read(f.storage_path)});
  }
  auto built = std::make_shared<const MappingCatalogs>(
      build_mapping_catalogs(inputs, project.target_dialect));
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kCachedCatalogs) cache_.clear();
  cache_[key] = built;
  return built;
}

store::Job MappingService::start(const std::string& user_id, const std::string& project_id) {
  require_editor(user_id, project_id, "run the mapping");
  store::JobQuery query;
  query.project_id = project_id;
  query.kind = kMappingRunJob;
  query.states = {"queued", "running"};
  query.limit = 1;
  store::JobPage running = jobs_.list(query);
  if (!running.items.empty()) return running.items.front();  // one run at a time
  return queue_.enqueue(kMappingRunJob, project_id, {{"user_id", user_id}});
}

nlohmann::json MappingService::status(const std::string& user_id, const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::JobQuery query;
  query.project_id = project_id;
  query.kind = kMappingRunJob;
  query.limit = 1;
  store::JobPage page = jobs_.list(query);
  nlohmann::json counts = nlohmann::json::object();
  long long total = 0;
  for (const std::string& s : statuses()) {
    store::FieldMappingQuery q;
    q.project_id = project_id;
    q.statuses = {s};
    q.limit = 1;
    long long n = mappings_.list(q).total;
    counts[s] = n;
    total += n;
  }
  counts["total"] = total;
  std::vector<store::TableMappingRecord> tables = mappings_.table_mappings(project_id);
  long long completion = 0, covered = 0, required = 0;
  for (const auto& t : tables) {
    completion += t.completion_percentage;
    covered += t.required_fields_covered;
    required += t.total_required_fields;
  }
  int source_files = 0, target_files = 0;
  for (const store::SchemaFile& f : files_.list(project_id)) {
    (f.role == "target" ? target_files : source_files) += 1;
  }
  nlohmann::json job = nullptr;
  std::string state = "not_started";
  if (!page.items.empty()) {
    const store::Job& j = page.items.front();
    state = j.state;
    job = {{"id", j.id},
           {"state", j.state},
           {"progress", j.progress},
           {"stage", j.stage.value_or("")},
           {"message", j.message.value_or("")},
           {"created_at", j.created_at},
           {"updated_at", j.updated_at}};
    if (j.result) job["result"] = parse_stored(*j.result, nullptr);
    if (j.error) job["error"] = *j.error;
  }
  return {
      {"state", state},
      {"job", job},
      {"counts", counts},
      {"table_mappings",
       {{"count", tables.size()},
        {"average_completion",
         tables.empty() ? 0 : static_cast<int>(completion / static_cast<long long>(tables.size()))},
        {"required_fields_covered", covered},
        {"total_required_fields", required}}},
      {"files", {{"source", source_files}, {"target", target_files}}},
      {"target_proposed", target_files == 0},
      {"target_dialect", view.project.target_dialect}};
}

store::FieldMappingPage MappingService::suggestions(const std::string& user_id,
                                                    const std::string& project_id,
                                                    const SuggestionFilter& filter) {
  projects_.get(user_id, project_id);
  std::vector<FieldError> errors;
  for (const std::string& s : filter.statuses) {
    if (statuses().count(s) == 0)
      errors.push_back({"status", "'" + s + "' is not one of " + joined(statuses())});
  }
  for (const std::string& p : filter.provenances) {
    if (p != "engine" && p != "model" && p != "person")
      errors.push_back({"provenance", "'" + p + "' is not one of engine, model, person"});
  }
  if (filter.min_confidence && filter.max_confidence &&
      *filter.min_confidence > *filter.max_confidence) {
    errors.push_back({"min_confidence", "is greater than max_confidence"});
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                "the suggestion filter is not valid: " + errors.front().field + " " +
                    errors.front().message,
                errors);
  }
  store::FieldMappingQuery q;
  q.project_id = project_id;
  q.source_table = filter.source_table;
  q.target_table = filter.target_table;
  q.statuses = filter.statuses;
  q.provenances = filter.provenances;
  q.min_confidence = filter.min_confidence;
  q.max_confidence = filter.max_confidence;
  q.sort = filter.sort;
  q.descending = filter.descending;
  q.limit = filter.limit;
  q.offset = filter.offset;
  return mappings_.list(q);
}

store::FieldMappingRecord MappingService::suggestion(const std::string& user_id,
                                                     const std::string& project_id,
                                                     const std::string& mapping_id) {
  projects_.get(user_id, project_id);
  std::optional<store::FieldMappingRecord> found = mappings_.find(project_id, mapping_id);
  if (!found) {
    throw Error(ErrorKind::kNotFound, "no mapping with id '" + mapping_id + "' in this project");
  }
  return *found;
}

void MappingService::record(const std::string& project_id,
                            const std::optional<std::string>& user_id, const std::string& action,
                            const std::optional<std::string>& mapping_id,
                            const std::optional<nlohmann::json>& before,
                            const std::optional<nlohmann::json>& after) {
  store::MappingAuditEntry entry;
  entry.project_id = project_id;
  entry.user_id = user_id;
  entry.action = action;
  entry.mapping_id = mapping_id;
  if (before) entry.before_json = before->dump();
  if (after) entry.after_json = after->dump();
  audit_.append(std::move(entry));
}

void MappingService::begin_change(store::FieldMappingRecord& record, const std::string& user_id) {
  nlohmann::json versions = parse_stored(record.previous_versions_json, nlohmann::json::array());
  if (!versions.is_array()) versions = nlohmann::json::array();
  versions.push_back(snapshot(record));
  while (versions.size() > kMaxVersions) versions.erase(versions.begin());
  record.previous_versions_json = versions.dump();
  record.version += 1;
  record.updated_at = store::detail::now_timestamp();
  record.updated_by = user_id;
}

DecisionOutcome MappingService::decide(const std::string& user_id, const std::string& project_id,
                                       const Decision& decision, bool approve) {
  store::ProjectView view =
      require_editor(user_id, project_id, approve ? "approve mappings" : "reject mappings");
  if (decision.ids.empty() && !decision.min_confidence) {
    throw Error(ErrorKind::kInvalidInput,
                "say which mappings: {\"ids\": [...]} or {\"min_confidence\": 0.9, \"table\": "
                "optional}",
                {{"ids", "give ids or min_confidence"}});
  }
  DecisionOutcome outcome;
  std::vector<store::FieldMappingRecord> targets;
  if (!decision.ids.empty()) {
    for (const std::string& id : decision.ids) {
      if (std::optional<store::FieldMappingRecord> r = mappings_.find(project_id, id)) {
        targets.push_back(*r);
      } else {
        outcome.not_found.push_back(id);
      }
    }
    if (targets.empty()) {
      throw Error(ErrorKind::kNotFound, "none of the given ids names a mapping of this project",
                  {{"ids", "unknown ids"}});
    }
  } else {
    store::FieldMappingQuery q;
    q.project_id = project_id;
    q.statuses = {"suggested"};
    q.min_confidence = decision.min_confidence;
    q.limit = 0;
    for (store::FieldMappingRecord& r : mappings_.list(q).items) {
      if (r.rank != 1) continue;
      if (decision.table && !iequals(r.source_table, *decision.table) &&
          !iequals(r.target_table, *decision.table)) {
        continue;
      }
      targets.push_back(std::move(r));
    }
  }
  const std::string wanted = approve ? "approved" : "rejected";
  for (store::FieldMappingRecord& r : targets) {
    if (r.status == wanted) {
      ++outcome.unchanged;
      continue;
    }
    nlohmann::json before = snapshot(r);
    begin_change(r, user_id);
    r.status = wanted;
    r.approved_at = approve ? r.updated_at : std::nullopt;
    mappings_.update(r);
    record(project_id, user_id, approve ? "approve" : "reject", r.id, before, snapshot(r));
    outcome.changed.push_back(r);
  }
  if (!outcome.changed.empty()) recompute_coverage(project_id, *catalogs(view.project));
  return outcome;
}

void MappingService::apply(store::FieldMappingRecord& r, const FieldMappingInput& in,
                           const store::Project& project) {
  if (in.sources) set_sources(r, *in.sources);
  if (in.target_table) r.target_table = std::string(trim(*in.target_table));
  if (in.target_column) r.target_column = std::string(trim(*in.target_column));
  if (in.transformation) r.transformation = to_lower(trim(*in.transformation));
  if (in.formula) r.formula = std::string(trim(*in.formula));
  if (in.formula_dialect) r.formula_dialect = std::string(trim(*in.formula_dialect));
  if (r.formula_dialect.empty()) r.formula_dialect = project.target_dialect;
  if (in.description) r.description = *in.description;
  if (in.status) r.status = to_lower(trim(*in.status));
  if (in.confidence) r.confidence = *in.confidence;
  if (in.value_map) {
    r.value_map_json = in.value_map->is_null() ? std::nullopt : std::optional(in.value_map->dump());
  }
}

void MappingService::validate(store::FieldMappingRecord& r, const MappingCatalogs& cats,
                              const std::string& prefix, std::vector<FieldError>& errors) {
  std::size_t first_error = errors.size();
  if (transformations().count(r.transformation) == 0) {
    errors.push_back({prefix + "transformation",
                      "'" + r.transformation + "' is not one of " + joined(transformations())});
  }
  if (statuses().count(r.status) == 0) {
    errors.push_back({prefix + "status", "'" + r.status + "' is not one of " + joined(statuses())});
  }
  if (!(r.confidence >= 0 && r.confidence <= 1)) {
    errors.push_back({prefix + "confidence", "must be between 0 and 1"});
  }
  std::optional<std::string_view> dialect = sql::canonical_dialect_name(r.formula_dialect);
  if (!dialect) {
    errors.push_back({prefix + "formula_dialect", "unknown dialect '" + r.formula_dialect + "'"});
  } else {
    r.formula_dialect = std::string(*dialect);
  }
  // Target.
  const schema::Table* target = nullptr;
  if (r.target_table.empty()) {
    errors.push_back({prefix + "target_table", "is required"});
  } else if ((target = find_table(cats.target, r.target_table)) == nullptr) {
    errors.push_back({prefix + "target_table",
                      "the target schema has no table '" + r.target_table + "'" +
                          (cats.target_proposed ? " (the target is proposed from the source "
                                                  "tables; upload target DDL with role=target "
                                                  "to map to another schema)"
                                                : "")});
  } else {
    r.target_table = table_name(*target);
    if (r.target_column.empty()) {
      errors.push_back({prefix + "target_column", "is required"});
    } else if (auto found = find_target_column(*target, r.target_column)) {
      r.target_column = found->name;
    } else {
      errors.push_back(
          {prefix + "target_column", "the target table " + r.target_table + " has no column '" +
                                         r.target_column +
                                         "' (a member of a STRUCT column is named column.member)"});
    }
  }
  // Sources.
  std::vector<MappingColumn> sources = sources_of(r);
  std::vector<std::string> tables;
  std::vector<MappingColumn> resolved;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    std::string field = prefix + "sources[" + std::to_string(i) + "]";
    const schema::Table* t = find_table(cats.source, sources[i].table);
    if (t == nullptr) {
      errors.push_back({field, "the source schema has no table '" + sources[i].table + "'"});
      continue;
    }
    if (std::find(tables.begin(), tables.end(), table_name(*t)) == tables.end()) {
      tables.push_back(table_name(*t));
    }
    if (sources[i].column.empty()) continue;  // a table named only as the formula's scope
    const schema::Column* c = find_column(*t, sources[i].column);
    if (c == nullptr) {
      errors.push_back({field, "the source table " + table_name(*t) + " has no column '" +
                                   sources[i].column + "'"});
      continue;
    }
    resolved.push_back({table_name(*t), c->name});
  }
  // Formula: parsed in its dialect, columns resolved in the source tables.
  if (!r.formula.empty() && dialect) {
    FormulaCheck check = check_formula(r.formula, r.formula_dialect, cats.source, tables);
    for (const Diagnostic& d : check.errors) {
      errors.push_back({prefix + "formula", describe(d)});
    }
    for (const FormulaColumn& c : check.columns) {
      bool known = false;
      for (const MappingColumn& s : resolved) {
        known = known || (iequals(s.table, c.table) && iequals(s.column, c.column));
      }
      if (!known) resolved.push_back({c.table, c.column});
    }
  } else if (r.formula.empty() && r.transformation != "direct" && r.transformation != "cast" &&
             transformations().count(r.transformation) != 0) {
    errors.push_back({prefix + "formula", "a " + r.transformation + " mapping needs a formula"});
  }
  if (r.formula.empty() && resolved.empty() && errors.size() == first_error) {
    errors.push_back({prefix + "sources", "name the source column(s), or write a formula"});
  }
  if (r.value_map_json && dialect) {
    nlohmann::json vm = parse_stored(*r.value_map_json, nullptr);
    if (!vm.is_object() || !vm.contains("entries") || !vm["entries"].is_array()) {
      errors.push_back({prefix + "value_map",
                        "must be {\"entries\": [{\"from\": \"'M'\", \"to\": \"'male'\"}], "
                        "\"otherwise\": optional}"});
    } else {
      for (std::size_t i = 0; i < vm["entries"].size(); ++i) {
        const auto& e = vm["entries"][i];
        std::string field = prefix + "value_map.entries[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("from") || !e["from"].is_string() || !e.contains("to") ||
            !e["to"].is_string()) {
          errors.push_back({field, "must be {\"from\": SQL literal, \"to\": SQL literal}"});
          continue;
        }
        check_literal(e["from"].get<std::string>(), r.formula_dialect, cats.source, field + ".from",
                      errors);
        check_literal(e["to"].get<std::string>(), r.formula_dialect, cats.source, field + ".to",
                      errors);
      }
      if (vm.contains("otherwise") && !vm["otherwise"].is_null()) {
        if (!vm["otherwise"].is_string()) {
          errors.push_back({prefix + "value_map.otherwise", "must be a SQL literal (string)"});
        } else {
          check_literal(vm["otherwise"].get<std::string>(), r.formula_dialect, cats.source,
                        prefix + "value_map.otherwise", errors);
        }
      }
    }
  }
  if (errors.size() == first_error) set_sources(r, resolved);
}

std::optional<store::FieldMappingRecord> MappingService::same_mapping(
    const std::string& project_id, const store::FieldMappingRecord& record) {
  store::FieldMappingQuery q;
  q.project_id = project_id;
  q.target_table = record.target_table;
  q.limit = 0;
  for (store::FieldMappingRecord& r : mappings_.list(q).items) {
    if (r.id != record.id && same_pair(r, record)) return std::move(r);
  }
  return std::nullopt;
}

std::string MappingService::ensure_table_mapping(const std::string& project_id,
                                                 const store::FieldMappingRecord& record) {
  std::vector<store::TableMappingRecord> tables = mappings_.table_mappings(project_id);
  for (const store::TableMappingRecord& t : tables) {
    if (!iequals(t.target_table, record.target_table)) continue;
    nlohmann::json sources = parse_stored(t.source_tables_json, nlohmann::json::array());
    if (record.source_table.empty()) return t.id;
    for (const auto& s : sources) {
      if (s.is_string() && iequals(s.get<std::string>(), record.source_table)) return t.id;
    }
    if (iequals(t.source_table, record.source_table)) return t.id;
  }
  store::TableMappingRecord t;
  t.project_id = project_id;
  t.source_table = record.source_table;
  t.source_tables_json =
      (record.source_table.empty() ? nlohmann::json::array()
                                   : nlohmann::json::array({record.source_table}))
          .dump();
  t.target_table = record.target_table;
  t.confidence = 1;
  t.status = "manual";
  t.provenance = "person";
  return mappings_.insert_table_mapping(t).id;
}

void MappingService::recompute_coverage(const std::string& project_id,
                                        const MappingCatalogs& cats) {
  store::FieldMappingQuery q;
  q.project_id = project_id;
  q.statuses = {"approved", "manual"};
  q.limit = 0;
  std::vector<store::FieldMappingRecord> decided = mappings_.list(q).items;
  for (store::TableMappingRecord& t : mappings_.table_mappings(project_id)) {
    const schema::Table* target = find_table(cats.target, t.target_table);
    if (target == nullptr) continue;
    std::set<std::string> sources;
    nlohmann::json list = parse_stored(t.source_tables_json, nlohmann::json::array());
    for (const auto& s : list) {
      if (s.is_string()) sources.insert(to_lower(s.get<std::string>()));
    }
    if (!t.source_table.empty()) sources.insert(to_lower(t.source_table));
    std::vector<store::FieldMappingRecord> into;
    for (const store::FieldMappingRecord& f : decided) {
      if (f.table_mapping_id == t.id || f.source_table.empty() ||
          sources.count(to_lower(f.source_table)) != 0) {
        into.push_back(f);
      }
    }
    Coverage c = compute_coverage(*target, into);
    if (c.completion_percentage == t.completion_percentage &&
        c.required_fields_covered == t.required_fields_covered &&
        c.total_required_fields == t.total_required_fields && c.mapped_fields == t.mapped_fields &&
        c.total_fields == t.total_fields) {
      continue;
    }
    t.completion_percentage = c.completion_percentage;
    t.required_fields_covered = c.required_fields_covered;
    t.total_required_fields = c.total_required_fields;
    t.mapped_fields = c.mapped_fields;
    t.total_fields = c.total_fields;
    mappings_.update_coverage(t);
  }
}

store::FieldMappingRecord MappingService::custom(const std::string& user_id,
                                                 const std::string& project_id,
                                                 const FieldMappingInput& input) {
  store::ProjectView view = require_editor(user_id, project_id, "add mappings");
  std::shared_ptr<const MappingCatalogs> cats = catalogs(view.project);
  store::FieldMappingRecord r;
  r.project_id = project_id;
  r.status = "manual";
  r.provenance = "person";
  r.confidence = 1;
  r.transformation = input.formula && !trim(*input.formula).empty() ? "custom" : "direct";
  apply(r, input, view.project);
  std::vector<FieldError> errors;
  validate(r, *cats, "", errors);
  if (!errors.empty()) {
    bool formula = errors.front().field == "formula";
    throw Error(ErrorKind::kUnprocessable,
                formula ? "the formula is not valid " + r.formula_dialect +
                              " SQL over the source columns: " + errors.front().message
                        : "the mapping is not valid: " + errors.front().field + " " +
                              errors.front().message,
                errors);
  }
  if (std::optional<store::FieldMappingRecord> existing = same_mapping(project_id, r)) {
    nlohmann::json before = snapshot(*existing);
    store::FieldMappingRecord updated = *existing;
    begin_change(updated, user_id);
    FieldMappingInput all = input;
    all.status = r.status;
    all.transformation = r.transformation;
    apply(updated, all, view.project);
    updated.sources_json = r.sources_json;
    updated.source_table = r.source_table;
    updated.source_column = r.source_column;
    updated.formula_dialect = r.formula_dialect;
    updated.target_table = r.target_table;
    updated.target_column = r.target_column;
    updated.provenance = "person";
    if (updated.status == "approved") updated.approved_at = updated.updated_at;
    mappings_.update(updated);
    record(project_id, user_id, "custom", updated.id, before, snapshot(updated));
    recompute_coverage(project_id, *cats);
    return updated;
  }
  r.table_mapping_id = ensure_table_mapping(project_id, r);
  r.created_at.clear();
  r.updated_at = store::detail::now_timestamp();
  r.updated_by = user_id;
  if (r.status == "approved") r.approved_at = r.updated_at;
  r = mappings_.insert(r);
  record(project_id, user_id, "custom", r.id, std::nullopt, snapshot(r));
  recompute_coverage(project_id, *cats);
  return r;
}

store::FieldMappingRecord MappingService::edit(const std::string& user_id,
                                               const std::string& project_id,
                                               const std::string& mapping_id,
                                               const FieldMappingInput& input) {
  store::ProjectView view = require_editor(user_id, project_id, "edit mappings");
  std::optional<store::FieldMappingRecord> found = mappings_.find(project_id, mapping_id);
  if (!found) {
    throw Error(ErrorKind::kNotFound, "no mapping with id '" + mapping_id + "' in this project");
  }
  std::shared_ptr<const MappingCatalogs> cats = catalogs(view.project);
  nlohmann::json before = snapshot(*found);
  store::FieldMappingRecord r = *found;
  begin_change(r, user_id);
  apply(r, input, view.project);
  // A person's edit makes the mapping theirs; a suggestion they edited is no longer the
  // engine's (and must survive a re-run).
  r.provenance = "person";
  if (!input.status && r.status == "suggested") r.status = "manual";
  std::vector<FieldError> errors;
  validate(r, *cats, "", errors);
  if (!errors.empty()) {
    bool formula = errors.front().field == "formula";
    throw Error(ErrorKind::kUnprocessable,
                formula ? "the formula is not valid " + r.formula_dialect +
                              " SQL over the source columns: " + errors.front().message
                        : "the mapping is not valid: " + errors.front().field + " " +
                              errors.front().message,
                errors);
  }
  if (std::optional<store::FieldMappingRecord> twin = same_mapping(project_id, r)) {
    throw Error(ErrorKind::kConflict,
                "mapping " + twin->id + " already maps these source columns to " + r.target_table +
                    "." + r.target_column + "; edit that one instead");
  }
  if (r.status == "approved" && !found->approved_at) r.approved_at = r.updated_at;
  if (r.status != "approved") r.approved_at.reset();
  if (!iequals(r.target_table, found->target_table) || !r.table_mapping_id) {
    r.table_mapping_id = ensure_table_mapping(project_id, r);
  }
  mappings_.update(r);
  record(project_id, user_id, "edit", r.id, before, snapshot(r));
  recompute_coverage(project_id, *cats);
  return r;
}

store::FieldMappingRecord MappingService::undo(const std::string& user_id,
                                               const std::string& project_id,
                                               const std::string& mapping_id) {
  store::ProjectView view = require_editor(user_id, project_id, "undo mapping changes");
  std::optional<store::FieldMappingRecord> found = mappings_.find(project_id, mapping_id);
  if (!found) {
    throw Error(ErrorKind::kNotFound, "no mapping with id '" + mapping_id + "' in this project");
  }
  nlohmann::json versions = parse_stored(found->previous_versions_json, nlohmann::json::array());
  if (!versions.is_array() || versions.empty()) {
    throw Error(ErrorKind::kConflict,
                "mapping " + mapping_id + " has no earlier version to restore");
  }
  nlohmann::json before = snapshot(*found);
  store::FieldMappingRecord r = *found;
  nlohmann::json previous = versions.back();
  versions.erase(versions.end() - 1);
  restore(r, previous);
  r.previous_versions_json = versions.dump();
  r.version = found->version + 1;
  mappings_.update(r);
  record(project_id, user_id, "undo", r.id, before, snapshot(r));
  recompute_coverage(project_id, *catalogs(view.project));
  return r;
}

std::vector<store::TableMappingRecord> MappingService::table_mappings(
    const std::string& user_id, const std::string& project_id) {
  projects_.get(user_id, project_id);
  return mappings_.table_mappings(project_id);
}

store::MappingAuditPage MappingService::audit(const std::string& user_id,
                                              const std::string& project_id,
                                              const std::optional<std::string>& mapping_id,
                                              int limit, int offset) {
  projects_.get(user_id, project_id);
  return audit_.list(project_id, mapping_id, limit, offset);
}

std::vector<store::MappingRuleRecord> MappingService::rules(const std::string& user_id,
                                                            const std::string& project_id) {
  projects_.get(user_id, project_id);
  return rules_.list(project_id);
}

store::MappingRuleRecord MappingService::save_rule(const std::string& user_id,
                                                   const std::string& project_id,
                                                   const RuleInput& in) {
  store::ProjectView view = require_editor(user_id, project_id, "change mapping rules");
  std::shared_ptr<const MappingCatalogs> cats = catalogs(view.project);
  std::optional<store::MappingRuleRecord> existing;
  if (in.id) {
    existing = rules_.find(project_id, *in.id);
    if (!existing)
      throw Error(ErrorKind::kNotFound, "no rule with id '" + *in.id + "' in this project");
  }
  std::vector<FieldError> errors;
  if (trim(in.name).empty()) errors.push_back({"name", "is required"});
  if (rule_types().count(in.rule_type) == 0) {
    errors.push_back({"rule_type", "'" + in.rule_type + "' is not one of " + joined(rule_types())});
  }
  std::vector<std::string> tables;
  nlohmann::json columns = nlohmann::json::array();
  for (std::size_t i = 0; i < in.source_columns.size(); ++i) {
    const MappingColumn& c = in.source_columns[i];
    std::string field = "source_columns[" + std::to_string(i) + "]";
    const schema::Table* t = find_table(cats->source, c.table);
    const schema::Column* col = t ? find_column(*t, c.column) : nullptr;
    if (col == nullptr) {
      errors.push_back({field, "the source schema has no column " + c.table + "." + c.column});
      continue;
    }
    if (std::find(tables.begin(), tables.end(), table_name(*t)) == tables.end())
      tables.push_back(table_name(*t));
    columns.push_back(table_name(*t) + "." + col->name);
  }
  if (in.source_columns.empty())
    errors.push_back({"source_columns", "name at least one source column"});
  const schema::Table* target = find_table(cats->target, in.target_table);
  if (target == nullptr) {
    errors.push_back({"target_table", "the target schema has no table '" + in.target_table + "'"});
  } else if (in.rule_type != "split" && !find_target_column(*target, in.target_column)) {
    errors.push_back({"target_column", "the target table " + table_name(*target) +
                                           " has no column '" + in.target_column + "'"});
  }
  if (!in.definition.is_object()) errors.push_back({"definition", "must be a JSON object"});
  if (!trim(in.transformation).empty()) {
    FormulaCheck check =
        check_formula(in.transformation, view.project.target_dialect, cats->source, tables);
    for (const Diagnostic& d : check.errors) errors.push_back({"transformation", describe(d)});
  } else if (in.rule_type != "value_map" && in.rule_type != "lookup") {
    errors.push_back({"transformation", "a " + in.rule_type + " rule needs its SQL expression"});
  }
  if (in.rule_type == "value_map" && in.definition.is_object()) {
    if (!in.definition.contains("entries") || !in.definition["entries"].is_array() ||
        in.definition["entries"].empty()) {
      errors.push_back(
          {"definition.entries", "a value map lists {\"from\", \"to\"} literal pairs"});
    } else {
      for (std::size_t i = 0; i < in.definition["entries"].size(); ++i) {
        const auto& e = in.definition["entries"][i];
        std::string field = "definition.entries[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("from") || !e["from"].is_string() || !e.contains("to") ||
            !e["to"].is_string()) {
          errors.push_back({field, "must be {\"from\": SQL literal, \"to\": SQL literal}"});
          continue;
        }
        check_literal(e["from"].get<std::string>(), view.project.target_dialect, cats->source,
                      field + ".from", errors);
        check_literal(e["to"].get<std::string>(), view.project.target_dialect, cats->source,
                      field + ".to", errors);
      }
    }
  }
  if (in.rule_type == "lookup" && in.definition.is_object()) {
    for (const char* key : {"lookup_table", "key_column", "value_column"}) {
      if (!in.definition.contains(key) || !in.definition[key].is_string() ||
          in.definition[key].get<std::string>().empty()) {
        errors.push_back({std::string("definition.") + key, "a lookup rule names it"});
      }
    }
  }
  if (in.rule_type == "split" && in.definition.is_object() &&
      (!in.definition.contains("targets") || !in.definition["targets"].is_array() ||
       in.definition["targets"].empty())) {
    errors.push_back({"definition.targets", "a split lists the target columns it fills"});
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                "the rule is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
  }
  store::MappingRuleRecord rule = existing.value_or(store::MappingRuleRecord{});
  nlohmann::json before = existing ? to_json(*existing) : nlohmann::json(nullptr);
  rule.project_id = project_id;
  rule.name = std::string(trim(in.name));
  rule.description = in.description;
  rule.rule_type = in.rule_type;
  rule.source_columns_json = columns.dump();
  rule.target_table = target ? table_name(*target) : in.target_table;
  rule.target_column = in.target_column;
  rule.transformation = std::string(trim(in.transformation));
  rule.definition_json = in.definition.dump();
  rule.confidence = 1;
  rule.provenance = "person";
  rule.updated_by = user_id;
  rule.updated_at = store::detail::now_timestamp();
  if (existing) {
    rules_.update(rule);
  } else {
    rule = rules_.insert(rule);
  }
  record(project_id, user_id, existing ? "rule.update" : "rule.create", rule.id,
         existing ? std::optional(before) : std::nullopt, to_json(rule));
  return rule;
}

std::string MappingService::export_csv(const std::string& user_id, const std::string& project_id) {
  projects_.get(user_id, project_id);
  store::FieldMappingQuery q;
  q.project_id = project_id;
  q.sort = store::FieldMappingSort::kSource;
  q.descending = false;
  q.limit = 0;
  std::vector<MappingCsvRow> rows;
  for (const store::FieldMappingRecord& r : mappings_.list(q).items) {
    MappingCsvRow row;
    row.source_table = r.source_table;
    row.source_column = r.source_column;
    row.target_table = r.target_table;
    row.target_column = r.target_column;
    row.transformation = r.transformation;
    row.formula = r.formula;
    row.status = r.status;
    row.confidence = r.confidence;
    rows.push_back(std::move(row));
  }
  return write_mapping_csv(rows);
}

ImportOutcome MappingService::import_csv(const std::string& user_id, const std::string& project_id,
                                         const std::string& csv) {
  store::ProjectView view = require_editor(user_id, project_id, "import mappings");
  std::vector<FieldError> errors;
  std::vector<MappingCsvRow> rows = read_mapping_csv(csv, errors);
  if (!errors.empty()) {
    throw Error(
        ErrorKind::kUnprocessable,
        "the CSV cannot be imported: " + errors.front().field + " " + errors.front().message,
        errors);
  }
  std::vector<store::FieldMappingRecord> records;
  std::vector<std::string> prefixes;
  for (const MappingCsvRow& row : rows) {
    store::FieldMappingRecord r;
    r.project_id = project_id;
    if (!row.source_table.empty() || !row.source_column.empty()) {
      set_sources(r, {{row.source_table, row.source_column}});
    }
    r.target_table = row.target_table;
    r.target_column = row.target_column;
    r.formula = row.formula;
    r.transformation = !row.transformation.empty() ? row.transformation
                                                   : (row.formula.empty() ? "direct" : "custom");
    r.status = row.status.empty() ? "manual" : row.status;
    r.confidence = row.confidence.value_or(1.0);
    r.provenance = "person";
    r.formula_dialect = view.project.target_dialect;
    records.push_back(std::move(r));
    prefixes.push_back("rows[" + std::to_string(row.line) + "].");
  }
  return import_rows(user_id, view.project, std::move(records), prefixes);
}

ImportOutcome MappingService::import_rows(const std::string& user_id, const store::Project& project,
                                          std::vector<store::FieldMappingRecord> rows,
                                          const std::vector<std::string>& prefixes) {
  std::shared_ptr<const MappingCatalogs> cats = catalogs(project);
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < rows.size(); ++i) validate(rows[i], *cats, prefixes[i], errors);
  if (!errors.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                std::to_string(errors.size()) +
                    " problem(s) in the import; nothing was stored. "
                    "First: " +
                    errors.front().field + " " + errors.front().message,
                errors);
  }
  ImportOutcome outcome;
  for (store::FieldMappingRecord& r : rows) {
    if (std::optional<store::FieldMappingRecord> existing = same_mapping(project.id, r)) {
      if (existing->transformation == r.transformation && existing->formula == r.formula &&
          existing->status == r.status && existing->value_map_json == r.value_map_json) {
        ++outcome.unchanged;
        continue;
      }
      nlohmann::json before = snapshot(*existing);
      store::FieldMappingRecord updated = *existing;
      begin_change(updated, user_id);
      updated.transformation = r.transformation;
      updated.formula = r.formula;
      updated.formula_dialect = r.formula_dialect;
      updated.status = r.status;
      updated.value_map_json = r.value_map_json;
      if (r.provenance != "engine") updated.provenance = r.provenance;
      updated.approved_at = r.status == "approved" ? updated.updated_at : std::nullopt;
      mappings_.update(updated);
      record(project.id, user_id, "import", updated.id, before, snapshot(updated));
      ++outcome.updated;
      continue;
    }
    r.table_mapping_id = ensure_table_mapping(project.id, r);
    r.updated_at = store::detail::now_timestamp();
    r.updated_by = user_id;
    if (r.status == "approved") r.approved_at = r.updated_at;
    r = mappings_.insert(r);
    record(project.id, user_id, "import", r.id, std::nullopt, snapshot(r));
    ++outcome.created;
  }
  recompute_coverage(project.id, *cats);
  return outcome;
}

AiSuggestions MappingService::ai_suggestions(const std::string& user_id,
                                             const std::string& project_id, int limit) {
  store::ProjectView view = require_editor(user_id, project_id, "ask for AI suggestions");
  AiSuggestions out;
  store::FieldMappingQuery q;
  q.project_id = project_id;
  q.statuses = {"suggested"};
  q.limit = 0;
  std::vector<store::FieldMappingRecord> suggested = mappings_.list(q).items;
  std::set<std::string> chosen;  // "table.column" of the rank-1 suggestions answered
  for (const store::FieldMappingRecord& r : suggested) {
    if (r.rank == 1 && static_cast<int>(out.suggestions.size()) < limit) {
      out.suggestions.push_back(r);
      chosen.insert(to_lower(r.source_table + "." + r.source_column));
    }
  }
  // The project's model settings over the server's; the server's key goes only to the
  // server's own provider and endpoint.
  store::ProjectLlmSettings settings = store::DiscoveryRepository(db_).llm_settings(project_id);
  const llm::LlmSettings effective = project_llm_settings(llm_, settings);
  if (effective.provider == llm::ProviderKind::kOffline) {
    out.reason =
        "no language model is configured (GODWIT_LLM_PROVIDER=offline, or the project's LLM "
        "settings); these are the deterministic engine's suggestions";
  }
  if (out.suggestions.empty()) {
    out.reason += std::string(out.reason.empty() ? "" : " ") +
                  "(no suggestions yet: run POST mapping/start first)";
  }
  if (effective.provider == llm::ProviderKind::kOffline || out.suggestions.empty()) return out;

  // The engine's top candidates of the chosen source columns, fenced as data.
  std::vector<mapping::FieldMapping> candidates;
  for (const store::FieldMappingRecord& r : suggested) {
    if (r.rank <= 5 && chosen.count(to_lower(r.source_table + "." + r.source_column))) {
      candidates.push_back(to_model(r));
    }
  }
  std::shared_ptr<const MappingCatalogs> cats = catalogs(view.project);
  std::string dialect = cats->target_dialect.empty() ? "ansi" : cats->target_dialect;
  mapping::ModelPromptData data =
      mapping::model_prompt_data(candidates, cats->source, cats->target);
  llm::AskRequest request;
  request.prompt_name = "rank_field_mappings";
  request.data = {{"dialect", dialect, false},
                  {"source_schema", data.source_schema, false},
                  {"target_schema", data.target_schema, false},
                  {"candidates", data.candidates, false},
                  {"samples", data.samples, true}};
  request.allow_sample_values = settings.allow_sample_values;
  request.user_id = user_id;
  request.project_id = project_id;
  llm::LlmClient client(effective, llm_cache_, llm_ledger_);
  llm::AskResult answer = client.ask(request);
  for (const Diagnostic& d : answer.diagnostics) {
    if (d.severity != Severity::kInfo) out.warnings.push_back(d.message);
  }
  if (answer.source == llm::AnswerSource::kOffline) {
    std::string why;
    for (const std::string& w : out.warnings) why += (why.empty() ? "" : " ") + w;
    out.reason = "the language model's answer could not be used" +
                 (why.empty() ? std::string() : ": " + why) +
                 "; these are the deterministic engine's suggestions";
    return out;
  }
  out.llm_used = true;
  out.provider = answer.provenance.provider;
  out.model = answer.provenance.model;
  out.prompt =
      answer.provenance.prompt_name + "@" + std::to_string(answer.provenance.prompt_version);
  out.cached = answer.provenance.cached;
  std::string label = out.provider + "/" + out.model + "/" + out.prompt;
  mapping::ModelAnswerCheck check = mapping::check_model_answer(
      answer.answer, candidates, cats->source, cats->target, dialect, label);
  for (const Diagnostic& d : check.diagnostics) out.warnings.push_back(d.message);

  // Stored as the model's suggestions: a suggested row of the same pair is updated (its
  // previous version kept for undo), a new pair is inserted; a person's decision stands.
  std::vector<store::FieldMappingRecord> answered;
  std::map<std::string, int> kept_per_source;  // "table.column" -> ranks the model used
  for (const mapping::FieldMapping& f : check.accepted) {
    store::FieldMappingRecord row = to_record(f, dialect);
    std::optional<store::FieldMappingRecord> existing = same_mapping(project_id, row);
    std::string source_key = to_lower(row.source_table + "." + row.source_column);
    if (existing && existing->status != "suggested") {
      out.warnings.push_back(row.source_table + "." + row.source_column + " -> " +
                             row.target_table + "." + row.target_column + " was " +
                             (existing->status == "manual" ? "written" : existing->status) +
                             " by a person; the model's view was not applied");
      continue;
    }
    kept_per_source[source_key] = std::max(kept_per_source[source_key], row.rank);
    if (existing) {
      nlohmann::json before = snapshot(*existing);
      store::FieldMappingRecord updated = *existing;
      begin_change(updated, user_id);
      updated.provenance = row.provenance;
      updated.model = row.model;
      updated.rank = row.rank;
      updated.confidence = row.confidence;
      updated.transformation = row.transformation;
      updated.formula = row.formula;
      updated.formula_dialect = row.formula_dialect;
      updated.value_map_json = row.value_map_json;
      updated.description = row.description;
      updated.evidence_json = row.evidence_json;
      updated.warnings_json = row.warnings_json;
      mappings_.update(updated);
      record(project_id, user_id, "ai_suggestion", updated.id, before, snapshot(updated));
      answered.push_back(std::move(updated));
    } else {
      row.project_id = project_id;
      row.status = "suggested";
      row.table_mapping_id = ensure_table_mapping(project_id, row);
      row = mappings_.insert(row);
      record(project_id, user_id, "ai_suggestion", row.id, std::nullopt, snapshot(row));
      answered.push_back(std::move(row));
    }
  }
  // The engine's candidates the model left out rank after the model's choices.
  std::set<std::string> answered_ids;
  for (const store::FieldMappingRecord& r : answered) answered_ids.insert(r.id);
  for (store::FieldMappingRecord r : suggested) {
    auto kept = kept_per_source.find(to_lower(r.source_table + "." + r.source_column));
    if (kept == kept_per_source.end() || answered_ids.count(r.id) || r.provenance != "engine") {
      continue;
    }
    if (r.rank > kept->second) continue;
    r.rank = ++kept->second;
    mappings_.update(r);
  }
  // The answer: per chosen source column, the model's rank-1 suggestion when it gave one,
  // else the engine's.
  std::map<std::string, store::FieldMappingRecord> best;
  for (const store::FieldMappingRecord& r : answered) {
    if (r.rank == 1) best.emplace(to_lower(r.source_table + "." + r.source_column), r);
  }
  for (store::FieldMappingRecord& r : out.suggestions) {
    auto it = best.find(to_lower(r.source_table + "." + r.source_column));
    if (it != best.end()) r = it->second;
  }
  return out;
}

}  // namespace godwit::services
