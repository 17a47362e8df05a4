#include "validation/run.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "core/error.hpp"
#include "validation/anomalies.hpp"
#include "validation/plan.hpp"
#include "validation/profile.hpp"

namespace godwit::validation {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

json sample_value(const Value& v, bool allow) {
  if (!v) return nullptr;
  return allow ? *v : mask_value(*v);
}

/// Whatever a database call threw, as the sentence of a kError check.
std::string failure_text(const std::exception& e) {
  if (const auto* c = dynamic_cast<const ConnectorError*>(&e))
    return "the database answered with an error (" + std::string(to_string(c->kind())) +
           "): " + c->what();
  return e.what();
}

class Runner {
 public:
  Runner(Connector& source, Connector& target, const ValidationInputs& inputs,
         const RunProgress& progress, const std::atomic<bool>* cancel)
      : source_(source),
        target_(target),
        inputs_(inputs),
        options_(inputs.options),
        progress_(progress),
        cancel_(cancel) {}

  ValidationReport run();

 private:
  void check_cancel() const {
    if (cancel_ && cancel_->load()) throw DiffCancelled();
  }
  void report_progress(double done, std::string_view stage) const {
    if (progress_) progress_(std::clamp(done, 0.0, 100.0), stage);
  }
  double row_tolerance(const PlannedTable& table) const {
    auto it = options_.table_row_count_tolerance.find(table.target_name);
    if (it == options_.table_row_count_tolerance.end())
      it = options_.table_row_count_tolerance.find(table.target->name.name);
    return it != options_.table_row_count_tolerance.end() ? it->second
                                                          : options_.row_count_tolerance;
  }
  CheckResult base(CheckKind kind, const PlannedTable& table, std::string id_suffix = {}) const {
    CheckResult c;
    c.kind = kind;
    c.id = std::string(to_string(kind)) + ":" + table.target_name +
           (id_suffix.empty() ? "" : ":" + id_suffix);
    c.source_table = table.source_name;
    c.target_table = table.target_name;
    c.mapping_ids = {table.mapping_id};
    return c;
  }
  /// Runs `body` into `check`, turning a database failure into a kError check.
  template <typename Body>
  void guarded(CheckResult& check, Body&& body) {
    check_cancel();
    const auto start = Clock::now();
    try {
      body(check);
    } catch (const DiffCancelled&) {
      throw;
    } catch (const std::exception& e) {
      check.status = CheckStatus::kError;
      check.message = "Could not run " + std::string(to_string(check.kind)) + " check " + check.id +
                      ": " + failure_text(e);
    }
    check.duration_ms = ms_since(start);
  }

  void compare_sides(const PlannedTable& table, TableSummary& summary);
  std::string joined_source_query(const PlannedTable& table);
  void keyed_diff(const PlannedTable& table, TableSummary& summary);
  void orphans(const PlannedTable& table);
  void uniqueness(const PlannedTable& table);
  void rules(const PlannedTable* table, std::vector<bool>& done);
  void anomalies(const ValidationPlan& plan);
  std::uint64_t count_rows(Connector& db, const std::vector<std::string>& parts);
  void add(CheckResult check) { report_.checks.push_back(std::move(check)); }

