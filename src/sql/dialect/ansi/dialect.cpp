// The ansi dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about ansi.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"CREATE TABLE", 0},
};

constexpr std::string_view kVerbs[] = {"VALUES"};

LexicalRules make_lexical_rules() {
  LexicalRules r;

  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;

  return c;
}

class AnsiDialect final : public Dialect {
 public:
  AnsiDialect() : Dialect("ansi", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    (void)line;
    return {};
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: the standard: unquoted names fold to upper case, quoted ones are exact.
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

const Dialect& ansi_dialect() {
  static const AnsiDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
