// The advice rules. Each rule looks at the same context the generators use, so what it
// proposes is exactly what generating with its id applied produces.
#include "codegen/optimizer.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "codegen/beam/beam_join.hpp"
#include "codegen/expression_facts.hpp"
#include "codegen/generation_context.hpp"
#include "codegen/resolved_mapping.hpp"
#include "sql/printer/printer_profile.hpp"

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

Advice make_advice(std::string id, std::string rule, std::string type, std::string impact,
                   std::string table, std::string file, std::string message, std::string change,
                   bool auto_applicable) {
  Advice a;
  a.id = std::move(id);
  a.rule = std::move(rule);
  a.type = std::move(type);
  a.impact = std::move(impact);
  a.table = std::move(table);
  a.file = std::move(file);
  a.message = std::move(message);
  a.change = std::move(change);
  a.auto_applicable = auto_applicable;
  return a;
}

/// The facts of every expression of one table mapping (formulas, join, filter), parsed once.
struct MappingFacts {
  std::vector<ExpressionFacts> fields;
  ExpressionFacts join;
  ExpressionFacts filter;
};

MappingFacts facts_of(const ResolvedTable& rt, std::string_view dialect) {
  MappingFacts out;
  for (const ResolvedField& f : rt.fields)
    out.fields.push_back(analyze_expression(f.expression, dialect));
  out.join = analyze_expression(rt.join, dialect);
  out.filter = analyze_expression(rt.filter, dialect);
  return out;
}

/// Whether `name` with `arity` arguments is a function the formula dialect (or every
/// dialect) has; anything else is a user-defined function.
bool builtin_function(const sql::PrinterProfile* profile, const std::string& name, int arity) {
  const auto portable = sql::portable_functions();
  if (std::binary_search(portable.begin(), portable.end(), std::string_view(name))) return true;
  if (!profile) return true;
  return sql::find_read_rule(
             *profile, name, arity, [](const void*, int) { return true; }, nullptr) != nullptr;
}

/// Functions Databricks has that Photon does not run natively (JVM reflection).
bool photon_unsupported_builtin(const std::string& name) {
  return name == "REFLECT" || name == "JAVA_METHOD";
}

/// The share of the most frequent non-null value among a column's sample values, when
/// there are enough samples to say (20 or more); 0 otherwise.
double top_value_share(const schema::Column& c, std::string* value) {
  if (c.sample_values.size() < 20) return 0;
  std::vector<std::string> sorted = c.sample_values;
  std::sort(sorted.begin(), sorted.end());
  std::size_t best = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    if (j - i > best && !sorted[i].empty()) {
      best = j - i;
      *value = sorted[i];
    }
    i = j;
  }
  return static_cast<double>(best) / static_cast<double>(c.sample_values.size());
}

/// The source column of `alias.column` among the sources of `rt`, or nullptr.
const schema::Column* source_column(const ResolvedTable& rt, std::string_view alias,
                                    std::string_view column) {
  for (const ResolvedSource& s : rt.sources)
    if (s.alias == alias)
      for (const schema::Column& c : s.table->columns)
        if (lower(c.name) == lower(column)) return &c;
  return nullptr;
}

/// "s1.a = s2.b" pairs of a join's equalities, as (alias, column) references.
std::vector<std::pair<std::string, std::string>> join_columns(const std::string& join) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i < join.size()) {
    if (join[i] == 's' && (i == 0 || !(std::isalnum(static_cast<unsigned char>(join[i - 1])) ||
                                       join[i - 1] == '_'))) {
      std::size_t j = i + 1;
      while (j < join.size() && std::isdigit(static_cast<unsigned char>(join[j]))) ++j;
      if (j > i + 1 && j < join.size() && join[j] == '.') {
        std::size_t k = j + 1;
        while (k < join.size() &&
               (std::isalnum(static_cast<unsigned char>(join[k])) || join[k] == '_'))
          ++k;
        out.emplace_back(join.substr(i, j - i), join.substr(j + 1, k - j - 1));
        i = k;
        continue;
      }
    }
    ++i;
  }
  return out;
}