  Connector& source_;
  Connector& target_;
  const ValidationInputs& inputs_;
  const RunOptions& options_;
  const RunProgress& progress_;
  const std::atomic<bool>* cancel_;
  ValidationReport report_;
};

std::uint64_t Runner::count_rows(Connector& db, const std::vector<std::string>& parts) {
  ResultSet rs = db.query("SELECT count(*) FROM " + db.quote_name(parts));
  if (rs.rows.empty() || rs.rows[0].empty() || !rs.rows[0][0]) return 0;
  return std::stoull(*rs.rows[0][0]);
}

/// Row counts and per-column aggregates from one profile scan per side.
void Runner::compare_sides(const PlannedTable& table, TableSummary& summary) {
  const double tolerance = row_tolerance(table);
  CheckResult rows = base(CheckKind::kRowCount, table);
  rows.severity = Severity::kHigh;
  std::vector<CheckResult> aggregates;
  const bool profile = options_.aggregates && !table.columns.empty();
  guarded(rows, [&](CheckResult& c) {
    std::uint64_t s = 0, t = 0;
    if (profile) {
      ProfileRequest request;
      request.source_table = table.source_parts;
      request.target_table = table.target_parts;
      request.tolerance.row_count_relative = tolerance;
      request.normalize = options_.diff.normalize;
      for (const PlannedColumn& p : table.columns) {
        ProfileColumnPair pair;
        pair.target_column = p.target_column;
        pair.target_type = p.target_type;
        pair.source_column = p.source_column;
        pair.source_expression = p.source_expression;
        pair.source_type = p.source_type;
        request.columns.push_back(std::move(pair));
      }
      const ProfileComparison comparison = compare_profiles(source_, target_, request);
      s = comparison.source.rows;
      t = comparison.target.rows;
      std::map<std::string, std::vector<const ProfileCheck*>> by_column;
      for (const ProfileCheck& pc : comparison.checks)
        if (!pc.column.empty()) by_column[pc.column].push_back(&pc);
      for (const PlannedColumn& p : table.columns) {
        CheckResult a = base(CheckKind::kAggregate, table, p.target_column);
        a.target_column = p.target_column;
        a.mapping_ids = {table.mapping_id, p.mapping_id};
        a.severity = Severity::kMedium;
        a.expected = json::object();
        a.actual = json::object();
        std::vector<std::string> failed;
        for (const ProfileCheck* pc : by_column[p.target_column]) {
          a.expected[pc->metric] = pc->source ? json(*pc->source) : json(nullptr);
          a.actual[pc->metric] = pc->target ? json(*pc->target) : json(nullptr);
          if (!pc->passed) failed.push_back(pc->metric + " " + pc->detail);
        }
        const std::string what =
            p.source_expression.empty()
                ? table.source_name + "." + p.source_column
                : "the formula " + p.source_expression + " over " + table.source_name;
        if (failed.empty()) {
          a.status = CheckStatus::kPassed;
          a.message = "The aggregates of " + table.target_name + "." + p.target_column +
                      " (nulls, min, max, sum, average, lengths) match " + what + ".";
        } else {
          a.status = CheckStatus::kFailed;
          a.message = "The aggregates of " + table.target_name + "." + p.target_column +
                      " differ from " + what + ": " + join(failed, "; ") + ".";
        }
        a.duration_ms = c.duration_ms;
        aggregates.push_back(std::move(a));
      }
    } else {
      s = count_rows(source_, table.source_parts);
      t = count_rows(target_, table.target_parts);
    }
    summary.source_rows = s;
    summary.target_rows = t;
    c.expected = {{"rows", s}, {"tolerance", tolerance}};
    c.actual = {{"rows", t}};
    const double allowed = tolerance * static_cast<double>(s);
    const double difference = s > t ? static_cast<double>(s - t) : static_cast<double>(t - s);
    c.records_tested = 0;
    if (difference <= allowed) {
      c.status = CheckStatus::kPassed;
      c.message = table.target_name + " has " + plural(t, "row", "rows") + " and " +
                  table.source_name + " has " + std::to_string(s) +
                  (s == t ? "." : ", within the tolerance.");
    } else {
      c.status = CheckStatus::kFailed;
      c.message = table.target_name + " has " + plural(t, "row", "rows") + " but " +
                  table.source_name + " has " + std::to_string(s) + ": " +
                  std::to_string(static_cast<std::uint64_t>(difference)) +
                  (t < s ? " fewer" : " more") + " than the source, tolerance " +
                  std::to_string(static_cast<std::uint64_t>(allowed)) + " rows.";
    }
  });
  if (options_.row_counts) add(rows);
  if (rows.status == CheckStatus::kError && profile) {
    // One scan failed: the aggregates share its failure.
    for (const PlannedColumn& p : table.columns) {
      CheckResult a = base(CheckKind::kAggregate, table, p.target_column);
      a.target_column = p.target_column;
      a.mapping_ids = {table.mapping_id, p.mapping_id};
      a.status = CheckStatus::kError;
      a.message = rows.message;
      aggregates.push_back(std::move(a));
    }
  }
  for (CheckResult& a : aggregates) add(std::move(a));
}

/// The SELECT the target table was loaded from, over the joined (or filtered) source
/// tables: each mapped column's expression named like its target column.
std::string Runner::joined_source_query(const PlannedTable& table) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const PlannedColumn& p = table.columns[i];
    if (i > 0) sql += ", ";
    sql += "(" + p.source_expression + ") AS " + source_.quote_identifier(p.target_column);
  }
  sql += " FROM ";
  for (std::size_t i = 0; i < table.joined_sources.size(); ++i) {
    const JoinedSource& s = table.joined_sources[i];
    const std::string item = source_.quote_name(s.parts) + " AS " + s.alias;
    if (i == 0)
      sql += item;
    else  // the condition may name every source: it goes on the last JOIN, as codegen does
      sql += " JOIN " + item + " ON " +
             (i + 1 == table.joined_sources.size() ? table.join_condition : "1 = 1");
  }
  if (!table.source_filter.empty()) sql += " WHERE " + table.source_filter;
  return sql;
}

