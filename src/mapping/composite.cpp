// Composite proposals (composite.hpp): concatenations, splits, value maps and time-zone
// conversions.
#include "mapping/composite.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "mapping/dictionary.hpp"
#include "mapping/normalise.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/printer/printer.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::mapping {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string dialect_of(std::string_view dialect) {
  auto name = sql::canonical_dialect_name(dialect);
  return name ? std::string(*name) : lower(dialect);
}

std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

/// The column's canonical tokens without the table-name prefix, joined ("firstname").
std::vector<std::string> column_tokens(const schema::Table& table, const schema::Column& column) {
  std::vector<std::string> table_tokens = split_identifier(table.name.name);
  std::vector<std::string> tokens = strip_table_prefix(split_identifier(column.name), table_tokens);
  for (std::string& t : tokens) t = canonical_token(t);
  return tokens;
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) out += t;
  return out;
}

bool is_string_like(const sql::LogicalType& type) {
  return type.kind == sql::TypeKind::kString || type.kind == sql::TypeKind::kUnknown;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digit = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

/// Quoted strings ('a', "b") in `text`, in order, unescaped.
std::vector<std::string> quoted_strings(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char q = text[i];
    if (q != '\'' && q != '"') continue;
    std::string value;
    std::size_t j = i + 1;
    bool closed = false;
    for (; j < text.size(); ++j) {
      if (text[j] == q) {
        if (j + 1 < text.size() && text[j + 1] == q) {
          value.push_back(q);
          ++j;
          continue;
        }
        closed = true;
        break;
      }
      value.push_back(text[j]);
    }
    if (!closed) break;
    out.push_back(value);
    i = j;
  }
  return out;
}

/// The values of `column IN (...)` in a CHECK expression (strings or numbers), or empty.
std::vector<std::string> check_in_values(std::string_view expression, std::string_view column) {
  std::string text = lower(expression);
  std::string name = lower(column);
  std::size_t at = 0;
  while ((at = text.find(name, at)) != std::string::npos) {
    std::size_t end = at + name.size();
    bool word_start =
        at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
    at = end;
    if (!word_start) continue;
    while (end < text.size() && (text[end] == ' ' || text[end] == '"' || text[end] == '`' ||
                                 text[end] == ']' || text[end] == '\n' || text[end] == '\t'))
      ++end;
    if (text.compare(end, 2, "in") != 0) continue;
    end += 2;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\n' || text[end] == '\t')) ++end;
    if (end >= text.size() || text[end] != '(') continue;
    std::size_t close = text.find(')', end);
    if (close == std::string::npos) return {};
    std::string_view list = expression.substr(end + 1, close - end - 1);
    std::vector<std::string> values = quoted_strings(list);
    if (values.empty()) {
      std::string cur;
      for (char c : list) {
        if (c == ',') {
          if (is_number(cur)) values.push_back(cur);
          cur.clear();
        } else if (c != ' ') {
          cur.push_back(c);
        }
      }
      if (is_number(cur)) values.push_back(cur);
    }
    return values;
  }
  return {};
}

/// 1 for a "yes" value, 0 for a "no" value, -1 otherwise.
int truth_value(std::string_view value) {
  std::string v = lower(value);
  static const std::set<std::string> yes = {"y", "yes", "t", "true", "1", "on", "ja", "oui", "si"};
  static const std::set<std::string> no = {"n", "no", "f", "false", "0", "off", "nein", "non"};
  if (yes.count(v)) return 1;
  if (no.count(v)) return 0;
  return -1;
}

std::string literal_for(const std::string& value, const sql::LogicalType& type) {
  if (type.kind == sql::TypeKind::kBoolean) {
    int t = truth_value(value);
    if (t >= 0) return t ? "TRUE" : "FALSE";
  }
  if (type.is_numeric() && is_number(value)) return value;
  return quote_literal(value);
}

