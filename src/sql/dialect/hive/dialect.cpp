// The hive dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about hive.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"STORED AS", 6}, {"ROW FORMAT", 6}, {"TBLPROPERTIES", 5}, {"PARTITIONED BY", 3},
    {"STRING", 2},    {"ORC", 3},        {"PARQUET", 2},       {"TEXTFILE", 5},
    {"SERDE", 5},     {"LOCATION", 2},   {"MSCK", 5},          {"CLUSTERED BY", 4},
    {"`", 1},
};

constexpr std::string_view kVerbs[] = {"ADD",   "MSCK",    "LOAD",   "SHOW",   "DESCRIBE",
                                       "DESC",  "ANALYZE", "EXPORT", "IMPORT", "RELOAD",
                                       "ABORT", "EXPLAIN", "RESET",  "LOCK",   "UNLOCK"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.double_quote_identifiers = false;
  r.double_quote_strings = true;
  r.backtick_identifiers = true;
  r.backslash_escapes = true;
  r.identifiers_start_with_digit = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.lambda_arrows = true;
  return c;
}

class HiveDialect final : public Dialect {
 public:
  HiveDialect() : Dialect("hive", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

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

  // Name rules: names are stored in lower case, quoted or not; a database is a schema.
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

const Dialect& hive_dialect() {
  static const HiveDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