void Runner::keyed_diff(const PlannedTable& table, TableSummary& summary) {
  CheckResult check = base(CheckKind::kKeyedDiff, table);
  check.severity = Severity::kHigh;
  for (const PlannedColumn& p : table.columns) check.mapping_ids.push_back(p.mapping_id);
  guarded(check, [&](CheckResult& c) {
    TableDiffRequest request;
    request.source_table = table.source_parts;
    request.target_table = table.target_parts;
    request.key = table.key;
    const bool joined = table.diffable_as_query();
    if (joined) request.source_query = joined_source_query(table);
    for (const PlannedColumn& p : table.columns) {
      const bool is_key =
          std::any_of(table.key.begin(), table.key.end(),
                      [&](const ComparedColumn& k) { return k.target == p.target_column; });
      if (is_key) continue;
      // A computed column is compared row by row through its formula on the source; over a
      // join every column is an output of the query, named like the target's.
      if (joined)  // a computed output is normalised like a formula (source_expression)
        request.columns.push_back(
            {p.target_column, p.target_column, p.source_type, p.target_type,
             p.row_comparable() ? std::string() : source_.quote_identifier(p.target_column)});
      else
        request.columns.push_back({p.row_comparable() ? p.source_column : p.target_column,
                                   p.target_column, p.source_type, p.target_type,
                                   p.source_expression});
    }
    if (request.columns.empty() && request.key.empty()) {
      c.status = CheckStatus::kSkipped;
      c.message = "No column of " + table.target_name + " is mapped; there is nothing to diff.";
      return;
    }
    if (request.columns.empty()) {
      // Only the key is mapped: compare the key itself as the row.
      for (const ComparedColumn& k : table.key) request.columns.push_back(k);
    }
    request.options = options_.diff;
    request.cancel = cancel_;
    const TableDiff diff = diff_table(source_, target_, request);
    summary.source_rows = diff.stats.source_rows;
    summary.target_rows = diff.stats.target_rows;
    const std::uint64_t failed = diff.missing + diff.extra + diff.changed;
    c.records_tested = diff.stats.source_rows + diff.extra;
    c.records_failed = failed;
    std::vector<std::string> key_names;
    for (const ComparedColumn& k : table.key) key_names.push_back(k.target);
    c.expected = {
        {"rows", diff.stats.source_rows},
        {"key", key_names},
        {"key_origin", table.key_origin.empty() ? "none (full-row hashes)" : table.key_origin}};
    c.actual = {{"rows", diff.stats.target_rows},
                {"missing", diff.missing},
                {"extra", diff.extra},
                {"changed", diff.changed},
                {"representation_only", diff.representation_only},
                {"hash", diff.stats.hash},
                {"queries", diff.stats.queries}};

    // What the differing columns have in common: "amount rounded (2 rows)".
    std::map<std::string, std::pair<std::uint64_t, std::string>> symptoms;
    json samples = json::array();
    for (const RowDifference& row : diff.rows) {
      json key = json::object();
      for (std::size_t i = 0; i < row.key.size(); ++i) {
        const std::string name =
            i < key_names.size() ? key_names[i] : "column " + std::to_string(i + 1);
        key[name] = row.key[i] ? json(*row.key[i]) : json(nullptr);
      }
      json sample = {{"kind", to_string(row.kind)}, {"key", key}};
      if (table.key.empty()) sample["count"] = row.count;
      json columns = json::array();
      for (const ColumnDifference& d : row.columns) {
        columns.push_back({{"column", d.target_column},
                           {"source", sample_value(d.source_value, options_.allow_sample_values)},
                           {"target", sample_value(d.target_value, options_.allow_sample_values)},
                           {"difference", to_string(d.comparison.kind)},
                           {"symptom", d.comparison.symptom},
                           {"reason", options_.allow_sample_values ? d.comparison.reason
                                                                   : d.comparison.symptom}});
        if (row.kind == RowDifferenceKind::kChanged) {
          auto& s = symptoms[d.target_column + " " + d.comparison.symptom];
          ++s.first;
          if (s.second.empty()) s.second = d.comparison.reason;
        }
      }
      if (!columns.empty()) sample["columns"] = columns;
      if (samples.size() < 100) samples.push_back(std::move(sample));
    }
    c.samples = samples;
    if (diff.equal()) {
      c.status = CheckStatus::kPassed;
      c.message = "All " + plural(diff.stats.source_rows, "row", "rows") + " of " +
                  table.source_name + " are in " + table.target_name + " with equal values" +
                  (table.key.empty()
                       ? " (compared as full-row hashes, the table has no key)"
                       : " (matched on the " + table.key_origin + " " + join(key_names) + ")") +
                  (diff.representation_only
                       ? "; " + plural(diff.representation_only, "row differs", "rows differ") +
                             " only in representation"
                       : std::string()) +
                  ".";
      return;
    }
    c.status = CheckStatus::kFailed;
    std::vector<std::string> parts;
    if (diff.missing) parts.push_back(std::to_string(diff.missing) + " missing in the target");
    if (diff.extra) parts.push_back(std::to_string(diff.extra) + " extra in the target");
    if (diff.changed) parts.push_back(std::to_string(diff.changed) + " changed");
    std::vector<std::string> why;
    for (const auto& [what, count_reason] : symptoms) {
      const auto space = what.rfind(' ');
      why.push_back(what.substr(0, space) + ": value differs, " + what.substr(space + 1) + " (" +
                    plural(count_reason.first, "row", "rows") +
                    (options_.allow_sample_values && !count_reason.second.empty()
                         ? ", e.g. " + count_reason.second
                         : std::string()) +
                    ")");
    }
    c.message = plural(failed, "row", "rows") + " of " + table.target_name + " differ from " +
                table.source_name + ": " + join(parts) +
                (why.empty() ? std::string() : "; " + join(why, "; ")) +
                (diff.detail_truncated ? " (detail for the first rows only)" : "") + ".";
  });
  add(check);
}

