// Data-quality rules (see rules.hpp): checking a rule against the target catalog,
// deriving rules from the catalog and the mapping, and running one on the target.
#include "validation/rules.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <regex>

#include "core/text.hpp"
#include "validation/anomalies.hpp"
#include "validation/normalize.hpp"
#include "validation/quality_support.hpp"

namespace godwit::validation {

namespace {

constexpr std::size_t kMaxSamples = 5;

Diagnostic rule_error(std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

std::string table_text(const std::vector<std::string>& table) {
  std::string out;
  for (const std::string& part : table) {
    if (part.empty()) continue;
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

const schema::Column* find_column(const schema::Table& table, std::string_view name) {
  for (const schema::Column& column : table.columns) {
    if (iequals(column.name, name)) return &column;
  }
  return nullptr;
}

bool is_number(const nlohmann::json& value) {
  return value.is_number();
}

/// A range bound as bound-parameter text: numbers as JSON writes them, strings as given.
std::string bound_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

/// The columns a unique rule covers: params.columns when given, else the rule's column.
std::vector<std::string> unique_columns(const Rule& rule) {
  std::vector<std::string> columns;
  if (rule.params.is_object() && rule.params.contains("columns") &&
      rule.params["columns"].is_array()) {
    for (const auto& c : rule.params["columns"]) {
      if (c.is_string()) columns.push_back(c.get<std::string>());
    }
  }
  if (columns.empty() && !rule.column.empty()) columns.push_back(rule.column);
  return columns;
}

void validate_params(const Rule& rule, const schema::Column* column, std::string_view dialect,
                     std::vector<Diagnostic>& out) {
  const nlohmann::json& p = rule.params;
  if (!p.is_null() && !p.is_object()) {
    out.push_back(rule_error("E-RULE-PARAMS", "the rule's params must be a JSON object, e.g. " +
                                                  std::string(R"({"min": 0, "max": 100}).)")));
    return;
  }
  auto has = [&](const char* key) { return p.is_object() && p.contains(key); };
  if (rule.kind == "range") {
    if (!has("min") && !has("max")) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "a range rule needs \"min\", \"max\" or both, "
                               "e.g. {\"min\": 0, \"max\": 100}."));
      return;
    }
    for (const char* key : {"min", "max"}) {
      if (has(key) && !is_number(p[key]) && !p[key].is_string()) {
        out.push_back(rule_error("E-RULE-PARAMS", std::string("the range rule's \"") + key +
                                                      "\" must be a number or a date/time "
                                                      "string, e.g. 0 or \"2020-01-01\"."));
      }
    }
    if (has("min") && has("max") && is_number(p["min"]) && is_number(p["max"]) &&
        p["min"].get<double>() > p["max"].get<double>()) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "the range rule's \"min\" is larger than its \"max\": swap them."));
    }
  } else if (rule.kind == "regex") {
    if (!has("pattern") || !p["pattern"].is_string() || p["pattern"].get<std::string>().empty()) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "a regex rule needs {\"pattern\": \"...\"}, "
                               "e.g. {\"pattern\": \"^[A-Z]{2}[0-9]+$\"}."));
      return;
    }
    try {
      std::regex compiled(p["pattern"].get<std::string>(), std::regex::extended);
      (void)compiled;
    } catch (const std::regex_error& e) {
      out.push_back(rule_error("E-RULE-REGEX",
                               "the regex rule's pattern does not compile as "
                               "a POSIX extended regular expression (" +
                                   std::string(e.what()) +
                                   "): check brackets, braces and escapes."));
    }
  } else if (rule.kind == "accepted_values") {
    if (!has("values") || !p["values"].is_array() || p["values"].empty()) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "an accepted_values rule needs a non-empty "
                               "list, e.g. {\"values\": [\"open\", \"closed\"]}."));
      return;
    }
    for (const auto& v : p["values"]) {
      if (!v.is_string() && !v.is_number() && !v.is_boolean()) {
        out.push_back(rule_error("E-RULE-PARAMS",
                                 "accepted_values may hold only strings, "
                                 "numbers and booleans; remove " +
                                     v.dump() + "."));
        break;
      }
    }
  } else if (rule.kind == "freshness") {
    if (!has("max_age_hours") || !is_number(p["max_age_hours"]) ||
        p["max_age_hours"].get<double>() <= 0) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "a freshness rule needs a positive "
                               "{\"max_age_hours\": 24}."));
    }
    // SQLite has no date type: its timestamps are ISO text, which julianday() reads.
    const bool text_dates =
        dialect == "sqlite" && column && column->type.kind == sql::TypeKind::kString;
    if (column && column->type.kind != sql::TypeKind::kTimestamp &&
        column->type.kind != sql::TypeKind::kDate && column->type.kind != sql::TypeKind::kUnknown &&
        !text_dates) {
      out.push_back(rule_error("E-RULE-COLUMN",
                               "a freshness rule reads a date or timestamp "
                               "column; '" +
                                   column->name + "' is " + sql::to_string(column->type) +
                                   ": choose the column that records when "
                                   "a row was written."));
    }
  } else if (rule.kind == "unique" && has("columns")) {
    if (!p["columns"].is_array() || p["columns"].empty()) {
      out.push_back(rule_error("E-RULE-PARAMS",
                               "a unique rule's \"columns\" must be a "
                               "non-empty list of column names."));
    }
  }
}

}  // namespace

