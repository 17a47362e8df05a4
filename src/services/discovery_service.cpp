// Discovery as a product (see discovery_service.hpp).
#include "services/discovery_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/ordered_uuid.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"
#include "discovery/complexity.hpp"
#include "discovery/domains.hpp"
#include "discovery/findings.hpp"
#include "discovery/lineage_graph.hpp"
#include "discovery/relationships.hpp"
#include "llm/llm_settings.hpp"
#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "schema/catalog_json_text.hpp"
#include "schema/importers/importer.hpp"
#include "services/project_llm.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/types/type_table.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::services {

/// A snapshot's tables (with their positions) and edges in memory, indexed for the graph
/// and the table list. Snapshots change only by revision (analysis, moved nodes), so
/// (id, revision) names one safely, also when another server process made the change.
struct DiscoveryService::SnapshotGraph {
  std::string snapshot_id;
  long long revision = 0;
  std::vector<store::TableNodeRow> tables;
  std::vector<store::RelationshipRow> relationships;
  std::unordered_map<std::string, std::size_t> by_id;
  /// Lower-case "schema.name" and "name" -> the first table so named (focus by name).
  std::unordered_map<std::string, std::size_t> by_qualified_name, by_name;
  std::vector<discovery::GraphNode> nodes;
  std::vector<discovery::GraphEdge> edges;
  std::vector<std::size_t> edge_rows;  ///< edges[i] is relationships[edge_rows[i]]
  discovery::GraphIndex index;
  std::vector<nlohmann::json> edge_documents;  ///< edges[i] as the API shows it
};

namespace {

constexpr std::size_t kCachedGraphs = 4;
constexpr std::size_t kMaxFileDiagnostics = 500;
constexpr std::size_t kMaxStoredDiagnostics = 20000;

store::ProjectView require_editor(ProjectService& projects, const std::string& user_id,
                                  const std::string& project_id, const char* action) {
  store::ProjectView view = projects.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden,
                std::string("your role on this project (viewer) does not allow you to ") + action +
                    "; ask an owner or editor");
  }
  return view;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? name : schema + "." + name;
}

nlohmann::json parse_json(const std::string& text, nlohmann::json fallback) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// `file_ids` maps the run's file names to their ids, so the UI can open the file at the
/// line (GET .../files/{file_id}/content); a name it does not know has a null id.
nlohmann::json diagnostic_json(const Diagnostic& d, const std::string& file,
                               const std::unordered_map<std::string, std::string>& file_ids) {
  std::string name = d.file.empty() ? file : d.file;
  auto id = file_ids.find(name);
  return {{"code", d.code},
          {"severity", std::string(to_string(d.severity))},
          {"message", d.message},
          {"file", name},
          {"file_id", id == file_ids.end() ? nlohmann::json(nullptr) : nlohmann::json(id->second)},
          {"line", d.location.line},
          {"column", d.location.column},
          {"snippet", d.snippet}};
}

nlohmann::json snapshot_ref(const store::SnapshotSummary& s) {
  return {{"id", s.id}, {"version", s.version}};
}

nlohmann::json table_summary(const store::TableNodeRow& t) {
  return {{"id", t.id},
          {"schema", t.schema_name},
          {"name", t.name},
          {"kind", t.kind},
          {"role", t.role},
          {"column_count", t.column_count},
          {"row_count", t.row_count ? nlohmann::json(*t.row_count) : nlohmann::json(nullptr)},
          {"complexity", t.complexity ? nlohmann::json(*t.complexity) : nlohmann::json(nullptr)},
          {"finding_count", t.finding_count},
          {"domain", t.domain ? nlohmann::json(*t.domain) : nlohmann::json(nullptr)}};
}

nlohmann::json edge_json(const store::RelationshipRow& r) {
  return {
      {"id", r.id},
      {"type", r.edge_type},
      {"source", r.source_table_id.value_or("")},
      {"target", r.target_table_id.value_or("")},
      {"source_table", r.source_table},
      {"target_table", r.target_table},
      {"source_column", r.source_column},
      {"target_column", r.target_column},
      {"confidence", r.confidence},
      {"relationship_type", r.relationship_type},
      {"ai_generated", r.ai_generated},
      {"evidence", parse_json(r.evidence, nlohmann::json::array())},
      {"provenance", r.provenance ? parse_json(*r.provenance, nullptr) : nlohmann::json(nullptr)}};
}