std::string where_not_null(Connector& db, std::string_view alias,
                           const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) {
    if (!out.empty()) out += " AND ";
    out += std::string(alias) + "." + db.quote_identifier(c) + " IS NOT NULL";
  }
  return out;
}

void Runner::orphans(const PlannedTable& table) {
  const schema::Catalog& catalog = *inputs_.target;
  for (const schema::ForeignKey& fk : table.target->foreign_keys) {
    const schema::Table* parent = fk.resolved ? catalog.table_by_id(fk.referenced_table_id)
                                              : catalog.find_table(fk.referenced_table.to_string());
    const std::string fk_name = fk.name.empty() ? join(fk.columns, "_") : fk.name;
    CheckResult check = base(CheckKind::kOrphans, table, fk_name);
    check.severity = Severity::kHigh;
    check.source_table.clear();
    std::vector<std::string> referenced = fk.referenced_columns;
    if (referenced.empty() && parent && parent->primary_key)
      referenced = parent->primary_key->columns;
    const std::string parent_name =
        parent ? parent->name.to_string() : fk.referenced_table.to_string();
    if (!parent || referenced.size() != fk.columns.size()) {
      check.status = CheckStatus::kSkipped;
      check.message = "The foreign key " + fk_name + " of " + table.target_name + " references " +
                      parent_name +
                      ", which is not in the target catalog with matching key columns; its "
                      "orphans were not counted.";
      add(check);
      continue;
    }
    check.expected = {{"references", parent_name},
                      {"columns", fk.columns},
                      {"referenced_columns", referenced},
                      {"orphans", 0}};
    guarded(check, [&](CheckResult& c) {
      Connector& db = target_;
      std::string match;
      for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        if (i) match += " AND ";
        match += "p." + db.quote_identifier(referenced[i]) + " = c." +
                 db.quote_identifier(fk.columns[i]);
      }
      std::vector<std::string> parent_parts;
      if (!parent->name.schema.empty()) parent_parts.push_back(parent->name.schema);
      parent_parts.push_back(parent->name.name);
      const std::string from = " FROM " + db.quote_name(table.target_parts) + " c WHERE " +
                               where_not_null(db, "c", fk.columns) +
                               " AND NOT EXISTS (SELECT 1 FROM " + db.quote_name(parent_parts) +
                               " p WHERE " + match + ")";
      ResultSet counted = db.query("SELECT count(*)" + from);
      const std::uint64_t n =
          counted.rows.empty() || !counted.rows[0][0] ? 0 : std::stoull(*counted.rows[0][0]);
      ResultSet tested = db.query("SELECT count(*) FROM " + db.quote_name(table.target_parts) +
                                  " c WHERE " + where_not_null(db, "c", fk.columns));
      c.records_tested =
          tested.rows.empty() || !tested.rows[0][0] ? 0 : std::stoull(*tested.rows[0][0]);
      c.records_failed = n;
      c.actual = {{"orphans", n}};
      if (n == 0) {
        c.status = CheckStatus::kPassed;
        c.message = "Every " + join(fk.columns) + " of " + table.target_name + " has its row in " +
                    parent_name + " (foreign key " + fk_name + ").";
        return;
      }
      std::string columns;
      for (const std::string& col : fk.columns)
        columns += (columns.empty() ? "c." : ", c.") + db.quote_identifier(col);
      ResultSet sample =
          db.query("SELECT DISTINCT " + columns + from + " ORDER BY " + columns + " LIMIT 5");
      json samples = json::array();
      for (const auto& row : sample.rows) {
        json s = json::object();
        for (std::size_t i = 0; i < row.size() && i < fk.columns.size(); ++i)
          s[fk.columns[i]] = row[i] ? json(*row[i]) : json(nullptr);
        samples.push_back(s);
      }
      c.samples = samples;
      c.status = CheckStatus::kFailed;
      c.message = plural(n, "row", "rows") + " of " + table.target_name + " reference" +
                  (n == 1 ? "s" : "") + " a " + join(fk.columns) + " that is not in " +
                  parent_name + " (foreign key " + fk_name +
                  "): the parent rows were not migrated, or the child values "
                  "were changed.";
    });
    add(check);
  }
}

