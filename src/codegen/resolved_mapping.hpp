// The approved mapping resolved against both catalogs, once per generation: for each
// table mapping the target table, its source tables with aliases (s1, s2 ...), and per
// target column the value expression in the formula dialect (value maps applied, table
// names replaced by the aliases), then translated to each platform's dialect. Every
// generator reads this instead of the raw document, and validation's plan (src/validation/
// plan.cpp) reads it too, so the checks compare exactly what the generated code computes.
#pragma once

#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::codegen {

struct ResolvedSource {
  const schema::Table* table = nullptr;
  std::string name;   ///< QualifiedName::to_string()
  std::string alias;  ///< s1, s2 ...
  /// The name of its staging copy: the table name, or "<schema>_<table>" when another
  /// schema of the source catalog has a table of the same name (both would land on one
  /// staging table otherwise); "<schema>__<table>" if that is taken too.
  std::string staging_name;
};

/// One member of a STRUCT target column that field mappings fill member by member (target
/// column path "address.city", or "customer.address.city" through nested STRUCTs): the
/// column's value is built from its members, in the order of the struct type; a member no
/// mapping fills is NULL.
struct ResolvedMember {
  std::string name;        ///< as the struct type names it
  std::string mapping_id;  ///< empty when no mapping fills it (or it is built from members)
  std::string expression;  ///< formula dialect; "NULL" when unmapped
  sql::LogicalType type;
  bool same_type = false;  ///< a direct copy of a source column of this type: no cast
  /// Not empty: a STRUCT member built from its own members (mappings of deeper paths).
  std::vector<ResolvedMember> members;

  /// The mapping ids that fill this member, depth first.
  void collect_ids(std::vector<std::string>& out) const;
};

struct ResolvedField {
  std::string mapping_id;  ///< for a struct built from members: its first member's
  const schema::Column* target = nullptr;
  const schema::Column* source = nullptr;  ///< the single source column, when there is one
  mapping::Transformation transformation = mapping::Transformation::kDirect;
  std::string expression;  ///< formula dialect; aliases substituted; value map applied
  const mapping::ValueMap* value_map = nullptr;
  /// No cast is needed: a direct copy between columns of the same canonical type (or a
  /// struct built from members, each cast on its own).
  bool same_type = false;
  /// Not empty: `target` is a STRUCT column built from these (`expression` is unused).
  std::vector<ResolvedMember> members;
};

struct ResolvedTable {
  std::string mapping_id;
  const schema::Table* target = nullptr;
  std::string target_name;  ///< QualifiedName::to_string()
  std::vector<ResolvedSource> sources;
  std::string join;                   ///< formula dialect, aliases substituted
  std::string filter;                 ///< formula dialect, aliases substituted
  std::vector<ResolvedField> fields;  ///< in target column order
  /// Every mapping id of the table: the table mapping's, then its fields' (and members').
  std::vector<std::string> ids() const;
};

struct ResolvedMapping {
  std::string formula_dialect;  ///< canonical name
  std::vector<ResolvedTable> tables;
  std::vector<Diagnostic> diagnostics;
};

ResolvedMapping resolve_mapping(const schema::Catalog& source, const schema::Catalog& target,
                                const mapping::MappingDocument& document, const Options& options);

/// One resolved table with its expressions printed in a target SQL dialect.
struct TranslatedTable {
  const ResolvedTable* table = nullptr;
  std::vector<std::string> expressions;  ///< per field; "NULL" when it failed (diagnosed)
  std::string join;
  std::string filter;
};

/// Parses each expression of `table` in the formula dialect and prints it in `dialect`.
/// Diagnostics (parse errors, approximate or unsupported translations) name `file`. A
/// struct built from members becomes the dialect's constructor (BigQuery `STRUCT(v AS
/// name, ...)`, Databricks `named_struct('name', v, ...)`, else `ROW(v, ...)`), each member
/// cast to its type with `cast_function` unless it is a direct copy of that type.
TranslatedTable translate_table(const ResolvedTable& table, std::string_view formula_dialect,
                                std::string_view dialect, const std::string& file,
                                std::vector<Diagnostic>& diagnostics,
                                std::string_view cast_function = "CAST");

/// Per field, the expression as Python over `row` (Beam); empty when it is not
/// translatable (diagnosed), and for a struct built from members (see
/// translate_members_to_python).
std::vector<std::string> translate_table_to_python(const ResolvedTable& table,
                                                   std::string_view formula_dialect,
                                                   const std::string& file,
                                                   std::vector<Diagnostic>& diagnostics);

/// Per leaf member of a struct built from members (depth first: a member built from its own
/// members is replaced by its leaves), its expression as Python over `row`; "None" for an
/// unmapped member or one that is not translatable (diagnosed).
std::vector<std::string> translate_members_to_python(const ResolvedField& field,
                                                     std::string_view formula_dialect,
                                                     const std::string& file,
                                                     std::vector<Diagnostic>& diagnostics);

}  // namespace godwit::codegen