const std::vector<std::string_view>& rule_kinds() {
  static const std::vector<std::string_view> kinds = {
      "not_null", "unique", "range", "regex", "accepted_values", "freshness", "sql"};
  return kinds;
}

std::vector<Diagnostic> validate_rule(const Rule& rule, const schema::Catalog& target,
                                      std::string_view target_dialect) {
  std::vector<Diagnostic> out;
  bool known = false;
  for (std::string_view k : rule_kinds()) known = known || k == rule.kind;
  if (!known) {
    out.push_back(rule_error("E-RULE-KIND", "unknown rule kind '" + rule.kind +
                                                "': use not_null, unique, range, regex, "
                                                "accepted_values, freshness or sql."));
    return out;
  }
  const schema::Table* table = nullptr;
  const std::string name = table_text(rule.table);
  if (rule.kind != "sql" || !name.empty()) {
    if (name.empty()) {
      out.push_back(rule_error("E-RULE-TABLE",
                               "the rule names no table: set table to "
                               "[schema, table] or [table] of the target."));
    } else {
      table = target.find_table(name);
      if (!table) {
        out.push_back(rule_error("E-RULE-TABLE", "the target has no table '" + name +
                                                     "': pick one of the target catalog's "
                                                     "tables (names are case-insensitive)."));
      }
    }
  }
  const schema::Column* column = nullptr;
  if (rule.kind == "sql") {
    if (!rule.column.empty() && table && !find_column(*table, rule.column)) {
      out.push_back(
          rule_error("E-RULE-COLUMN", "table '" + name + "' has no column '" + rule.column + "'."));
    }
    for (Diagnostic& d :
         quality::check_single_select(rule.sql, target_dialect, "the rule's SQL", "E-RULE-SQL")) {
      out.push_back(std::move(d));
    }
  } else {
    std::vector<std::string> columns =
        rule.kind == "unique" ? unique_columns(rule) : std::vector<std::string>{rule.column};
    if (columns.empty() || (columns.size() == 1 && columns[0].empty())) {
      out.push_back(rule_error("E-RULE-COLUMN", "a " + rule.kind +
                                                    " rule needs a column: set column to a "
                                                    "column of '" +
                                                    name + "'."));
    } else if (table) {
      for (const std::string& c : columns) {
        const schema::Column* found = find_column(*table, c);
        if (!found) {
          std::vector<std::string> names;
          for (const auto& col : table->columns) names.push_back(col.name);
          out.push_back(rule_error("E-RULE-COLUMN", "table '" + name + "' has no column '" + c +
                                                        "'; its columns are " + quoted_list(names) +
                                                        "."));
        } else if (!column) {
          column = found;
        }
      }
    }
    if (!rule.sql.empty()) {
      out.push_back(rule_error("E-RULE-SQL",
                               "only rules of kind sql carry SQL: clear the sql "
                               "field or set kind to sql."));
    }
  }
  validate_params(rule, column, target_dialect, out);
  for (Diagnostic& d : out) {
    if (d.file.empty()) d.file = rule.id.empty() ? rule.name : rule.id;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// derive_rules

namespace {

std::string strip_parens(std::string_view text) {
  std::string_view s = trim(text);
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '(') ++depth;
      if (s[i] == ')') --depth;
      if (depth == 0 && i + 1 < s.size()) {
        wraps = false;
        break;
      }
    }
    if (!wraps) break;
    s = trim(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

/// Splits `a AND b AND c` at top-level ANDs that are not part of BETWEEN x AND y.
std::vector<std::string> conjuncts(const std::string& text) {
  static const std::regex kAnd(R"(\s+and\s+)", std::regex::icase);
  static const std::regex kBetween(R"(\bbetween\s+\S+\s*$)", std::regex::icase);
  std::vector<std::string> parts;
  std::string current;
  std::string rest = text;
  std::smatch m;
  while (std::regex_search(rest, m, kAnd)) {
    const std::string before = current + m.prefix().str();
    if (std::regex_search(before, kBetween)) {
      current = before + m.str();
    } else {
      parts.push_back(before);
      current.clear();
    }
    rest = m.suffix().str();
  }
  parts.push_back(current + rest);
  return parts;
}

struct Bound {
  std::optional<double> min, max;
  bool min_inclusive = true, max_inclusive = true;
};

/// Reads `col OP number`, `number OP col`, `col BETWEEN a AND b` about `column`; false when
/// the conjunct is anything else (then the whole CHECK is not a simple range).
bool read_conjunct(const std::string& text, const std::string& column, Bound& bound) {
  static const std::string kName = R"(["`\[]?(\w+)["`\]]?)";
  static const std::string kNumber =
      R"(\(*\s*([-+]?\d+(?:\.\d+)?)\s*\)*(?:::\w+(?:\(\d+(?:,\s*\d+)?\))?)?)";
  static const std::regex kColumnFirst("^" + kName + R"(\s*(>=|>|<=|<)\s*)" + kNumber + "$");
  static const std::regex kNumberFirst("^" + kNumber + R"(\s*(>=|>|<=|<)\s*)" + kName + "$");
  static const std::regex kBetween(
      "^" + kName + R"(\s+between\s+)" + kNumber + R"(\s+and\s+)" + kNumber + "$",
      std::regex::icase);
  const std::string s = strip_parens(text);
  std::smatch m;
  auto set = [&](const std::string& op, double value) {
    if (op[0] == '>') {
      bound.min = value;
      bound.min_inclusive = op.size() == 2;
    } else {
      bound.max = value;
      bound.max_inclusive = op.size() == 2;
    }
  };
  if (std::regex_match(s, m, kColumnFirst)) {
    if (!iequals(m[1].str(), column)) return false;
    set(m[2].str(), std::stod(m[3].str()));
    return true;
  }
  if (std::regex_match(s, m, kNumberFirst)) {
    if (!iequals(m[3].str(), column)) return false;
    std::string op = m[2].str();  // 0 <= x  is  x >= 0
    op[0] = op[0] == '<' ? '>' : '<';
    set(op, std::stod(m[1].str()));
    return true;
  }
  if (std::regex_match(s, m, kBetween)) {
    if (!iequals(m[1].str(), column)) return false;
    bound.min = std::stod(m[2].str());
    bound.max = std::stod(m[3].str());
    return true;
  }
  return false;
}

