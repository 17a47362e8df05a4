// Complexity scores per table and per project (docs/discovery.md has the formula).
#include "discovery/complexity.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/text.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::discovery {
namespace {

double round1(double v) {
  return std::round(v * 10.0) / 10.0;
}

bool is_exotic(sql::TypeKind kind) {
  switch (kind) {
    case sql::TypeKind::kUnknown:
    case sql::TypeKind::kGeography:
    case sql::TypeKind::kGeometry:
    case sql::TypeKind::kStruct:
    case sql::TypeKind::kMap:
    case sql::TypeKind::kArray:
    case sql::TypeKind::kInterval:
    case sql::TypeKind::kVariant:
    case sql::TypeKind::kXml:
    case sql::TypeKind::kPeriod: return true;
    default: return false;
  }
}

/// Adds a factor worth min(cap, count * each) when count is not zero.
void add(std::vector<ComplexityFactor>& factors, const char* code, std::size_t count, double each,
         double cap, std::string detail = {}) {
  if (count == 0) return;
  factors.push_back(
      {code, count, std::min(cap, static_cast<double>(count) * each), std::move(detail)});
}

/// Appends `word` to a comma-separated list unless it is there already.
void note(std::string& list, const std::string& word) {
  std::string padded = ", " + list + ",";
  if (padded.find(", " + word + ",") != std::string::npos) return;
  if (!list.empty()) list += ", ";
  list += word;
}

}  // namespace

ProjectComplexity compute_complexity(const schema::Catalog& catalog,
                                     const ComplexityOptions& options) {
  // Tables by lower-case name, to match routine and lineage references.
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;
  for (std::size_t i = 0; i < catalog.tables.size(); ++i)
    by_name[to_lower(catalog.tables[i].name.name)].push_back(i);
  auto matches = [&](const schema::QualifiedName& ref) {
    std::vector<std::size_t> out;
    auto it = by_name.find(to_lower(ref.name));
    if (it == by_name.end()) return out;
    for (std::size_t i : it->second) {
      const schema::QualifiedName& n = catalog.tables[i].name;
      if (!ref.schema.empty() && !n.schema.empty() && !iequals(ref.schema, n.schema)) continue;
      out.push_back(i);
    }
    return out;
  };

  std::vector<std::size_t> routine_refs(catalog.tables.size(), 0);
  for (const schema::Routine& r : catalog.routines) {
    std::set<std::size_t> seen;
    for (const auto* list : {&r.reads, &r.writes})
      for (const schema::QualifiedName& q : *list)
        for (std::size_t i : matches(q)) seen.insert(i);
    if (!r.on_table.name.empty())
      for (std::size_t i : matches(r.on_table)) seen.insert(i);
    for (std::size_t i : seen) ++routine_refs[i];
  }
  std::vector<std::size_t> view_refs(catalog.tables.size(), 0);
  for (const schema::Lineage& l : catalog.lineage) {
    if (l.statement != "view") continue;
    std::set<std::size_t> seen;
    for (const schema::ColumnLineage& c : l.columns)
      for (const schema::SourceColumn& s : c.sources)
        for (std::size_t i : matches(s.table)) seen.insert(i);
    for (std::size_t i : seen) ++view_refs[i];
  }

  ProjectComplexity project;
  double sum = 0;
  for (std::size_t i = 0; i < catalog.tables.size(); ++i) {
    const schema::Table& t = catalog.tables[i];
    if (t.kind != schema::TableKind::kTable) continue;
    TableComplexity tc;
    tc.table_id = t.id;
    tc.table = t.name;
    std::size_t constraints =
        t.foreign_keys.size() + t.unique_keys.size() + t.checks.size() + (t.primary_key ? 1 : 0);
    std::size_t exotic = 0, lossy = 0;
    std::string exotic_kinds, loss_codes;
    for (const schema::Column& c : t.columns) {
      if (is_exotic(c.type.kind)) {
        ++exotic;
        note(exotic_kinds, std::string(sql::to_string(c.type.kind)));
        continue;  // counted once: its mapping is as uncertain as the type
      }
      if (!options.target) continue;
      sql::TypeMapping m = sql::map_type(c.type, *options.target);
      if (m.verdict == sql::CastVerdict::kSafe) continue;
      ++lossy;
      for (const sql::TypeLoss& loss : m.losses)
        note(loss_codes, std::string(sql::to_string(loss.code)));
    }
    add(tc.factors, "columns", t.columns.size(), 1.0 / 50, 2.0);
    add(tc.factors, "constraints", constraints, 0.25, 1.5);
    add(tc.factors, "procedural-references", routine_refs[i], 0.5, 2.0);
    add(tc.factors, "exotic-types", exotic, 0.5, 2.0, exotic_kinds);
    add(tc.factors, "type-losses", lossy, 0.25, 2.0, loss_codes);
    add(tc.factors, "dependent-views", view_refs[i], 0.25, 1.0);
    double score = 0;
    for (const ComplexityFactor& f : tc.factors) score += f.points;
    tc.score = round1(std::min(10.0, score));
    sum += tc.score;
    project.tables.push_back(std::move(tc));
  }
  const std::size_t n = project.tables.size();
  if (n > 0) {
    const double mean = sum / static_cast<double>(n);
    project.factors.push_back({"table-average", n, mean, {}});
    project.factors.push_back(
        {"table-count", n, std::min(2.0, 0.5 * std::log10(static_cast<double>(n))), {}});
  }
  add(project.factors, "routines", catalog.routines.size(), 1.0 / 50, 1.0);
  double score = 0;
  for (const ComplexityFactor& f : project.factors) score += f.points;
  project.score = round1(std::min(10.0, score));
  return project;
}

}  // namespace godwit::discovery
