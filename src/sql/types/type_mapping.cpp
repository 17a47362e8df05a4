// map_type(): read with the source table, write with the target table, and list every
// loss once: what reading noticed, what the target substituted, what values lose.
#include "sql/types/type_mapping.hpp"

#include <stdexcept>
#include <utility>

#include "sql/types/type_writer.hpp"

namespace godwit::sql {
namespace {

const DialectTypeTable& table_or_throw(std::string_view dialect) {
  const DialectTypeTable* table = find_type_table(dialect);
  if (table == nullptr) {
    throw std::invalid_argument("unknown dialect '" + std::string(dialect) + "'");
  }
  return *table;
}

void add_unique(std::vector<TypeLoss>& losses, TypeLoss loss) {
  for (const TypeLoss& l : losses) {
    if (l == loss) return;
  }
  losses.push_back(std::move(loss));
}

}  // namespace

TypeMapping map_type(const LogicalType& type, const DialectTypeTable& to) {
  TypeMapping out;
  out.source = type;
  WriteTypeResult written = write_type(type, to);
  CastSafety safety = cast_safety(type, written.type);
  out.target = std::move(written.type);
  out.target_text = std::move(written.text);
  for (TypeLoss& n : written.notes) add_unique(out.losses, std::move(n));
  const std::size_t substitutions = out.losses.size();
  for (TypeLoss& l : safety.losses) {
    // A substitution note already explains this kind of loss in the dialect's words.
    bool explained = false;
    for (std::size_t i = 0; i < substitutions; ++i) {
      explained = explained || out.losses[i].code == l.code;
    }
    if (!explained) add_unique(out.losses, std::move(l));
  }
  out.verdict = safety.verdict;
  if (out.verdict == CastVerdict::kSafe && type.kind == TypeKind::kUnknown) {
    out.verdict = CastVerdict::kLossy;
  }
  if (out.verdict == CastVerdict::kSafe && substitutions > 0) out.verdict = CastVerdict::kLossy;
  return out;
}

TypeMapping map_type(std::string_view type_text, const DialectTypeTable& from,
                     const DialectTypeTable& to, const ReadOptions& options) {
  ReadTypeResult read = read_type(type_text, from, options);
  TypeMapping out = map_type(read.type, to);
  std::vector<TypeLoss> losses = std::move(read.notes);
  for (TypeLoss& l : out.losses) add_unique(losses, std::move(l));
  out.losses = std::move(losses);
  out.ignored = std::move(read.ignored);
  return out;
}

TypeMapping map_type(std::string_view type_text, std::string_view from_dialect,
                     std::string_view to_dialect, const ReadOptions& options) {
  return map_type(type_text, table_or_throw(from_dialect), table_or_throw(to_dialect), options);
}

ReadTypeResult read_type(std::string_view type_text, std::string_view dialect,
                         const ReadOptions& options) {
  return read_type(type_text, table_or_throw(dialect), options);
}

const DialectTypeTable* find_type_table(std::string_view dialect) {
  static const DialectTypeTable* const kTables[] = {
      &ansi_type_table(),     &bigquery_type_table(), &databricks_type_table(),
      &hive_type_table(),     &mysql_type_table(),    &oracle_type_table(),
      &postgres_type_table(), &redshift_type_table(), &snowflake_type_table(),
      &sqlite_type_table(),   &teradata_type_table(), &tsql_type_table(),
  };
  for (const DialectTypeTable* t : kTables) {
    if (t->dialect == dialect) return t;
  }
  return nullptr;
}

}  // namespace godwit::sql