void add_sql_rules(Platform platform, const ResolvedTable& rt, const MappingFacts& facts,
                   const std::string& formula_dialect, const Options& options,
                   std::vector<Advice>& out) {
  const std::string load = "load/" + file_stem(rt.target_name) + ".sql";
  std::vector<const ExpressionFacts*> all;
  for (const ExpressionFacts& f : facts.fields) all.push_back(&f);
  all.push_back(&facts.join);
  all.push_back(&facts.filter);
  if (platform == Platform::kBigQuery) {
    for (std::size_t i = 0; i < facts.fields.size(); ++i)
      if (facts.fields[i].select_star) {
        out.push_back(
            make_advice("BQ-SELECT-STAR:" + rt.fields[i].mapping_id, "BQ-SELECT-STAR", "cost",
                        "high", rt.target_name, load,
                        "Field mapping " + rt.fields[i].mapping_id +
                            " has a subquery selecting *: BigQuery bills every column of the "
                            "table it reads, not only the one the value needs.",
                        "in '" + rt.fields[i].expression +
                            "' replace SELECT * with the column the subquery returns",
                        false));
      }
    for (const ExpressionFacts* f : {&facts.join, &facts.filter})
      if (f->select_star)
        out.push_back(
            make_advice("BQ-SELECT-STAR:" + rt.mapping_id, "BQ-SELECT-STAR", "cost", "high",
                        rt.target_name, load,
                        "The " + std::string(f == &facts.join ? "join" : "filter") +
                            " of table mapping " + rt.mapping_id +
                            " has a subquery selecting *: BigQuery bills every column it reads.",
                        "in '" + (f == &facts.join ? rt.join : rt.filter) +
                            "' replace SELECT * with the columns the subquery needs",
                        false));
    std::vector<std::string> seen, repeated;
    for (const ExpressionFacts* f : all)
      for (const std::string& q : f->subqueries) {
        if (std::find(seen.begin(), seen.end(), q) != seen.end()) {
          if (std::find(repeated.begin(), repeated.end(), q) == repeated.end())
            repeated.push_back(q);
        } else {
          seen.push_back(q);
        }
      }
    for (std::size_t i = 0; i < repeated.size(); ++i)
      out.push_back(
          make_advice("BQ-REPEATED-SUBQUERY:" + rt.mapping_id + ":" + std::to_string(i + 1),
                      "BQ-REPEATED-SUBQUERY", "performance", "medium", rt.target_name, load,
                      "Table mapping " + rt.mapping_id + " evaluates the subquery (" + repeated[i] +
                          ") more than once per row; BigQuery runs each copy separately.",
                      "WITH sub" + std::to_string(i + 1) + " AS (" + repeated[i] + ") -- join sub" +
                          std::to_string(i + 1) + " once and use its column in each formula",
                      false));
    for (std::size_t i = 0; i < facts.filter.non_sargable.size(); ++i)
      out.push_back(
          make_advice("BQ-NON-SARGABLE:" + rt.mapping_id + ":" + std::to_string(i + 1),
                      "BQ-NON-SARGABLE", "cost", "medium", rt.target_name, load,
                      "The filter of table mapping " + rt.mapping_id + " computes on " +
                          facts.filter.wrapped_columns[i] + " before comparing (" +
                          facts.filter.non_sargable[i] +
                          "), so BigQuery cannot prune partitions or use clustering on it.",
                      "compare " + facts.filter.wrapped_columns[i] +
                          " itself: move the function or cast to the other side of '" +
                          facts.filter.non_sargable[i] + "'",
                      false));
  }
  if (platform == Platform::kDatabricks) {
    const sql::PrinterProfile* profile = sql::find_printer_profile(formula_dialect);
    std::vector<std::string> udfs;
    for (const ExpressionFacts* f : all)
      for (const auto& [name, arity] : f->functions)
        if ((!builtin_function(profile, name, arity) || photon_unsupported_builtin(name)) &&
            std::find(udfs.begin(), udfs.end(), name) == udfs.end())
          udfs.push_back(name);
    for (const std::string& name : udfs)
      out.push_back(
          make_advice("DBX-PHOTON-UDF:" + rt.mapping_id + ":" + name, "DBX-PHOTON-UDF",
                      "performance", "medium", rt.target_name, load,
                      "Table mapping " + rt.mapping_id + " calls " + name +
                          ", which is not a built-in Databricks SQL function: Photon cannot run "
                          "it, so the whole stage falls back to row-at-a-time execution.",
                      "rewrite " + name +
                          "(...) with built-in SQL functions (or a SQL UDF "
                          "defined with CREATE FUNCTION ... RETURN <expression>)",
                      false));
    for (const auto& [alias, column] : join_columns(rt.join)) {
      const schema::Column* c = source_column(rt, alias, column);
      std::string value;
      const double share = c ? top_value_share(*c, &value) : 0;
      if (share < 0.5) continue;
      const std::string id = "DBX-SKEWED-KEY:" + rt.mapping_id + ":" + alias + "." + column;
      if (std::any_of(out.begin(), out.end(), [&](const Advice& a) { return a.id == id; }))
        continue;
      out.push_back(make_advice(id, "DBX-SKEWED-KEY", "performance", "high", rt.target_name, load,
                                "The join key " + alias + "." + column + " of table mapping " +
                                    rt.mapping_id + " is skewed: '" + value + "' is " +
                                    std::to_string(static_cast<int>(share * 100 + 0.5)) +
                                    "% of the sampled values, so one task joins most rows.",
                                "SET spark.sql.adaptive.enabled = true;\n"
                                "SET spark.sql.adaptive.skewJoin.enabled = true;",
                                false));
    }
  }
  (void)options;
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
          out.push_back(make_advice(
              "partition:" + name + ":" + temporal->name, "BQ-PARTITION", "cost", "high", name, ddl,
              "Queries filtering " + name + " by " + temporal->name +
                  " scan the whole table; partitioning lets BigQuery prune.",
              "PARTITION BY " + std::string(temporal->type.kind == sql::TypeKind::kTimestamp
                                                ? "DATE(" + temporal->name + ")"
                                                : temporal->name),
              true));
        // No date to partition on: a large table can still be partitioned on its integer
        // key by ranges, so that lookups and MERGE batches by key prune partitions.
        const bool large = (t.row_count && *t.row_count >= 1'000'000) ||
                           (t.size_bytes && *t.size_bytes >= (std::int64_t{1} << 30));
        if (layout.partition_column.empty() && !temporal && large && t.primary_key &&
            t.primary_key->columns.size() == 1) {
          const schema::Column* key = nullptr;
          for (const schema::Column& c : t.columns)
            if (lower(c.name) == lower(t.primary_key->columns[0])) key = &c;
          if (key && key->type.kind == sql::TypeKind::kInteger) {
            const IntegerRange r = integer_partition_range(t, *key);
            out.push_back(make_advice(
                "partition:" + name + ":" + key->name, "BQ-PARTITION", "cost", "high", name, ddl,
                name +
                    " is large and has no date column; partitioning it on ranges "
                    "of its key " +
                    key->name + " lets queries and MERGE batches by key prune.",
                "PARTITION BY RANGE_BUCKET(" + key->name + ", GENERATE_ARRAY(" +
                    std::to_string(r.start) + ", " + std::to_string(r.end) + ", " +
                    std::to_string(r.interval) + "))",
                true));
          }
        }
        if (layout.cluster_columns.empty() && !fks.empty())
          out.push_back(make_advice("cluster:" + name + ":" + join(fks, ","), "BQ-CLUSTER",
                                    "performance", "medium", name, ddl,
                                    "Joins on " + join(fks, ", ") +
                                        " read fewer blocks when the table is clustered on them.",
                                    "CLUSTER BY " + join(fks, ", "), true));
        break;
      }
      case Platform::kDatabricks: {
        std::vector<std::string> keys = fks;
        if (keys.empty() && t.primary_key) keys = t.primary_key->columns;
        if (keys.size() > 4) keys.resize(4);
        if (layout.cluster_columns.empty() && !keys.empty())
          out.push_back(make_advice("cluster:" + name + ":" + join(keys, ","), "DBX-CLUSTER",
                                    "performance", "medium", name, ddl,
                                    name + " has no liquid clustering; MERGE and joins on " +
                                        join(keys, ", ") +
                                        " rewrite and read fewer files when clustered.",
                                    "CLUSTER BY (" + join(keys, ", ") + ")", true));
        if (layout.incremental && !layout.auto_compact)
          out.push_back(make_advice(
              "autocompact:" + name, "DBX-SMALL-FILES", "performance", "medium", name, ddl,
              "Each MERGE batch into " + name +
                  " writes new small files; reads slow down until OPTIMIZE runs. "
                  "Auto compaction merges them after each write.",
              "TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'true')", true));
        break;
      }
      case Platform::kBeam: break;  // per source table, below
      case Platform::kDbt: {
        const bool has_model = std::any_of(
            resolved.tables.begin(), resolved.tables.end(),
            [&](const ResolvedTable& rt) { return rt.target == &t && !rt.fields.empty(); });
        if (!has_model) break;
        if (layout.incremental && !options.applied_advice.count("incremental:" + name))
          out.push_back(
              make_advice("incremental:" + name, "DBT-INCREMENTAL", "cost", "medium", name,
                          "models/marts/" + lower(t.name.name) + ".sql",
                          name + " has a primary key: an incremental model merges new rows "
                                 "instead of rebuilding the table each run.",
                          "{{ config(materialized='incremental', unique_key=[...]) }}", true));
        if (!t.primary_key)
          out.push_back(
              make_advice("DBT-MISSING-TESTS:" + name, "DBT-MISSING-TESTS", "best-practice",
                          "medium", name, "models/marts/schema.yml",
                          name + " has no primary key, so its model has no unique test; declare "
                                 "its key in the target schema to test it.",
                          "tests: [unique] on the key column", false));
        break;
      }
      case Platform::kPostgres: {
        if (fks.empty()) break;
        bool indexed = false;
        for (const schema::Index& ix : t.indexes)
          indexed = indexed || (!ix.columns.empty() && ix.columns[0] == fks[0]);
        if (!indexed && !options.applied_advice.count("index:" + name + ":" + fks[0]))
          out.push_back(make_advice(
              "index:" + name + ":" + fks[0], "PG-FK-INDEX", "performance", "medium", name, ddl,
              "The foreign key column " + fks[0] + " of " + name +
                  " has no index: joins and deletes on the referenced table scan it.",
              "CREATE INDEX ON " + name + " (" + fks[0] + ");", true));
        break;
      }
    }
    if (platform == Platform::kBigQuery || platform == Platform::kDatabricks ||
        platform == Platform::kDbt)
      for (const schema::Column& c : t.columns)
        if (is_string(c) && date_like_name(c.name))
          out.push_back(
              make_advice("STRING-DATE:" + name + "." + c.name, "STRING-DATE", "best-practice",
                          "medium", name, ddl,
                          "Column " + name + "." + c.name +
                              " holds dates as text: comparisons and partition pruning need a DATE "
                              "or TIMESTAMP. Change the target column's type in the target schema.",
                          c.name + " DATE", false));
  }
  if (platform == Platform::kBeam) {
    // A source read by several table mappings fans out: without a Reshuffle, the runner
    // fuses the read with every consumer, so one slow or unsplittable read (JDBC reads are
    // one split) bounds the parallelism of all of them.
    std::vector<const ResolvedSource*> order;
    std::map<std::string, std::vector<std::string>> consumers;
    for (const ResolvedTable& rt : resolved.tables) {
      if (rt.fields.empty()) continue;
      for (const ResolvedSource& s : rt.sources) {
        auto& list = consumers[s.staging_name];
        if (list.empty()) order.push_back(&s);
        if (std::find(list.begin(), list.end(), rt.target_name) == list.end())
          list.push_back(rt.target_name);
      }
    }
    for (const ResolvedSource* s : order) {
      const std::vector<std::string>& list = consumers[s->staging_name];
      const std::string id = "reshuffle:" + s->staging_name;
      if (list.size() < 2 || options.applied_advice.count(id) ||
          options.applied_advice.count("reshuffle:*"))
        continue;
      out.push_back(make_advice(
          id, "BEAM-FUSION-BREAK", "performance", "medium", s->name, "pipeline.py",
          "The read of " + s->name + " feeds " + std::to_string(list.size()) + " transforms (" +
              join(list, ", ") +
              "); they fuse into the read's stage, so its parallelism limits them "
              "all. A Reshuffle after the read lets the runner rebalance the rows.",
          "rows = rows | 'Reshuffle " + s->staging_name + "' >> beam.Reshuffle()", true));
    }
  }
  if (platform == Platform::kBeam)
    for (const ResolvedTable& rt : resolved.tables) {
      if (rt.fields.empty() || rt.sources.size() < 2) continue;
      const BeamJoinPlan plan = plan_beam_join(rt, resolved.formula_dialect, options);
      for (const BeamJoinStep& step : plan.steps) {
        const schema::Table& t = *step.source->table;
        // A lookup on the source's primary key that fits in memory: broadcasting it saves
        // shuffling the main rows. Known to be large (over a million rows): keep the shuffle.
        if (!step.on_primary_key || step.side_input || (t.row_count && *t.row_count > 1'000'000))
          continue;
        std::string key;
        for (const std::string& k : step.right_keys) key += (key.empty() ? "" : ", ") + k;
        out.push_back(make_advice(
            side_input_advice_id(rt, *step.source), "BEAM-SIDE-INPUT", "performance", "medium",
            rt.target_name, "pipeline.py",
            "Table mapping " + rt.mapping_id + " looks up " + step.source->name +
                " by its primary key (" + key +
                "); as a side input it is sent once to every worker and the rows of " +
                rt.sources[0].name +
                " are not shuffled by CoGroupByKey. Apply it if the table fits in "
                "worker memory.",
            "lookup = beam.pvalue.AsMultiMap(...); joined | beam.FlatMap(_lookup_join, '" +
                step.source->alias + "', key, lookup)",
            true));
      }
    }
  for (const ResolvedTable& rt : resolved.tables) {
    if (rt.fields.empty()) continue;
    if (platform == Platform::kBigQuery || platform == Platform::kDatabricks)
      add_sql_rules(platform, rt, facts_of(rt, resolved.formula_dialect), resolved.formula_dialect,
                    options, out);
    if (rt.sources.size() < 2) continue;
    // A source no join condition names is cross joined (the generators put the join
    // condition on the last JOIN, every source before it joins ON TRUE).
    const ExpressionFacts on = analyze_expression(rt.join, resolved.formula_dialect);
    // Unqualified columns cannot be told apart: only a join naming no column is flagged then.
    const bool checkable =
        rt.join.empty() || (on.parses && (!on.qualifiers.empty() || !on.reads_columns));
    std::vector<std::string> unjoined;
    for (const ResolvedSource& s : rt.sources)
      if (checkable &&
          std::find(on.qualifiers.begin(), on.qualifiers.end(), s.alias) == on.qualifiers.end())
        unjoined.push_back(s.alias + " (" + s.name + ")");
    if (unjoined.empty()) continue;
    out.push_back(make_advice(
        "CROSS-JOIN:" + rt.mapping_id, "CROSS-JOIN", "cost", "high", rt.target_name,
        "load/" + file_stem(rt.target_name) + ".sql",
        "Table mapping " + rt.mapping_id + " reads " + std::to_string(rt.sources.size()) +
            " sources but its join condition " +
            (rt.join.empty() ? std::string("is empty")
                             : "'" + rt.join + "' names no column of " + join(unjoined, ", ")) +
            ": a cross join multiplies rows.",
        "set the table mapping's join so that it names every source, e.g. "
        "s1.id = s2.s1_id",
        false));
  }
  return out;
}

}  // namespace godwit::codegen
