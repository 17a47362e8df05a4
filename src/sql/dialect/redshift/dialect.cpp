// The redshift dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about redshift.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"
#include "sql/dialect/postgres/psql_meta_command.hpp"
namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"DISTKEY", 6},     {"SORTKEY", 6},     {"DISTSTYLE", 6},
    {"ENCODE", 4},      {"INTERLEAVED", 3}, {"COMPOUND SORTKEY", 5},
    {"UNLOAD", 4},      {"IAM_ROLE", 5},    {"BACKUP NO", 4},
    {"ENCODE ZSTD", 4}, {"ENCODE LZO", 4},  {"ENCODE AZ64", 5},
    {"ENCODE RAW", 4},  {"SUPER", 2},       {"GETDATE", 1},
    {"STL_*", 5},       {"STV_*", 5},       {"SVV_*", 4},
    {"SVL_*", 5},       {"PG_CATALOG", 1},  {"SYSDATE", 2},
    {"NVL", 2},         {"::", 2},          {"LISTAGG", 2},
};

constexpr std::string_view kVerbs[] = {"VACUUM", "ANALYZE", "UNLOAD",     "SHOW",  "LOCK", "FETCH",
                                       "CLOSE",  "PREPARE", "DEALLOCATE", "RESET", "ABORT"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.dollar_quoted_strings = true;
  r.dollar_tagged_strings = true;
  r.nested_block_comments = false;
  r.colon_parameters = false;
  r.backslash_escapes = true;
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

class RedshiftDialect final : public Dialect {
 public:
  RedshiftDialect()
      : Dialect("redshift", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    return psql_meta_command(line);
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: names fold to lower case, quoted ones too (enable_case_sensitive_identifier is off
  // by default).
  NameRules name_rules() const override {
    NameRules n;
    n.unquoted = IdentifierCase::kLower;
    n.quoted_case_sensitive = false;
    n.database_is_schema = false;
    return n;
  }

  std::span<const DetectionClue> detection_clues() const override { return kClues; }
};

}  // namespace

const Dialect& redshift_dialect() {
  static const RedshiftDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