/// Letters of a value, lower-case ("Not known" -> "notknown").
std::string letters(std::string_view value) {
  std::string out;
  for (char c : value)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace

std::string concat_formula(const std::vector<std::string>& parts, std::string_view separator,
                           std::string_view dialect) {
  std::string d = dialect_of(dialect);
  std::string sep = quote_literal(separator);
  static const std::set<std::string> has_concat_ws = {"postgres",  "mysql", "databricks",
                                                      "snowflake", "tsql",  "hive"};
  if (has_concat_ws.count(d)) {
    std::string out = "CONCAT_WS(" + sep;
    for (const std::string& p : parts) out += ", " + p;
    return out + ")";
  }
  // Written once in PostgreSQL's form (|| over COALESCE'd parts), printed by the SQL
  // engine in the target dialect (CONCAT in BigQuery, || elsewhere).
  std::string expr;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) expr += " || ";
    if (i) expr += "CASE WHEN " + parts[i] + " IS NULL THEN '' ELSE " + sep + " END || ";
    expr += "COALESCE(" + parts[i] + ", '')";
  }
  expr = "TRIM(" + expr + ")";
  if (d == "postgres" || sql::canonical_dialect_name(d) == std::nullopt) return expr;
  try {
    sql::Translation t = sql::transpile("SELECT " + expr, "postgres", d, {false});
    if (t.statements.size() == 1 && t.counts.unsupported == 0) {
      const std::string& s = t.statements[0].sql;
      if (s.rfind("SELECT ", 0) == 0) return s.substr(7);
    }
  } catch (const std::exception&) {
    // An unknown target: keep the PostgreSQL form; the parser check reports it.
  }
  return expr;
}

std::string split_formula(std::string_view expr_view, bool last, std::string_view dialect) {
  std::string d = dialect_of(dialect);
  std::string e(expr_view);
  if (d == "bigquery")
    return last ? "ARRAY_REVERSE(SPLIT(" + e + ", ' '))[SAFE_OFFSET(0)]"
                : "SPLIT(" + e + ", ' ')[SAFE_OFFSET(0)]";
  if (d == "mysql") return "SUBSTRING_INDEX(" + e + ", ' ', " + (last ? "-1" : "1") + ")";
  if (d == "tsql")
    return last ? "RIGHT(" + e + ", CHARINDEX(' ', REVERSE(" + e + ") + ' ') - 1)"
                : "LEFT(" + e + ", CHARINDEX(' ', " + e + " + ' ') - 1)";
  if (d == "oracle")
    return last ? "REGEXP_SUBSTR(" + e + ", '[^ ]+$')" : "REGEXP_SUBSTR(" + e + ", '[^ ]+', 1, 1)";
  if (d == "hive")
    return last ? "REVERSE(SPLIT(REVERSE(" + e + "), ' ')[0])" : "SPLIT(" + e + ", ' ')[0]";
  // PostgreSQL 14+, Snowflake, Databricks, Redshift (first part), ANSI as written.
  if (last && d == "redshift") return "REVERSE(SPLIT_PART(REVERSE(" + e + "), ' ', 1))";
  return "SPLIT_PART(" + e + ", ' ', " + (last ? "-1" : "1") + ")";
}

