// The mysql dialect: its lexical rules, script rules, grammar capabilities, client
// commands and detection clues. Everything the shared parser needs to know about mysql.
#include <array>
#include <string_view>

#include "sql/dialect/dialect_registry.hpp"

namespace godwit::sql {
namespace {

constexpr DetectionClue kClues[] = {
    {"ENGINE", 5},
    {"AUTO_INCREMENT", 5},
    {"DELIMITER", 4},
    {"UNSIGNED", 3},
    {"TINYINT", 2},
    {"MEDIUMINT", 4},
    {"LONGTEXT", 4},
    {"MEDIUMTEXT", 4},
    {"TINYTEXT", 4},
    {"INNODB", 5},
    {"CHARSET", 3},
    {"DEFAULT CHARSET", 5},
    {"COLLATE UTF8", 3},
    {"LOCK TABLES", 4},
    {"UNLOCK TABLES", 4},
    {"ZEROFILL", 4},
    {"ON UPDATE CURRENT_TIMESTAMP", 5},
    {"`", 2},
    {"IFNULL", 1},
    {"LONGBLOB", 4},
    {"MEDIUMBLOB", 4},
    {"SET FOREIGN_KEY_CHECKS", 5},
    {"SET NAMES", 3},
};

constexpr std::string_view kVerbs[] = {
    "SHOW",    "FLUSH", "OPTIMIZE", "REPAIR",    "CHECKSUM", "ANALYZE", "LOCK",       "UNLOCK",
    "HANDLER", "DO",    "INSTALL",  "UNINSTALL", "RESET",    "PURGE",   "CHANGE",     "STOP",
    "KILL",    "LOAD",  "CACHE",    "SIGNAL",    "RESIGNAL", "PREPARE", "DEALLOCATE", "DESCRIBE",
    "EXPLAIN", "HELP",  "XA",       "BINLOG",    "CHECK"};

LexicalRules make_lexical_rules() {
  LexicalRules r;
  r.double_quote_identifiers = false;
  r.double_quote_strings = true;
  r.backtick_identifiers = true;
  r.backslash_escapes = true;
  r.hash_comments = true;
  r.at_sign_variables = true;
  r.identifiers_start_with_digit = true;
  return r;
}

ScriptRules make_script_rules() {
  ScriptRules s;
  s.delimiter_command = true;
  return s;
}

Capabilities make_capabilities() {
  Capabilities c;

  return c;
}

class MysqlDialect final : public Dialect {
 public:
  MysqlDialect()
      : Dialect("mysql", make_lexical_rules(), make_script_rules(), make_capabilities()) {}

  Directive client_directive(std::string_view line) const override {
    if (starts_with_word(line, "DELIMITER")) {
      std::size_t n = line_length(line);
      std::string_view rest = line.substr(9, n - 9);
      std::size_t b = rest.find_first_not_of(" \t");
      std::size_t e = rest.find_first_of(" \t\r\n", b == std::string_view::npos ? 0 : b);
      if (b == std::string_view::npos || b == e) return {};
      return {DirectiveKind::kDelimiter, n,
              rest.substr(b, e == std::string_view::npos ? rest.size() - b : e - b)};
    }
    if (starts_with_word(line, "SOURCE") || line.starts_with("\\."))
      return {DirectiveKind::kClientCommand, line_length(line), {}};
    return {};
  }

  bool is_extra_statement_verb(std::string_view word) const override {
    for (std::string_view v : kVerbs) {
      if (starts_with_word(word, v) && word.size() == v.size()) return true;
    }
    return false;
  }

  // Name rules: column names ignore case (table names follow lower_case_table_names; taken as
  // ignoring case); a database is a schema.
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

const Dialect& mysql_dialect() {
  static const MysqlDialect kDialect;
  return kDialect;
}

}  // namespace godwit::sql