nlohmann::json factors_json(const std::vector<discovery::ComplexityFactor>& factors) {
  nlohmann::json out = nlohmann::json::array();
  for (const discovery::ComplexityFactor& f : factors) {
    out.push_back(
        {{"name", f.code}, {"value", f.count}, {"weight", f.points}, {"detail", f.detail}});
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

/// The finding's id: stable for the same finding of a snapshot.
std::string finding_id(const discovery::Finding& f) {
  std::string key = f.code + "|" + join(f.objects) + "|" + f.detail;
  char id[20];
  std::snprintf(id, sizeof id, "%016zx", std::hash<std::string>{}(key));
  return id;
}

/// The finding as the API shows it (members in nlohmann's sorted order).
std::string finding_text(const discovery::Finding& f, const std::string& id) {
  std::string out;
  JsonWriter(out)
      .begin_object()
      .member("code", f.code)
      .member("detail", f.detail)
      .member("evidence", f.evidence)
      .member("id", id)
      .member("objects", f.objects)
      .member("severity", discovery::to_string(f.severity))
      .member("title", f.message)
      .end_object();
  return out;
}

/// A number as nlohmann prints it (shortest round-trip form, "1.0" for whole numbers).
void write_number(JsonWriter& w, double number) {
  w.raw(nlohmann::json(number).dump());
}

void write_factors(JsonWriter& w, const std::vector<discovery::ComplexityFactor>& factors) {
  w.begin_array();
  for (const discovery::ComplexityFactor& f : factors) {
    w.begin_object().member("detail", f.detail).member("name", f.code).key("value");
    w.value(f.count).key("weight");
    write_number(w, f.points);
    w.end_object();
  }
  w.end_array();
}

std::string json_array_text(const std::vector<std::string>& items) {
  std::string out;
  JsonWriter(out).value(items);
  return out;
}

}  // namespace

DiscoveryService::DiscoveryService(store::Database& db, ProjectService& projects,
                                   jobs::JobQueue& queue, std::string storage_root,
                                   llm::LlmSettings llm_base, llm::ResponseCache* cache,
                                   llm::UsageLedger* ledger)
    : db_(db),
      projects_(projects),
      queue_(queue),
      content_(std::move(storage_root)),
      llm_base_(std::move(llm_base)),
      llm_cache_(cache),
      llm_ledger_(ledger),
      discovery_(db),
      files_(db),
      jobs_(db) {}

DiscoveryService::~DiscoveryService() = default;

DiscoveryStart DiscoveryService::start(const std::string& user_id, const std::string& project_id,
                                       const DiscoveryStartInput& input) {
  require_editor(projects_, user_id, project_id, "start discovery");
  if (input.connection_id) {
    if (!connections_) {
      throw Error(ErrorKind::kUnprocessable,
                  "discovery from a live connection is not available on this server",
                  {{"connection_id", "live introspection is not configured"}});
    }
    connections_(user_id, project_id, *input.connection_id);  // 404 for an unknown id
  }
  std::vector<store::SchemaFile> all = files_.list(project_id);
  nlohmann::json ids = nlohmann::json::array();
  if (input.files) {
    std::vector<FieldError> errors;
    std::set<std::string> seen;
    for (const std::string& id : *input.files) {
      auto it = std::find_if(all.begin(), all.end(),
                             [&](const store::SchemaFile& f) { return f.id == id; });
      if (it == all.end()) {
        errors.push_back({"files", "no file with id '" + id + "' in this project"});
      } else if (seen.insert(id).second) {
        ids.push_back(id);
      }
    }
    if (!errors.empty()) {
      throw Error(ErrorKind::kUnprocessable, "some files are not in this project", errors);
    }
  } else {
    for (const store::SchemaFile& f : all) {
      if (f.status == "parsed" || f.status == "stored") ids.push_back(f.id);
    }
  }
  if (ids.empty() && !input.connection_id) {
    throw Error(ErrorKind::kUnprocessable,
                "there is nothing to discover: upload schema files first (POST "
                "/api/v1/projects/{id}/files/upload), or name files that are stored",
                {{"files", "no stored or parsed files"}});
  }
  store::JobQuery running;
  running.project_id = project_id;
  running.kind = kDiscoveryJob;
  running.states = {"queued", "running"};
  running.limit = 1;
  store::JobPage page = jobs_.list(running);
  if (!page.items.empty()) {
    throw Error(ErrorKind::kConflict, "discovery is already " + page.items[0].state +
                                          " for this project (job " + page.items[0].id +
                                          "); wait for it to finish or cancel it first");
  }
  int version = discovery_.next_version(project_id);
  nlohmann::json payload = {{"file_ids", ids}, {"user_id", user_id}};
  if (input.connection_id) payload["connection_id"] = *input.connection_id;
  store::Job job = queue_.enqueue(kDiscoveryJob, project_id, payload, 1);
  return {job, version};
}

DiscoveryStatus DiscoveryService::status(const std::string& user_id,
                                         const std::string& project_id) {
  projects_.get(user_id, project_id);
  DiscoveryStatus out;
  store::JobQuery query;
  query.project_id = project_id;
  query.kind = kDiscoveryJob;
  query.limit = 1;
  store::JobPage page = jobs_.list(query);
  if (!page.items.empty()) out.job = page.items[0];
  out.state = out.job ? out.job->state : "idle";
  out.latest = discovery_.latest(project_id);
  return out;
}

std::pair<std::vector<store::SnapshotSummary>, long long> DiscoveryService::snapshots(
    const std::string& user_id, const std::string& project_id, int limit, int offset) {
  projects_.get(user_id, project_id);
  return {discovery_.list(project_id, limit, offset), discovery_.count(project_id)};
}

store::SnapshotSummary DiscoveryService::require_snapshot(const std::string& project_id) {
  std::optional<store::SnapshotSummary> latest = discovery_.latest(project_id);
  if (!latest) {
    throw Error(ErrorKind::kConflict,
                "this project has no discovery results yet; start discovery first (POST "
                "/api/v1/projects/{id}/discovery/start)");
  }
  return *latest;
}

std::shared_ptr<const DiscoveryService::SnapshotGraph> DiscoveryService::graph_of(
    const store::SnapshotSummary& snapshot) {
  {
    std::lock_guard lock(cache_mutex_);
    for (const auto& g : cache_) {
      if (g->snapshot_id == snapshot.id && g->revision == snapshot.revision) return g;
    }
  }
  auto graph = std::make_shared<SnapshotGraph>();
  graph->snapshot_id = snapshot.id;
  graph->revision = snapshot.revision;
  graph->tables = discovery_.tables(snapshot.id);
  graph->relationships = discovery_.relationships(snapshot.id);
  graph->nodes.reserve(graph->tables.size());
  for (std::size_t i = 0; i < graph->tables.size(); ++i) {
    const store::TableNodeRow& t = graph->tables[i];
    graph->by_id.emplace(t.id, i);
    graph->by_qualified_name.emplace(to_lower(qualified(t.schema_name, t.name)), i);
    graph->by_name.emplace(to_lower(t.name), i);
    graph->nodes.push_back({t.schema_name, t.name});
  }
  for (std::size_t i = 0; i < graph->relationships.size(); ++i) {
    const store::RelationshipRow& r = graph->relationships[i];
    if (!r.source_table_id || !r.target_table_id) continue;
    auto s = graph->by_id.find(*r.source_table_id);
    auto t = graph->by_id.find(*r.target_table_id);
    if (s == graph->by_id.end() || t == graph->by_id.end()) continue;
    graph->edges.push_back({s->second, t->second});
    graph->edge_rows.push_back(i);
    graph->edge_documents.push_back(edge_json(r));
  }
  graph->index = discovery::index_graph(graph->nodes, graph->edges);
  remember(graph);
  return graph;
}

void DiscoveryService::remember(std::shared_ptr<const SnapshotGraph> graph) {
  std::lock_guard lock(cache_mutex_);
  // An older revision of the same snapshot is never asked for again.
  std::erase_if(cache_, [&](const auto& g) { return g->snapshot_id == graph->snapshot_id; });
  cache_.insert(cache_.begin(), std::move(graph));
  if (cache_.size() > kCachedGraphs) cache_.resize(kCachedGraphs);
}

nlohmann::json DiscoveryService::tables(const std::string& user_id, const std::string& project_id,
                                        const TableListInput& input) {
  projects_.get(user_id, project_id);
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  auto graph = graph_of(snapshot);
  std::string search = to_lower(input.search);
  std::string schema = to_lower(input.schema);
  nlohmann::json items = nlohmann::json::array();
  long long total = 0;
  for (const store::TableNodeRow& t : graph->tables) {
    if (!schema.empty() && to_lower(t.schema_name) != schema) continue;
    if (!search.empty() &&
        to_lower(qualified(t.schema_name, t.name)).find(search) == std::string::npos)
      continue;
    if (total >= input.offset && static_cast<int>(items.size()) < input.limit) {
      items.push_back(table_summary(t));
    }
    ++total;
  }
  return {{"items", items},
          {"total", total},
          {"limit", input.limit},
          {"offset", input.offset},
          {"snapshot", snapshot_ref(snapshot)}};
}

nlohmann::json DiscoveryService::table(const std::string& user_id, const std::string& project_id,
                                       const std::string& table_id) {
  projects_.get(user_id, project_id);
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  std::optional<store::TableNodeRow> t = discovery_.table(snapshot.id, table_id);
  if (!t) {
    throw Error(ErrorKind::kNotFound, "no table with id '" + table_id +
                                          "' in the latest discovery snapshot (version " +
                                          std::to_string(snapshot.version) + ")");
  }
  nlohmann::json out = table_summary(*t);
  nlohmann::json metadata = parse_json(t->metadata, nlohmann::json::object());
  nlohmann::json columns = nlohmann::json::array();
  for (const store::ColumnNodeRow& c : discovery_.columns({t->id})) {
    columns.push_back(
        {{"name", c.name},
         {"data_type", c.data_type},
         {"canonical_type", c.canonical_type},
         {"nullable", c.nullable},
         {"is_primary_key", c.is_primary_key},
         {"is_foreign_key", c.is_foreign_key},
         {"references_table", c.references_table ? nlohmann::json(*c.references_table) : nullptr},
         {"references_column",
          c.references_column ? nlohmann::json(*c.references_column) : nullptr},
         {"description", c.description ? nlohmann::json(*c.description) : nullptr},
         {"sample_values", c.sample_values ? parse_json(*c.sample_values, nlohmann::json::array())
                                           : nlohmann::json::array()}});
  }
  nlohmann::json relationships = nlohmann::json::array();
  for (const store::RelationshipRow& r : discovery_.relationships_of(snapshot.id, t->id)) {
    relationships.push_back(edge_json(r));
  }
  out["columns"] = columns;
  out["keys"] = metadata.value("keys", nlohmann::json::object());
  out["indexes"] = metadata.value("indexes", nlohmann::json::array());
  out["relationships"] = relationships;
  out["findings"] = metadata.value("findings", nlohmann::json::array());
  out["complexity"] = metadata.value(
      "complexity", nlohmann::json{{"score", 0}, {"factors", nlohmann::json::array()}});
  out["origin"] = metadata.value("origin", nlohmann::json{{"file", nullptr}, {"line", nullptr}});
  out["comment"] = metadata.value("comment", "");
  out["domain_evidence"] = metadata.value("domain_evidence", nlohmann::json::array());
  out["snapshot"] = snapshot_ref(snapshot);
  return out;
}

nlohmann::json DiscoveryService::diagnostics(const std::string& user_id,
                                             const std::string& project_id,
                                             const DiagnosticListInput& input) {
  projects_.get(user_id, project_id);
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  nlohmann::json all =
      parse_json(discovery_.documents(snapshot.id).diagnostics, nlohmann::json::array());
  nlohmann::json items = nlohmann::json::array();
  long long total = 0;
  for (const nlohmann::json& d : all) {
    if (!input.severity.empty() && d.value("severity", "") != input.severity) continue;
    if (!input.file.empty() && d.value("file", "") != input.file) continue;
    if (total >= input.offset && static_cast<int>(items.size()) < input.limit) items.push_back(d);
    ++total;
  }
  return {{"items", items},
          {"total", total},
          {"limit", input.limit},
          {"offset", input.offset},
          {"snapshot", snapshot_ref(snapshot)}};
}

nlohmann::json DiscoveryService::lineage_graph(const std::string& user_id,
                                               const std::string& project_id,
                                               const GraphInput& input) {
  projects_.get(user_id, project_id);
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  auto graph = graph_of(snapshot);
  discovery::GraphQuery query;
  query.depth = input.depth;
  query.schema = input.schema;
  query.search = input.search;
  query.limit = static_cast<std::size_t>(input.limit);
  if (!input.focus.empty()) {
    if (auto it = graph->by_id.find(input.focus); it != graph->by_id.end()) {
      query.focus = it->second;
    } else if (auto q = graph->by_qualified_name.find(to_lower(input.focus));
               q != graph->by_qualified_name.end()) {
      query.focus = q->second;
    } else if (auto n = graph->by_name.find(to_lower(input.focus)); n != graph->by_name.end()) {
      query.focus = n->second;
    }
    if (!query.focus) {
      throw Error(ErrorKind::kUnprocessable,
                  "focus '" + input.focus +
                      "' names no table of the latest snapshot; give a table id or its name "
                      "(schema.table or table)",
                  {{"focus", "unknown table"}});
    }
  }
  discovery::GraphSelection selection =
      discovery::select_graph(graph->index, graph->nodes, graph->edges, query);

  std::unordered_map<std::string, nlohmann::json> columns;
  if (input.columns) {
    std::vector<std::string> ids;
    for (std::size_t n : selection.nodes) ids.push_back(graph->tables[n].id);
    for (const store::ColumnNodeRow& c : discovery_.columns(ids)) {
      nlohmann::json& list = columns[c.table_id];
      if (list.is_null()) list = nlohmann::json::array();
      list.push_back({{"name", c.name},
                      {"data_type", c.data_type},
                      {"is_primary_key", c.is_primary_key},
                      {"is_foreign_key", c.is_foreign_key}});
    }
  }
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t n : selection.nodes) {
    const store::TableNodeRow& t = graph->tables[n];
    nlohmann::json node = {
        {"id", t.id},     {"schema", t.schema_name},        {"name", t.name},     {"kind", t.kind},
        {"role", t.role}, {"column_count", t.column_count}, {"position", nullptr}};
    if (t.position_x && t.position_y) {
      node["position"] = {{"x", *t.position_x}, {"y", *t.position_y}};
    }
    if (input.columns) {
      auto it = columns.find(t.id);
      node["columns"] = it == columns.end() ? nlohmann::json::array() : it->second;
    }
    nodes.push_back(std::move(node));
  }
  nlohmann::json edges = nlohmann::json::array();
  for (std::size_t e : selection.edges) edges.push_back(graph->edge_documents[e]);
  return {{"snapshot", snapshot_ref(snapshot)},
          {"nodes", nodes},
          {"edges", edges},
          {"truncated", selection.truncated},
          {"total_nodes", selection.total_nodes}};
}