/// The range a CHECK expression states about one column, or nullopt.
std::optional<std::pair<std::string, Bound>> check_range(const schema::Table& table,
                                                         const std::string& expression) {
  static const std::regex kWord(R"(\w+)");
  std::string body = strip_parens(expression);
  if (body.size() > 6 && iequals(body.substr(0, 5), "check")) body = strip_parens(body.substr(5));
  for (const schema::Column& column : table.columns) {
    Bound bound;
    bool all = true;
    for (const std::string& part : conjuncts(body)) {
      if (!read_conjunct(part, column.name, bound)) {
        all = false;
        break;
      }
    }
    if (all && (bound.min || bound.max)) return std::make_pair(column.name, bound);
  }
  return std::nullopt;
}

/// An SQL literal's value ("'male'" -> male, "42" -> 42), or nullopt for NULL and
/// expressions.
std::optional<std::string> literal_value(std::string_view literal) {
  std::string_view s = trim(literal);
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
    std::string out;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
      out += s[i];
      if (s[i] == '\'' && i + 2 < s.size() && s[i + 1] == '\'') ++i;
    }
    return out;
  }
  static const std::regex kNumber(R"([-+]?\d+(\.\d+)?)");
  if (std::regex_match(s.begin(), s.end(), kNumber)) return std::string(s);
  return std::nullopt;
}

