// INSERT ... SELECT and MERGE text for the SQL warehouses.
#include "codegen/load_sql.hpp"

#include <algorithm>

#include "sql/types/type_table.hpp"
#include "sql/types/type_writer.hpp"

namespace godwit::codegen {

namespace {

void add_lines(FileBuilder& file, const std::string& text,
               const std::vector<std::pair<int, std::string>>& line_ids) {
  std::size_t start = 0;
  int line = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::vector<std::string> ids;
    for (const auto& [l, id] : line_ids)
      if (l == line) ids.push_back(id);
    file.add(text.substr(start, end - start), ids);
    start = end + 1;
    ++line;
  }
}

/// Whether the outermost construct of `value` is a cast to `type`.
bool outer_cast_to(const std::string& value, const std::string& type) {
  std::size_t open = value.find('(');
  if (open == std::string::npos || value.back() != ')') return false;
  const std::string head = value.substr(0, open);
  if (head != "CAST" && head != "SAFE_CAST" && head != "TRY_CAST") return false;
  int depth = 0;
  for (std::size_t i = open; i < value.size(); ++i) {
    if (value[i] == '(') ++depth;
    if (value[i] == ')' && --depth == 0 && i + 1 != value.size()) return false;
  }
  const std::string tail = " AS " + type + ")";
  return value.size() > tail.size() &&
         value.compare(value.size() - tail.size(), tail.size(), tail) == 0;
}

bool string_literal(const std::string& text) {
  return text.size() >= 2 && text.front() == '\'' && text.back() == '\'';
}

}  // namespace

std::string cast_value(const ResolvedField& field, const std::string& value,
                       const std::string& type, const std::string& cast_function) {
  if (field.same_type || type.empty() || value == "NULL" || outer_cast_to(value, type))
    return value;
  if (field.target->type.kind == sql::TypeKind::kString && !field.target->type.length) {
    if (field.transformation == mapping::Transformation::kConcatenated) return value;
    if (field.value_map && !field.value_map->entries.empty()) {
      bool all = field.value_map->otherwise && string_literal(*field.value_map->otherwise);
      for (const mapping::ValueMapEntry& e : field.value_map->entries)
        all = all && string_literal(e.to);
      if (all) return value;
    }
  }
  return cast_function + "(" + value + " AS " + type + ")";
}

std::string column_type_sql(const schema::Column& column, std::string_view dialect) {
  if (column.type.kind == sql::TypeKind::kUnknown) return column.type_text;
  const sql::DialectTypeTable* table = sql::find_type_table(dialect);
  if (!table) return column.type_text;
  return sql::write_type(column.type, *table).text;
}

LoadSelect build_load_select(const GenerationContext& context, const ResolvedTable& table,
                             const std::string& file, const LoadSqlStyle& style,
                             std::vector<Diagnostic>& diagnostics) {
  TranslatedTable t = translate_table(table, context.mapping.formula_dialect, style.dialect, file,
                                      diagnostics, style.cast_function);
  LoadSelect out;
  out.text = "SELECT\n";
  int line = 1;
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    const ResolvedField& f = table.fields[i];
    const std::string column = quote_identifier(style.dialect, f.target->name);
    const std::string value = cast_value(
        f, t.expressions[i], column_type_sql(*f.target, style.dialect), style.cast_function);
    out.columns.push_back(column);
    out.text += "  " + value + " AS " + column + (i + 1 < table.fields.size() ? ",\n" : "\n");
    if (f.members.empty()) out.line_ids.emplace_back(line, f.mapping_id);
    std::vector<std::string> member_ids;  // a struct line names every member's mapping
    for (const ResolvedMember& m : f.members) m.collect_ids(member_ids);
    for (std::string& id : member_ids) out.line_ids.emplace_back(line, std::move(id));
    ++line;
  }
  const ResolvedSource& first = table.sources.front();
  out.text += "FROM " + staging_table_sql(first, context.options, style.dialect, context.platform) +
              " AS " + first.alias;
  for (std::size_t i = 1; i < table.sources.size(); ++i) {
    const ResolvedSource& s = table.sources[i];
    const std::string name = staging_table_sql(s, context.options, style.dialect, context.platform);
    if (t.join.empty()) {
      out.text += "\nCROSS JOIN " + name + " AS " + s.alias;
      Diagnostic d;
      d.code = "W-CODEGEN-CROSS-JOIN";
      d.severity = Severity::kWarning;
      d.message = "Table mapping " + table.mapping_id + " merges " +
                  std::to_string(table.sources.size()) +
                  " sources without a join condition: they are cross joined. Set its join.";
      d.file = file;
      diagnostics.push_back(std::move(d));
    } else {
      // The condition may name every source, so it goes where all are in scope: the last JOIN.
      out.text += "\nJOIN " + name + " AS " + s.alias +
                  (i + 1 == table.sources.size() ? " ON " + t.join : " ON TRUE");
    }
  }
  ++line;
  out.line_ids.emplace_back(line - 1, table.mapping_id);
  if (!t.filter.empty()) {
    out.text += "\nWHERE " + t.filter;
    out.line_ids.emplace_back(line, table.mapping_id);
  }
  return out;
}

void add_insert(FileBuilder& file, const GenerationContext& context, const ResolvedTable& table,
                const LoadSelect& select, const LoadSqlStyle& style) {
  std::string head =
      "INSERT INTO " +
      target_table_sql(*table.target, context.options, style.dialect, context.platform) + " (";
  for (std::size_t i = 0; i < select.columns.size(); ++i)
    head += (i ? ", " : "") + select.columns[i];
  file.add(head + ")", {table.mapping_id});
  add_lines(file, select.text + ";", select.line_ids);
}

bool add_merge(FileBuilder& file, const GenerationContext& context, const ResolvedTable& table,
               const LoadSelect& select, const LoadSqlStyle& style) {
  if (!table.target->primary_key || table.target->primary_key->columns.empty()) return false;
  std::vector<std::string> keys;
  for (const std::string& k : table.target->primary_key->columns) {
    const std::string q = quote_identifier(style.dialect, k);
    if (std::find(select.columns.begin(), select.columns.end(), q) == select.columns.end())
      return false;
    keys.push_back(q);
  }
  file.add("MERGE INTO " +
               target_table_sql(*table.target, context.options, style.dialect, context.platform) +
               " AS t",
           {table.mapping_id});
  file.add("USING (");
  std::string inner;
  std::size_t start = 0;
  while (start < select.text.size()) {
    std::size_t end = select.text.find('\n', start);
    if (end == std::string::npos) end = select.text.size();
    inner += "  " + select.text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  inner.pop_back();
  add_lines(file, inner, select.line_ids);
  std::string on;
  for (std::size_t i = 0; i < keys.size(); ++i)
    on += (i ? " AND t." : "t.") + keys[i] + " = s." + keys[i];
  file.add(") AS s\nON " + on, {table.mapping_id});
  std::string set;
  for (const std::string& c : select.columns)
    if (std::find(keys.begin(), keys.end(), c) == keys.end())
      set += (set.empty() ? "" : ", ") + c + " = s." + c;
  if (!set.empty()) file.add("WHEN MATCHED THEN UPDATE SET " + set);
  std::string cols, values;
  for (std::size_t i = 0; i < select.columns.size(); ++i) {
    cols += (i ? ", " : "") + select.columns[i];
    values += (i ? ", s." : "s.") + select.columns[i];
  }
  file.add("WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + values + ");");
  return true;
}

}  // namespace godwit::codegen