void DiscoveryService::save_positions(const std::string& user_id, const std::string& project_id,
                                      const std::vector<store::NodePosition>& positions) {
  require_editor(projects_, user_id, project_id, "move graph nodes");
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  auto graph = graph_of(snapshot);
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (!graph->by_id.count(positions[i].node_id)) {
      errors.push_back({"positions[" + std::to_string(i) + "].node_id",
                        "no table '" + positions[i].node_id + "' in the latest snapshot"});
    }
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kUnprocessable,
                "some node ids are not tables of the latest discovery snapshot (version " +
                    std::to_string(snapshot.version) + "); reload the graph",
                errors);
  }
  store::PositionsSaved saved = discovery_.set_positions(snapshot.id, positions);
  if (saved.changed == 0 || saved.revision != graph->revision + 1) return;
  // Only this change happened since the cached revision: the cached graph with the new
  // positions is the new revision, without reading 5,000 tables again.
  auto moved = std::make_shared<SnapshotGraph>(*graph);
  moved->revision = saved.revision;
  for (const store::NodePosition& p : positions) {
    store::TableNodeRow& t = moved->tables[moved->by_id.at(p.node_id)];
    t.position_x = p.x;
    t.position_y = p.y;
  }
  remember(std::move(moved));
}

store::ProjectLlmSettings DiscoveryService::llm_settings(const std::string& user_id,
                                                         const std::string& project_id) {
  projects_.get(user_id, project_id);
  return discovery_.llm_settings(project_id);
}