void Runner::uniqueness(const PlannedTable& table) {
  std::vector<std::pair<std::string, const schema::Key*>> keys;
  if (table.target->primary_key) keys.push_back({"primary key", &*table.target->primary_key});
  for (const schema::Key& k : table.target->unique_keys)
    keys.push_back({"unique key" + (k.name.empty() ? std::string() : " " + k.name), &k});
  for (const auto& [label, key] : keys) {
    CheckResult check = base(CheckKind::kUniqueness, table,
                             key->name.empty() ? join(key->columns, "_") : key->name);
    check.severity = Severity::kHigh;
    check.source_table.clear();
    check.expected = {{"key", key->columns}, {"duplicates", 0}};
    guarded(check, [&, &label = label, &key = key](CheckResult& c) {
      Connector& db = target_;
      std::string columns;
      for (const std::string& col : key->columns)
        columns += (columns.empty() ? "c." : ", c.") + db.quote_identifier(col);
      const std::string groups = " FROM " + db.quote_name(table.target_parts) + " c WHERE " +
                                 where_not_null(db, "c", key->columns) + " GROUP BY " + columns +
                                 " HAVING count(*) > 1";
      ResultSet counted = db.query(
          "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n" + groups + ") d");
      const std::uint64_t values =
          counted.rows.empty() || !counted.rows[0][0] ? 0 : std::stoull(*counted.rows[0][0]);
      const std::uint64_t rows =
          counted.rows.empty() || !counted.rows[0][1] ? 0 : std::stoull(*counted.rows[0][1]);
      c.records_failed = rows;
      c.actual = {{"duplicate_keys", values}, {"rows", rows}};
      if (values == 0) {
        c.status = CheckStatus::kPassed;
        c.message = "The " + label + " (" + join(key->columns) + ") of " + table.target_name +
                    " is unique.";
        return;
      }
      ResultSet sample =
          db.query("SELECT " + columns + ", count(*)" + groups + " ORDER BY count(*) DESC LIMIT 5");
      json samples = json::array();
      for (const auto& row : sample.rows) {
        json s = json::object();
        for (std::size_t i = 0; i < key->columns.size() && i < row.size(); ++i)
          s[key->columns[i]] = row[i] ? json(*row[i]) : json(nullptr);
        s["rows"] = row.back() ? json(*row.back()) : json(nullptr);
        samples.push_back(s);
      }
      c.samples = samples;
      c.status = CheckStatus::kFailed;
      c.message = "The " + label + " (" + join(key->columns) + ") of " + table.target_name +
                  " is not unique: " + plural(values, "value appears", "values appear") +
                  " more than once, on " + plural(rows, "row", "rows") + " in all.";
    });
    add(check);
  }
}

