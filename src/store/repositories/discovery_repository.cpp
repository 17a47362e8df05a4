// Discovery snapshots and project LLM settings (see discovery_repository.hpp).
#include "store/repositories/discovery_repository.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr std::size_t kInListChunk = 500;

// Booleans are written as `CAST(:x AS INTEGER) <> 0`: a BOOLEAN on PostgreSQL, 0/1 on
// SQLite, from the same integer parameter.
#define GODWIT_BOOL(p) "CAST(" p " AS INTEGER) <> 0"

constexpr const char* kSummaryColumns =
    "id, project_id, version, job_id, created_at, COALESCE(table_count, 0),"
    " view_count, COALESCE(column_count, 0), COALESCE(relationship_count, 0),"
    " CAST(COALESCE(complexity_score, 0) AS DOUBLE PRECISION), diagnostic_count, revision";

struct SummaryRow {
  std::string id, project_id, job_id, created_at;
  int version = 0;
  long long tables = 0, views = 0, columns = 0, relationships = 0, diagnostics = 0, revision = 0;
  double score = 0;
  soci::indicator job_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(version), soci::into(job_id, job_ind),
        soci::into(created_at), soci::into(tables), soci::into(views), soci::into(columns),
        soci::into(relationships), soci::into(score), soci::into(diagnostics), soci::into(revision);
  }
  SnapshotSummary model() const {
    SnapshotSummary s;
    s.id = id;
    s.project_id = project_id;
    s.version = version;
    s.job_id = detail::optional_text(job_id, job_ind);
    s.created_at = detail::timestamp_from_db(created_at);
    s.table_count = tables;
    s.view_count = views;
    s.column_count = columns;
    s.relationship_count = relationships;
    s.complexity_score = score;
    s.diagnostic_count = diagnostics;
    s.revision = revision;
    return s;
  }
};

constexpr const char* kTableColumns =
    "id, ordinal, name, COALESCE(schema_name, ''), COALESCE(table_type, 'table'),"
    " COALESCE(dialect, ''), row_count, role, column_count,"
    " CAST(complexity AS DOUBLE PRECISION), finding_count, degree, domain, position_x,"
    " position_y";

struct TableRow {
  TableNodeRow t;
  long long row_count = 0, x = 0, y = 0;
  double complexity = 0;
  soci::indicator rows_ind = soci::i_ok, complexity_ind = soci::i_ok, domain_ind = soci::i_ok,
                  x_ind = soci::i_ok, y_ind = soci::i_ok, metadata_ind = soci::i_ok;
  std::string domain;

  void bind(detail::Binder& p) {
    p, soci::into(t.id), soci::into(t.ordinal), soci::into(t.name), soci::into(t.schema_name),
        soci::into(t.kind), soci::into(t.dialect), soci::into(row_count, rows_ind),
        soci::into(t.role), soci::into(t.column_count), soci::into(complexity, complexity_ind),
        soci::into(t.finding_count), soci::into(t.degree), soci::into(domain, domain_ind),
        soci::into(x, x_ind), soci::into(y, y_ind);
  }
  TableNodeRow model() const {
    TableNodeRow out = t;
    if (rows_ind != soci::i_null) out.row_count = row_count;
    if (complexity_ind != soci::i_null) out.complexity = complexity;
    out.domain = detail::optional_text(domain, domain_ind);
    if (x_ind != soci::i_null) out.position_x = x;
    if (y_ind != soci::i_null) out.position_y = y;
    return out;
  }
};

struct TableWithMetadataRow : TableRow {
  std::string metadata;
  void bind(detail::Binder& p) {
    TableRow::bind(p);
    p, soci::into(metadata, metadata_ind);
  }
  TableNodeRow model() const {
    TableNodeRow out = TableRow::model();
    out.metadata = metadata_ind == soci::i_null ? "{}" : metadata;
    return out;
  }
};

