// The bigquery dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about bigquery.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"INT64", 6},
    {"FLOAT64", 6},
    {"STRUCT<", 4},
    {"ARRAY<", 3},
    {"OPTIONS", 3},
    {"BIGNUMERIC", 5},
    {"GEOGRAPHY", 3},
    {"SAFE_CAST", 5},
    {"PARTITION BY DATE", 4},
    {"_PARTITIONTIME", 6},
    {"UNNEST", 2},
    {"REGION-", 5},
    {"INFORMATION_SCHEMA", 1},
    {"CREATE TEMP FUNCTION", 5},
    {"STRING", 2},
    {"EXCEPT (", 2},
    {"`", 1},
};

constexpr std::string_view kVerbs[] = {"ASSERT",  "EXPORT", "LOAD",   "CALL",     "RAISE",
                                       "EXECUTE", "BEGIN",  "COMMIT", "ROLLBACK", "RETURN"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.double_quote_identifiers = false;
  r.double_quote_strings = true;
  r.backtick_identifiers = true;
  r.backslash_escapes = true;
  r.raw_strings = true;
  r.triple_quoted_strings = true;
  r.hash_comments = true;
  r.at_sign_variables = true;
  r.dash_in_identifiers = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.qualify_clause = true;
  c.trailing_select_comma = true;
  c.end_if_blocks = true;
  return c;
}

class BigqueryDialect final : public Dialect {
 public:
  BigqueryDialect()
      : Dialect("bigquery", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

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

  // Name rules: column names ignore case; project.dataset.table, the dataset is the schema.
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

const Dialect& bigquery_dialect() {
  static const BigqueryDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