std::optional<TransformSuggestion> time_zone_transform(const schema::Column& source,
                                                       const schema::Column& target,
                                                       std::string_view column_expression,
                                                       std::string_view dialect) {
  const sql::LogicalType& from = source.type;
  const sql::LogicalType& to = target.type;
  if (from.kind != sql::TypeKind::kTimestamp || to.kind != sql::TypeKind::kTimestamp)
    return std::nullopt;
  bool from_zone = from.time_zone != sql::TimeZoneKind::kNone;
  bool to_zone = to.time_zone != sql::TimeZoneKind::kNone;
  if (from_zone == to_zone) return std::nullopt;
  std::string d = dialect_of(dialect);
  std::string e(column_expression);
  std::string type_text = !target.type_text.empty() ? target.type_text : sql::to_string(to);
  TransformSuggestion out;
  out.transformation = Transformation::kComputed;
  std::string prefix =
      source.name + ": " + sql::to_string(from) + " -> " + sql::to_string(to) + ": ";
  if (!from_zone) {
    // Local wall-clock times become instants: the zone they were written in must be said.
    if (d == "bigquery") {
      out.formula = "TIMESTAMP(" + e + ", 'UTC')";
    } else if (d == "snowflake") {
      // A cast from TIMESTAMP_NTZ reads the value in the session's zone; building the
      // TIMESTAMP_TZ from its parts with the zone stated does not (and TZ -> LTZ keeps
      // the instant).
      out.formula = "TIMESTAMP_TZ_FROM_PARTS(YEAR(" + e + "), MONTH(" + e + "), DAY(" + e +
                    "), HOUR(" + e + "), MINUTE(" + e + "), SECOND(" + e +
                    "), EXTRACT(NANOSECOND FROM " + e + "), 'UTC')";
      if (to.time_zone != sql::TimeZoneKind::kWithTimeZone) out.formula += "::TIMESTAMP_LTZ";
    } else if (d == "databricks") {
      // TIMESTAMP is an instant shown in the session zone: move the UTC wall clock to the
      // session's zone first, so the cast reads it back as the intended instant.
      out.formula = "CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMEZONE(), " + e + ") AS TIMESTAMP)";
    } else if (d == "hive") {
      out.formula = "TO_UTC_TIMESTAMP(" + e + ", 'UTC')";
    } else if (d == "mysql") {
      // A TIMESTAMP column stores what it is given as a time in the session's zone.
      out.formula = "CONVERT_TZ(" + e + ", '+00:00', @@session.time_zone)";
    } else if (d == "oracle") {
      // AT TIME ZONE would read a plain TIMESTAMP in the session's zone.
      out.formula = "FROM_TZ(CAST(" + e + " AS TIMESTAMP), 'UTC')";
    } else {
      out.formula = e + " AT TIME ZONE 'UTC'";
    }
    out.warnings.push_back(prefix +
                           "W-TYPE-TIMEZONE the source values carry no time zone; the formula "
                           "reads them as UTC: replace 'UTC' with the zone the source system "
                           "wrote them in (e.g. 'Europe/Berlin')");
  } else {
    // Instants become wall-clock times in one stated zone (UTC).
    if (d == "bigquery") {
      out.formula = "DATETIME(" + e + ", 'UTC')";
    } else if (d == "snowflake") {
      out.formula = "CONVERT_TIMEZONE('UTC', " + e + ")::TIMESTAMP_NTZ";
    } else if (d == "databricks") {
      // The cast to TIMESTAMP_NTZ gives the session's wall clock; convert that to UTC.
      out.formula = "CONVERT_TIMEZONE(CURRENT_TIMEZONE(), 'UTC', CAST(" + e + " AS TIMESTAMP_NTZ))";
    } else if (d == "hive") {
      out.formula = "FROM_UTC_TIMESTAMP(" + e + ", 'UTC')";
    } else if (d == "mysql") {
      // A TIMESTAMP column reads back in the session's zone.
      out.formula = "CONVERT_TZ(" + e + ", @@session.time_zone, '+00:00')";
    } else if (d == "oracle") {
      out.formula = "SYS_EXTRACT_UTC(" + e + ")";
    } else if (d == "tsql") {
      out.formula = "CAST(" + e + " AT TIME ZONE 'UTC' AS " + type_text + ")";
    } else {
      out.formula = e + " AT TIME ZONE 'UTC'";
    }
    out.warnings.push_back(prefix +
                           "W-TYPE-TIMEZONE the target keeps no time zone; the formula writes "
                           "UTC wall-clock times: replace 'UTC' with the zone the target's "
                           "readers expect");
  }
  return out;
}