constexpr const char* kColumnColumns =
    "id, table_id, ordinal, name, data_type, COALESCE(canonical_type, ''),"
    " CAST(nullable AS INTEGER), CAST(is_primary_key AS INTEGER),"
    " CAST(is_foreign_key AS INTEGER), references_table, references_column, sample_values,"
    " description";

struct ColumnRow {
  ColumnNodeRow c;
  int nullable = 1, pk = 0, fk = 0;
  std::string ref_table, ref_column, samples, description;
  soci::indicator ref_table_ind = soci::i_ok, ref_column_ind = soci::i_ok, samples_ind = soci::i_ok,
                  description_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    p, soci::into(c.id), soci::into(c.table_id), soci::into(c.ordinal), soci::into(c.name),
        soci::into(c.data_type), soci::into(c.canonical_type), soci::into(nullable), soci::into(pk),
        soci::into(fk), soci::into(ref_table, ref_table_ind),
        soci::into(ref_column, ref_column_ind), soci::into(samples, samples_ind),
        soci::into(description, description_ind);
  }
  ColumnNodeRow model() const {
    ColumnNodeRow out = c;
    out.nullable = nullable != 0;
    out.is_primary_key = pk != 0;
    out.is_foreign_key = fk != 0;
    out.references_table = detail::optional_text(ref_table, ref_table_ind);
    out.references_column = detail::optional_text(ref_column, ref_column_ind);
    out.sample_values = detail::optional_text(samples, samples_ind);
    out.description = detail::optional_text(description, description_ind);
    return out;
  }
};

constexpr const char* kRelationshipColumns =
    "id, edge_type, source_table, source_column, target_table, target_column, source_table_id,"
    " target_table_id, COALESCE(relationship_type, ''), CAST(confidence AS DOUBLE PRECISION),"
    " CAST(ai_generated AS INTEGER), evidence, provenance";

struct RelationshipDbRow {
  RelationshipRow r;
  std::string source_id, target_id, provenance;
  int ai = 0;
  soci::indicator source_ind = soci::i_ok, target_ind = soci::i_ok, provenance_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    p, soci::into(r.id), soci::into(r.edge_type), soci::into(r.source_table),
        soci::into(r.source_column), soci::into(r.target_table), soci::into(r.target_column),
        soci::into(source_id, source_ind), soci::into(target_id, target_ind),
        soci::into(r.relationship_type), soci::into(r.confidence), soci::into(ai),
        soci::into(r.evidence), soci::into(provenance, provenance_ind);
  }
  RelationshipRow model() const {
    RelationshipRow out = r;
    out.source_table_id = detail::optional_text(source_id, source_ind);
    out.target_table_id = detail::optional_text(target_id, target_ind);
    out.ai_generated = ai != 0;
    out.provenance = detail::optional_text(provenance, provenance_ind);
    return out;
  }
};

struct DocumentsRow {
  SnapshotDocuments d;
  void bind(detail::Binder& p) {
    p, soci::into(d.diagnostics), soci::into(d.findings), soci::into(d.complexity),
        soci::into(d.domains), soci::into(d.files);
  }
  SnapshotDocuments model() const { return d; }
};

struct PositionRow {
  NodePosition p;
  void bind(detail::Binder& b) { b, soci::into(p.node_id), soci::into(p.x), soci::into(p.y); }
  NodePosition model() const { return p; }
};

struct LlmSettingsRow {
  std::string provider, model_name, base_url, updated_at;
  int allow = 0;
  long long limit = 0;
  soci::indicator model_ind = soci::i_ok, url_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    p, soci::into(provider), soci::into(model_name, model_ind), soci::into(base_url, url_ind),
        soci::into(allow), soci::into(limit), soci::into(updated_at);
  }
  ProjectLlmSettings model() const {
    ProjectLlmSettings s;
    s.provider = provider;
    s.model = detail::optional_text(model_name, model_ind);
    s.base_url = detail::optional_text(base_url, url_ind);
    s.allow_sample_values = allow != 0;
    s.monthly_token_limit = limit;
    s.updated_at = detail::timestamp_from_db(updated_at);
    return s;
  }
};

