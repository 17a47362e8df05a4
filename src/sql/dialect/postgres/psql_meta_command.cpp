// psql meta-commands: a backslash at a line start makes the whole line a client command.
#include "sql/dialect/postgres/psql_meta_command.hpp"

namespace godwit::sql {

Directive psql_meta_command(std::string_view line) {
  if (!line.empty() && line[0] == '\\')
    return {DirectiveKind::kClientCommand, line_length(line), {}};
  return {};
}

}  // namespace godwit::sql
