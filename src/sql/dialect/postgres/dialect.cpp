// The postgres dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about postgres.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"
#include "sql/dialect/postgres/psql_meta_command.hpp"
namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"SERIAL", 3},
    {"BIGSERIAL", 4},
    {"SMALLSERIAL", 4},
    {"TIMESTAMPTZ", 3},
    {"OWNER TO", 4},
    {"JSONB", 4},
    {"BYTEA", 4},
    {"::", 2},
    {"$$", 1},
    {"LANGUAGE PLPGSQL", 5},
    {"\\CONNECT", 5},
    {"SET SEARCH_PATH", 4},
    {"CREATE EXTENSION", 5},
    {"WITHOUT TIME ZONE", 1},
    {"CHARACTER VARYING", 2},
    {"DEFERRABLE", 2},
    {"CREATE DOMAIN", 4},
    {"INHERITS", 3},
    {"USING BTREE", 2},
    {"USING GIN", 4},
    {"NEXTVAL(", 3},
    {"TEXT[]", 4},
    {"OIDS", 3},
};

constexpr std::string_view kVerbs[] = {
    "VACUUM",     "ANALYZE", "CLUSTER",  "REINDEX",  "LISTEN", "NOTIFY",  "UNLISTEN",   "DISCARD",
    "CHECKPOINT", "REFRESH", "SECURITY", "REASSIGN", "LOAD",   "PREPARE", "DEALLOCATE", "RESET",
    "SHOW",       "LOCK",    "ABORT",    "IMPORT",   "DO",     "FETCH",   "MOVE",       "CLOSE"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.dollar_quoted_strings = true;
  r.dollar_tagged_strings = true;
  r.escape_strings = true;
  r.nested_block_comments = true;
  r.dollar_parameters = true;
  r.colon_parameters = false;
  r.psql_variables = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;
  s.copy_from_stdin_data = true;
  return s;
}

Capabilities make_capabilities() {
  Capabilities c;

  return c;
}

class PostgresDialect final : public Dialect {
 public:
  PostgresDialect()
      : Dialect("postgres", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    return psql_meta_command(line);
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: unquoted names fold to lower case; quoted ones are exact.
  NameRules name_rules() const override {
    NameRules n;
    n.unquoted = IdentifierCase::kLower;
    n.quoted_case_sensitive = true;
    n.database_is_schema = false;
    return n;
  }

  std::span<const DetectionClue> detection_clues() const override { return kClues; }
};

}  // namespace

const Dialect& postgres_dialect() {
  static const PostgresDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