/// Runs a bulk statement inside the caller's transaction; SOCI wants non-empty vectors.
void run_bulk(soci::session& session, soci::statement& statement) {
  try {
    statement.execute(true);
  } catch (const soci::soci_error&) {
    detail::rethrow_database_error(session);
  }
}

void insert_tables(soci::session& session, const std::string& snapshot_id,
                   const std::vector<TableNodeRow>& tables) {
  if (tables.empty()) return;
  std::size_t n = tables.size();
  std::vector<std::string> ids(n), schema_ids(n, snapshot_id), names(n), schemas(n), kinds(n),
      dialects(n), roles(n), domains(n), metadata(n);
  std::vector<int> ordinals(n);
  std::vector<long long> row_counts(n), column_counts(n), finding_counts(n), degrees(n);
  std::vector<double> complexity(n);
  std::vector<soci::indicator> rows_ind(n), complexity_ind(n), domain_ind(n);
  for (std::size_t i = 0; i < n; ++i) {
    const TableNodeRow& t = tables[i];
    ids[i] = t.id;
    ordinals[i] = t.ordinal;
    names[i] = t.name;
    schemas[i] = t.schema_name;
    kinds[i] = t.kind;
    dialects[i] = t.dialect;
    row_counts[i] = t.row_count.value_or(0);
    rows_ind[i] = t.row_count ? soci::i_ok : soci::i_null;
    roles[i] = t.role;
    column_counts[i] = t.column_count;
    complexity[i] = t.complexity.value_or(0);
    complexity_ind[i] = t.complexity ? soci::i_ok : soci::i_null;
    finding_counts[i] = t.finding_count;
    degrees[i] = t.degree;
    domains[i] = t.domain.value_or("");
    domain_ind[i] = t.domain ? soci::i_ok : soci::i_null;
    metadata[i] = t.metadata;
  }
  soci::statement st =
      (session.prepare << "INSERT INTO table_nodes (id, schema_id, ordinal, name, schema_name,"
                          " table_type, dialect, row_count, role, column_count, complexity,"
                          " finding_count, degree, domain, metadata) VALUES (:id, :schema_id,"
                          " :ordinal, :name, :schema_name, :table_type, :dialect, :row_count,"
                          " :role, :column_count, :complexity, :finding_count, :degree, :domain,"
                          " :metadata)",
       soci::use(ids), soci::use(schema_ids), soci::use(ordinals), soci::use(names),
       soci::use(schemas), soci::use(kinds), soci::use(dialects), soci::use(row_counts, rows_ind),
       soci::use(roles), soci::use(column_counts), soci::use(complexity, complexity_ind),
       soci::use(finding_counts), soci::use(degrees), soci::use(domains, domain_ind),
       soci::use(metadata));
  run_bulk(session, st);
}