std::vector<std::string> accepted_values(const schema::Table& table, const schema::Column& column) {
  if (column.type.kind == sql::TypeKind::kEnum && column.type.values &&
      !column.type.values->empty())
    return *column.type.values;
  for (const schema::Check& check : table.checks) {
    std::vector<std::string> values = check_in_values(check.expression, column.name);
    if (values.size() >= 2) return values;
  }
  if (!column.comment.empty()) {
    std::vector<std::string> values = quoted_strings(column.comment);
    if (values.size() >= 2 && values.size() <= 64) return values;
  }
  if (column.type.kind == sql::TypeKind::kBoolean) return {"true", "false"};
  std::vector<std::string> distinct;
  std::set<std::string> seen;
  for (const std::string& v : column.sample_values) {
    if (v.empty() || !seen.insert(v).second) continue;
    distinct.push_back(v);
    if (distinct.size() > 24) return {};
  }
  return distinct.size() >= 2 ? distinct : std::vector<std::string>{};
}

std::optional<ValueMapProposal> propose_value_map(const schema::Column& source,
                                                  const schema::Column& target,
                                                  const std::vector<std::string>& target_values) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (const std::string& v : source.sample_values) {
    if (v.empty() || !seen.insert(v).second) continue;
    codes.push_back(v);
    if (codes.size() > 24) return std::nullopt;
  }
  if (codes.size() < 2 || target_values.size() < 2) return std::nullopt;
  // Same sets (ignoring case where the target is case-insensitive text): nothing to map.
  std::set<std::string> targets_exact(target_values.begin(), target_values.end());
  if (std::all_of(codes.begin(), codes.end(),
                  [&](const std::string& c) { return targets_exact.count(c) > 0; }))
    return std::nullopt;
  // Codes that look like free values (long texts, or numbers against a numeric target
  // range) are not a code set.
  if (std::any_of(codes.begin(), codes.end(), [](const std::string& c) { return c.size() > 40; }))
    return std::nullopt;

  ValueMapProposal out;
  std::vector<std::string> unmatched;
  std::string detail;
  int matched = 0;
  for (const std::string& code : codes) {
    std::string lc = letters(code);
    std::string how;
    const std::string* hit = nullptr;
    auto unique = [&](auto pred, const char* why) {
      if (hit != nullptr) return;
      const std::string* found = nullptr;
      for (const std::string& t : target_values) {
        if (!pred(t)) continue;
        if (found != nullptr) return;  // ambiguous
        found = &t;
      }
      if (found != nullptr) {
        hit = found;
        how = why;
      }
    };
    unique([&](const std::string& t) { return lower(t) == lower(code); }, "same text");
    unique([&](const std::string& t) { return !lc.empty() && letters(t) == lc; }, "same letters");
    if (truth_value(code) >= 0)
      unique([&](const std::string& t) { return truth_value(t) == truth_value(code); },
             "truth value");
    unique(
        [&](const std::string& t) {
          std::string lt = letters(t);
          return !lc.empty() && !is_digits(lc) && lt.size() > lc.size() && lt.rfind(lc, 0) == 0;
        },
        "prefix");
    unique(
        [&](const std::string& t) {
          std::string lt = letters(t);
          return lc.size() >= 2 && !is_digits(lc) && is_abbreviation(lc, lt);
        },
        "abbreviation");
    unique(
        [&](const std::string& t) {
          std::string lt = letters(t);
          return lc.size() >= 2 && !is_digits(lc) && canonical_token(lc) == canonical_token(lt);
        },
        "synonym");
    if (hit == nullptr) {
      unmatched.push_back(code);
      continue;
    }
    ++matched;
    if (detail.size() < 200)
      detail += (detail.empty() ? "" : ", ") + code + "->" + *hit + " (" + how + ")";
    out.map.entries.push_back({literal_for(code, source.type), literal_for(*hit, target.type)});
  }
  if (matched < 2 || matched * 2 < static_cast<int>(codes.size())) return std::nullopt;
  // A map that changes nothing is no map.
  if (std::all_of(out.map.entries.begin(), out.map.entries.end(),
                  [](const ValueMapEntry& e) { return e.from == e.to; }))
    return std::nullopt;
  out.detail = std::to_string(matched) + " of " + std::to_string(codes.size()) +
               " sample codes matched the target's values: " + detail;
  if (!unmatched.empty()) {
    std::string list;
    for (const std::string& u : unmatched) list += (list.empty() ? "" : ", ") + quote_literal(u);
    out.warnings.push_back(source.name + ": the codes " + list +
                           " match none of the target's values; they pass through unchanged "
                           "unless you add them to the value map");
  }
  return out;
}