store::ProjectLlmSettings DiscoveryService::save_llm_settings(const std::string& user_id,
                                                              const std::string& project_id,
                                                              const LlmSettingsInput& input) {
  require_editor(projects_, user_id, project_id, "change its LLM settings");
  store::ProjectLlmSettings s = discovery_.llm_settings(project_id);
  std::vector<FieldError> errors;
  if (input.provider) {
    std::optional<llm::ProviderKind> kind = llm::parse_provider_kind(*input.provider);
    if (!kind) {
      errors.push_back({"provider", "must be offline, openai, anthropic or openai-compatible"});
    } else {
      s.provider = std::string(llm::to_string(*kind));
    }
  }
  auto optional_text = [](const std::optional<std::string>& v) -> std::optional<std::string> {
    if (!v || trim(*v).empty()) return std::nullopt;
    return std::string(trim(*v));
  };
  if (input.model) s.model = optional_text(*input.model);
  if (input.base_url) {
    s.base_url = optional_text(*input.base_url);
    if (s.base_url && s.base_url->rfind("https://", 0) != 0 &&
        s.base_url->rfind("http://", 0) != 0) {
      errors.push_back({"base_url", "must be an http:// or https:// URL"});
    }
  }
  if (input.allow_sample_values) s.allow_sample_values = *input.allow_sample_values;
  if (input.monthly_token_limit) {
    if (*input.monthly_token_limit < 0) {
      errors.push_back({"monthly_token_limit", "must be 0 (no limit) or a positive number"});
    } else {
      s.monthly_token_limit = *input.monthly_token_limit;
    }
  }
  if (s.provider == "openai-compatible" && !s.base_url && errors.empty()) {
    errors.push_back({"base_url", "is required for an openai-compatible provider"});
  }
  if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid LLM settings", errors);
  return discovery_.save_llm_settings(project_id, s);
}

nlohmann::json DiscoveryService::analyze(const std::string& user_id, const std::string& project_id,
                                         std::optional<bool> use_llm) {
  require_editor(projects_, user_id, project_id, "run an analysis");
  store::SnapshotSummary snapshot = require_snapshot(project_id);
  store::ProjectLlmSettings settings = discovery_.llm_settings(project_id);
  bool llm = use_llm.value_or(settings.provider != "offline");
  nlohmann::json out = analyze_snapshot(snapshot, user_id, project_id, llm);
  store::SnapshotDocuments docs = discovery_.documents(snapshot.id);
  out["findings"] = parse_json(docs.findings, nlohmann::json::array());
  out["complexity"] = parse_json(docs.complexity, nlohmann::json::object());
  out["snapshot"] = snapshot_ref(snapshot);
  return out;
}