/// The rules on `table` (every rule not yet run when `table` is null), run on
/// the target.
void Runner::rules(const PlannedTable* table, std::vector<bool>& done) {
  for (std::size_t i = 0; i < inputs_.rules.size(); ++i) {
    const Rule& rule = inputs_.rules[i];
    if (done[i] || !rule.enabled) continue;
    if (table) {
      const std::string name = join(rule.table, ".");
      const bool on_table = !rule.table.empty() &&
                            (name == table->target_name ||
                             (rule.table.size() == 1 && rule.table[0] == table->target->name.name));
      if (!on_table) continue;
    } else if (!options_.tables.empty()) {
      continue;  // a rule on a table the caller did not ask for
    }
    done[i] = true;
    check_cancel();
    const auto start = Clock::now();
    CheckResult check = run_rule(target_, rule, *inputs_.target, options_.allow_sample_values);
    if (check.duration_ms == 0) check.duration_ms = ms_since(start);
    add(std::move(check));
  }
}

/// The anomaly detectors over every compared column pair; a failure is a
/// diagnostic.
void Runner::anomalies(const ValidationPlan& plan) {
  std::vector<AnomalyColumn> columns;
  for (const PlannedTable& table : plan.tables) {
    if (!table.comparable) continue;
    for (const PlannedColumn& p : table.columns)
      columns.push_back({table.source_parts,
                         table.target_parts,
                         p.source_column,
                         p.target_column,
                         p.source_expression,
                         p.source_type,
                         p.target_type,
                         {table.mapping_id, p.mapping_id}});
  }
  if (columns.empty()) return;
  check_cancel();
  AnomalyOptions options;
  options.allow_sample_values = options_.allow_sample_values;
  try {
    std::vector<Anomaly> found = detect_anomalies(source_, target_, columns, options);
    for (Anomaly& a : found) report_.anomalies.push_back(std::move(a));
  } catch (const DiffCancelled&) {
    throw;
  } catch (const std::exception& e) {
    Diagnostic d;
    d.code = "W-VALIDATE-ANOMALIES";
    d.severity = godwit::Severity::kWarning;
    d.message = "The anomaly detectors stopped: " + failure_text(e);
    report_.diagnostics.push_back(std::move(d));
  }
}

