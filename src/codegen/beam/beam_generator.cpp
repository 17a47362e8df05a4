// Apache Beam (Python): a runnable package — pipeline.py with argparse options, a read
// step per source table (JDBC or Parquet files), one DoFn per table mapping applying the
// formulas translated to Python, a dead-letter output for rows whose values do not
// convert, and WriteToBigQuery with the generated schema; requirements.txt and README.md.
#include <algorithm>
#include <map>
#include <set>

#include "codegen/beam/beam_join.hpp"
#include "codegen/generation_context.hpp"
#include "codegen/load_sql.hpp"
#include "codegen/resolved_mapping.hpp"
#include "sql/types/type_table.hpp"
#include "sql/types/type_writer.hpp"

namespace godwit::codegen {

namespace {

std::string py_string(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

std::string class_name(std::string_view table) {
  std::string out = "Transform";
  bool up = true;
  for (char c : table) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

/// The BigQuery type name without parameters, and the Python converter for it.
std::pair<std::string, std::string> bq_type(const schema::Column& c) {
  std::string t = column_type_sql(c, "bigquery");
  const std::size_t paren = t.find_first_of("(<");
  if (paren != std::string::npos) t = t.substr(0, paren);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  if (t.empty()) t = "STRING";
  return {t, t};
}

/// The BigQuery type name of `type` without parameters (STRING, INT64, STRUCT, ARRAY ...).
std::string bq_kind(const sql::LogicalType& type) {
  if (type.kind == sql::TypeKind::kUnknown) return "STRING";
  const sql::DialectTypeTable* table = sql::find_type_table("bigquery");
  std::string t = table ? sql::write_type(type, *table).text : std::string();
  const std::size_t paren = t.find_first_of("(<");
  if (paren != std::string::npos) t = t.substr(0, paren);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t.empty() ? "STRING" : t;
}

/// One field of WriteToBigQuery's table schema: a STRUCT is a RECORD with its fields, an
/// ARRAY its element's field with mode REPEATED (BigQuery has no nullable arrays).
std::string bq_schema_field(const std::string& name, const sql::LogicalType& type, bool nullable) {
  std::string mode = nullable ? "NULLABLE" : "REQUIRED";
  const sql::LogicalType* t = &type;
  if (t->kind == sql::TypeKind::kArray && t->element()) {
    t = t->element();
    mode = "REPEATED";
  }
  std::string out = "{'name': " + py_string(name);
  if (t->kind == sql::TypeKind::kStruct && t->fields) {
    out += ", 'type': 'RECORD', 'mode': " + py_string(mode) + ", 'fields': [";
    for (std::size_t i = 0; i < t->fields->size(); ++i)
      out += std::string(i ? ", " : "") +
             bq_schema_field((*t->fields)[i].name, (*t->fields)[i].type, true);
    return out + "]}";
  }
  return out + ", 'type': " + py_string(bq_kind(*t)) + ", 'mode': " + py_string(mode) + "}";
}

constexpr std::string_view kHelpers = R"PY(

def _cast(value, kind):
    """Converts a value to the Python type BigQuery expects for `kind`; raises on failure."""
    if value is None:
        return None
    if kind in ('STRUCT', 'RECORD', 'ARRAY'):
        return value
    if kind in ('INT64', 'INTEGER'):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError('not an integer: %r' % (value,))
        return int(value)
    if kind in ('FLOAT64', 'FLOAT'):
        return float(value)
    if kind in ('NUMERIC', 'BIGNUMERIC'):
        return str(decimal.Decimal(str(value)))
    if kind in ('BOOL', 'BOOLEAN'):
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ('true', 't', 'yes', 'y', '1'):
                return True
            if lowered in ('false', 'f', 'no', 'n', '0'):
                return False
            raise ValueError('not a boolean: %r' % (value,))
        return bool(value)
    if kind == 'DATE':
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    if kind in ('TIMESTAMP', 'DATETIME'):
        if isinstance(value, (datetime.datetime, datetime.date)):
            return value.isoformat()
        return datetime.datetime.fromisoformat(str(value)).isoformat()
    if kind == 'BYTES':
        return value if isinstance(value, bytes) else str(value).encode()
    return str(value)
)PY";

constexpr std::string_view kJoinHelpers = R"PY(

def _prefixed(row, alias):
    """A row of the first source as joins see it: each column as alias__column and as is."""
    out = {}
    for key, value in row.items():
        out[alias + '__' + key] = value
        out[key] = value
    return out


def _merge(left, right, alias):
    out = dict(left)
    for key, value in right.items():
        out[alias + '__' + key] = value
        out.setdefault(key, value)
    return out


def _inner_join(element, alias):
    """CoGroupByKey output to joined rows; a NULL key matches nothing, as in SQL."""
    key, groups = element
    if any(part is None for part in key):
        return
    for left in groups['left']:
        for right in groups['right']:
            yield _merge(left, right, alias)


def _lookup_join(row, alias, key, lookup):
    """Joins a row with the side input's rows of its key; a NULL key matches nothing."""
    k = key(row)
    if any(part is None for part in k):
        return
    for right in lookup.get(k, []):
        yield _merge(row, right, alias)
)PY";

}  // namespace

void generate_beam(const GenerationContext& context, GenerationResult& result) {
  const Options& o = context.options;
  const std::string path = "pipeline.py";
  FileBuilder f;
  f.add("# Generated by Godwit: Apache Beam pipeline for " + o.project_name + ".");
  f.add(R"PY("""Reads the source tables, applies the approved mappings and writes BigQuery.

Rows whose values do not convert go to the dead-letter table instead of failing the job.
Run: python pipeline.py --project=P --dataset=D --source=files --input=gs://bucket/export
"""
import argparse
import datetime
import decimal
import logging

import apache_beam as beam
from apache_beam.io.gcp.bigquery import WriteToBigQuery
from apache_beam.options.pipeline_options import PipelineOptions)PY");
  f.add(std::string(kHelpers));

  // Multi-source table mappings are joined (beam_join.hpp); the ones whose join cannot be
  // expressed as key equalities are reported and left to the SQL platforms.
  std::map<const ResolvedTable*, BeamJoinPlan> plans;
  for (const ResolvedTable& t : context.mapping.tables) {
    if (t.fields.empty() || t.sources.size() < 2) continue;
    BeamJoinPlan plan = plan_beam_join(t, context.mapping.formula_dialect, o);
    if (!plan.problem.empty()) {
      Diagnostic d;
      d.code = "W-CODEGEN-BEAM-JOIN";
      d.severity = Severity::kWarning;
      d.message = "Table mapping " + t.mapping_id + " joins " + std::to_string(t.sources.size()) +
                  " sources but " + plan.problem + ", so the Beam pipeline does not load " +
                  t.target_name + ". Write the join as equalities (s1.a = s2.b AND ...) or " +
                  "load it with the SQL platforms or dbt.";
      d.file = path;
      result.diagnostics.push_back(std::move(d));
      continue;
    }
    plans.emplace(&t, std::move(plan));
  }
  if (!plans.empty()) f.add(std::string(kJoinHelpers));

  struct Step {
    std::string cls;
    std::string target;
    std::string source;
    std::string schema;
    std::string mapping_id;
    const ResolvedTable* table = nullptr;
    const BeamJoinPlan* join = nullptr;
  };
  std::vector<Step> steps;
  for (const ResolvedTable& t : context.mapping.tables) {
    if (t.fields.empty()) continue;
    auto plan = plans.find(&t);
    if (t.sources.size() != 1 && plan == plans.end()) continue;
    std::vector<std::string> python;
    std::vector<std::vector<std::string>> member_python(t.fields.size());
    auto translate_members = [&](const ResolvedTable& table) {
      for (std::size_t i = 0; i < table.fields.size(); ++i)
        if (!table.fields[i].members.empty())
          member_python[i] = translate_members_to_python(
              table.fields[i], context.mapping.formula_dialect, path, result.diagnostics);
    };
    if (plan == plans.end()) {
      python =
          translate_table_to_python(t, context.mapping.formula_dialect, path, result.diagnostics);
      translate_members(t);
    } else {
      // Joined rows key every column by its source: s2.name reads row['s2__name'].
      ResolvedTable joined = t;
      for (ResolvedField& fd : joined.fields) {
        fd.expression = qualify_for_joined_row(fd.expression);
        auto qualify = [](std::vector<ResolvedMember>& members, auto&& self) -> void {
          for (ResolvedMember& m : members) {
            m.expression = qualify_for_joined_row(m.expression);
            self(m.members, self);
          }
        };
        qualify(fd.members, qualify);
      }
      python = translate_table_to_python(joined, context.mapping.formula_dialect, path,
                                         result.diagnostics);
      translate_members(joined);
    }
    // The table mapping's filter keeps the rows for which it is true (not NULL), as WHERE.
    std::string filter;
    if (!t.filter.empty()) {
      ResolvedTable only = t;
      only.fields.resize(1);
      only.fields[0].mapping_id = t.mapping_id;
      only.fields[0].expression = plan == plans.end() ? t.filter : qualify_for_joined_row(t.filter);
      std::vector<Diagnostic> notes;
      filter = translate_table_to_python(only, context.mapping.formula_dialect, path, notes)[0];
      result.diagnostics.insert(result.diagnostics.end(), notes.begin(), notes.end());
      if (filter.empty()) {
        Diagnostic d;
        d.code = "W-CODEGEN-BEAM-FILTER";
        d.severity = Severity::kWarning;
        d.message = "The filter of table mapping " + t.mapping_id +
                    " has no Python translation, so the Beam pipeline does not load " +
                    t.target_name + " (it would load rows the filter excludes).";
        d.file = path;
        result.diagnostics.push_back(std::move(d));
        continue;
      }
    }
    Step step{class_name(t.target_name),
              t.target_name,
              t.sources[0].staging_name,
              "",
              t.mapping_id,
              &t,
              plan == plans.end() ? nullptr : &plan->second};
    for (const Step& s : steps)
      if (s.cls == step.cls) step.cls += "_" + std::to_string(steps.size());
    f.add("\n\nclass " + step.cls + "(beam.DoFn):", {t.mapping_id});
    f.add(
        "    \"\"\"" + t.mapping_id + ": " + t.sources[0].name + " -> " + t.target_name + "\"\"\"",
        {t.mapping_id});
    f.add("\n    def process(self, row):\n        try:");
    if (!filter.empty())
      f.add("            if not (" + filter + "):\n                return", {t.mapping_id});
    f.add("            out = {}");
    std::string schema = "{'fields': [";
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
      const ResolvedField& fd = t.fields[i];
      if (!fd.members.empty()) {
        // A STRUCT filled member by member: a dict of the members, each cast on its own (a
        // member built from its own members a dict inside it); member_python holds the
        // leaves in the same depth-first order.
        std::size_t leaf = 0;
        auto dict = [&](const std::vector<ResolvedMember>& members, auto&& self) -> std::string {
          std::string value = "{";
          for (std::size_t m = 0; m < members.size(); ++m) {
            value += std::string(m ? ", " : "") + py_string(members[m].name) + ": ";
            value += members[m].members.empty() ? "_cast(" + member_python[i][leaf++] + ", " +
                                                      py_string(bq_kind(members[m].type)) + ")"
                                                : self(members[m].members, self);
          }
          return value + "}";
        };
        std::vector<std::string> ids;
        for (const ResolvedMember& m : fd.members) m.collect_ids(ids);
        f.add("            out[" + py_string(fd.target->name) + "] = " + dict(fd.members, dict),
              ids);
      } else {
        const std::string value = python[i].empty() ? "None" : python[i];
        f.add("            out[" + py_string(fd.target->name) + "] = _cast(" + value + ", " +
                  py_string(bq_type(*fd.target).first) + ")",
              {fd.mapping_id});
      }
      schema += std::string(i ? ", " : "") +
                bq_schema_field(fd.target->name, fd.target->type, fd.target->nullable);
    }
    schema += "]}";
    step.schema = schema;
    f.add(R"PY(        except (ValueError, TypeError, ArithmeticError, KeyError) as error:
            yield beam.pvalue.TaggedOutput('dead_letter', {
                'table': )PY" +
          py_string(t.target_name) + R"PY(,
                'row': repr(row),
                'error': str(error),
            })
            return
        yield out)PY");
    steps.push_back(std::move(step));
  }

  f.add(R"PY(

DEAD_LETTER_SCHEMA = {'fields': [
    {'name': 'table', 'type': 'STRING', 'mode': 'REQUIRED'},
    {'name': 'row', 'type': 'STRING', 'mode': 'NULLABLE'},
    {'name': 'error', 'type': 'STRING', 'mode': 'NULLABLE'},
]}


def read_source(pipeline, args, table):
    """One read step per source table: JDBC (a live database) or exported Parquet files."""
    if args.source == 'jdbc':
        from apache_beam.io.jdbc import ReadFromJdbc
        return (pipeline
                | 'Read ' + table >> ReadFromJdbc(
                    table_name=table,
                    driver_class_name=args.jdbc_driver,
                    jdbc_url=args.jdbc_url,
                    username=args.jdbc_user,
                    password=args.jdbc_password)
                | 'Dict ' + table >> beam.Map(lambda r: r._asdict()))
    return pipeline | 'Read ' + table >> beam.io.ReadFromParquet(
        '%s/%s/*.parquet' % (args.input, table))


def run(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--source', choices=['jdbc', 'files'], default='files')
    parser.add_argument('--input', help='files: prefix holding <table>/*.parquet')
    parser.add_argument('--jdbc_url')
    parser.add_argument('--jdbc_driver', default='org.postgresql.Driver')
    parser.add_argument('--jdbc_user')
    parser.add_argument('--jdbc_password')
    parser.add_argument('--project', required=True)
    parser.add_argument('--dataset', required=True)
    parser.add_argument('--dead_letter_table', default='godwit_dead_letter')
    args, beam_args = parser.parse_known_args(argv)
    with beam.Pipeline(options=PipelineOptions(beam_args)) as pipeline:
        dead_letters = [])PY");
  // Each source table is read once, however many table mappings use it (a second read
  // step with the same label would be rejected by Beam).
  const bool reshuffle_all = o.applied_advice.count("reshuffle:*") > 0;
  std::vector<std::string> reads;
  auto read_variable = [&](const std::string& source) {
    auto it = std::find(reads.begin(), reads.end(), source);
    return "source_" + std::to_string(it - reads.begin() + 1);
  };
  auto add_read = [&](const std::string& source, const std::string& mapping_id) {
    if (std::find(reads.begin(), reads.end(), source) != reads.end()) return;
    reads.push_back(source);
    const std::string var = read_variable(source);
    f.add("        " + var + " = read_source(pipeline, args, " + py_string(source) + ")",
          {mapping_id});
    if (reshuffle_all || o.applied_advice.count("reshuffle:" + source) > 0)
      f.add("        " + var + " = " + var + " | " + py_string("Reshuffle " + source) +
                " >> beam.Reshuffle()",
            {mapping_id});
  };
  for (const Step& s : steps) {
    add_read(s.source, s.mapping_id);
    if (s.join)
      for (const BeamJoinStep& j : s.join->steps) add_read(j.source->staging_name, s.mapping_id);
  }
  std::set<std::string> labels;
  for (const Step& s : steps) {
    // Labels are unique in a pipeline: a second table mapping of a target adds its id.
    const std::string label =
        labels.insert(s.target).second ? s.target : s.target + " " + s.mapping_id;
    std::string input = read_variable(s.source);
    if (s.join) {
      const std::string first = s.table->sources[0].alias;
      f.add("        joined = " + input + " | " + py_string("Prefix " + label + " " + first) +
                " >> beam.Map(_prefixed, " + py_string(first) + ")",
            {s.mapping_id});
      for (const BeamJoinStep& j : s.join->steps) {
        // Keys are tuples: "(r['s1__customer_id'],)".
        std::string left = "(", right = "(";
        for (std::size_t k = 0; k < j.left_keys.size(); ++k) {
          left += "r[" + py_string(j.left_keys[k]) + "],";
          right += "r[" + py_string(j.right_keys[k]) + "],";
          if (k + 1 < j.left_keys.size()) left += " ", right += " ";
        }
        left += ")";
        right += ")";
        const std::string tag = label + " " + j.source->alias;
        const std::string other = read_variable(j.source->staging_name);
        if (j.side_input) {
          f.add("        lookup = beam.pvalue.AsMultiMap(" + other + " | " +
                    py_string("Key " + tag) + " >> beam.Map(lambda r: (" + right + ", r)))",
                {s.mapping_id});
          f.add("        joined = joined | " + py_string("Lookup " + tag) +
                    " >> beam.FlatMap(\n            _lookup_join, " + py_string(j.source->alias) +
                    ", lambda r: " + left + ", lookup)",
                {s.mapping_id});
        } else {
          f.add("        joined = ({'left': joined | " + py_string("Key left " + tag) +
                    " >> beam.Map(lambda r: (" + left + ", r)),\n                  'right': " +
                    other + " | " + py_string("Key right " + tag) + " >> beam.Map(lambda r: (" +
                    right + ", r))}\n                  | " + py_string("Join " + tag) +
                    " >> beam.CoGroupByKey()\n                  | " + py_string("Merge " + tag) +
                    " >> beam.FlatMap(_inner_join, " + py_string(j.source->alias) + "))",
                {s.mapping_id});
        }
      }
      input = "joined";
    }
    f.add("        results = " + input + " | " + py_string("Map " + label) + " >> beam.ParDo(" +
              s.cls + "()).with_outputs('dead_letter', main='rows')",
          {s.mapping_id});
    std::string table = s.target;
    const std::size_t dot = table.rfind('.');
    if (dot != std::string::npos) table = table.substr(dot + 1);
    f.add("        results.rows | " + py_string("Write " + label) +
              " >> WriteToBigQuery(\n            table=" + py_string(table) +
              ", dataset=args.dataset, project=args.project,\n            schema=" + s.schema +
              ",\n            create_disposition='CREATE_IF_NEEDED', "
              "write_disposition='WRITE_APPEND')",
          {s.mapping_id});
    f.add("        dead_letters.append(results.dead_letter)");
  }
  f.add(R"PY(        if dead_letters:
            (dead_letters | 'Dead letters' >> beam.Flatten()
             | 'Write dead letters' >> WriteToBigQuery(
                 table=args.dead_letter_table, dataset=args.dataset, project=args.project,
                 schema=DEAD_LETTER_SCHEMA, create_disposition='CREATE_IF_NEEDED',
                 write_disposition='WRITE_APPEND'))


if __name__ == '__main__':
    logging.getLogger().setLevel(logging.INFO)
    run())PY");
  result.files.push_back(f.finish(path, "python"));

  FileBuilder req;
  req.add(
      "# Generated by Godwit: what pipeline.py needs.\napache-beam[gcp]>=2.50.0\npyarrow>=11.0.0");
  result.files.push_back(req.finish("requirements.txt", "text"));
  FileBuilder readme;
  readme.add("<!-- Generated by Godwit. -->\n# " + o.project_name +
             " — Apache Beam pipeline\n\n"
             "`pipeline.py` reads each source table (exported Parquet files or JDBC), applies the "
             "approved mappings (one DoFn per target table) and writes BigQuery. Rows with values "
             "that do not convert go to the dead-letter table with the error.\n\n"
             "```\npip install -r requirements.txt\npython pipeline.py --project=P --dataset=D "
             "--source=files --input=gs://bucket/export --runner=DataflowRunner\n```\n\n"
             "Tables: " +
             std::to_string(steps.size()) +
             ". See load_plan.json for the order "
             "when foreign keys are enforced downstream.");
  result.files.push_back(readme.finish("README.md", "markdown"));
}

}  // namespace godwit::codegen