std::vector<std::string> table_parts(const schema::Table& table) {
  std::vector<std::string> parts;
  if (!table.name.schema.empty()) parts.push_back(table.name.schema);
  parts.push_back(table.name.name);
  return parts;
}

Rule make_rule(const schema::Table& table, std::string kind, std::string column, std::string origin,
               Severity severity) {
  Rule rule;
  rule.table = table_parts(table);
  rule.kind = std::move(kind);
  rule.column = std::move(column);
  rule.id = rule.kind + ":" + table.name.to_string() + ":" + rule.column;
  rule.name = rule.column + " " + rule.kind;
  rule.origin = std::move(origin);
  rule.severity = severity;
  return rule;
}

}  // namespace

std::vector<Rule> derive_rules(const schema::Catalog& target,
                               const mapping::MappingDocument& mapping) {
  std::vector<Rule> rules;
  for (const schema::Table& table : target.tables) {
    if (table.kind != schema::TableKind::kTable) continue;
    std::vector<const schema::Key*> keys;
    if (table.primary_key) keys.push_back(&*table.primary_key);
    for (const schema::Key& key : table.unique_keys) keys.push_back(&key);
    for (const schema::Column& column : table.columns) {
      const bool in_pk = table.primary_key && table.primary_key->columns.size() == 1 &&
                         iequals(table.primary_key->columns[0], column.name);
      if (!column.nullable && !in_pk) {
        Rule rule = make_rule(table, "not_null", column.name, "discovery", Severity::kHigh);
        rule.name = column.name + " is never NULL";
        rules.push_back(std::move(rule));
      }
    }
    for (const schema::Key* key : keys) {
      if (key->columns.empty()) continue;
      Rule rule =
          make_rule(table, "unique", key->columns.front(), "discovery", Severity::kCritical);
      if (key->columns.size() > 1) {
        rule.params = {{"columns", key->columns}};
        rule.id = "unique:" + table.name.to_string() + ":" + join(key->columns, ",");
      }
      rule.name = join(key->columns, ", ") + " is unique" +
                  (key == keys.front() && table.primary_key ? " (primary key)" : "");
      rules.push_back(std::move(rule));
    }
    for (const schema::Check& check : table.checks) {
      auto range = check_range(table, check.expression);
      if (!range) continue;
      Rule rule = make_rule(table, "range", range->first, "discovery", Severity::kHigh);
      nlohmann::json params = nlohmann::json::object();
      if (range->second.min) params["min"] = *range->second.min;
      if (range->second.max) params["max"] = *range->second.max;
      if (range->second.min && !range->second.min_inclusive) params["min_exclusive"] = true;
      if (range->second.max && !range->second.max_inclusive) params["max_exclusive"] = true;
      rule.params = std::move(params);
      rule.name = range->first + " within CHECK (" + check.expression + ")";
      if (!check.name.empty()) rule.id += ":" + check.name;
      rules.push_back(std::move(rule));
    }
  }
  for (const mapping::FieldMapping& field : mapping.fields) {
    if (field.status != mapping::MappingStatus::kApproved || !field.value_map) continue;
    const schema::Table* table = target.find_table(field.target.table);
    if (!table) continue;
    const schema::Column* column = find_column(*table, field.target.column);
    if (!column) continue;
    std::vector<std::string> values;
    bool closed = true;
    for (const mapping::ValueMapEntry& entry : field.value_map->entries) {
      auto v = literal_value(entry.to);
      if (v && std::find(values.begin(), values.end(), *v) == values.end()) values.push_back(*v);
    }
    if (field.value_map->otherwise) {
      auto v = literal_value(*field.value_map->otherwise);
      if (v) {
        if (std::find(values.begin(), values.end(), *v) == values.end()) values.push_back(*v);
      } else if (trim(*field.value_map->otherwise) != "NULL" &&
                 trim(*field.value_map->otherwise) != "null") {
        closed = false;  // an expression: any value may come out
      }
    } else {
      closed = false;  // unmapped codes pass through unchanged
    }
    if (!closed || values.empty()) continue;
    Rule rule = make_rule(*table, "accepted_values", column->name, "mapping", Severity::kHigh);
    rule.params = {{"values", values}};
    rule.name = column->name + " holds only the value map's codes";
    rules.push_back(std::move(rule));
  }
  return rules;
}