std::string name_part(const schema::Table& table, const schema::Column& column) {
  std::vector<std::string> tokens = column_tokens(table, column);
  if (tokens.empty()) return "";
  std::string j = joined(tokens);
  static const std::map<std::string, std::string> parts = {
      {"firstname", "first"},      {"first", "first"},       {"givenname", "first"},
      {"forename", "first"},       {"middlename", "middle"}, {"middle", "middle"},
      {"middleinitial", "middle"}, {"mi", "middle"},         {"surname", "last"},
      {"lastname", "last"},        {"last", "last"},         {"familyname", "last"}};
  if (auto it = parts.find(j); it != parts.end()) return it->second;
  // Address lines: address1, address_line_2, addr_line1, street2.
  std::vector<std::string> rest;
  std::string number;
  bool address = false;
  for (const std::string& t : tokens) {
    if (t == "address" || t == "street") {
      address = true;
    } else if (is_digits(t)) {
      number = t;
    } else if (t.size() > 4 && t.rfind("line", 0) == 0 && is_digits(t.substr(4))) {
      number = t.substr(4);
    } else if (t != "line") {
      rest.push_back(t);
    }
  }
  if (address && !number.empty() && number.size() <= 2 && rest.empty()) return "line" + number;
  return "";
}

std::string whole_kind(const schema::Table& table, const schema::Column& column) {
  std::vector<std::string> tokens = column_tokens(table, column);
  if (tokens.empty()) return "";
  std::string j = joined(tokens);
  if (tokens.back() == "name") {
    static const std::set<std::string> qualifiers = {"full",    "complete", "display",  "person",
                                                     "contact", "patient",  "customer", "employee",
                                                     "member",  "legal",    "formatted"};
    bool ok = true;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
      if (!qualifiers.count(tokens[i])) ok = false;
    if (ok) return "person_name";
  }
  if (j == "fullname" || j == "customername" || j == "personname") return "person_name";
  if (tokens.size() <= 2 && (tokens.back() == "address" || j == "streetaddress") &&
      (tokens.size() == 1 || tokens[0] == "street" || tokens[0] == "postal" ||
       tokens[0] == "mailing" || tokens[0] == "full"))
    return "address";
  return "";
}

