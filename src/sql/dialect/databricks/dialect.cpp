// The databricks dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about databricks.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"USING DELTA", 6},
    {"USING PARQUET", 4},
    {"TBLPROPERTIES", 3},
    {"STRING", 2},
    {"OPTIMIZE", 4},
    {"ZORDER", 5},
    {"DELTA", 3},
    {"PARTITIONED BY", 2},
    {"`", 1},
    {"LOCATION", 1},
    {"GENERATED ALWAYS AS", 1},
};

constexpr std::string_view kVerbs[] = {"ADD",      "MSCK",    "LOAD",    "SHOW",    "DESCRIBE",
                                       "DESC",     "ANALYZE", "REFRESH", "CACHE",   "UNCACHE",
                                       "OPTIMIZE", "VACUUM",  "CONVERT", "RESET",   "RESTORE",
                                       "FSCK",     "CLEAR",   "LIST",    "EXPLAIN", "REPAIR"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.double_quote_identifiers = false;
  r.double_quote_strings = true;
  r.backtick_identifiers = true;
  r.backslash_escapes = true;
  r.raw_strings = true;
  r.identifiers_start_with_digit = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.qualify_clause = true;
  c.lambda_arrows = true;
  return c;
}

class DatabricksDialect final : public Dialect {
 public:
  DatabricksDialect()
      : Dialect("databricks", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

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

  // Name rules: names ignore case, quoted or not; a database is a schema.
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

const Dialect& databricks_dialect() {
  static const DatabricksDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
