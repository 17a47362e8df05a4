// The oracle dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about oracle.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"
#include "sql/dialect/oracle/sqlplus_command.hpp"
namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"VARCHAR2", 6},
    {"NVARCHAR2", 6},
    {"NUMBER", 2},
    {"CLOB", 2},
    {"NCLOB", 3},
    {"SYSDATE", 3},
    {"NVL", 3},
    {"PROMPT", 4},
    {"SPOOL", 4},
    {"WHENEVER SQLERROR", 5},
    {"TABLESPACE", 2},
    {"PLS_INTEGER", 5},
    {"DBMS_OUTPUT", 5},
    {"ENABLE NOVALIDATE", 4},
    {"BYTE", 2},
    {"LONG RAW", 4},
    {"DUAL", 3},
    {"ROWNUM", 4},
    {"CONNECT BY", 4},
    {"MINUS", 2},
    {"EXCEPTION WHEN", 3},
    {"ELSIF", 4},
    {"BINARY_DOUBLE", 5},
    {"XMLTYPE", 4},
};

constexpr std::string_view kVerbs[] = {"ANALYZE", "AUDIT",     "NOAUDIT",
                                       "PURGE",   "FLASHBACK", "LOCK",
                                       "EXPLAIN", "ASSOCIATE", "DISASSOCIATE"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.q_quote_strings = true;
  r.hash_in_identifiers = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;
  s.slash_line_terminator = true;
  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.minus_set_operator = true;
  c.declare_section_blocks = true;
  c.end_if_blocks = true;
  c.connect_by = true;
  c.outer_join_plus = true;
  return c;
}

class OracleDialect final : public Dialect {
 public:
  OracleDialect()
      : Dialect("oracle", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override { return sqlplus_command(line); }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: unquoted names fold to upper case; quoted ones are exact.
  NameRules name_rules() const override {
    NameRules n;
    n.unquoted = IdentifierCase::kUpper;
    n.quoted_case_sensitive = true;
    n.database_is_schema = false;
    return n;
  }

  std::span<const DetectionClue> detection_clues() const override { return kClues; }
};

}  // namespace

const Dialect& oracle_dialect() {
  static const OracleDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
