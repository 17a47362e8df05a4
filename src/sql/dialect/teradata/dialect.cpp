// The teradata dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about teradata.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"MULTISET", 6},
    {"PRIMARY INDEX", 6},
    {"FALLBACK", 5},
    {"BYTEINT", 6},
    {"CASESPECIFIC", 6},
    {"VOLATILE", 3},
    {"COLLECT STATISTICS", 6},
    {"NO JOURNAL", 5},
    {"CHARACTER SET LATIN", 5},
    {"SEL", 2},
    {"QUALIFY", 2},
    {".LOGON", 6},
    {"FORMAT", 2},
    {"PERIOD", 2},
};

constexpr std::string_view kVerbs[] = {"COLLECT", "HELP", "SHOW",       "DATABASE", "LOCKING",
                                       "BT",      "ET",   "DIAGNOSTIC", "SEL",      "INS",
                                       "UPD",     "DEL",  "CALL",       "EXPLAIN"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.hash_in_identifiers = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.top_clause = true;
  c.minus_set_operator = true;
  c.qualify_clause = true;
  c.end_if_blocks = true;
  c.sel_abbreviation = true;
  return c;
}

class TeradataDialect final : public Dialect {
 public:
  TeradataDialect()
      : Dialect("teradata", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    if (line.size() > 1 && line[0] == '.' &&
        ((line[1] >= 'a' && line[1] <= 'z') || (line[1] >= 'A' && line[1] <= 'Z')))
      return {DirectiveKind::kClientCommand, line_length(line), {}};
    return {};
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: names ignore case, quoted or not; a database is the namespace of tables.
  NameRules name_rules() const override {
    NameRules n;
    n.unquoted = IdentifierCase::kInsensitive;
    n.quoted_case_sensitive = false;
    n.database_is_schema = true;
    return n;
  }

  std::span<const DetectionClue> detection_clues() const override { return kClues; }
};

}  // namespace

const Dialect& teradata_dialect() {
  static const TeradataDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