// ---------------------------------------------------------------------------------------
// run_rule

namespace {

struct RuleQuery {
  std::string table_sql;
  std::string column_sql;
  Engine engine = Engine::kPostgres;
};

/// Fills result.records_tested / records_failed / samples for a rule whose violating rows
/// are `table WHERE violation`.
void count_violations(Connector& target, const RuleQuery& q, const std::string& violation,
                      const std::vector<Param>& params, bool allow, CheckResult& result) {
  const ResultSet counts = target.query(
      "SELECT count(*), sum(CASE WHEN " + violation + " THEN 1 ELSE 0 END) FROM " + q.table_sql,
      params);
  result.records_tested = counts.rows.empty() ? 0 : quality::to_count(counts.rows[0][0]);
  result.records_failed = counts.rows.empty() ? 0 : quality::to_count(counts.rows[0][1]);
  if (result.records_failed == 0) return;
  const ResultSet samples = target.query("SELECT * FROM " + q.table_sql + " WHERE " + violation +
                                             " LIMIT " + std::to_string(kMaxSamples),
                                         params);
  for (const auto& row : samples.rows) {
    result.samples.push_back(quality::sample_row(samples.columns, row, allow));
  }
}

void run_unique(Connector& target, const Rule& rule, const schema::Table& table, const RuleQuery& q,
                bool allow, CheckResult& result) {
  std::vector<std::string> quoted;
  std::vector<std::string> names;
  for (const std::string& c : unique_columns(rule)) {
    const schema::Column* column = find_column(table, c);
    names.push_back(column ? column->name : c);
    quoted.push_back(target.quote_identifier(names.back()));
  }
  const std::string list = join(quoted, ", ");
  std::string not_null;
  for (const std::string& c : quoted)
    not_null += (not_null.empty() ? "" : " AND ") + c + " IS NOT NULL";
  const std::string groups = "SELECT " + list + ", count(*) AS godwit_rows FROM " + q.table_sql +
                             " WHERE " + not_null + " GROUP BY " + list + " HAVING count(*) > 1";
  const ResultSet counts = target.query(
      "SELECT (SELECT count(*) FROM " + q.table_sql + "), (SELECT sum(godwit_rows) FROM (" +
      groups + ") godwit_dup), " + "(SELECT count(*) FROM (" + groups + ") godwit_dup2)");
  result.records_tested = quality::to_count(counts.rows.at(0)[0]);
  result.records_failed = quality::to_count(counts.rows.at(0)[1]);
  result.actual["duplicate_values"] = quality::to_count(counts.rows.at(0)[2]);
  if (result.records_failed == 0) return;
  const ResultSet samples =
      target.query(groups + " ORDER BY count(*) DESC LIMIT " + std::to_string(kMaxSamples));
  for (const auto& row : samples.rows) {
    nlohmann::json sample =
        quality::sample_row(std::vector<std::string>(names.begin(), names.end()),
                            std::vector<Value>(row.begin(), row.end() - 1), allow);
    sample["rows"] = quality::to_count(row.back());
    result.samples.push_back(std::move(sample));
  }
}

/// SQLite has no REGEXP function unless the application registers one: Godwit streams the
/// column and matches each value itself.
void run_regex_in_godwit(Connector& target, const RuleQuery& q, const std::string& pattern,
                         bool allow, CheckResult& result) {
  const std::regex compiled(pattern, std::regex::extended);
  const ResultSet total = target.query("SELECT count(*) FROM " + q.table_sql);
  result.records_tested = total.rows.empty() ? 0 : quality::to_count(total.rows[0][0]);
  const std::string column_name = "value";
  target.query_each("SELECT " + quality::text_cast_sql(q.engine, q.column_sql) + " FROM " +
                        q.table_sql + " WHERE " + q.column_sql + " IS NOT NULL",
                    {}, [&](const std::vector<Value>& row) {
                      if (!row[0] || std::regex_search(*row[0], compiled)) return true;
                      ++result.records_failed;
                      if (result.samples.size() < kMaxSamples) {
                        result.samples.push_back(quality::sample_row({column_name}, row, allow));
                      }
                      return true;
                    });
  result.actual["evaluated_by"] = "godwit";
}

void run_freshness(Connector& target, const RuleQuery& q, const schema::Column& column,
                   double max_age_hours, CheckResult& result) {
  const bool zoned = column.type.time_zone != sql::TimeZoneKind::kNone;
  std::string age;
  switch (q.engine) {
    case Engine::kPostgres:
      age = "extract(epoch from (" + std::string(zoned ? "now()" : "localtimestamp") + " - max(" +
            q.column_sql + ")))";
      if (column.type.kind == sql::TypeKind::kDate) {
        age = "extract(epoch from (localtimestamp - CAST(max(" + q.column_sql + ") AS timestamp)))";
      }
      break;
    case Engine::kMariaDb: age = "TIMESTAMPDIFF(SECOND, max(" + q.column_sql + "), NOW())"; break;
    case Engine::kSqlite:
      age = "(julianday('now') - julianday(max(" + q.column_sql + "))) * 86400.0";
      break;
    case Engine::kOdbc: age = "NULL"; break;
    case Engine::kBigQuery:
      age = "TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), TIMESTAMP(max(" + q.column_sql + ")), SECOND)";
      break;
    case Engine::kDatabricks:
      age = "(unix_timestamp(current_timestamp()) - unix_timestamp(max(" + q.column_sql + ")))";
      break;
  }
  const ResultSet rs = target.query("SELECT count(*), " +
                                    quality::text_cast_sql(q.engine, "max(" + q.column_sql + ")") +
                                    ", " + age + " FROM " + q.table_sql);
  const auto& row = rs.rows.at(0);
  result.records_tested = 0;  // a table-level check: it does not test rows one by one
  result.actual["rows"] = quality::to_count(row[0]);
  result.actual["latest"] = row[1] ? nlohmann::json(*row[1]) : nlohmann::json(nullptr);
  const std::optional<double> seconds = quality::to_number(row[2]);
  if (!seconds) {
    result.status = CheckStatus::kFailed;
    result.message = "Freshness: '" + column.name +
                     "' holds no value (the table is empty or the "
                     "column is always NULL), so the data's age is unknown.";
    return;
  }
  const double hours = *seconds / 3600.0;
  result.actual["age_hours"] = std::round(hours * 100) / 100;
  if (hours > max_age_hours) {
    result.status = CheckStatus::kFailed;
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", hours);
    result.message = "Freshness: the latest '" + column.name + "' is " + text +
                     " hours old, older than the allowed " + nlohmann::json(max_age_hours).dump() +
                     " hours.";
  } else {
    result.status = CheckStatus::kPassed;
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", hours);
    result.message = "Freshness: the latest '" + column.name + "' is " + text +
                     " hours old, within " + nlohmann::json(max_age_hours).dump() + " hours.";
  }
}

std::string describe(const Rule& rule) {
  const nlohmann::json& p = rule.params;
  if (rule.kind == "not_null") return "'" + rule.column + "' is never NULL";
  if (rule.kind == "unique") return "'" + join(unique_columns(rule), ", ") + "' is unique";
  if (rule.kind == "range") {
    std::string text = "'" + rule.column + "' lies";
    if (p.contains("min")) text += std::string(" at or above ") + bound_text(p["min"]);
    if (p.contains("min") && p.contains("max")) text += " and";
    if (p.contains("max")) text += std::string(" at or below ") + bound_text(p["max"]);
    if (p.value("min_exclusive", false) || p.value("max_exclusive", false)) {
      text += " (exclusive where marked)";
    }
    return text;
  }
  if (rule.kind == "regex") return "'" + rule.column + "' matches /" + p.value("pattern", "") + "/";
  if (rule.kind == "accepted_values") return "'" + rule.column + "' holds only accepted values";
  if (rule.kind == "sql") return "the rule's query returns no rows";
  return rule.kind;
}

}  // namespace

