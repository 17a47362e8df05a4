// Rewrites the connector contract's $1,$2... placeholders into an engine's native form
// (? for MariaDB, ODBC and BigQuery, ?NNN for SQLite, :pN for Databricks), skipping string
// literals, quoted identifiers and comments, so a '$1' inside a string stays text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::validation {

enum class PlaceholderStyle {
  kQuestionMark,  ///< positional '?', parameters rebound in order of appearance
  kNumbered,      ///< '?NNN' (SQLite), each keeps its number
  kNamedColon,    ///< ':pN' (Databricks named parameter markers), each keeps its number
};

struct NativeStatement {
  std::string sql;
  /// For kQuestionMark: the 0-based index into the caller's parameters of each '?', in
  /// order. For kNumbered and kNamedColon: empty.
  std::vector<std::size_t> order;
  /// The highest $N seen (0 when none).
  std::size_t max_index = 0;
};

/// Throws ConnectorError (kQuery) when the statement uses a native '?' placeholder, or
/// refers to a $N beyond `param_count`. `backslash_escapes`: MySQL-style '\'' in strings.
NativeStatement rewrite_placeholders(std::string_view sql, PlaceholderStyle style,
                                     std::size_t param_count, bool backslash_escapes);

/// The first keyword of `sql` in upper case, after blanks, comments and opening
/// parentheses ("SELECT", "WITH" ...); empty when there is none. The REST connectors,
/// which have no read-only session, refuse statements that do not start with a query
/// keyword.
std::string first_keyword(std::string_view sql);

}  // namespace godwit::validation