nlohmann::json DiscoveryService::analyze_snapshot(const store::SnapshotSummary& snapshot,
                                                  const std::string& user_id,
                                                  const std::string& project_id, bool use_llm) {
  store::ProjectLlmSettings settings = discovery_.llm_settings(project_id);
  nlohmann::json llm_info = {
      {"used", false}, {"provider", "offline"}, {"model", ""}, {"warning", nullptr}};
  nlohmann::json domains =
      parse_json(discovery_.documents(snapshot.id).domains, nlohmann::json::array());
  // Domains and proposals of an earlier LLM run are replaced; offline ones come back.
  for (nlohmann::json& d : domains) {
    if (d.contains("offline")) {
      nlohmann::json offline = d["offline"];
      d = offline;
    }
  }
  if (!use_llm) {
    return {{"domains", domains}, {"llm", llm_info}};
  }
  llm::LlmClient client(project_llm_settings(llm_base_, settings), llm_cache_, llm_ledger_);

  auto graph = graph_of(snapshot);
  std::vector<std::string> ids;
  for (const store::TableNodeRow& t : graph->tables) ids.push_back(t.id);
  std::vector<store::ColumnNodeRow> columns = discovery_.columns(ids);
  std::unordered_map<std::string, std::vector<const store::ColumnNodeRow*>> by_table;
  for (const store::ColumnNodeRow& c : columns) by_table[c.table_id].push_back(&c);

  // The catalog as the prompts show it, and the lookup answers are checked against.
  std::string schema_text, samples_text;
  std::unordered_map<std::string, std::size_t> table_by_name;
  std::set<std::pair<std::string, std::string>> known_columns;
  for (std::size_t i = 0; i < graph->tables.size(); ++i) {
    const store::TableNodeRow& t = graph->tables[i];
    std::string name = qualified(t.schema_name, t.name);
    table_by_name.emplace(to_lower(name), i);
    schema_text += name + " (";
    bool first = true;
    for (const store::ColumnNodeRow* c : by_table[t.id]) {
      schema_text += (first ? "" : ", ") + c->name + " " + c->data_type +
                     (c->is_primary_key ? " PRIMARY KEY" : "");
      first = false;
      known_columns.insert({to_lower(name), to_lower(c->name)});
      if (c->sample_values && *c->sample_values != "[]") {
        samples_text += name + "." + c->name + ": " + *c->sample_values + "\n";
      }
    }
    schema_text += ")\n";
  }
  for (const store::RelationshipRow& r : graph->relationships) {
    if (r.edge_type == "foreign_key") {
      schema_text += "FOREIGN KEY " + r.source_table + "(" + r.source_column + ") REFERENCES " +
                     r.target_table + "(" + r.target_column + ")\n";
    }
  }
  llm::CatalogLookup lookup = [&](std::string_view table, std::string_view column) {
    std::string t = to_lower(table);
    if (!table_by_name.count(t)) return false;
    return column.empty() || known_columns.count({t, to_lower(column)}) > 0;
  };

  llm::AskRequest request;
  request.prompt_name = "classify_table_domains";
  request.data = {{"schema", schema_text, false}, {"samples", samples_text, true}};
  request.allow_sample_values = settings.allow_sample_values;
  request.user_id = user_id;
  request.project_id = project_id;
  request.catalog = lookup;
  llm::AskResult domain_answer = client.ask(request);

  request.prompt_name = "infer_relationships";
  llm::AskResult rel_answer = client.ask(request);

  std::vector<std::string> warnings;
  for (const llm::AskResult* r : {&domain_answer, &rel_answer}) {
    for (const Diagnostic& d : r->diagnostics) {
      if (d.severity != Severity::kInfo) warnings.push_back(d.message);
    }
  }
  bool used = domain_answer.source != llm::AnswerSource::kOffline ||
              rel_answer.source != llm::AnswerSource::kOffline;
  const llm::Provenance& prov = domain_answer.source != llm::AnswerSource::kOffline
                                    ? domain_answer.provenance
                                    : rel_answer.provenance;
  llm_info = {
      {"used", used},
      {"provider", used ? prov.provider : std::string("offline")},
      {"model", used ? prov.model : std::string()},
      {"warning", warnings.empty() ? nlohmann::json(nullptr) : nlohmann::json(join(warnings))}};
  if (!warnings.empty()) {
    // One readable sentence per problem; join() used commas, which read badly here.
    std::string text;
    for (const std::string& w : warnings) text += (text.empty() ? "" : " ") + w;
    llm_info["warning"] = text;
  }

  std::vector<std::pair<std::string, std::string>> table_domains;
  if (domain_answer.source != llm::AnswerSource::kOffline &&
      domain_answer.answer.contains("tables") && domain_answer.answer["tables"].is_array()) {
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < domains.size(); ++i) {
      position[to_lower(domains[i].value("table", ""))] = i;
    }
    nlohmann::json provenance = llm::to_json(domain_answer.provenance);
    for (const nlohmann::json& item : domain_answer.answer["tables"]) {
      std::string name = to_lower(item.value("table", ""));
      auto t = table_by_name.find(name);
      if (t == table_by_name.end()) continue;
      std::string table_name =
          qualified(graph->tables[t->second].schema_name, graph->tables[t->second].name);
      nlohmann::json entry = {{"table", table_name},
                              {"table_id", graph->tables[t->second].id},
                              {"domain", item.value("domain", "other")},
                              {"confidence", item.value("confidence", 0.0)},
                              {"reason", item.value("reason", "")},
                              {"provenance", provenance}};
      if (auto p = position.find(to_lower(table_name)); p != position.end()) {
        entry["offline"] = domains[p->second];
        domains[p->second] = entry;
      } else {
        domains.push_back(entry);
      }
    }
  }
  for (const nlohmann::json& d : domains) {
    if (d.contains("table_id") && d["table_id"].is_string() &&
        d.value("domain", "other") != "other")
      table_domains.push_back({d["table_id"].get<std::string>(), d["domain"].get<std::string>()});
  }

  std::vector<store::RelationshipRow> proposals;
  if (rel_answer.source != llm::AnswerSource::kOffline &&
      rel_answer.answer.contains("relationships") &&
      rel_answer.answer["relationships"].is_array()) {
    std::set<std::string> existing;
    for (const store::RelationshipRow& r : graph->relationships) {
      if (r.ai_generated) continue;
      existing.insert(to_lower(r.source_table + "." + r.source_column + ">" + r.target_table + "." +
                               r.target_column));
    }
    std::string provenance = dump(llm::to_json(rel_answer.provenance));
    for (const nlohmann::json& item : rel_answer.answer["relationships"]) {
      auto from = table_by_name.find(to_lower(item.value("from_table", "")));
      auto to = table_by_name.find(to_lower(item.value("to_table", "")));
      if (from == table_by_name.end() || to == table_by_name.end()) continue;
      const store::TableNodeRow& ft = graph->tables[from->second];
      const store::TableNodeRow& tt = graph->tables[to->second];
      store::RelationshipRow r;
      r.id = new_uuid();
      r.edge_type = "inferred";
      r.source_table = qualified(ft.schema_name, ft.name);
      r.target_table = qualified(tt.schema_name, tt.name);
      r.source_column = item.value("from_column", "");
      r.target_column = item.value("to_column", "");
      r.source_table_id = ft.id;
      r.target_table_id = tt.id;
      std::string cardinality = item.value("cardinality", "one_to_many");
      std::replace(cardinality.begin(), cardinality.end(), '_', '-');
      r.relationship_type = cardinality;
      r.confidence = item.value("confidence", 0.0);
      r.ai_generated = true;
      r.evidence = dump(nlohmann::json::array({"llm: " + item.value("evidence", std::string())}));
      r.provenance = provenance;
      std::string key = to_lower(r.source_table + "." + r.source_column + ">" + r.target_table +
                                 "." + r.target_column);
      if (existing.insert(key).second) proposals.push_back(std::move(r));
    }
  }
  discovery_.save_analysis(snapshot.id, dump(domains), table_domains, proposals);
  llm_info["relationships_proposed"] = proposals.size();
  return {{"domains", domains}, {"llm", llm_info}};
}

