// The sqlite dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about sqlite.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"AUTOINCREMENT", 4},     {"PRAGMA", 5}, {"WITHOUT ROWID", 6}, {"INTEGER PRIMARY KEY", 2},
    {"BEGIN TRANSACTION", 1}, {"STRICT", 1}, {"ON CONFLICT", 2},   {"ATTACH", 3},
    {"SQLITE_SEQUENCE", 5},
};

constexpr std::string_view kVerbs[] = {"PRAGMA",  "ATTACH",  "DETACH", "VACUUM",
                                       "ANALYZE", "REINDEX", "EXPLAIN"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.backtick_identifiers = true;
  r.bracket_identifiers = true;
  r.at_sign_variables = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.free_form_type_names = true;

  return c;
}

class SqliteDialect final : public Dialect {
 public:
  SqliteDialect()
      : Dialect("sqlite", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

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

  // Name rules: names ignore case, quoted or not; an attached database is a schema.
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

const Dialect& sqlite_dialect() {
  static const SqliteDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