void insert_columns(soci::session& session, const std::vector<ColumnNodeRow>& columns) {
  if (columns.empty()) return;
  std::size_t n = columns.size();
  std::vector<std::string> ids(n), table_ids(n), names(n), types(n), canonical(n), ref_tables(n),
      ref_columns(n), samples(n), descriptions(n);
  std::vector<int> ordinals(n), nullable(n), pk(n), fk(n);
  std::vector<soci::indicator> ref_table_ind(n), ref_column_ind(n), samples_ind(n),
      description_ind(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ColumnNodeRow& c = columns[i];
    ids[i] = c.id;
    table_ids[i] = c.table_id;
    ordinals[i] = c.ordinal;
    names[i] = c.name;
    types[i] = c.data_type;
    canonical[i] = c.canonical_type;
    nullable[i] = c.nullable ? 1 : 0;
    pk[i] = c.is_primary_key ? 1 : 0;
    fk[i] = c.is_foreign_key ? 1 : 0;
    ref_tables[i] = c.references_table.value_or("");
    ref_table_ind[i] = c.references_table ? soci::i_ok : soci::i_null;
    ref_columns[i] = c.references_column.value_or("");
    ref_column_ind[i] = c.references_column ? soci::i_ok : soci::i_null;
    samples[i] = c.sample_values.value_or("");
    samples_ind[i] = c.sample_values ? soci::i_ok : soci::i_null;
    descriptions[i] = c.description.value_or("");
    description_ind[i] = c.description ? soci::i_ok : soci::i_null;
  }
  soci::statement st =
      (session.prepare
           << "INSERT INTO column_nodes (id, table_id, ordinal, name, data_type, canonical_type,"
              " nullable, is_primary_key, is_foreign_key, references_table, references_column,"
              " sample_values, description) VALUES (:id, :table_id, :ordinal, :name, :data_type,"
              " :canonical_type, " GODWIT_BOOL(":nullable") ", " GODWIT_BOOL(":pk") ", "
              GODWIT_BOOL(":fk") ", :references_table, :references_column, :sample_values,"
              " :description)",
       soci::use(ids), soci::use(table_ids), soci::use(ordinals), soci::use(names),
       soci::use(types), soci::use(canonical), soci::use(nullable), soci::use(pk), soci::use(fk),
       soci::use(ref_tables, ref_table_ind), soci::use(ref_columns, ref_column_ind),
       soci::use(samples, samples_ind), soci::use(descriptions, description_ind));
  run_bulk(session, st);
}

void insert_relationships(soci::session& session, const std::string& snapshot_id,
                          const std::vector<RelationshipRow>& relationships) {
  if (relationships.empty()) return;
  std::size_t n = relationships.size();
  std::vector<std::string> ids(n), schema_ids(n, snapshot_id), types(n), source_tables(n),
      source_columns(n), target_tables(n), target_columns(n), source_ids(n), target_ids(n),
      kinds(n), evidence(n), provenance(n);
  std::vector<double> confidence(n);
  std::vector<int> ai(n);
  std::vector<soci::indicator> source_ind(n), target_ind(n), provenance_ind(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RelationshipRow& r = relationships[i];
    ids[i] = r.id.empty() ? new_uuid() : r.id;
    types[i] = r.edge_type;
    source_tables[i] = r.source_table;
    source_columns[i] = r.source_column;
    target_tables[i] = r.target_table;
    target_columns[i] = r.target_column;
    source_ids[i] = r.source_table_id.value_or("");
    source_ind[i] = r.source_table_id ? soci::i_ok : soci::i_null;
    target_ids[i] = r.target_table_id.value_or("");
    target_ind[i] = r.target_table_id ? soci::i_ok : soci::i_null;
    kinds[i] = r.relationship_type;
    // NUMERIC(3, 2): two decimals, at most 9.99.
    confidence[i] = std::round(std::clamp(r.confidence, 0.0, 1.0) * 100.0) / 100.0;
    ai[i] = r.ai_generated ? 1 : 0;
    evidence[i] = r.evidence;
    provenance[i] = r.provenance.value_or("");
    provenance_ind[i] = r.provenance ? soci::i_ok : soci::i_null;
  }
  soci::statement st =
      (session.prepare
           << "INSERT INTO relationships (id, schema_id, edge_type, source_table, source_column,"
              " target_table, target_column, source_table_id, target_table_id,"
              " relationship_type, confidence, ai_generated, evidence, provenance) VALUES (:id,"
              " :schema_id, :edge_type, :source_table, :source_column, :target_table,"
              " :target_column, :source_table_id, :target_table_id, :relationship_type,"
              " :confidence, " GODWIT_BOOL(":ai") ", :evidence, :provenance)",
       soci::use(ids), soci::use(schema_ids), soci::use(types), soci::use(source_tables),
       soci::use(source_columns), soci::use(target_tables), soci::use(target_columns),
       soci::use(source_ids, source_ind), soci::use(target_ids, target_ind), soci::use(kinds),
       soci::use(confidence), soci::use(ai), soci::use(evidence),
       soci::use(provenance, provenance_ind));
  run_bulk(session, st);
}