std::vector<CompositeProposal> propose_concatenations(const schema::Catalog& source,
                                                      const schema::Catalog& target,
                                                      const std::vector<TablePair>& pairs,
                                                      const CompositeOptions& options) {
  std::vector<CompositeProposal> out;
  for (const TablePair& pair : pairs) {
    if (pair.source >= source.tables.size() || pair.target >= target.tables.size()) continue;
    const schema::Table& st = source.tables[pair.source];
    const schema::Table& tt = target.tables[pair.target];
    // Parts on the source side, wholes on the source side (then there is nothing to build).
    std::map<std::string, const schema::Column*> parts;
    std::set<std::string> source_wholes;
    for (const schema::Column& c : st.columns) {
      std::string p = name_part(st, c);
      if (!p.empty() && is_string_like(c.type)) parts.emplace(p, &c);
      std::string w = whole_kind(st, c);
      if (!w.empty()) source_wholes.insert(w);
    }
    if (parts.size() < 2) continue;
    // The target table's own parts: a target that keeps first/last apart needs no whole.
    std::set<std::string> target_parts;
    for (const schema::Column& c : tt.columns) {
      std::string p = name_part(tt, c);
      if (!p.empty()) target_parts.insert(p.substr(0, 4) == "line" ? "line" : "name");
    }
    for (const schema::Column& tc : tt.columns) {
      std::string kind = whole_kind(tt, tc);
      if (kind.empty() || source_wholes.count(kind) || !is_string_like(tc.type)) continue;
      std::vector<const schema::Column*> chosen;
      std::string separator = " ";
      std::string what;
      if (kind == "person_name") {
        if (target_parts.count("name") || !parts.count("first") || !parts.count("last")) continue;
        for (const char* p : {"first", "middle", "last"})
          if (auto it = parts.find(p); it != parts.end()) chosen.push_back(it->second);
        what = "name parts (first, middle, last)";
      } else {
        if (target_parts.count("line")) continue;
        for (const auto& [p, c] : parts)  // "line1" < "line2" < ...
          if (p.rfind("line", 0) == 0) chosen.push_back(c);
        if (chosen.size() < 2) continue;
        separator = ", ";
        what = "address lines";
      }
      CompositeProposal proposal;
      FieldMapping& f = proposal.field;
      std::vector<std::string> exprs;
      std::vector<std::string> allowed;
      std::string names;
      std::string table_name = st.name.to_string();
      for (const schema::Column* c : chosen) {
        f.sources.push_back({table_name, c->name});
        std::string e = quote_identifier(c->name, options.dialect);
        if (options.qualify) e = quote_identifier(st.name.name, options.dialect) + "." + e;
        exprs.push_back(e);
        allowed.push_back(options.qualify ? st.name.name + "." + c->name : c->name);
        names += (names.empty() ? "" : " + ") + c->name;
      }
      f.target = {tt.name.to_string(), tc.name};
      f.id = field_mapping_id(f.sources, f.target);
      f.transformation = Transformation::kConcatenated;
      f.formula = concat_formula(exprs, separator, options.dialect);
      f.description = tc.name + " <- " + names;
      bool samples = !chosen.front()->sample_values.empty();
      // Stronger when the whole is named explicitly (full_name) than for a bare "name".
      double strength = kind == "person_name" ? (split_identifier(tc.name).size() > 1 ? 0.9 : 0.75)
                                              : (chosen.size() >= 2 ? 0.8 : 0.6);
      proposal.raw = 0.45 + 0.45 * strength + (samples ? 0.02 : 0.0);
      f.evidence.push_back(
          {"name", strength, 1.0,
           tc.name + " holds a whole; " + st.name.name + " has its " + what + ": " + names});
      f.evidence.push_back({"type", 1.0, 0.0, "all parts and the target are text"});
      f.warnings.push_back(tc.name + ": concatenated from " + std::to_string(chosen.size()) +
                           " columns with '" + separator +
                           "' between non-NULL parts; check the "
                           "order and separator the target expects");
      for (const schema::Column* c : chosen) {
        if (tc.type.length && c->type.length && *c->type.length > *tc.type.length)
          f.warnings.push_back(tc.name + ": " + c->name +
                               " alone may be longer than the target's length; the result may "
                               "be truncated");
      }
      if (options.validate_formulas && !options.dialect.empty()) {
        std::vector<Diagnostic> errors;
        if (!validate_formula(f.formula, options.dialect, allowed, errors))
          for (const Diagnostic& e : errors) f.warnings.push_back("formula: " + e.message);
      }
      out.push_back(std::move(proposal));
    }
  }
  return out;
}

}  // namespace godwit::mapping