ValidationReport Runner::run() {
  const auto start = Clock::now();
  report_.source_engine = std::string(to_string(source_.engine()));
  report_.target_engine = std::string(to_string(target_.engine()));
  if (report_.source_engine == "postgresql") report_.source_engine = "postgres";
  if (report_.target_engine == "postgresql") report_.target_engine = "postgres";
  check_cancel();
  report_progress(0, "planning");
  const ValidationPlan plan = plan_validation(
      *inputs_.source, *inputs_.target, *inputs_.mapping,
      dialect_of(source_.engine(), inputs_.mapping->source.dialect), options_.tables);
  report_.diagnostics = plan.diagnostics;
  if (options_.schema)
    for (const CheckResult& c : plan.schema_checks) add(c);
  report_progress(2, "schema");

  std::vector<bool> rules_done(inputs_.rules.size(), false);
  const double share = plan.tables.empty() ? 0 : 96.0 / static_cast<double>(plan.tables.size());
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const PlannedTable& table = plan.tables[i];
    const double at = 2 + share * static_cast<double>(i);
    const std::size_t first_check = report_.checks.size();
    TableSummary summary;
    summary.source_table = table.source_name;
    summary.target_table = table.target_name;
    summary.mapping_ids = table.mapping_ids;
    if (table.comparable) {
      if (options_.row_counts || options_.aggregates) {
        report_progress(at, table.target_name + ": row counts and aggregates");
        compare_sides(table, summary);
      }
      if (options_.keyed_diff) {
        report_progress(at + share * 0.4, table.target_name + ": keyed diff");
        keyed_diff(table, summary);
      }
    } else if (table.diffable_as_query() && options_.keyed_diff) {
      report_progress(at + share * 0.4, table.target_name + ": keyed diff against the join");
      keyed_diff(table, summary);
      Diagnostic d;
      d.code = "I-VALIDATE-JOINED-SOURCE";
      d.severity = godwit::Severity::kInfo;
      d.message =
          table.target_name + " was compared row by row only: " + table.not_comparable + ".";
      report_.diagnostics.push_back(std::move(d));
    } else {
      Diagnostic d;
      d.code = "W-VALIDATE-NOT-COMPARED";
      d.severity = godwit::Severity::kWarning;
      d.message =
          table.target_name + " was not compared with its source: " + table.not_comparable + ".";
      report_.diagnostics.push_back(std::move(d));
    }
    if (options_.referential_integrity) {
      report_progress(at + share * 0.8, table.target_name + ": referential integrity");
      orphans(table);
    }
    if (options_.uniqueness) {
      report_progress(at + share * 0.9, table.target_name + ": uniqueness");
      uniqueness(table);
    }
    if (!inputs_.rules.empty()) {
      report_progress(at + share * 0.95, table.target_name + ": rules");
      rules(&table, rules_done);
    }
    // The table's schema check belongs to its summary too.
    if (options_.schema)
      for (const CheckResult& c : plan.schema_checks)
        if (c.target_table == table.target_name) {
          if (c.status == CheckStatus::kFailed) ++summary.checks_failed;
          if (c.status == CheckStatus::kPassed) ++summary.checks_passed;
        }
    for (std::size_t k = first_check; k < report_.checks.size(); ++k) {
      const CheckResult& c = report_.checks[k];
      if (c.status == CheckStatus::kPassed) ++summary.checks_passed;
      if (c.status == CheckStatus::kFailed) ++summary.checks_failed;
      if (c.status == CheckStatus::kError) ++summary.checks_errored;
      if (c.kind == CheckKind::kKeyedDiff || c.kind == CheckKind::kRule) {
        summary.records_tested += c.records_tested;
        summary.records_failed += c.records_failed;
      }
    }
    summary.status = summary.checks_errored ? "error" : summary.checks_failed ? "failed" : "passed";
    summary.accuracy = summary.records_tested == 0
                           ? 1.0
                           : 1.0 - static_cast<double>(summary.records_failed) /
                                       static_cast<double>(summary.records_tested);
    report_.tables.push_back(std::move(summary));
  }

  if (!inputs_.rules.empty()) rules(nullptr, rules_done);
  if (!inputs_.tests.empty()) report_progress(98, "test cases");
  for (const TestCase& test : inputs_.tests) {
    check_cancel();
    add(run_test_case(source_, target_, test, options_.allow_sample_values));
  }
  if (options_.anomalies) {
    report_progress(99, "anomalies");
    anomalies(plan);
    // Ranked and explained: by the model when one is wired and its answer checks out.
    check_cancel();
    explain_anomalies(report_, *inputs_.target, inputs_.explain_anomalies);
  }

  for (const CheckResult& c : report_.checks) {
    switch (c.status) {
      case CheckStatus::kPassed: ++report_.checks_passed; break;
      case CheckStatus::kFailed: ++report_.checks_failed; break;
      case CheckStatus::kError: ++report_.checks_errored; break;
      case CheckStatus::kSkipped: ++report_.checks_skipped; break;
    }
    if (c.kind == CheckKind::kKeyedDiff || c.kind == CheckKind::kRule) {
      report_.records_tested += c.records_tested;
      report_.records_failed += c.records_failed;
    }
  }
  report_.overall_accuracy = report_.records_tested == 0
                                 ? 1.0
                                 : 1.0 - static_cast<double>(report_.records_failed) /
                                             static_cast<double>(report_.records_tested);
  report_.duration_ms = ms_since(start);
  report_progress(100, "done");
  return std::move(report_);
}

}  // namespace

ValidationReport run_validation(Connector& source, Connector& target,
                                const ValidationInputs& inputs, const RunProgress& progress,
                                const std::atomic<bool>* cancel) {
  if (!inputs.source || !inputs.target || !inputs.mapping)
    throw Error(ErrorKind::kInvalidInput,
                "validation needs the source catalog, the target catalog and "
                "the mapping; one "
                "of them was not given");
  return Runner(source, target, inputs, progress, cancel).run();
}

}  // namespace godwit::validation
