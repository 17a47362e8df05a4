// The dialect registry and the defaults of the Dialect hooks.
#include "sql/dialect/dialect.hpp"

#include <array>

#include "core/error.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {

Directive Dialect::client_directive(std::string_view) const {
  return {};
}

bool Dialect::is_extra_statement_verb(std::string_view) const {
  return false;
}

std::span<const Dialect* const> all_dialects() {
  // Same order as dialect_names(); built on first use so the folders' statics exist.
  static const std::array<const Dialect*, 12> kAll = {
      &ansi_dialect(),      &bigquery_dialect(), &databricks_dialect(), &hive_dialect(),
      &mysql_dialect(),     &oracle_dialect(),   &postgres_dialect(),   &redshift_dialect(),
      &snowflake_dialect(), &sqlite_dialect(),   &teradata_dialect(),   &tsql_dialect(),
  };
  return kAll;
}

const Dialect& dialect_by_name(std::string_view name) {
  std::optional<std::string_view> canonical = canonical_dialect_name(name);
  if (canonical) {
    for (const Dialect* d : all_dialects()) {
      if (d->name() == *canonical) return *d;
    }
  }
  throw Error(ErrorKind::kInvalidInput, "unknown SQL dialect '" + std::string(name) +
                                            "' (known: " + dialect_names_for_humans() + ")");
}

std::size_t line_length(std::string_view text) {
  std::size_t n = text.find('\n');
  return n == std::string_view::npos ? text.size() : n + 1;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c != word[i]) return false;
  }
  if (text.size() == word.size()) return true;
  char next = text[word.size()];
  return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
           (next >= '0' && next <= '9') || next == '_');
}

}  // namespace godwit::sql
