// Relationship discovery: declared foreign keys, then links inferred from names, keys,
// types and optional sample values (docs/discovery.md has the formula).
#include "discovery/relationships.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "core/text.hpp"

namespace godwit::discovery {

std::string_view to_string(Cardinality cardinality) {
  switch (cardinality) {
    case Cardinality::kOneToOne: return "one-to-one";
    case Cardinality::kOneToMany: return "one-to-many";
    case Cardinality::kManyToMany: return "many-to-many";
  }
  return "one-to-many";
}

std::string sample_key(const schema::Table& table, std::string_view column) {
  return to_lower(table.name.to_string() + "." + std::string(column));
}

SampleValues catalog_samples(const schema::Catalog& catalog) {
  SampleValues out;
  for (const schema::Table& t : catalog.tables) {
    for (const schema::Column& c : t.columns) {
      if (!c.sample_values.empty()) out.emplace(sample_key(t, c.name), c.sample_values);
    }
  }
  return out;
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string singular(std::string word) {
  const std::size_t n = word.size();
  if (n > 4 && ends_with(word, "ies")) return word.substr(0, n - 3) + "y";
  if (n > 4 && ends_with(word, "sses")) return word.substr(0, n - 2);
  if (n > 4 && (ends_with(word, "xes") || ends_with(word, "ches") || ends_with(word, "shes")))
    return word.substr(0, n - 2);
  if (n > 3 && ends_with(word, "s") && !ends_with(word, "ss") && !ends_with(word, "us") &&
      !ends_with(word, "is"))
    return word.substr(0, n - 1);
  return word;
}

/// Lower case, only letters and digits.
std::string squash(std::string_view text) {
  std::string out;
  for (char c : to_lower(text))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

// Key suffixes, longest first so "_key" wins over "key" and "_id" over "id".
constexpr std::array<std::string_view, 14> kSuffixes = {"_code", "_key", "_num", "_id", "_no",
                                                        "_fk",   "code", "key",  "num", "nbr",
                                                        "id",    "no",   "fk",   "_nbr"};
constexpr std::array<std::string_view, 7> kTablePrefixes = {"tbl_", "tbl",   "tb_", "t_",
                                                            "dim_", "fact_", "fct_"};
constexpr std::array<std::string_view, 5> kBareKeys = {"id", "no", "key", "code", "num"};

/// Positions and uniqueness of one table's columns, computed once.
struct TableInfo {
  const schema::Table* table = nullptr;
  std::string stem;
  std::vector<std::string> lower_columns;
  std::vector<ColumnStem> stems;                      ///< column_stem() of each column
  std::unordered_set<std::string> unique_single;      ///< single-column PK or unique, lower case
  std::string pk_single;                              ///< lower case; empty when none or composite
  std::vector<std::vector<std::string>> unique_sets;  ///< PK and unique keys, lower case
};

bool is_unique_set(const TableInfo& info, std::vector<std::string> columns) {
  for (std::string& c : columns) c = to_lower(c);
  std::sort(columns.begin(), columns.end());
  for (std::vector<std::string> key : info.unique_sets) {
    std::sort(key.begin(), key.end());
    if (key == columns) return true;
  }
  return false;
}

TableInfo describe(const schema::Table& t) {
  TableInfo info;
  info.table = &t;
  info.stem = normalize_table_name(t.name.name);
  for (const schema::Column& c : t.columns) {
    info.lower_columns.push_back(to_lower(c.name));
    info.stems.push_back(column_stem(c.name));
  }
  auto add_key = [&](const schema::Key& k) {
    std::vector<std::string> cols;
    for (const std::string& c : k.columns) cols.push_back(to_lower(c));
    if (cols.size() == 1) info.unique_single.insert(cols[0]);
    info.unique_sets.push_back(std::move(cols));
  };
  if (t.primary_key) {
    add_key(*t.primary_key);
    if (t.primary_key->columns.size() == 1) info.pk_single = to_lower(t.primary_key->columns[0]);
  }
  for (const schema::Key& k : t.unique_keys) add_key(k);
  for (const schema::Index& ix : t.indexes) {
    if (!ix.unique || ix.columns.empty() || !ix.where.empty()) continue;
    schema::Key k;
    k.columns = ix.columns;
    add_key(k);
  }
  return info;
}

/// Type families that can hold the same key values.
enum class KeyFamily : std::uint8_t { kUnknown, kWholeNumber, kString, kUuid, kBinary, kOther };

KeyFamily family(const sql::LogicalType& t) {
  switch (t.kind) {
    case sql::TypeKind::kUnknown: return KeyFamily::kUnknown;
    case sql::TypeKind::kInteger: return KeyFamily::kWholeNumber;
    case sql::TypeKind::kDecimal:
      return t.scale.value_or(0) == 0 ? KeyFamily::kWholeNumber : KeyFamily::kOther;
    case sql::TypeKind::kString: return KeyFamily::kString;
    case sql::TypeKind::kUuid: return KeyFamily::kUuid;
    case sql::TypeKind::kBinary: return KeyFamily::kBinary;
    default: return KeyFamily::kOther;
  }
}

struct Scored {
  double score = 0;
  std::vector<std::string> evidence;
};

}  // namespace

std::string normalize_table_name(std::string_view name) {
  std::string lower = to_lower(name);
  for (std::string_view p : kTablePrefixes) {
    if (starts_with(lower, p) && lower.size() > p.size() + 2) {
      lower = lower.substr(p.size());
      break;
    }
  }
  return singular(squash(lower));
}

ColumnStem column_stem(std::string_view column_name) {
  std::string lower = to_lower(column_name);
  // Words that merely end like a key suffix.
  static const std::unordered_set<std::string> kWords = {
      "valid",   "paid",    "void",    "fluid",    "solid",   "hybrid", "rapid",
      "grid",    "android", "casino",  "piano",    "turkey",  "monkey", "hockey",
      "jockey",  "barcode", "zipcode", "postcode", "unicode", "encode", "decode",
      "hashkey", "apikey",  "hotkey",  "invalid",  "prepaid", "unpaid", "overpaid"};
  if (kWords.count(lower)) return {};
  if (starts_with(lower, "fk_") && lower.size() > 3) lower = lower.substr(3);
  for (std::string_view s : kSuffixes) {
    if (lower.size() > s.size() && ends_with(lower, s)) {
      std::string before = lower.substr(0, lower.size() - s.size());
      while (!before.empty() && before.back() == '_') before.pop_back();
      std::string stem = singular(squash(before));
      if (stem.empty()) return {};
      std::string suffix(s);
      if (suffix[0] == '_') suffix.erase(0, 1);
      return {stem, suffix};
    }
  }
  return {};
}

std::vector<Relationship> infer_relationships(const schema::Catalog& catalog,
                                              const RelationshipOptions& options) {
  std::vector<Relationship> out;
  std::unordered_map<std::uint32_t, std::size_t> position_of;  // table id -> tables index
  std::vector<TableInfo> infos(catalog.tables.size());
  for (std::size_t i = 0; i < catalog.tables.size(); ++i) {
    position_of[catalog.tables[i].id] = i;
    if (catalog.tables[i].kind == schema::TableKind::kTable) infos[i] = describe(catalog.tables[i]);
  }

  // Declared keys, and the columns they already cover.
  std::set<std::pair<std::uint32_t, std::string>> declared_columns;
  std::vector<Relationship> declared;
  for (std::size_t i = 0; i < catalog.tables.size(); ++i) {
    const schema::Table& t = catalog.tables[i];
    if (t.kind != schema::TableKind::kTable) continue;
    for (const schema::ForeignKey& fk : t.foreign_keys) {
      for (const std::string& c : fk.columns) declared_columns.emplace(t.id, to_lower(c));
      if (!options.include_declared) continue;
      Relationship r;
      r.from_table_id = t.id;
      r.from_table = t.name;
      r.from_columns = fk.columns;
      r.to_table = fk.referenced_table;
      r.to_columns = fk.referenced_columns;
      const TableInfo* target = nullptr;
      if (fk.resolved) {
        auto it = position_of.find(fk.referenced_table_id);
        if (it != position_of.end()) {
          r.to_table_id = fk.referenced_table_id;
          r.to_table = catalog.tables[it->second].name;
          target = &infos[it->second];
          if (r.to_columns.empty() && catalog.tables[it->second].primary_key)
            r.to_columns = catalog.tables[it->second].primary_key->columns;
        }
      }
      r.confidence = 1.0;
      r.evidence = {"declared"};
      r.declared = true;
      r.constraint_name = fk.name;
      if (is_unique_set(infos[i], fk.columns))
        r.cardinality = Cardinality::kOneToOne;
      else if (target && !r.to_columns.empty() && !is_unique_set(*target, r.to_columns))
        r.cardinality = Cardinality::kManyToMany;
      else
        r.cardinality = Cardinality::kOneToMany;
      declared.push_back(std::move(r));
    }
  }

  // Index of candidate targets: normalised name -> tables, and abbreviation prefixes.
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem;
  // Abbreviations are 3 or 4 letters ("cust", "emp", "prod"): a longer stem that starts
  // a table's name is a word of a compound ("domain" in "domainmetadata"), not an
  // abbreviation. A prefix names one table when that table's stem is the shortest with the prefix
  // and every other stem with it extends that one ("cust": customer, customer_profile).
  struct PrefixEntry {
    std::size_t table = 0;
    bool ambiguous = false;
  };
  std::unordered_map<std::string, PrefixEntry> by_prefix;
  if (options.infer) {
    for (std::size_t i = 0; i < infos.size(); ++i) {
      if (!infos[i].table || infos[i].stem.empty()) continue;
      by_stem[infos[i].stem].push_back(i);
      const std::string& s = infos[i].stem;
      for (std::size_t len = 3; len <= 4 && len < s.size(); ++len) {
        auto [it, inserted] = by_prefix.try_emplace(s.substr(0, len), PrefixEntry{i, false});
        if (inserted) continue;
        PrefixEntry& e = it->second;
        const std::string& b = infos[e.table].stem;
        if (s == b)
          e.ambiguous = true;
        else if (starts_with(b, s))
          e.table = i;
        else if (!starts_with(s, b))
          e.ambiguous = true;
      }
    }
  }

  struct Candidate {
    std::size_t table;
    bool abbreviation;
  };
  std::vector<Relationship> inferred;
  for (std::size_t i = 0; options.infer && i < infos.size(); ++i) {
    const TableInfo& from = infos[i];
    if (!from.table) continue;
    const schema::Table& ft = *from.table;
    for (std::size_t ci = 0; ci < ft.columns.size(); ++ci) {
      const schema::Column& col = ft.columns[ci];
      const std::string& lower = from.lower_columns[ci];
      if (declared_columns.count({ft.id, lower})) continue;
      const ColumnStem& cs = from.stems[ci];
      if (cs.stem.empty()) continue;
      std::vector<Candidate> candidates;
      if (auto it = by_stem.find(cs.stem); it != by_stem.end()) {
        for (std::size_t t : it->second) candidates.push_back({t, false});
      } else if (cs.stem.size() >= 3) {
        if (auto p = by_prefix.find(cs.stem); p != by_prefix.end() && !p->second.ambiguous)
          candidates.push_back({p->second.table, true});
      }
      if (candidates.empty()) continue;
      // Prefer targets in the referencing table's schema when there are any.
      bool any_same_schema = false;
      for (const Candidate& c : candidates)
        any_same_schema |= iequals(catalog.tables[c.table].name.schema, ft.name.schema);

      std::vector<Relationship> found;
      for (const Candidate& cand : candidates) {
        const TableInfo& to = infos[cand.table];
        const schema::Table& tt = *to.table;
        if (any_same_schema && !iequals(tt.name.schema, ft.name.schema)) continue;
        // The referenced column: key-like and named after the source or the table.
        std::size_t best = tt.columns.size();
        int best_rank = 0;
        for (std::size_t k = 0; k < tt.columns.size(); ++k) {
          const std::string& name = to.lower_columns[k];
          if (&tt == &ft && k == ci) continue;
          bool named = name == lower ||
                       std::find(kBareKeys.begin(), kBareKeys.end(), name) != kBareKeys.end();
          if (!named) {
            const ColumnStem& ts = to.stems[k];
            named = !ts.stem.empty() && (ts.stem == cs.stem || ts.stem == to.stem);
          }
          if (!named) continue;
          int rank = name == to.pk_single ? 3 : to.unique_single.count(name) ? 2 : 1;
          if (rank == 1 && name != lower) continue;  // a non-key column must match exactly
          if (rank > best_rank) {
            best_rank = rank;
            best = k;
          }
        }
        if (best == tt.columns.size()) continue;
        if (cand.abbreviation && (best_rank < 2 || &tt == &ft)) continue;
        const schema::Column& target = tt.columns[best];
        if (&tt == &ft && best_rank < 2) continue;

        Scored s;
        if (cand.abbreviation) {
          s.score = 0.4;
          s.evidence.push_back("name-abbreviation: " + col.name + " ~ " + tt.name.name);
        } else {
          s.score = 0.6;
          s.evidence.push_back("name-matches-table: " + col.name + " -> " + tt.name.name);
        }
        if (best_rank == 3) {
          s.score += 0.25;
          s.evidence.push_back("target-primary-key: " + target.name);
        } else if (best_rank == 2) {
          s.score += 0.2;
          s.evidence.push_back("target-unique: " + target.name);
        } else {
          s.score -= 0.3;
          s.evidence.push_back("target-not-unique: " + target.name);
        }
        if (to.lower_columns[best] == lower) {
          s.score += 0.1;
          s.evidence.push_back("same-column-name");
        } else if (std::find(kBareKeys.begin(), kBareKeys.end(), to.lower_columns[best]) !=
                   kBareKeys.end()) {
          s.score += 0.05;
          s.evidence.push_back("target-bare-key-name: " + target.name);
        }
        KeyFamily fa = family(col.type), fb = family(target.type);
        if (fa == KeyFamily::kUnknown || fb == KeyFamily::kUnknown) {
          s.score -= 0.1;
          s.evidence.push_back("type-unknown");
        } else if (fa != fb || fa == KeyFamily::kOther) {
          if (!(fa == KeyFamily::kOther && col.type.kind == target.type.kind)) continue;
          s.evidence.push_back("type-compatible: " + sql::to_string(col.type));
        } else if (col.type == target.type) {
          s.score += 0.05;
          s.evidence.push_back("type-identical: " + sql::to_string(col.type));
        } else {
          s.evidence.push_back("type-compatible: " + sql::to_string(col.type) + " ~ " +
                               sql::to_string(target.type));
        }
        if (options.samples) {
          auto a = options.samples->find(sample_key(ft, col.name));
          auto b = options.samples->find(sample_key(tt, target.name));
          if (a != options.samples->end() && b != options.samples->end() && !a->second.empty()) {
            std::unordered_set<std::string> targets(b->second.begin(), b->second.end());
            std::unordered_set<std::string> sources(a->second.begin(), a->second.end());
            std::size_t hit = 0;
            for (const std::string& v : sources) hit += targets.count(v);
            const double ratio = static_cast<double>(hit) / static_cast<double>(sources.size());
            char detail[64];
            std::snprintf(detail, sizeof detail, "%zu/%zu", hit, sources.size());
            if (ratio >= 0.9) {
              s.score += 0.15;
              s.evidence.push_back(std::string("value-overlap: ") + detail);
            } else if (ratio < 0.5) {
              s.score *= 0.5;
              s.evidence.push_back(std::string("value-mismatch: ") + detail);
            } else {
              s.evidence.push_back(std::string("value-partial-overlap: ") + detail);
            }
          }
        }
        s.score = std::clamp(s.score, 0.0, 0.99);
        if (s.score < options.min_confidence) continue;

        Relationship r;
        r.from_table_id = ft.id;
        r.from_table = ft.name;
        r.from_columns = {col.name};
        r.to_table_id = tt.id;
        r.to_table = tt.name;
        r.to_columns = {target.name};
        r.confidence = s.score;
        r.evidence = std::move(s.evidence);
        const bool from_unique = from.unique_single.count(lower) > 0;
        r.cardinality = from_unique      ? Cardinality::kOneToOne
                        : best_rank >= 2 ? Cardinality::kOneToMany
                                         : Cardinality::kManyToMany;
        found.push_back(std::move(r));
      }
      std::stable_sort(found.begin(), found.end(),
                       [](const Relationship& a, const Relationship& b) {
                         if (a.confidence != b.confidence) return a.confidence > b.confidence;
                         return a.to_table.to_string() < b.to_table.to_string();
                       });
      for (Relationship& r : found) inferred.push_back(std::move(r));
    }
  }

  out = std::move(declared);
  out.insert(out.end(), std::make_move_iterator(inferred.begin()),
             std::make_move_iterator(inferred.end()));
  return out;
}

}  // namespace godwit::discovery