/// A snapshot is tens of MB of table, column and index pages: with SQLite's default
/// page cache (2 MB) the transaction spills dirty pages and reads them back. The cache is
/// raised for the insert only (pages are allocated as used) and restored afterwards, so
/// the pooled connections stay small.
class LargeSqliteCache {
 public:
  LargeSqliteCache(soci::session& session, Backend backend)
      : session_(session), active_(backend == Backend::kSqlite) {
    if (!active_) return;
    session_ << "PRAGMA cache_size", soci::into(previous_);
    detail::execute_script(session_, Backend::kSqlite, "PRAGMA cache_size = -262144");
  }
  ~LargeSqliteCache() {
    if (!active_) return;
    try {
      detail::execute_script(session_, Backend::kSqlite,
                             "PRAGMA cache_size = " + std::to_string(previous_));
    } catch (const std::exception&) {
      // Best effort: a destructor must not throw, and a larger cache is only memory.
    }
  }
  LargeSqliteCache(const LargeSqliteCache&) = delete;
  LargeSqliteCache& operator=(const LargeSqliteCache&) = delete;

 private:
  soci::session& session_;
  bool active_;
  long long previous_ = -2000;
};

}  // namespace

SnapshotSummary DiscoveryRepository::insert(NewSnapshot snapshot) {
  detail::require_json(snapshot.schema_content, "the catalog");
  SnapshotSummary summary;
  summary.id = new_uuid();
  summary.project_id = snapshot.project_id;
  summary.job_id = snapshot.job_id;
  summary.created_at = detail::now_timestamp();
  summary.table_count = snapshot.table_count;
  summary.view_count = snapshot.view_count;
  summary.column_count = snapshot.column_count;
  summary.relationship_count = static_cast<long long>(
      std::count_if(snapshot.relationships.begin(), snapshot.relationships.end(),
                    [](const RelationshipRow& r) { return r.edge_type != "lineage"; }));
  summary.complexity_score = snapshot.complexity_score;
  summary.diagnostic_count = snapshot.diagnostic_count;

  detail::Connection connection(db_);
  soci::session& session = connection;
  LargeSqliteCache large_cache(session, db_.backend());
  try {
    detail::WriteTransaction transaction(session, db_.backend());
    Params version_params;
    version_params.text("project_id", snapshot.project_id);
    summary.version = static_cast<int>(detail::query_integer(
        session,
        "SELECT COALESCE(MAX(version), 0) + 1 FROM discovered_schemas WHERE project_id ="
        " :project_id",
        version_params, 1));
    // The score is NUMERIC(3, 1): text keeps it exact on both backends.
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", std::clamp(snapshot.complexity_score, 0.0, 10.0));
    Params params;
    params.text("id", summary.id)
        .text("project_id", snapshot.project_id)
        .text("schema_content", std::move(snapshot.schema_content))
        .integer("table_count", snapshot.table_count)
        .integer("view_count", snapshot.view_count)
        .integer("column_count", snapshot.column_count)
        .integer("relationship_count", summary.relationship_count)
        .text("complexity_score", score)
        .integer("version", summary.version)
        .nullable_text("job_id", snapshot.job_id)
        .integer("diagnostic_count", snapshot.diagnostic_count)
        .text("diagnostics", snapshot.documents.diagnostics)
        .text("findings", snapshot.documents.findings)
        .text("complexity", snapshot.documents.complexity)
        .text("domains", snapshot.documents.domains)
        .text("files", snapshot.documents.files)
        .text("created_at", summary.created_at);
    detail::execute(session,
                    "INSERT INTO discovered_schemas (id, project_id, schema_content, table_count,"
                    " view_count, column_count, relationship_count, complexity_score, version,"
                    " job_id, diagnostic_count, diagnostics, findings, complexity, domains, files,"
                    " created_at) VALUES (:id, :project_id, :schema_content, :table_count,"
                    " :view_count, :column_count, :relationship_count,"
                    " CAST(:complexity_score AS NUMERIC(3, 1)), :version, :job_id,"
                    " :diagnostic_count, :diagnostics, :findings, :complexity, :domains, :files,"
                    " :created_at)",
                    params);
    insert_tables(session, summary.id, snapshot.tables);
    insert_columns(session, snapshot.columns);
    insert_relationships(session, summary.id, snapshot.relationships);
    transaction.commit();
  } catch (const soci::soci_error& e) {
    if (detail::is_unique_violation(e)) {
      throw Error(ErrorKind::kConflict,
                  "another discovery run stored a snapshot of this project at the same moment; "
                  "start discovery again");
    }
    throw;
  }
  return summary;
}

