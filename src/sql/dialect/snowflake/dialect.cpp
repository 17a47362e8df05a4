// The snowflake dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about snowflake.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"VARIANT", 5},
    {"WAREHOUSE", 5},
    {"TIMESTAMP_NTZ", 6},
    {"TIMESTAMP_LTZ", 6},
    {"TIMESTAMP_TZ", 5},
    {"CLUSTER BY", 3},
    {"STAGE", 3},
    {"FILE_FORMAT", 4},
    {"AUTOINCREMENT", 2},
    {"USE ROLE", 5},
    {"USE WAREHOUSE", 6},
    {"TRANSIENT", 5},
    {"COPY GRANTS", 5},
    {"FLATTEN", 4},
    {"PARSE_JSON", 3},
    {"IFF", 3},
    {"SNOWFLAKE", 5},
    {"STREAMLIT", 5},
    {"$$", 1},
    {"LANGUAGE PYTHON", 3},
    {"PIPE", 2},
    {"DATA_RETENTION_TIME_IN_DAYS", 5},
};

constexpr std::string_view kVerbs[] = {"PUT",      "GET",    "LIST",    "LS",    "REMOVE",
                                       "RM",       "UNDROP", "UNSET",   "SHOW",  "DESCRIBE",
                                       "DESC",     "CALL",   "EXECUTE", "BEGIN", "COMMIT",
                                       "ROLLBACK", "RETURN", "EXPLAIN", "ABORT"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.dollar_quoted_strings = true;
  r.backslash_escapes = true;
  r.slash_slash_comments = true;
  r.dollar_parameters = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;

  return s;
}

Capabilities make_capabilities() {
  Capabilities c;
  c.minus_set_operator = true;
  c.top_clause = true;
  c.declare_section_blocks = true;
  c.identifier_function = true;
  c.trailing_select_comma = true;
  c.qualify_clause = true;
  c.end_if_blocks = true;
  c.connect_by = true;
  c.lambda_arrows = true;
  return c;
}

class SnowflakeDialect final : public Dialect {
 public:
  SnowflakeDialect()
      : Dialect("snowflake", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    if (line.size() > 1 && line[0] == '!' && line[1] != '=')
      return {DirectiveKind::kClientCommand, line_length(line), {}};
    return {};
  }

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

const Dialect& snowflake_dialect() {
  static const SnowflakeDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
