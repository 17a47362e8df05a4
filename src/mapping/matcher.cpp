// The matching engine (matcher.hpp): score column pairs, derive table similarity from
// them (neighbourhood), assign tables, re-rank columns with the table prior, attach
// transformations and calibrated confidence.
#include "mapping/matcher.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <set>
#include <unordered_map>

#include "mapping/composite.hpp"
#include "mapping/table_matcher.hpp"
#include "mapping/transform.hpp"
#include "mapping/wordnet.hpp"

namespace godwit::mapping {
namespace {

struct Candidate {
  std::size_t target = 0;
  double raw = 0;
  double final_score = 0;
  PairFeatures features;
};

Diagnostic note(std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Severity::kInfo;
  d.message = std::move(message);
  return d;
}

std::string join_condition(const schema::Catalog& source, const std::vector<std::string>& tables,
                           std::string_view dialect) {
  // A foreign key between two of the merged tables, else a shared column name.
  std::string out;
  for (std::size_t i = 1; i < tables.size(); ++i) {
    const schema::Table* a = nullptr;
    const schema::Table* b = nullptr;
    for (const schema::Table& t : source.tables) {
      if (t.name.to_string() == tables[0]) a = &t;
      if (t.name.to_string() == tables[i]) b = &t;
    }
    if (a == nullptr || b == nullptr) continue;
    std::string cond;
    for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
      for (const schema::ForeignKey& fk : from->foreign_keys) {
        if (!cond.empty() || fk.referenced_table.name != to->name.name) continue;
        std::vector<std::string> refs = fk.referenced_columns;
        if (refs.empty() && to->primary_key) refs = to->primary_key->columns;
        for (std::size_t k = 0; k < fk.columns.size() && k < refs.size(); ++k)
          cond += (k ? " AND " : "") + quote_identifier(from->name.name, dialect) + "." +
                  quote_identifier(fk.columns[k], dialect) + " = " +
                  quote_identifier(to->name.name, dialect) + "." +
                  quote_identifier(refs[k], dialect);
      }
    }
    if (cond.empty())
      for (const schema::Column& ca : a->columns) {
        if (b->find_column_by_key(ca.key) == nullptr) continue;
        cond = quote_identifier(a->name.name, dialect) + "." + quote_identifier(ca.name, dialect) +
               " = " + quote_identifier(b->name.name, dialect) + "." +
               quote_identifier(ca.name, dialect);
        break;
      }
    if (!cond.empty()) out += (out.empty() ? "" : " AND ") + cond;
  }
  return out;
}

/// Value maps and splits on a 1:1 candidate whose transformation is still direct or a cast.
template <typename HasParts>
void add_composite_transform(FieldMapping& f, const schema::Table& source_table,
                             const schema::Column& source_column, const schema::Table& target_table,
                             const schema::Column& target_column, const std::string& expr,
                             bool qualified, const std::string& dialect, bool validate,
                             HasParts& source_has_name_parts) {
  if (f.transformation != Transformation::kDirect && f.transformation != Transformation::kCast)
    return;
  if (!source_column.sample_values.empty()) {
    std::vector<std::string> accepted = accepted_values(target_table, target_column);
    if (auto vm = propose_value_map(source_column, target_column, accepted)) {
      f.transformation = Transformation::kCaseWhen;
      f.formula = expr;
      f.value_map = std::move(vm->map);
      f.evidence.push_back({"values", 1.0, 0.0, "value map: " + vm->detail});
      for (std::string& w : vm->warnings) f.warnings.push_back(std::move(w));
      return;
    }
  }
  if (whole_kind(source_table, source_column) != "person_name") return;
  std::string part = name_part(target_table, target_column);
  if ((part != "first" && part != "last") || source_has_name_parts(source_table)) return;
  f.transformation = Transformation::kComputed;
  f.formula = split_formula(expr, part == "last", dialect);
  f.evidence.push_back({"name", 1.0, 0.0,
                        "split: " + source_column.name + " holds whole names; " +
                            target_column.name + " is its " + part + " word"});
  f.warnings.push_back(source_column.name + " -> " + target_column.name + ": split on spaces; " +
                       "names with more than two words (middle names, particles such as 'van "
                       "der') need review");
  if (validate && !dialect.empty()) {
    std::vector<Diagnostic> errors;
    std::string allowed =
        qualified ? source_table.name.name + "." + source_column.name : source_column.name;
    if (!validate_formula(f.formula, dialect, {allowed}, errors))
      for (const Diagnostic& e : errors) f.warnings.push_back("formula: " + e.message);
  }
}

}  // namespace