nlohmann::json DiscoveryService::run(jobs::JobContext& context) {
  const std::string project_id = context.project_id().value_or("");
  const nlohmann::json& payload = context.payload();
  std::string user_id = payload.value("user_id", "");
  std::vector<std::string> ids;
  if (payload.contains("file_ids") && payload["file_ids"].is_array()) {
    for (const auto& id : payload["file_ids"]) {
      if (id.is_string()) ids.push_back(id.get<std::string>());
    }
  }
  std::optional<store::ProjectView> view =
      store::ProjectRepository(db_).find_for_member(project_id, user_id);
  std::string target = view ? view->project.target_dialect : "";

  // A live database first: its tables are the catalog the files are then applied to.
  schema::Catalog live;
  nlohmann::json connection_summary = nullptr;
  if (payload.contains("connection_id") && payload["connection_id"].is_string()) {
    if (!connections_) throw Error(ErrorKind::kUnavailable, "live introspection is not configured");
    std::string connection_id = payload["connection_id"].get<std::string>();
    context.progress(1, "introspecting", "reading the connected database's catalog");
    validation::ConnectionSpec spec = connections_(user_id, project_id, connection_id);
    try {
      std::unique_ptr<validation::Connector> db = validation::connect(spec);
      validation::IntrospectOptions options;
      options.sample_values = 10;
      live = validation::introspect(*db, options);
    } catch (const validation::ConnectorError& e) {
      throw Error(ErrorKind::kUnavailable,
                  std::string("the connected database could not be read: ") + e.what());
    }
    connection_summary = {
        {"id", connection_id},
        {"filename", "connection (" + std::string(validation::to_string(spec.engine)) + ")"},
        {"file_type", "connection"},
        {"dialect", std::string(validation::to_string(spec.engine))},
        {"status", "parsed"},
        {"tables", live.tables.size()}};
  }
  context.progress(2, "reading", "reading " + std::to_string(ids.size()) + " file(s)");
  schema::CatalogBuilder builder(std::move(live));
  nlohmann::json diagnostics = nlohmann::json::array();
  nlohmann::json files = nlohmann::json::array();
  if (!connection_summary.is_null()) files.push_back(connection_summary);
  auto add_diagnostic = [&](nlohmann::json d) {
    if (diagnostics.size() < kMaxStoredDiagnostics) diagnostics.push_back(std::move(d));
  };
  std::size_t diagnostic_total = 0;
  std::unordered_map<std::string, std::string> file_ids;  // file name -> id
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::optional<store::SchemaFile> file = files_.find(project_id, ids[i]);
    if (!file) continue;  // deleted since the start
    context.progress(static_cast<int>(2 + i * 48 / ids.size()), "parsing",
                     "file " + std::to_string(i + 1) + " of " + std::to_string(ids.size()) + ": " +
                         file->filename);
    file_ids.emplace(file->filename, file->id);
    nlohmann::json summary = {{"id", file->id},
                              {"filename", file->filename},
                              {"file_type", file->file_type},
                              {"dialect", file->dialect}};
    if (file->file_type != "sql") {
      // JSON Schema, BigQuery schema JSON, Avro and CSV/TSV samples: the importers add
      // their tables (and a sample's values and row count) to the same catalog.
      std::optional<schema::SchemaFormat> format = schema::schema_format_from_name(file->file_type);
      if (!format && file->file_type == "bigquery_schema")
        format = schema::SchemaFormat::kBigQueryJson;
      std::string imported;
      bool readable = true;
      try {
        imported = content_.read(file->storage_path);
      } catch (const Error&) {
        readable = false;
      }
      if (readable && !format) format = schema::detect_schema_format(file->filename, imported);
      if (readable && format && *format != schema::SchemaFormat::kSql) {
        schema::import_schema_file(builder, file->filename, imported, *format);
        summary["status"] = "parsed";
        summary["format"] = std::string(schema::to_string(*format));
        files.push_back(summary);
        continue;
      }
      Diagnostic d;
      d.code = "W-DISCOVERY-FORMAT";
      d.severity = Severity::kWarning;
      d.file = file->filename;
      d.message = "the " + file->file_type +
                  " file could not be read as a schema (SQL DDL, JSON Schema, BigQuery schema "
                  "JSON, Avro or a CSV/TSV sample); it was skipped";
      add_diagnostic(diagnostic_json(d, file->filename, file_ids));
      ++diagnostic_total;
      summary["status"] = "skipped";
      files.push_back(summary);
      continue;
    }
    std::string content;
    try {
      content = content_.read(file->storage_path);
    } catch (const Error& e) {
      Diagnostic d;
      d.code = "E-DISCOVERY-CONTENT";
      d.severity = Severity::kError;
      d.file = file->filename;
      d.message = std::string("the file's content could not be read: ") + e.what();
      add_diagnostic(diagnostic_json(d, file->filename, file_ids));
      ++diagnostic_total;
      summary["status"] = "failed";
      files.push_back(summary);
      continue;
    }
    std::string dialect = file->dialect;
    if (dialect.empty() || iequals(dialect, "auto") || !sql::canonical_dialect_name(dialect)) {
      dialect = sql::detect_dialect(content).dialect;
      summary["dialect"] = dialect;
    }
    sql::ParseOptions options;
    options.file_name = file->filename;
    options.max_diagnostics = kMaxFileDiagnostics;
    sql::ParseResult parsed =
        sql::parse_sql(std::move(content), sql::dialect_by_name(dialect), options);
    for (const Diagnostic& d : parsed.diagnostics)
      add_diagnostic(diagnostic_json(d, file->filename, file_ids));
    diagnostic_total += parsed.diagnostics.size();
    builder.add(parsed, file->filename);
    summary["status"] = "parsed";
    summary["statements"] = parsed.stats.statements;
    files.push_back(summary);
  }
  context.progress(50, "catalog", "merging the files into one catalog");
  schema::Catalog catalog = builder.finish();
  for (const Diagnostic& d : catalog.diagnostics)
    add_diagnostic(diagnostic_json(d, d.file, file_ids));
  diagnostic_total += catalog.diagnostics.size();

  context.progress(55, "relationships", "finding declared and inferred relationships");
  // Sample values (CSV samples, a connection's introspected values) add value-overlap
  // evidence where both ends of a candidate were sampled.
  discovery::SampleValues samples = discovery::catalog_samples(catalog);
  discovery::RelationshipOptions relationship_options;
  if (!samples.empty()) relationship_options.samples = &samples;
  std::vector<discovery::Relationship> relationships =
      discovery::infer_relationships(catalog, relationship_options);
  context.progress(62, "complexity", "scoring complexity and collecting findings");
  discovery::ComplexityOptions complexity_options;
  std::optional<std::string_view> target_name = sql::canonical_dialect_name(target);
  if (target_name) complexity_options.target = sql::find_type_table(*target_name);
  discovery::ProjectComplexity complexity =
      discovery::compute_complexity(catalog, complexity_options);
  discovery::FindingOptions finding_options;
  finding_options.target_dialect = target_name ? std::string(*target_name) : "";
  std::vector<discovery::Finding> findings = discovery::analyze(catalog, finding_options);
  std::vector<discovery::TableRole> roles = discovery::table_roles(catalog);
  context.progress(70, "building", "building the snapshot");
  // Ids in the order the rows are inserted: the bulk insert appends to the id indexes.
  OrderedUuids row_ids;

  store::NewSnapshot snapshot;
  snapshot.project_id = project_id;
  snapshot.job_id = context.id();
  snapshot.table_count = static_cast<long long>(catalog.table_count());
  snapshot.view_count = static_cast<long long>(catalog.view_count());
  snapshot.column_count = static_cast<long long>(catalog.column_count());
  snapshot.complexity_score = complexity.score;
  snapshot.diagnostic_count = static_cast<long long>(diagnostic_total);

  std::unordered_map<std::uint32_t, std::size_t> row_of;  // catalog table id -> row
  std::unordered_map<std::uint32_t, const discovery::TableComplexity*> complexity_of;
  for (const discovery::TableComplexity& tc : complexity.tables) complexity_of[tc.table_id] = &tc;
  // Each finding is printed once; tables and columns refer to it by position.
  std::vector<std::string> finding_texts, finding_ids;
  finding_texts.reserve(findings.size());
  finding_ids.reserve(findings.size());
  std::unordered_map<std::string, std::vector<std::size_t>> findings_of;  // object -> findings
  std::string findings_doc;
  JsonWriter findings_writer(findings_doc);
  findings_writer.begin_array();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const discovery::Finding& f = findings[i];
    finding_ids.push_back(finding_id(f));
    finding_texts.push_back(finding_text(f, finding_ids.back()));
    findings_writer.raw(finding_texts.back());
    std::set<std::string> objects(f.objects.begin(), f.objects.end());
    for (const std::string& o : objects) findings_of[o].push_back(i);
  }
  findings_writer.end_array();
  std::string domains_doc;
  JsonWriter domains_writer(domains_doc);
  domains_writer.begin_array();
  snapshot.tables.reserve(catalog.tables.size());
  for (std::size_t i = 0; i < catalog.tables.size(); ++i) {
    const schema::Table& t = catalog.tables[i];
    store::TableNodeRow row;
    row.id = row_ids.next();
    row.ordinal = static_cast<int>(i);
    row.name = t.name.name;
    row.schema_name = t.name.schema;
    row.kind = std::string(schema::to_string(t.kind));
    row.dialect = t.dialect;
    row.row_count = t.row_count ? std::optional<long long>(*t.row_count) : std::nullopt;
    row.role = std::string(discovery::to_string(roles[i]));
    row.column_count = static_cast<long long>(t.columns.size());
    const std::string name = t.name.to_string();
    // The table's findings, then its columns', each once (by id, as the API shows them).
    std::vector<std::size_t> table_findings;
    auto add_findings = [&](const std::string& object) {
      auto it = findings_of.find(object);
      if (it == findings_of.end()) return;
      for (std::size_t f : it->second) {
        bool seen = std::any_of(table_findings.begin(), table_findings.end(),
                                [&](std::size_t g) { return finding_ids[g] == finding_ids[f]; });
        if (!seen) table_findings.push_back(f);
      }
    };
    add_findings(name);
    for (const schema::Column& c : t.columns) add_findings(name + "." + c.name);
    row.finding_count = static_cast<long long>(table_findings.size());

    discovery::DomainInput domain_input;
    domain_input.table_name = t.name.name;
    domain_input.table_comment = t.comment;
    for (const schema::Column& c : t.columns) {
      domain_input.column_names.push_back(c.name);
      if (!c.comment.empty()) domain_input.column_comments.push_back(c.comment);
    }
    discovery::DomainGuessResult domain = discovery::classify_domain(domain_input);
    if (domain.domain != "other") row.domain = domain.domain;

    // The metadata object's members in the order nlohmann prints them (sorted keys).
    row.metadata.clear();
    JsonWriter w(row.metadata);
    w.begin_object().member("comment", t.comment);
    if (auto it = complexity_of.find(t.id); it != complexity_of.end()) {
      row.complexity = it->second->score;
      w.key("complexity").begin_object().key("factors");
      write_factors(w, it->second->factors);
      w.key("score");
      write_number(w, it->second->score);
      w.end_object();
    }
    w.member("domain_evidence", domain.evidence).key("findings").begin_array();
    for (std::size_t f : table_findings) w.raw(finding_texts[f]);
    w.end_array().key("indexes").begin_array();
    for (const schema::Index& ix : t.indexes) {
      w.begin_object()
          .member("columns", ix.columns)
          .member("method", ix.method)
          .member("name", ix.name)
          .member("unique", ix.unique)
          .member("where", ix.where)
          .end_object();
    }
    w.end_array().key("keys").begin_object().key("foreign_keys").begin_array();
    for (const schema::ForeignKey& fk : t.foreign_keys) {
      w.begin_object()
          .member("columns", fk.columns)
          .member("name", fk.name)
          .member("on_delete", fk.on_delete)
          .member("on_update", fk.on_update)
          .member("references_columns", fk.referenced_columns)
          .member("references_table", fk.referenced_table.to_string())
          .end_object();
    }
    w.end_array().key("primary_key");
    if (t.primary_key) {
      w.begin_object()
          .member("columns", t.primary_key->columns)
          .member("name", t.primary_key->name)
          .end_object();
    } else {
      w.null();
    }
    w.key("unique_keys").begin_array();
    for (const schema::Key& k : t.unique_keys) {
      w.begin_object().member("columns", k.columns).member("name", k.name).end_object();
    }
    w.end_array().end_object();
    auto origin_id = file_ids.find(t.origin.file);
    w.key("origin").begin_object().member("file", t.origin.file).key("file_id");
    if (origin_id == file_ids.end()) {
      w.null();
    } else {
      w.value(origin_id->second);
    }
    w.member("line", std::size_t{t.origin.line}).end_object().end_object();

    domains_writer.begin_object().key("confidence");
    write_number(domains_writer, domain.confidence);
    domains_writer.member("domain", domain.domain)
        .member("evidence", domain.evidence)
        .key("provenance")
        .begin_object()
        .member("ai_generated", false)
        .member("provider", "offline")
        .end_object()
        .member("table", name)
        .member("table_id", row.id)
        .end_object();
    row_of[t.id] = snapshot.tables.size();
    snapshot.tables.push_back(std::move(row));
  }
  domains_writer.end_array();
  context.check_cancelled();

  // Columns, with the declared keys they take part in.
  for (const schema::Table& t : catalog.tables) {
    const store::TableNodeRow& row = snapshot.tables[row_of[t.id]];
    std::set<std::string> pk;
    if (t.primary_key) pk.insert(t.primary_key->columns.begin(), t.primary_key->columns.end());
    std::unordered_map<std::string, std::pair<std::string, std::string>> fk_target;
    for (const schema::ForeignKey& fk : t.foreign_keys) {
      for (std::size_t c = 0; c < fk.columns.size(); ++c) {
        std::string column = c < fk.referenced_columns.size() ? fk.referenced_columns[c] : "";
        fk_target.emplace(fk.columns[c], std::make_pair(fk.referenced_table.to_string(), column));
      }
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const schema::Column& col = t.columns[c];
      store::ColumnNodeRow cr;
      cr.id = row_ids.next();
      cr.table_id = row.id;
      cr.ordinal = static_cast<int>(c);
      cr.name = col.name;
      cr.data_type = col.type_text;
      cr.canonical_type = sql::to_string(col.type);
      cr.nullable = col.nullable;
      cr.is_primary_key = pk.count(col.name) > 0;
      if (auto it = fk_target.find(col.name); it != fk_target.end()) {
        cr.is_foreign_key = true;
        cr.references_table = it->second.first;
        if (!it->second.second.empty()) cr.references_column = it->second.second;
      }
      if (!col.sample_values.empty()) cr.sample_values = json_array_text(col.sample_values);
      if (!col.comment.empty()) cr.description = col.comment;
      snapshot.columns.push_back(std::move(cr));
    }
  }

  // Edges: declared and inferred relationships, then table-to-table lineage per column.
  auto table_row_id = [&](std::uint32_t id) -> std::optional<std::string> {
    auto it = row_of.find(id);
    if (it == row_of.end()) return std::nullopt;
    return snapshot.tables[it->second].id;
  };
  for (const discovery::Relationship& r : relationships) {
    store::RelationshipRow e;
    e.id = row_ids.next();
    e.edge_type = r.declared ? "foreign_key" : "inferred";
    e.source_table = r.from_table.to_string();
    e.target_table = r.to_table.to_string();
    e.source_column = join(r.from_columns);
    e.target_column = join(r.to_columns);
    e.source_table_id = table_row_id(r.from_table_id);
    if (r.to_table_id != 0) e.target_table_id = table_row_id(r.to_table_id);
    e.relationship_type = std::string(discovery::to_string(r.cardinality));
    e.confidence = r.confidence;
    e.ai_generated = r.ai_generated;
    e.evidence = json_array_text(r.evidence);
    snapshot.relationships.push_back(std::move(e));
  }
  std::set<std::tuple<std::uint32_t, std::string, std::uint32_t, std::string>> lineage_seen;
  for (const schema::Lineage& l : catalog.lineage) {
    const schema::Table* target_table = catalog.find_table(l.target.to_string());
    if (!target_table) continue;
    for (const schema::ColumnLineage& c : l.columns) {
      for (const schema::SourceColumn& s : c.sources) {
        const schema::Table* source_table = catalog.find_table(s.table.to_string());
        if (!source_table || source_table->id == target_table->id) continue;
        if (!lineage_seen.insert({source_table->id, s.column, target_table->id, c.column}).second)
          continue;
        store::RelationshipRow e;
        e.id = row_ids.next();
        e.edge_type = "lineage";
        e.source_table = source_table->name.to_string();
        e.target_table = target_table->name.to_string();
        e.source_column = s.column;
        e.target_column = c.column;
        e.source_table_id = table_row_id(source_table->id);
        e.target_table_id = table_row_id(target_table->id);
        e.relationship_type = std::string(schema::to_string(c.kind));
        e.confidence = 1.0;
        nlohmann::json evidence = nlohmann::json::array({l.statement});
        if (!c.expression.empty()) evidence.push_back("expression: " + c.expression.substr(0, 200));
        e.evidence = dump(evidence);
        snapshot.relationships.push_back(std::move(e));
      }
    }
  }
  std::unordered_map<std::string, long long> degree;
  for (const store::RelationshipRow& e : snapshot.relationships) {
    if (!e.source_table_id || !e.target_table_id) continue;
    ++degree[*e.source_table_id];
    ++degree[*e.target_table_id];
  }
  for (store::TableNodeRow& t : snapshot.tables) t.degree = degree[t.id];

  nlohmann::json complexity_doc = {{"score", complexity.score},
                                   {"factors", factors_json(complexity.factors)}};
  snapshot.documents.diagnostics = dump(diagnostics);
  snapshot.documents.findings = std::move(findings_doc);
  snapshot.documents.complexity = dump(complexity_doc);
  snapshot.documents.domains = std::move(domains_doc);
  snapshot.documents.files = dump(files);
  snapshot.schema_content = schema::catalog_json_text(catalog);

  context.progress(80, "storing",
                   "storing " + std::to_string(snapshot.tables.size()) + " tables, " +
                       std::to_string(snapshot.columns.size()) + " columns and " +
                       std::to_string(snapshot.relationships.size()) + " edges");
  std::size_t edge_count = snapshot.relationships.size();
  store::SnapshotSummary stored = discovery_.insert(std::move(snapshot));

  nlohmann::json llm_info = {{"used", false}};
  store::ProjectLlmSettings settings = discovery_.llm_settings(project_id);
  if (settings.provider != "offline") {
    context.progress(92, "llm", "asking " + settings.provider + " for domains and relationships");
    try {
      llm_info = analyze_snapshot(stored, user_id, project_id, true)["llm"];
    } catch (const Error& e) {
      llm_info = {{"used", false}, {"warning", e.what()}};
    }
  }

  // The upload phase is done once a discovery has stored a snapshot.
  if (view &&
      std::find(view->project.completed_phases.begin(), view->project.completed_phases.end(),
                "upload") == view->project.completed_phases.end()) {
    try {
      store::PhaseState state = apply_phase_action(view->project, "upload", PhaseAction::kComplete);
      store::ProjectRepository(db_).set_phase_state(project_id, state);
    } catch (const Error& e) {
      spdlog::warn("discovery: project {} phase not advanced: {}", project_id, e.what());
    }
  }
  context.progress(100, "done",
                   "version " + std::to_string(stored.version) + ": " +
                       std::to_string(stored.table_count) + " tables, " +
                       std::to_string(stored.view_count) + " views, " + std::to_string(edge_count) +
                       " edges");
  return {{"snapshot_id", stored.id},
          {"version", stored.version},
          {"table_count", stored.table_count},
          {"view_count", stored.view_count},
          {"column_count", stored.column_count},
          {"relationship_count", stored.relationship_count},
          {"diagnostic_count", stored.diagnostic_count},
          {"complexity_score", stored.complexity_score},
          {"llm", llm_info}};
}

}  // namespace godwit::services
