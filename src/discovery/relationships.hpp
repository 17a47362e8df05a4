// Relationship discovery: the foreign keys a catalog declares plus the ones its names,
// types and keys imply. Candidate targets are found through an index of normalised table
// names (never all pairs), so a 100,000-column catalog takes milliseconds. Precision
// before recall: a column is only linked when its name names a table, the target column
// is a key-like column of that table and the types can hold the same values. The scoring
// formula and the evidence codes are documented in docs/discovery.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/catalog.hpp"

namespace godwit::discovery {

enum class Cardinality : std::uint8_t {
  kOneToOne,    ///< the referencing columns are themselves a primary or unique key
  kOneToMany,   ///< the referenced columns are unique, the referencing ones are not
  kManyToMany,  ///< neither side is unique (an inferred link to a non-key column)
};
std::string_view to_string(Cardinality cardinality);

/// One relationship between two tables of the catalog.
struct Relationship {
  std::uint32_t from_table_id = 0;  ///< schema::Table::id
  schema::QualifiedName from_table;
  std::vector<std::string> from_columns;
  std::uint32_t to_table_id = 0;  ///< 0 when a declared key names a table not in the catalog
  schema::QualifiedName to_table;
  std::vector<std::string> to_columns;
  double confidence = 0;  ///< 1.0 declared; inferred in (0, 0.99], see docs/discovery.md
  /// "CODE" or "CODE: detail", codes listed in docs/discovery.md, strongest first.
  std::vector<std::string> evidence;
  Cardinality cardinality = Cardinality::kOneToMany;
  bool declared = false;
  std::string constraint_name;  ///< declared keys: the constraint's name, may be empty
  bool ai_generated = false;    ///< always false here: this engine is rule based
};

/// Sample values of columns, for the optional value-overlap evidence. Keys come from
/// sample_key(); values are the column's values as text (duplicates allowed).
using SampleValues = std::unordered_map<std::string, std::vector<std::string>>;

/// The key of a column in SampleValues: "<table's qualified name>.<column>", lower case.
std::string sample_key(const schema::Table& table, std::string_view column);

/// The sample values the catalog itself carries (CSV/TSV samples, a live database's
/// introspected values), keyed by sample_key(); columns without samples are left out, so
/// value overlap only counts where both ends were sampled.
SampleValues catalog_samples(const schema::Catalog& catalog);

struct RelationshipOptions {
  bool include_declared = true;
  bool infer = true;
  /// Inferred relationships scoring below this are dropped.
  double min_confidence = 0.5;
  /// Optional samples; when both ends of a candidate have samples, their overlap raises
  /// or lowers its confidence.
  const SampleValues* samples = nullptr;
};

/// Declared foreign keys (confidence 1.0, evidence "declared") in catalog order, then the
/// inferred links in a deterministic order: by referencing table (catalog order), its
/// column order, then confidence (highest first) and referenced table name. An inferred link never
/// repeats a declared one: a column that is part of a declared foreign key is not inferred from.
/// Only tables (not views) take part.
std::vector<Relationship> infer_relationships(const schema::Catalog& catalog,
                                              const RelationshipOptions& options = {});

/// Name normalisation, exposed for the tests and later phases: lower case, table prefixes
/// (tbl_, tb_, t_, dim_, fact_, fct_) removed, underscores removed, English plural made
/// singular ("order_items" -> "orderitem", "categories" -> "category").
std::string normalize_table_name(std::string_view name);

/// A column name split into its stem and key suffix: "customer_id" -> {"customer", "id"},
/// "CustNo" -> {"cust", "no"}, "cust_no" -> {"cust", "no"}; stem normalised like a
/// table name. No suffix, or nothing before it ("id"): an empty stem.
struct ColumnStem {
  std::string stem;
  std::string suffix;
};
ColumnStem column_stem(std::string_view column_name);

}  // namespace godwit::discovery