std::optional<SnapshotSummary> DiscoveryRepository::latest(const std::string& project_id) {
  if (!detail::is_id(project_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id);
  return detail::query_one<SummaryRow>(db_,
                                       std::string("SELECT ") + kSummaryColumns +
                                           " FROM discovered_schemas WHERE project_id ="
                                           " :project_id ORDER BY version DESC LIMIT 1",
                                       params);
}

std::vector<SnapshotSummary> DiscoveryRepository::list(const std::string& project_id, int limit,
                                                       int offset) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id).integer("limit", limit).integer("offset", offset);
  return detail::query_all<SummaryRow>(db_,
                                       std::string("SELECT ") + kSummaryColumns +
                                           " FROM discovered_schemas WHERE project_id ="
                                           " :project_id ORDER BY version DESC LIMIT :limit"
                                           " OFFSET :offset",
                                       params);
}

long long DiscoveryRepository::count(const std::string& project_id) {
  if (!detail::is_id(project_id)) return 0;
  Params params;
  params.text("project_id", project_id);
  detail::Connection connection(db_);
  return detail::query_integer(
      connection, "SELECT COUNT(*) FROM discovered_schemas WHERE project_id = :project_id", params);
}

int DiscoveryRepository::next_version(const std::string& project_id) {
  if (!detail::is_id(project_id)) return 1;
  Params params;
  params.text("project_id", project_id);
  detail::Connection connection(db_);
  return static_cast<int>(detail::query_integer(
      connection,
      "SELECT COALESCE(MAX(version), 0) + 1 FROM discovered_schemas WHERE project_id ="
      " :project_id",
      params, 1));
}

SnapshotDocuments DiscoveryRepository::documents(const std::string& snapshot_id) {
  if (!detail::is_id(snapshot_id)) return {};
  Params params;
  params.text("id", snapshot_id);
  return detail::query_one<DocumentsRow>(db_,
                                         "SELECT diagnostics, findings, complexity, domains, files"
                                         " FROM discovered_schemas WHERE id = :id",
                                         params)
      .value_or(SnapshotDocuments{});
}

long long DiscoveryRepository::revision(const std::string& snapshot_id) {
  if (!detail::is_id(snapshot_id)) return 0;
  Params params;
  params.text("id", snapshot_id);
  detail::Connection connection(db_);
  return detail::query_integer(connection, "SELECT revision FROM discovered_schemas WHERE id = :id",
                               params);
}

std::vector<TableNodeRow> DiscoveryRepository::tables(const std::string& snapshot_id) {
  if (!detail::is_id(snapshot_id)) return {};
  Params params;
  params.text("id", snapshot_id);
  return detail::query_all<TableRow>(db_,
                                     std::string("SELECT ") + kTableColumns +
                                         " FROM table_nodes WHERE schema_id = :id ORDER BY"
                                         " ordinal",
                                     params);
}