MatchResult match_schemas(const schema::Catalog& source, const schema::Catalog& target,
                          const MatchOptions& options) {
  MatchResult result;
  MappingDocument& doc = result.document;
  doc.source = options.source;
  doc.target = options.target;
  doc.formula_dialect =
      options.formula_dialect.empty() ? options.target.dialect : options.formula_dialect;
  if (options.use_wordnet && !WordNet::shared().available())
    result.diagnostics.push_back(note("W-MAPPING-WORDNET", WordNet::shared().status()));

  MatchContext ctx(source, target, options.use_wordnet);
  const SideProfiles& src = ctx.source();
  const SideProfiles& tgt = ctx.target();
  const std::size_t ns = src.columns.size(), nt = tgt.columns.size();
  const int top_k = std::max(1, options.top_k);
  const std::size_t keep = static_cast<std::size_t>(std::max(20, top_k * 4));

  // Blocking for very large schemas: target columns sharing a similar name token.
  const bool blocking = ns * nt > options.blocking_threshold;
  std::vector<std::vector<std::size_t>> by_token;
  if (blocking) {
    by_token.resize(ctx.vocabulary().size());
    for (std::size_t t = 0; t < nt; ++t)
      for (int id : tgt.columns[t].full_tokens) by_token[static_cast<std::size_t>(id)].push_back(t);
    result.diagnostics.push_back(
        note("I-MAPPING-BLOCKING", std::to_string(ns) + " x " + std::to_string(nt) +
                                       " columns: only pairs sharing a similar name token are "
                                       "scored (two similar tokens for common words, else the "
                                       "same type)"));
  }
  // Fallback blocks for columns whose tokens are all too common ("customer", "id" in every
  // table): target columns sharing two similar tokens, else one token and the type.
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_pair;
  auto pair_key = [](int a, int b) {
    if (a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
           static_cast<std::uint32_t>(b);
  };
  if (blocking)
    for (std::size_t t = 0; t < nt; ++t) {
      const std::vector<int>& tokens = tgt.columns[t].full_tokens;
      for (std::size_t i = 0; i < tokens.size(); ++i)
        for (std::size_t j = i + 1; j < tokens.size(); ++j)
          if (tokens[i] != tokens[j]) by_pair[pair_key(tokens[i], tokens[j])].push_back(t);
    }

  // 1. Column pair scores; keep the best few per source column.
  std::vector<std::vector<Candidate>> candidates(ns);
  std::vector<char> seen(nt, 0);
  std::vector<std::size_t> block;
  for (std::size_t s = 0; s < ns; ++s) {
    const ColumnProfile& sp = src.columns[s];
    std::vector<Candidate>& list = candidates[s];
    double floor = -1;  // the worst kept score once the list is full
    auto score = [&](std::size_t t) {
      Candidate c;
      c.target = t;
      c.features = ctx.features(sp, tgt.columns[t]);
      c.raw = ctx.combine(c.features, options.weights, nullptr);
      ++result.pairs_scored;
      if (list.size() < keep * 2) {
        list.push_back(c);
      } else if (c.raw > floor) {
        auto worst = std::min_element(list.begin(), list.end(),
                                      [](const auto& a, const auto& b) { return a.raw < b.raw; });
        if (worst->raw < c.raw) *worst = c;
        floor = std::min_element(list.begin(), list.end(), [](const auto& a, const auto& b) {
                  return a.raw < b.raw;
                })->raw;
      }
    };
    if (!blocking) {
      for (std::size_t t = 0; t < nt; ++t) score(t);
    } else {
      block.clear();
      for (int id : sp.full_tokens)
        for (const auto& [similar, sim] : ctx.vocabulary().similar(id)) {
          (void)sim;
          const auto& targets = by_token[static_cast<std::size_t>(similar)];
          if (targets.size() > 2000) continue;  // "id", "name": everywhere, no signal
          for (std::size_t t : targets)
            if (!seen[t]) {
              seen[t] = 1;
              block.push_back(t);
            }
        }
      // Fallback 1: two similar tokens in common (rare as a pair even when each is common).
      if (block.size() < keep) {
        const std::vector<int>& tokens = sp.full_tokens;
        for (std::size_t i = 0; i < tokens.size(); ++i)
          for (std::size_t j = i + 1; j < tokens.size(); ++j)
            for (const auto& [a, sa] : ctx.vocabulary().similar(tokens[i]))
              for (const auto& [b, sb] : ctx.vocabulary().similar(tokens[j])) {
                (void)sa;
                (void)sb;
                if (a == b) continue;
                auto it = by_pair.find(pair_key(a, b));
                if (it == by_pair.end() || it->second.size() > 2000) continue;
                for (std::size_t t : it->second)
                  if (!seen[t]) {
                    seen[t] = 1;
                    block.push_back(t);
                  }
              }
      }
      // Fallback 2: one similar token and the same type, at most 2,000 such columns.
      if (block.size() < keep) {
        std::size_t added = 0;
        for (int id : sp.full_tokens) {
          for (const auto& [similar, sim] : ctx.vocabulary().similar(id)) {
            (void)sim;
            for (std::size_t t : by_token[static_cast<std::size_t>(similar)]) {
              if (seen[t] || tgt.columns[t].type_id != sp.type_id) continue;
              seen[t] = 1;
              block.push_back(t);
              if (++added >= 2000) break;
            }
            if (added >= 2000) break;
          }
          if (added >= 2000) break;
        }
      }
      for (std::size_t t : block) {
        seen[t] = 0;
        score(t);
      }
    }
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.raw > b.raw; });
    if (list.size() > keep) list.resize(keep);
  }

  // 2. Table similarity: table names plus how well the columns match (neighbourhood).
  const std::size_t nst = src.tables.size(), ntt = tgt.tables.size();
  std::vector<std::vector<double>> overlap(nst, std::vector<double>(ntt, 0));
  for (std::size_t s = 0; s < ns; ++s) {
    std::vector<double> best(ntt, 0);
    for (const Candidate& c : candidates[s]) {
      std::size_t tt = tgt.columns[c.target].table;
      best[tt] = std::max(best[tt], c.raw);
    }
    for (std::size_t tt = 0; tt < ntt; ++tt) overlap[src.columns[s].table][tt] += best[tt];
  }
  std::vector<std::vector<double>> table_sim(nst, std::vector<double>(ntt, 0));
  for (std::size_t st = 0; st < nst; ++st) {
    double n = std::max<double>(1, static_cast<double>(src.tables[st].columns.size()));
    for (std::size_t tt = 0; tt < ntt; ++tt) {
      double name = ctx.table_name_similarity(src.tables[st], tgt.tables[tt]);
      table_sim[st][tt] = 0.35 * name + 0.65 * overlap[st][tt] / n;
    }
  }
  std::vector<TableGroup> groups = assign_tables(table_sim);
  std::set<std::pair<std::size_t, std::size_t>> assigned;  // (source table, target table)
  for (const TableGroup& g : groups) {
    TableMapping tm;
    for (std::size_t s : g.sources) {
      tm.source_tables.push_back(src.tables[s].name);
      assigned.insert({s, g.target});
    }
    tm.target_table = tgt.tables[g.target].name;
    tm.id = table_mapping_id(tm.source_tables, tm.target_table);
    if (tm.source_tables.size() > 1)
      tm.join = join_condition(source, tm.source_tables, doc.formula_dialect);
    double raw = g.similarity;
    tm.confidence = std::clamp(raw, 0.0, 1.0);
    tm.evidence.push_back(
        {"name", ctx.table_name_similarity(src.tables[g.sources[0]], tgt.tables[g.target]), 0.35,
         "table names"});
    tm.evidence.push_back(
        {"neighbourhood",
         overlap[g.sources[0]][g.target] /
             std::max<double>(1, static_cast<double>(src.tables[g.sources[0]].columns.size())),
         0.65, "mean best column score into this table"});
    doc.tables.push_back(std::move(tm));
  }

  // Similarity propagation through references: a column that refers to a source table
  // (patient -> patients) is a candidate for the target columns that refer to the target
  // tables that source table was assigned to (person_id -> person).
  std::vector<std::vector<std::size_t>> referring(ntt);
  for (std::size_t t = 0; t < nt; ++t)
    if (tgt.columns[t].references >= 0)
      referring[static_cast<std::size_t>(tgt.columns[t].references)].push_back(t);
  auto reference_score = [&](const ColumnProfile& sp, const ColumnProfile& tp) {
    if (sp.references < 0 || tp.references < 0) return 0.0;
    auto rs = static_cast<std::size_t>(sp.references);
    auto rt = static_cast<std::size_t>(tp.references);
    if (!assigned.count({rs, rt})) return 0.0;
    double best = *std::max_element(table_sim[rs].begin(), table_sim[rs].end());
    return best > 0 ? table_sim[rs][rt] / best : 0.0;
  };
  for (std::size_t s = 0; s < ns; ++s) {
    const ColumnProfile& sp = src.columns[s];
    if (sp.references < 0) continue;
    std::set<std::size_t> have;
    for (const Candidate& c : candidates[s]) have.insert(c.target);
    for (const auto& [rs, rt] : assigned) {
      if (rs != static_cast<std::size_t>(sp.references)) continue;
      for (std::size_t t : referring[rt]) {
        if (have.count(t)) continue;
        Candidate c;
        c.target = t;
        c.features = ctx.features(sp, tgt.columns[t]);
        c.raw = ctx.combine(c.features, options.weights, nullptr);
        ++result.pairs_scored;
        candidates[s].push_back(c);
      }
    }
  }

  // 3. Final column scores with the table prior, top-k, transformations, confidence.
  const Calibration& calibration =
      options.calibration != nullptr ? *options.calibration : Calibration::builtin();
  std::unordered_map<std::size_t, std::size_t> sources_per_target_table;
  for (const TableGroup& g : groups) sources_per_target_table[g.target] = g.sources.size();
  std::set<std::string> ids;
  std::unordered_map<const schema::Table*, bool> name_parts_cache;
  auto source_has_name_parts = [&](const schema::Table& table) {
    auto it = name_parts_cache.find(&table);
    if (it != name_parts_cache.end()) return it->second;
    bool has = false;
    for (const schema::Column& c : table.columns) {
      std::string p = name_part(table, c);
      if (p == "first" || p == "last") has = true;
    }
    name_parts_cache.emplace(&table, has);
    return has;
  };
  for (std::size_t s = 0; s < ns; ++s) {
    const ColumnProfile& sp = src.columns[s];
    double best_table = 0;
    for (std::size_t tt = 0; tt < ntt; ++tt)
      best_table = std::max(best_table, table_sim[sp.table][tt]);
    for (Candidate& c : candidates[s]) {
      std::size_t tt = tgt.columns[c.target].table;
      double table_norm = best_table > 0 ? table_sim[sp.table][tt] / best_table : 0;
      double prior = assigned.count({sp.table, tt}) ? 1.0 : options.unmatched_table_prior;
      double raw = c.raw;
      double ref = reference_score(sp, tgt.columns[c.target]);
      if (ref > 0) raw += options.reference_weight * ref * (1 - raw);
      c.final_score = prior * ((1 - options.neighbourhood_weight) * raw +
                               options.neighbourhood_weight * table_norm);
    }
    std::vector<Candidate>& list = candidates[s];
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.final_score > b.final_score; });
    for (int r = 0; r < top_k && static_cast<std::size_t>(r) < list.size(); ++r) {
      const Candidate& c = list[static_cast<std::size_t>(r)];
      const ColumnProfile& tp = tgt.columns[c.target];
      FieldMapping f;
      f.sources = {sp.ref};
      f.target = tp.ref;
      f.id = field_mapping_id(f.sources, f.target);
      if (!ids.insert(f.id).second) continue;
      f.rank = r + 1;
      f.confidence = options.raw_scores ? std::clamp(c.final_score, 0.0, 1.0)
                                        : calibration.apply(c.final_score);
      ctx.combine(c.features, options.weights, &f.evidence);
      for (Evidence& e : f.evidence) e.weight *= 1 - options.neighbourhood_weight;
      double table_norm = best_table > 0 ? table_sim[sp.table][tp.table] / best_table : 0;
      if (double ref = reference_score(sp, tp); ref > 0)
        f.evidence.push_back({"neighbourhood", ref, options.reference_weight,
                              "both refer to tables that are matched to each other"});
      f.evidence.push_back(
          {"neighbourhood", table_norm, options.neighbourhood_weight,
           "tables " + sp.ref.table + " and " + tp.ref.table +
               (assigned.count({sp.table, tp.table}) ? " are matched" : " are not matched")});
      bool qualified = false;
      auto it = sources_per_target_table.find(tp.table);
      if (it != sources_per_target_table.end() && it->second > 1) qualified = true;
      std::string expr = quote_identifier(sp.ref.column, doc.formula_dialect);
      if (qualified)
        expr =
            quote_identifier(source.tables[sp.table].name.name, doc.formula_dialect) + "." + expr;
      if (sp.column != nullptr && tp.column != nullptr) {
        TransformSuggestion ts =
            suggest_transform(*sp.column, *tp.column, expr, doc.formula_dialect);
        f.transformation = ts.transformation;
        f.formula = ts.formula;
        f.warnings = ts.warnings;
        if (!f.formula.empty() && options.validate_formulas && !doc.formula_dialect.empty()) {
          std::vector<Diagnostic> errors;
          std::string allowed =
              qualified ? source.tables[sp.table].name.name + "." + sp.ref.column : sp.ref.column;
          if (!validate_formula(f.formula, doc.formula_dialect, {allowed}, errors))
            for (const Diagnostic& e : errors) f.warnings.push_back("formula: " + e.message);
        }
        if (options.composites)
          add_composite_transform(f, source.tables[sp.table], *sp.column, target.tables[tp.table],
                                  *tp.column, expr, qualified, doc.formula_dialect,
                                  options.validate_formulas, source_has_name_parts);
      }
      doc.fields.push_back(std::move(f));
    }
  }

  // 4. Concatenations (several sources -> one target) within the matched table pairs.
  if (options.composites) {
    for (const auto& [st, tt] : assigned) {
      CompositeOptions co;
      co.dialect = doc.formula_dialect;
      co.validate_formulas = options.validate_formulas;
      auto it = sources_per_target_table.find(tt);
      co.qualify = it != sources_per_target_table.end() && it->second > 1;
      for (CompositeProposal& p : propose_concatenations(source, target, {{st, tt}}, co)) {
        FieldMapping& f = p.field;
        if (!ids.insert(f.id).second) continue;
        f.rank = 1;
        f.confidence = options.raw_scores ? std::clamp(p.raw, 0.0, 1.0) : calibration.apply(p.raw);
        doc.fields.push_back(std::move(f));
      }
    }
  }
  return result;
}

}  // namespace godwit::mapping