CheckResult run_rule(Connector& target, const Rule& rule, const schema::Catalog& target_catalog,
                     bool allow_sample_values) {
  const auto started = std::chrono::steady_clock::now();
  CheckResult result;
  result.kind = CheckKind::kRule;
  result.severity = rule.severity;
  result.target_table = table_text(rule.table);
  result.target_column = rule.column;
  result.id = "rule:" + result.target_table + (rule.column.empty() ? "" : ":" + rule.column) + ":" +
              (rule.id.empty() ? rule.kind : rule.id);
  result.expected = {{"rule_id", rule.id},
                     {"name", rule.name},
                     {"kind", rule.kind},
                     {"params", rule.params},
                     {"origin", rule.origin}};
  if (rule.kind == "sql") result.expected["sql"] = rule.sql;
  result.actual = nlohmann::json::object();
  auto finish = [&]() {
    result.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
  };
  if (!rule.enabled) {
    result.status = CheckStatus::kSkipped;
    result.message = "Rule '" + rule.name + "' is disabled.";
    return finish();
  }
  const std::vector<Diagnostic> problems =
      validate_rule(rule, target_catalog, quality::dialect_of(target.engine()));
  if (!problems.empty()) {
    result.status = CheckStatus::kError;
    result.message = "Rule '" + rule.name + "' cannot run: " + problems.front().message;
    result.actual["diagnostics"] = nlohmann::json::array();
    for (const Diagnostic& d : problems) {
      result.actual["diagnostics"].push_back({{"code", d.code}, {"message", d.message}});
    }
    return finish();
  }
  const schema::Table* table =
      result.target_table.empty() ? nullptr : target_catalog.find_table(result.target_table);
  const schema::Column* column =
      table && !rule.column.empty() ? find_column(*table, rule.column) : nullptr;
  RuleQuery q;
  q.engine = target.engine();
  if (table) q.table_sql = target.quote_name(rule.table);
  if (column) q.column_sql = target.quote_identifier(column->name);
  const nlohmann::json& p = rule.params;
  try {
    if (rule.kind == "not_null") {
      count_violations(target, q, q.column_sql + " IS NULL", {}, allow_sample_values, result);
    } else if (rule.kind == "unique") {
      run_unique(target, rule, *table, q, allow_sample_values, result);
    } else if (rule.kind == "range") {
      std::vector<std::string> terms;
      std::vector<Param> params;
      // The bounds are compared with the column: bound as its type, which BigQuery needs.
      const ParamType bound_type = column ? param_type_of(column->type) : ParamType::kText;
      if (p.contains("min")) {
        params.emplace_back(bound_text(p["min"]), bound_type);
        terms.push_back(q.column_sql + (p.value("min_exclusive", false) ? " <= $" : " < $") +
                        std::to_string(params.size()));
      }
      if (p.contains("max")) {
        params.emplace_back(bound_text(p["max"]), bound_type);
        terms.push_back(q.column_sql + (p.value("max_exclusive", false) ? " >= $" : " > $") +
                        std::to_string(params.size()));
      }
      count_violations(target, q, "(" + join(terms, " OR ") + ")", params, allow_sample_values,
                       result);
    } else if (rule.kind == "regex") {
      const std::string pattern = p["pattern"].get<std::string>();
      const std::string text = quality::text_cast_sql(q.engine, q.column_sql);
      if (q.engine == Engine::kPostgres) {
        count_violations(target, q, "(" + q.column_sql + " IS NOT NULL AND " + text + " !~ $1)",
                         {pattern}, allow_sample_values, result);
        result.actual["evaluated_by"] = "database";
      } else if (q.engine == Engine::kMariaDb) {
        count_violations(target, q,
                         "(" + q.column_sql + " IS NOT NULL AND NOT (" + text + " REGEXP $1))",
                         {pattern}, allow_sample_values, result);
        result.actual["evaluated_by"] = "database";
      } else {
        run_regex_in_godwit(target, q, pattern, allow_sample_values, result);
      }
    } else if (rule.kind == "accepted_values") {
      std::vector<Param> params;  // compared with the column's text cast: text
      std::string list;
      for (const auto& v : p["values"]) {
        params.emplace_back(v.is_string()    ? v.get<std::string>()
                            : v.is_boolean() ? (v.get<bool>() ? "1" : "0")
                                             : v.dump());
        list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
      }
      count_violations(target, q,
                       "(" + q.column_sql + " IS NOT NULL AND " +
                           quality::text_cast_sql(q.engine, q.column_sql) + " NOT IN (" + list +
                           "))",
                       params, allow_sample_values, result);
    } else if (rule.kind == "freshness") {
      run_freshness(target, q, *column, p["max_age_hours"].get<double>(), result);
      return finish();
    } else if (rule.kind == "sql") {
      const std::string inner = quality::strip_terminator(rule.sql);
      const ResultSet counts = target.query("SELECT count(*) FROM (" + inner + ") godwit_rule");
      result.records_failed = quality::to_count(counts.rows.at(0)[0]);
      if (table) {
        const ResultSet total = target.query("SELECT count(*) FROM " + q.table_sql);
        result.records_tested = quality::to_count(total.rows.at(0)[0]);
      } else {
        result.records_tested = result.records_failed;
      }
      if (result.records_failed > 0) {
        const ResultSet samples = target.query("SELECT * FROM (" + inner + ") godwit_rule LIMIT " +
                                               std::to_string(kMaxSamples));
        for (const auto& row : samples.rows) {
          result.samples.push_back(quality::sample_row(samples.columns, row, allow_sample_values));
        }
      }
    }
  } catch (const std::exception& e) {
    result.status = CheckStatus::kError;
    result.message =
        "Rule '" + rule.name + "' failed to run on the target: " + quality::failure_text(e) + ".";
    return finish();
  }
  result.actual["violations"] = result.records_failed;
  result.actual["rows_tested"] = result.records_tested;
  result.actual["samples_masked"] = !allow_sample_values;
  result.status = result.records_failed == 0 ? CheckStatus::kPassed : CheckStatus::kFailed;
  const std::string where =
      result.target_table.empty() ? "the target" : "'" + result.target_table + "'";
  if (result.status == CheckStatus::kPassed) {
    result.message = "Rule '" + rule.name + "': " + describe(rule) + " holds on all " +
                     std::to_string(result.records_tested) + " rows of " + where + ".";
  } else if (rule.kind == "sql") {
    result.message = "Rule '" + rule.name + "': the query returned " +
                     std::to_string(result.records_failed) + " violating rows in " + where + ".";
  } else {
    result.message = "Rule '" + rule.name + "': " + std::to_string(result.records_failed) + " of " +
                     std::to_string(result.records_tested) + " rows of " + where + " break it (" +
                     describe(rule) + ")" +
                     (result.actual.value("evaluated_by", "") == "godwit"
                          ? "; SQLite has no REGEXP, so Godwit matched each value itself"
                          : "") +
                     ".";
  }
  return finish();
}

}  // namespace godwit::validation
