// The tsql dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about tsql.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"GO", 3},
    {"NVARCHAR", 3},
    {"IDENTITY(", 3},
    {"DBO", 4},
    {"[", 1},
    {"].[", 5},
    {"NONCLUSTERED", 6},
    {"CLUSTERED", 4},
    {"ON [PRIMARY]", 6},
    {"UNIQUEIDENTIFIER", 6},
    {"DATETIME2", 5},
    {"NEWID", 5},
    {"GETDATE", 3},
    {"SET NOCOUNT", 6},
    {"SET ANSI_NULLS", 6},
    {"SET QUOTED_IDENTIFIER", 6},
    {"EXEC", 2},
    {"SYSNAME", 6},
    {"MONEY", 3},
    {"BIT", 2},
    {"TOP", 2},
    {"ISNULL", 2},
    {"@@", 3},
    {"RAISERROR", 5},
    {"TEXTIMAGE_ON", 6},
    {"WITH NOCHECK", 5},
};

constexpr std::string_view kVerbs[] = {
    "PRINT",  "RAISERROR", "THROW",       "WAITFOR",    "DBCC",     "BACKUP",    "RESTORE",
    "BULK",   "KILL",      "RECONFIGURE", "CHECKPOINT", "DENY",     "SETUSER",   "REVERT",
    "OPEN",   "CLOSE",     "DEALLOCATE",  "FETCH",      "BREAK",    "CONTINUE",  "GOTO",
    "RETURN", "ENABLE",    "DISABLE",     "SHUTDOWN",   "READTEXT", "WRITETEXT", "UPDATETEXT"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.bracket_identifiers = true;
  r.at_sign_variables = true;
  r.hash_in_identifiers = true;
  r.nested_block_comments = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;
  s.go_batch_separator = true;
  s.optional_semicolons = true;
  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.top_clause = true;
  c.equals_select_aliases = true;
  c.routine_body_runs_to_batch_end = true;
  return c;
}

class TsqlDialect final : public Dialect {
 public:
  TsqlDialect() : Dialect("tsql", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    if (line.size() > 1 && line[0] == ':' &&
        ((line[1] >= 'a' && line[1] <= 'z') || (line[1] >= 'A' && line[1] <= 'Z')))
      return {DirectiveKind::kClientCommand, line_length(line), {}};
    if (line.starts_with("!!")) return {DirectiveKind::kClientCommand, line_length(line), {}};
    return {};
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: the default collation compares names ignoring case, quoted or not.
  NameRules name_rules() const override {
    NameRules n;
    n.unquoted = IdentifierCase::kInsensitive;
    n.quoted_case_sensitive = false;
    n.database_is_schema = false;
    return n;
  }

  std::span<const DetectionClue> detection_clues() const override { return kClues; }
};

}  // namespace

const Dialect& tsql_dialect() {
  static const TsqlDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