std::optional<TableNodeRow> DiscoveryRepository::table(const std::string& snapshot_id,
                                                       const std::string& table_id) {
  if (!detail::is_id(snapshot_id) || !detail::is_id(table_id)) return std::nullopt;
  Params params;
  params.text("schema_id", snapshot_id).text("id", table_id);
  return detail::query_one<TableWithMetadataRow>(
      db_,
      std::string("SELECT ") + kTableColumns +
          ", metadata FROM table_nodes WHERE schema_id = :schema_id AND id = :id",
      params);
}

std::vector<ColumnNodeRow> DiscoveryRepository::columns(const std::vector<std::string>& table_ids) {
  std::vector<ColumnNodeRow> out;
  detail::Connection connection(db_);
  for (std::size_t start = 0; start < table_ids.size(); start += kInListChunk) {
    Params params;
    std::string in;
    for (std::size_t i = start; i < std::min(table_ids.size(), start + kInListChunk); ++i) {
      if (!detail::is_id(table_ids[i])) continue;
      if (!in.empty()) in += ", ";
      in += params.add_text(table_ids[i]);
    }
    if (in.empty()) continue;
    std::vector<ColumnNodeRow> part = detail::query_all<ColumnRow>(
        static_cast<soci::session&>(connection),
        std::string("SELECT ") + kColumnColumns + " FROM column_nodes WHERE table_id IN (" + in +
            ") ORDER BY table_id, ordinal",
        params);
    out.insert(out.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  }
  return out;
}

std::vector<RelationshipRow> DiscoveryRepository::relationships(const std::string& snapshot_id) {
  if (!detail::is_id(snapshot_id)) return {};
  Params params;
  params.text("id", snapshot_id);
  return detail::query_all<RelationshipDbRow>(
      db_,
      std::string("SELECT ") + kRelationshipColumns +
          " FROM relationships WHERE schema_id = :id ORDER BY edge_type, source_table,"
          " source_column, target_table, target_column",
      params);
}

std::vector<RelationshipRow> DiscoveryRepository::relationships_of(const std::string& snapshot_id,
                                                                   const std::string& table_id) {
  if (!detail::is_id(snapshot_id) || !detail::is_id(table_id)) return {};
  Params params;
  params.text("id", snapshot_id).text("table_id", table_id).text("table_id2", table_id);
  return detail::query_all<RelationshipDbRow>(
      db_,
      std::string("SELECT ") + kRelationshipColumns +
          " FROM relationships WHERE schema_id = :id AND (source_table_id = :table_id OR"
          " target_table_id = :table_id2) ORDER BY edge_type, confidence DESC, source_table,"
          " source_column",
      params);
}

PositionsSaved DiscoveryRepository::set_positions(const std::string& snapshot_id,
                                                  const std::vector<NodePosition>& positions) {
  if (!detail::is_id(snapshot_id)) return {};
  detail::Connection connection(db_);
  soci::session& session = connection;
  PositionsSaved saved;
  detail::WriteTransaction transaction(session, db_.backend());
  for (const NodePosition& p : positions) {
    if (!detail::is_id(p.node_id)) continue;
    Params params;
    params.integer("x", p.x).integer("y", p.y).text("id", p.node_id).text("schema_id", snapshot_id);
    saved.changed += detail::execute(session,
                                     "UPDATE table_nodes SET position_x = :x, position_y = :y"
                                     " WHERE id = :id AND schema_id = :schema_id",
                                     params);
  }
  Params id;
  id.text("id", snapshot_id);
  if (saved.changed > 0) {
    detail::execute(session, "UPDATE discovered_schemas SET revision = revision + 1 WHERE id = :id",
                    id);
  }
  saved.revision =
      detail::query_integer(session, "SELECT revision FROM discovered_schemas WHERE id = :id", id);
  transaction.commit();
  return saved;
}

std::vector<NodePosition> DiscoveryRepository::positions(const std::string& snapshot_id) {
  if (!detail::is_id(snapshot_id)) return {};
  Params params;
  params.text("id", snapshot_id);
  return detail::query_all<PositionRow>(
      db_,
      "SELECT id, position_x, position_y FROM table_nodes WHERE schema_id = :id AND position_x IS"
      " NOT NULL AND position_y IS NOT NULL",
      params);
}

void DiscoveryRepository::save_analysis(
    const std::string& snapshot_id, const std::string& domains_json,
    const std::vector<std::pair<std::string, std::string>>& table_domains,
    const std::vector<RelationshipRow>& ai_relationships) {
  if (!detail::is_id(snapshot_id)) return;
  detail::require_json(domains_json, "the table domains");
  detail::Connection connection(db_);
  soci::session& session = connection;
  detail::WriteTransaction transaction(session, db_.backend());
  Params clear;
  clear.text("id", snapshot_id);
  detail::execute(session, "UPDATE table_nodes SET domain = NULL WHERE schema_id = :id", clear);
  for (const auto& [table_id, domain] : table_domains) {
    if (!detail::is_id(table_id)) continue;
    Params params;
    params.text("domain", domain).text("id", table_id).text("schema_id", snapshot_id);
    detail::execute(session,
                    "UPDATE table_nodes SET domain = :domain WHERE id = :id AND schema_id ="
                    " :schema_id",
                    params);
  }
  Params remove;
  remove.text("id", snapshot_id);
  detail::execute(session,
                  "DELETE FROM relationships WHERE schema_id = :id AND CAST(ai_generated AS"
                  " INTEGER) <> 0",
                  remove);
  insert_relationships(session, snapshot_id, ai_relationships);
  Params update;
  update.text("domains", domains_json).text("id", snapshot_id);
  detail::execute(session,
                  "UPDATE discovered_schemas SET domains = :domains, revision = revision + 1,"
                  " relationship_count = (SELECT COUNT(*) FROM relationships r WHERE"
                  " r.schema_id = discovered_schemas.id AND r.edge_type <> 'lineage')"
                  " WHERE id = :id",
                  update);
  transaction.commit();
}

ProjectLlmSettings DiscoveryRepository::llm_settings(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  std::optional<ProjectLlmSettings> found = detail::query_one<LlmSettingsRow>(
      db_,
      "SELECT provider, model, base_url, CAST(allow_sample_values AS INTEGER),"
      " monthly_token_limit, updated_at FROM project_llm_settings WHERE project_id = :project_id",
      params);
  return found.value_or(ProjectLlmSettings{});
}

ProjectLlmSettings DiscoveryRepository::save_llm_settings(const std::string& project_id,
                                                          ProjectLlmSettings settings) {
  settings.updated_at = detail::now_timestamp();
  Params params;
  params.text("project_id", project_id)
      .text("provider", settings.provider)
      .nullable_text("model", settings.model)
      .nullable_text("base_url", settings.base_url)
      .integer("allow", settings.allow_sample_values ? 1 : 0)
      .integer("token_limit", settings.monthly_token_limit)
      .text("updated_at", *settings.updated_at);
  try {
    detail::execute(db_,
                    "INSERT INTO project_llm_settings (project_id, provider, model, base_url,"
                    " allow_sample_values, monthly_token_limit, updated_at) VALUES (:project_id,"
                    " :provider, :model, :base_url, " GODWIT_BOOL(":allow") ", :token_limit,"
                    " :updated_at) ON CONFLICT (project_id) DO UPDATE SET provider ="
                    " excluded.provider, model = excluded.model, base_url = excluded.base_url,"
                    " allow_sample_values = excluded.allow_sample_values, monthly_token_limit ="
                    " excluded.monthly_token_limit, updated_at = excluded.updated_at",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e)) {
      throw Error(ErrorKind::kNotFound, "no project with id '" + project_id + "'");
    }
    throw;
  }
  return settings;
}

}  // namespace godwit::store
