// The advice rules. Each rule looks at the same context the generators use, so what it
// proposes is exactly what generating with its id applied produces.
#include "codegen/optimizer.hpp"

#include <algorithm>
#include <cctype>

#include "codegen/generation_context.hpp"
#include "codegen/resolved_mapping.hpp"

namespace godwit::codegen {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool date_like_name(std::string_view name) {
  const std::string n = lower(name);
  return n.ends_with("_date") || n.ends_with("_at") || n.ends_with("_time") || n == "date" ||
         n.ends_with("_ts") || n.ends_with("date");
}

bool is_string(const schema::Column& c) {
  return c.type.kind == sql::TypeKind::kString;
}

const schema::Column* first_temporal(const schema::Table& t) {
  for (const schema::Column& c : t.columns)
    if (c.type.kind == sql::TypeKind::kDate || c.type.kind == sql::TypeKind::kTimestamp) return &c;
  return nullptr;
}

std::vector<std::string> fk_columns(const schema::Table& t) {
  std::vector<std::string> out;
  for (const schema::ForeignKey& fk : t.foreign_keys)
    for (const std::string& c : fk.columns)
      if (std::find(out.begin(), out.end(), c) == out.end() && out.size() < 4) out.push_back(c);
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

}  // namespace

std::vector<Advice> advise(Platform platform, const schema::Catalog& source,
                           const schema::Catalog& target, const mapping::MappingDocument& document,
                           const Options& options) {
  ResolvedMapping resolved = resolve_mapping(source, target, document, options);
  GenerationContext ctx = make_context(source, target, resolved, options, platform);
  std::vector<Advice> out;
  for (std::size_t i = 0; i < ctx.tables.size(); ++i) {
    const schema::Table& t = *ctx.tables[i];
    const TableLayout& layout = ctx.layouts[i];
    const std::string name = t.name.to_string();
    const std::string ddl = "ddl/" + file_stem(name) + ".sql";
    const std::vector<std::string> fks = fk_columns(t);
    switch (platform) {
      case Platform::kBigQuery: {
        const schema::Column* temporal = first_temporal(t);
        if (layout.partition_column.empty() && temporal)
          out.push_back(
              {"partition:" + name + ":" + temporal->name, "BQ-PARTITION", "cost", "high", name,
               ddl,
               "Queries filtering " + name + " by " + temporal->name +
                   " scan the whole table; partitioning lets BigQuery prune.",
               "PARTITION BY " + std::string(temporal->type.kind == sql::TypeKind::kTimestamp
                                                 ? "DATE(" + temporal->name + ")"
                                                 : temporal->name),
               true});
        if (layout.cluster_columns.empty() && !fks.empty())
          out.push_back({"cluster:" + name + ":" + join(fks, ","), "BQ-CLUSTER", "performance",
                         "medium", name, ddl,
                         "Joins on " + join(fks, ", ") +
                             " read fewer blocks when the table is clustered on them.",
                         "CLUSTER BY " + join(fks, ", "), true});
        break;
      }
      case Platform::kDatabricks: {
        std::vector<std::string> keys = fks;
        if (keys.empty() && t.primary_key) keys = t.primary_key->columns;
        if (keys.size() > 4) keys.resize(4);
        if (layout.cluster_columns.empty() && !keys.empty())
          out.push_back({"cluster:" + name + ":" + join(keys, ","), "DBX-CLUSTER", "performance",
                         "medium", name, ddl,
                         name + " has no liquid clustering; MERGE and joins on " +
                             join(keys, ", ") + " rewrite and read fewer files when clustered.",
                         "CLUSTER BY (" + join(keys, ", ") + ")", true});
        if (layout.incremental)
          out.push_back(
              {"DBX-SMALL-FILES:" + name, "DBX-SMALL-FILES", "performance", "low", name,
               "maintenance/optimize.sql",
               "Repeated MERGE batches leave small files in " + name + "; compact after loads.",
               "OPTIMIZE " + target_table_sql(t, options, "databricks", platform) + ";", false});
        break;
      }
      case Platform::kBeam:
        if (!options.applied_advice.count("reshuffle:" + name) &&
            !options.applied_advice.count("reshuffle:*"))
          for (const ResolvedTable& rt : resolved.tables)
            if (rt.target == &t && rt.sources.size() == 1 && !rt.fields.empty()) {
              out.push_back({"reshuffle:" + name, "BEAM-FUSION-BREAK", "performance", "medium",
                             name, "pipeline.py",
                             "The read and the transform of " + name +
                                 " fuse into one stage, so a slow source limits parallelism; "
                                 "a Reshuffle lets the runner rebalance the rows.",
                             "rows = rows | 'Reshuffle " + name + "' >> beam.Reshuffle()", true});
              break;
            }
        break;
      case Platform::kDbt: {
        const bool has_model = std::any_of(
            resolved.tables.begin(), resolved.tables.end(),
            [&](const ResolvedTable& rt) { return rt.target == &t && !rt.fields.empty(); });
        if (!has_model) break;
        if (layout.incremental && !options.applied_advice.count("incremental:" + name))
          out.push_back({"incremental:" + name, "DBT-INCREMENTAL", "cost", "medium", name,
                         "models/marts/" + lower(t.name.name) + ".sql",
                         name + " has a primary key: an incremental model merges new rows "
                                "instead of rebuilding the table each run.",
                         "{{ config(materialized='incremental', unique_key=[...]) }}", true});
        if (!t.primary_key)
          out.push_back({"DBT-MISSING-TESTS:" + name, "DBT-MISSING-TESTS", "best-practice",
                         "medium", name, "models/marts/schema.yml",
                         name + " has no primary key, so its model has no unique test; declare "
                                "its key in the target schema to test it.",
                         "tests: [unique] on the key column", false});
        break;
      }
      case Platform::kPostgres: {
        if (fks.empty()) break;
        bool indexed = false;
        for (const schema::Index& ix : t.indexes)
          indexed = indexed || (!ix.columns.empty() && ix.columns[0] == fks[0]);
        if (!indexed && !options.applied_advice.count("index:" + name + ":" + fks[0]))
          out.push_back({"index:" + name + ":" + fks[0], "PG-FK-INDEX", "performance", "medium",
                         name, ddl,
                         "The foreign key column " + fks[0] + " of " + name +
                             " has no index: joins and deletes on the referenced table scan it.",
                         "CREATE INDEX ON " + name + " (" + fks[0] + ");", true});
        break;
      }
    }
    if (platform == Platform::kBigQuery || platform == Platform::kDatabricks ||
        platform == Platform::kDbt)
      for (const schema::Column& c : t.columns)
        if (is_string(c) && date_like_name(c.name))
          out.push_back({"STRING-DATE:" + name + "." + c.name, "STRING-DATE", "best-practice",
                         "medium", name, ddl,
                         "Column " + name + "." + c.name +
                             " holds dates as text: comparisons and partition pruning need a DATE "
                             "or TIMESTAMP. Change the target column's type in the target schema.",
                         c.name + " DATE", false});
  }
  for (const ResolvedTable& rt : resolved.tables)
    if (rt.sources.size() > 1 && rt.join.empty())
      out.push_back({"CROSS-JOIN:" + rt.mapping_id, "CROSS-JOIN", "cost", "high", rt.target_name,
                     "load/" + file_stem(rt.target_name) + ".sql",
                     "Table mapping " + rt.mapping_id + " reads " +
                         std::to_string(rt.sources.size()) +
                         " sources without a join condition: a cross join multiplies rows.",
                     "set the table mapping's join, e.g. s1.id = s2.s1_id", false});
  return out;
}

}  // namespace godwit::codegen
