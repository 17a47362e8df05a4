// SQL*Plus commands. SET is SQL*Plus unless it is one of the SQL SET statements (SET
// TRANSACTION, SET ROLE, SET CONSTRAINT[S]); EXEC[UTE] is SQL*Plus shorthand for an
// anonymous block and is captured as a client command too.
#include "sql/dialect/oracle/sqlplus_command.hpp"

#include <array>

namespace godwit::sql {
namespace {

constexpr std::array<std::string_view, 44> kCommands = {
    "REM",     "REMARK",   "PROMPT",   "PRO",       "SPOOL",     "SPO",       "WHENEVER",
    "EXIT",    "QUIT",     "CONNECT",  "CONN",      "DEFINE",    "DEF",       "UNDEFINE",
    "COLUMN",  "COL",      "SHOW",     "SHO",       "PAUSE",     "ACCEPT",    "VARIABLE",
    "VAR",     "PRINT",    "DESCRIBE", "TTITLE",    "BTITLE",    "BREAK",     "CLEAR",
    "HOST",    "START",    "STORE",    "TIMING",    "EXEC",      "EXECUTE",   "PASSWORD",
    "STARTUP", "SHUTDOWN", "COMPUTE",  "REPHEADER", "REPFOOTER", "ATTRIBUTE", "DISCONNECT",
    "DISC",    "RECOVER",
};

std::size_t continued_length(std::string_view text) {
  std::size_t total = 0;
  for (;;) {
    std::size_t n = line_length(text.substr(total));
    std::string_view line = text.substr(total, n);
    total += n;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' ||
                             line.back() == '\t'))
      line.remove_suffix(1);
    if (line.empty() || line.back() != '-' || total >= text.size()) return total;
  }
}

}  // namespace

Directive sqlplus_command(std::string_view line) {
  if (line.empty()) return {};
  if (line[0] == '@') return {DirectiveKind::kClientCommand, line_length(line), {}};
  if (starts_with_word(line, "SET")) {
    std::string_view rest = line.substr(3);
    std::size_t b = rest.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    rest = rest.substr(b);
    if (starts_with_word(rest, "TRANSACTION") || starts_with_word(rest, "ROLE") ||
        starts_with_word(rest, "CONSTRAINT") || starts_with_word(rest, "CONSTRAINTS"))
      return {};
    return {DirectiveKind::kClientCommand, continued_length(line), {}};
  }
  for (std::string_view c : kCommands) {
    if (starts_with_word(line, c)) {
      return {DirectiveKind::kClientCommand, continued_length(line), {}};
    }
  }
  return {};
}

}  // namespace godwit::sql
