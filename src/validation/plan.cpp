#include "validation/plan.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "codegen/resolved_mapping.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/types/struct_member.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::validation {

namespace {

using mapping::MappingStatus;
using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool selected(MappingStatus status) {
  return status == MappingStatus::kApproved || status == MappingStatus::kManual;
}

bool is_number(sql::TypeKind kind) {
  return kind == sql::TypeKind::kInteger || kind == sql::TypeKind::kDecimal ||
         kind == sql::TypeKind::kFloat;
}

/// Whether a copy keeps each side's own type when profiled and normalised: within a type
/// family (numbers, or one kind), or when a side's type is unknown.
bool same_family(const sql::LogicalType& source, const sql::LogicalType& target) {
  return source.kind == target.kind || source.kind == sql::TypeKind::kUnknown ||
         target.kind == sql::TypeKind::kUnknown ||
         (is_number(source.kind) && is_number(target.kind));
}

const schema::Column* find_column(const schema::Table& table, std::string_view name) {
  for (const schema::Column& c : table.columns)
    if (iequals(c.name, name)) return &c;
  return nullptr;
}

std::vector<std::string> name_parts(const schema::QualifiedName& name) {
  std::vector<std::string> parts;
  if (!name.schema.empty()) parts.push_back(name.schema);
  parts.push_back(name.name);
  return parts;
}

bool wanted(const std::vector<std::string>& filter, const schema::Table& table) {
  if (filter.empty()) return true;
  const std::string full = table.name.to_string();
  return std::any_of(filter.begin(), filter.end(), [&](const std::string& f) {
    return iequals(f, full) || iequals(f, table.name.name);
  });
}

Diagnostic note(std::string code, godwit::Severity severity, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = std::move(message);
  return d;
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

/// The schema check of one table mapping: the target table and every mapped target
/// column exist, and plain copies go between compatible types.
CheckResult schema_check(const schema::Catalog& source, const schema::Catalog& target,
                         const mapping::TableMapping& tm,
                         const std::vector<const mapping::FieldMapping*>& fields) {
  CheckResult c;
  c.id = "schema:" + tm.target_table;
  c.kind = CheckKind::kSchema;
  c.severity = Severity::kCritical;
  c.target_table = tm.target_table;
  c.source_table = join(tm.source_tables);
  c.mapping_ids.push_back(tm.id);
  for (const mapping::FieldMapping* f : fields) c.mapping_ids.push_back(f->id);
  c.records_tested = 0;

  const schema::Table* table = target.find_table(tm.target_table);
  if (table) {
    c.id = "schema:" + table->name.to_string();
    c.target_table = table->name.to_string();
  }
  std::vector<std::string> missing_sources;
  for (const std::string& name : tm.source_tables)
    if (!source.find_table(name)) missing_sources.push_back(name);

  json expected = json::array(), actual = json::array();
  std::vector<std::string> problems;
  if (!table) problems.push_back("the target table " + tm.target_table + " does not exist");
  if (!missing_sources.empty())
    problems.push_back("the source table" + std::string(missing_sources.size() > 1 ? "s " : " ") +
                       join(missing_sources) + (missing_sources.size() > 1 ? " do" : " does") +
                       " not exist");
  std::vector<std::string> missing_columns, incompatible;
  for (const mapping::FieldMapping* f : fields) {
    const schema::Column* tcol = table ? find_column(*table, f->target.column) : nullptr;
    // A member of a STRUCT column ("address.city", "contact.address.city") has its type.
    const sql::LogicalType* ttype = tcol ? &tcol->type : nullptr;
    std::string tname = tcol ? tcol->name : std::string();
    if (table && !tcol) {
      const std::size_t dot = f->target.column.find('.');
      if (const schema::Column* head = dot == std::string::npos
                                           ? nullptr
                                           : find_column(*table, f->target.column.substr(0, dot))) {
        std::string path;
        if (const sql::StructField* member = sql::find_struct_member(
                head->type, std::string_view(f->target.column).substr(dot + 1), &path)) {
          ttype = &member->type;
          tname = head->name + "." + path;
        }
      }
    }
    const schema::Column* scol = nullptr;
    if (f->sources.size() == 1)
      if (const schema::Table* st = source.find_table(f->sources[0].table))
        scol = find_column(*st, f->sources[0].column);
    json want = {{"column", f->target.column}, {"mapping_id", f->id}};
    if (scol) want["source_type"] = sql::to_string(scol->type);
    expected.push_back(want);
    if (!table) continue;
    if (!ttype) {
      missing_columns.push_back(f->target.column);
      actual.push_back({{"column", f->target.column}, {"exists", false}});
      continue;
    }
    json got = {{"column", tname}, {"exists", true}, {"type", sql::to_string(*ttype)}};
    // Only a plain copy has a type to compare; a formula's result type is the formula's.
    const bool plain = scol && f->formula.empty() && !f->value_map;
    if (plain && scol->type.kind != sql::TypeKind::kUnknown &&
        ttype->kind != sql::TypeKind::kUnknown) {
      const sql::CastSafety safety = sql::cast_safety(scol->type, *ttype);
      got["cast"] = sql::to_string(safety.verdict);
      if (safety.verdict == sql::CastVerdict::kIncompatible)
        incompatible.push_back(tname + " (" + sql::to_string(scol->type) + " into " +
                               sql::to_string(*ttype) + ")");
    }
    actual.push_back(got);
  }
  if (!missing_columns.empty())
    problems.push_back("the mapped column" + std::string(missing_columns.size() > 1 ? "s " : " ") +
                       join(missing_columns) + (missing_columns.size() > 1 ? " are" : " is") +
                       " missing from the target table");
  if (!incompatible.empty())
    problems.push_back("the source type cannot be cast to the target type for " +
                       join(incompatible));
  c.expected = expected;
  c.actual = actual;
  c.records_tested = fields.size();
  c.records_failed = missing_columns.size() + incompatible.size();
  if (problems.empty()) {
    c.status = CheckStatus::kPassed;
    c.message = "The target table " + c.target_table + " exists with all " +
                std::to_string(fields.size()) + " mapped columns, in types the source values fit.";
  } else {
    c.status = CheckStatus::kFailed;
    c.message = "Schema of " + c.target_table + ": " + join(problems, "; ") +
                " (regenerate and apply the target DDL, or fix the mapping).";
  }
  return c;
}

/// The key pairs for target key columns `columns`, when each is a plain copy.
std::vector<ComparedColumn> key_pairs(const std::vector<std::string>& columns,
                                      const std::vector<PlannedColumn>& planned) {
  std::vector<ComparedColumn> out;
  for (const std::string& name : columns) {
    auto it = std::find_if(planned.begin(), planned.end(), [&](const PlannedColumn& p) {
      return p.row_comparable() && iequals(p.target_column, name);
    });
    if (it == planned.end()) return {};
    out.push_back({it->source_column, it->target_column, it->source_type, it->target_type});
  }
  return out;
}

/// The key pairs for source key columns `columns` mapped forward to target columns.
std::vector<ComparedColumn> source_key_pairs(const std::vector<std::string>& columns,
                                             const std::vector<PlannedColumn>& planned) {
  std::vector<ComparedColumn> out;
  for (const std::string& name : columns) {
    auto it = std::find_if(planned.begin(), planned.end(), [&](const PlannedColumn& p) {
      return p.row_comparable() && iequals(p.source_column, name);
    });
    if (it == planned.end()) return {};
    out.push_back({it->source_column, it->target_column, it->source_type, it->target_type});
  }
  return out;
}

void choose_key(PlannedTable& table) {
  const schema::Table& t = *table.target;
  if (t.primary_key) {
    table.key = key_pairs(t.primary_key->columns, table.columns);
    if (!table.key.empty()) {
      table.key_origin = "primary key";
      return;
    }
  }
  for (const schema::Key& k : t.unique_keys) {
    table.key = key_pairs(k.columns, table.columns);
    if (!table.key.empty()) {
      table.key_origin = "unique key" + (k.name.empty() ? std::string() : " " + k.name);
      return;
    }
  }
  if (table.source) {
    if (table.source->primary_key) {
      table.key = source_key_pairs(table.source->primary_key->columns, table.columns);
      if (!table.key.empty()) {
        table.key_origin = "source primary key";
        return;
      }
    }
    for (const schema::Key& k : table.source->unique_keys) {
      table.key = source_key_pairs(k.columns, table.columns);
      if (!table.key.empty()) {
        table.key_origin = "source unique key" + (k.name.empty() ? std::string() : " " + k.name);
        return;
      }
    }
  }
}

}  // namespace

std::string dialect_of(Engine engine, std::string_view fallback) {
  switch (engine) {
    case Engine::kPostgres: return "postgres";
    case Engine::kMariaDb: return "mysql";
    case Engine::kSqlite: return "sqlite";
    case Engine::kBigQuery: return "bigquery";
    case Engine::kDatabricks: return "databricks";
    case Engine::kOdbc: break;
  }
  auto canonical = sql::canonical_dialect_name(fallback);
  return canonical ? std::string(*canonical) : "ansi";
}

ValidationPlan plan_validation(const schema::Catalog& source, const schema::Catalog& target,
                               const mapping::MappingDocument& mapping,
                               std::string_view source_dialect,
                               const std::vector<std::string>& tables) {
  ValidationPlan plan;
  auto canonical = sql::canonical_dialect_name(source_dialect);
  plan.source_dialect = canonical ? std::string(*canonical) : "ansi";
  if (!canonical)
    plan.diagnostics.push_back(note("W-VALIDATE-DIALECT", godwit::Severity::kWarning,
                                    "The source dialect '" + std::string(source_dialect) +
                                        "' is unknown; formulas are printed as ANSI SQL."));

  // Schema checks straight from the document: resolving drops what does not exist, and
  // what does not exist is exactly what this check reports.
  std::map<std::string, std::vector<const mapping::FieldMapping*>> fields_by_target;
  for (const mapping::FieldMapping& f : mapping.fields)
    if (selected(f.status)) {
      std::string key = f.target.table;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      fields_by_target[key].push_back(&f);
    }
  for (const mapping::TableMapping& tm : mapping.tables) {
    if (tm.status == MappingStatus::kRejected) continue;
    std::string key = tm.target_table;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    auto fields = fields_by_target.find(key);
    const bool has_fields = fields != fields_by_target.end() && !fields->second.empty();
    if (!selected(tm.status) && !has_fields) continue;
    const schema::Table* t = target.find_table(tm.target_table);
    if (!tables.empty()) {
      const bool match = t ? wanted(tables, *t)
                           : std::any_of(tables.begin(), tables.end(), [&](const std::string& f) {
                               return iequals(f, tm.target_table);
                             });
      if (!match) continue;
    }
    plan.schema_checks.push_back(
        schema_check(source, target, tm, has_fields ? fields->second : decltype(fields->second){}));
  }

  codegen::ResolvedMapping resolved = codegen::resolve_mapping(source, target, mapping, {});
  for (Diagnostic& d : resolved.diagnostics) {
    // Unknown tables and columns are the schema check's findings already.
    if (d.code == "E-CODEGEN-UNKNOWN-TABLE" || d.code == "E-CODEGEN-UNKNOWN-COLUMN") continue;
    if (d.code == "W-CODEGEN-UNMAPPED-NOT-NULL" || d.code == "W-CODEGEN-NO-FIELDS") continue;
    plan.diagnostics.push_back(std::move(d));
  }
  for (const codegen::ResolvedTable& rt : resolved.tables) {
    if (!wanted(tables, *rt.target)) continue;
    PlannedTable table;
    table.mapping_id = rt.mapping_id;
    table.mapping_ids = rt.ids();
    table.target = rt.target;
    table.target_name = rt.target_name;
    table.target_parts = name_parts(rt.target->name);
    std::vector<std::string> names;
    for (const codegen::ResolvedSource& s : rt.sources) names.push_back(s.name);
    table.source_name = join(names);
    if (rt.sources.size() == 1) {
      table.source = rt.sources[0].table;
      table.source_parts = name_parts(table.source->name);
    }
    std::vector<Diagnostic> translation;
    const codegen::TranslatedTable translated = codegen::translate_table(
        rt, resolved.formula_dialect, plan.source_dialect, "mapping", translation);
    for (Diagnostic& d : translation) {
      d.message = "Comparing " + rt.target_name + " in the source dialect: " + d.message;
      plan.diagnostics.push_back(std::move(d));
    }
    if (rt.sources.size() != 1 || !rt.filter.empty()) {
      table.comparable = false;
      const std::string what = rt.sources.size() != 1
                                   ? std::to_string(rt.sources.size()) + " source tables joined (" +
                                         table.source_name + ")"
                                   : "a filtered part of " + table.source_name;
      // The keyed diff can compare against the same SELECT the generated code loads from,
      // when the join and the filter translate to the source dialect.
      std::string why_not;
      if (rt.sources.size() > 1 && rt.join.empty())
        why_not =
            "the table mapping has no join condition (its sources would be cross "
            "joined); set its join";
      else if (!rt.join.empty() && (translated.join.empty() || translated.join == "NULL"))
        why_not = "its join condition could not be translated to " + plan.source_dialect;
      else if (!rt.filter.empty() && (translated.filter.empty() || translated.filter == "NULL"))
        why_not = "its filter could not be translated to " + plan.source_dialect;
      if (why_not.empty()) {
        for (const codegen::ResolvedSource& s : rt.sources)
          table.joined_sources.push_back({name_parts(s.table->name), s.alias});
        table.join_condition = translated.join;
        table.source_filter = translated.filter;
        table.not_comparable = "it is filled from " + what +
                               "; row counts and aggregates are not compared, the keyed diff "
                               "compares it with that query";
      } else {
        table.not_comparable =
            "it is filled from " + what + " and " + why_not + "; only target-side checks run";
      }
    }
    for (std::size_t i = 0; i < rt.fields.size(); ++i) {
      const codegen::ResolvedField& f = rt.fields[i];
      const mapping::FieldMapping* fm = nullptr;
      for (const mapping::FieldMapping& candidate : mapping.fields)
        if (candidate.id == f.mapping_id) fm = &candidate;
      PlannedColumn c;
      c.mapping_id = f.mapping_id;
      c.target_column = f.target->name;
      c.target_type = f.target->type;
      const bool plain = f.source && !f.value_map && fm && fm->formula.empty();
      if (table.diffable_as_query()) {
        // Over a join every value is an expression over the aliases, plain copies too
        // (they keep their source column's name and type).
        if (translated.expressions[i] == "NULL" && f.expression != "NULL") {
          table.joined_sources.clear();
          table.not_comparable = "the formula of " + c.target_column +
                                 " could not be translated to " + plan.source_dialect +
                                 "; only target-side checks run";
        }
        c.source_expression = translated.expressions[i];
        if (plain) c.source_column = f.source->name;
        c.source_type = plain ? f.source->type : f.target->type;
        if (!same_family(c.source_type, c.target_type)) c.source_type = c.target_type;
        table.columns.push_back(std::move(c));
        continue;
      }
      if (plain) {
        c.source_column = f.source->name;
        c.source_type = f.source->type;
        // A copy across type families (TINYINT(1) into BOOLEAN, text into DATE) is
        // profiled and normalised as the type it was loaded as, so both sides compute the
        // same metrics; within a family each side keeps its own type (scale, precision).
        if (!same_family(c.source_type, c.target_type)) c.source_type = c.target_type;
      } else {
        if (translated.expressions[i] == "NULL" && f.expression != "NULL") {
          plan.diagnostics.push_back(
              note("W-VALIDATE-FORMULA", godwit::Severity::kWarning,
                   rt.target_name + "." + c.target_column + " (" + f.mapping_id +
                       ") is not compared: its formula could not be translated to " +
                       plan.source_dialect + "."));
          continue;
        }
        c.source_expression = translated.expressions[i];
        c.source_type = f.target->type;
      }
      table.columns.push_back(std::move(c));
    }
    if (table.diffable_as_query()) {
      // The key is the target's, read from the query's output columns of the same names.
      const schema::Table& t = *table.target;
      std::vector<std::vector<std::string>> candidates;
      if (t.primary_key) candidates.push_back(t.primary_key->columns);
      for (const schema::Key& k : t.unique_keys) candidates.push_back(k.columns);
      for (const auto& columns : candidates) {
        std::vector<ComparedColumn> key;
        for (const std::string& name : columns) {
          auto it =
              std::find_if(table.columns.begin(), table.columns.end(),
                           [&](const PlannedColumn& p) { return iequals(p.target_column, name); });
          if (it == table.columns.end()) break;
          key.push_back({it->target_column, it->target_column, it->source_type, it->target_type});
        }
        if (key.size() == columns.size() && !key.empty()) {
          table.key = std::move(key);
          table.key_origin =
              t.primary_key && columns == t.primary_key->columns ? "primary key" : "unique key";
          break;
        }
      }
    } else {
      choose_key(table);
    }
    plan.tables.push_back(std::move(table));
  }
  return plan;
}

}  // namespace godwit::validation
