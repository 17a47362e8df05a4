// The shared context of the platform generators and their text tools.
#include "codegen/generation_context.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>

#include "discovery/findings.hpp"
#include "sql/printer/printer_profile.hpp"

namespace godwit::codegen {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return upper(a) == upper(b);
}

/// The part of an advice id after "<kind>:<table>:", when `applied` has one for the table.
std::vector<std::string> applied_values(const Options& options, std::string_view kind,
                                        const std::string& table) {
  std::vector<std::string> out;
  const std::string prefix = std::string(kind) + ":" + table + ":";
  for (const std::string& id : options.applied_advice)
    if (id.rfind(prefix, 0) == 0) out.push_back(id.substr(prefix.size()));
  return out;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

const schema::Column* find_column(const schema::Table& t, std::string_view name) {
  for (const schema::Column& c : t.columns)
    if (iequals(c.name, name)) return &c;
  return nullptr;
}

}  // namespace

IntegerRange integer_partition_range(const schema::Table& table, const schema::Column& column) {
  std::int64_t upper = 0;
  if (table.row_count && *table.row_count > 0) {
    upper = *table.row_count;
  } else {
    for (const std::string& v : column.sample_values) {
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (end && *end == '\0' && !v.empty() && n > upper) upper = n;
    }
  }
  if (upper <= 0) upper = 1'000'000;
  upper = std::min<std::int64_t>(upper, 1'000'000'000'000);
  std::int64_t interval = 1;
  for (std::int64_t base = 1;; base *= 10) {
    if ((interval = base) * 4000 > upper) break;
    if ((interval = base * 2) * 4000 > upper) break;
    if ((interval = base * 5) * 4000 > upper) break;
  }
  return {0, (upper / interval + 1) * interval, interval};
}

const TableLayout& GenerationContext::layout_of(const schema::Table* table) const {
  static const TableLayout kNone;
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (tables[i] == table) return layouts[i];
  return kNone;
}

GenerationContext make_context(const schema::Catalog& source, const schema::Catalog& target,
                               const ResolvedMapping& mapping, const Options& options,
                               Platform platform) {
  GenerationContext ctx{source, target, mapping, options, platform, {}, {}};
  const std::vector<discovery::Finding> findings = discovery::analyze(target);
  // Column findings by their table ("schema.table.column" -> "schema.table").
  std::unordered_map<std::string, std::vector<const discovery::Finding*>> by_table;
  for (const discovery::Finding& f : findings) {
    if (f.objects.size() != 1) continue;
    const std::size_t dot = f.objects[0].rfind('.');
    if (dot != std::string::npos) by_table[f.objects[0].substr(0, dot)].push_back(&f);
  }
  for (const schema::Table& t : target.tables) {
    if (t.kind != schema::TableKind::kTable) continue;
    const std::string name = t.name.to_string();
    TableLayout layout;
    layout.incremental = t.primary_key.has_value() && !t.primary_key->columns.empty();
    static const std::vector<const discovery::Finding*> kNone;
    auto found = by_table.find(name);
    for (const discovery::Finding* fp : found == by_table.end() ? kNone : found->second) {
      const discovery::Finding& f = *fp;
      const std::string column = f.objects[0].substr(name.size() + 1);
      if (f.code == "F-PARTITION-CANDIDATE" && layout.partition_column.empty())
        layout.partition_column = column;
      else if (f.code == "F-CLUSTER-CANDIDATE" && layout.cluster_columns.size() < 4)
        layout.cluster_columns.push_back(column);
    }
    for (const std::string& column : applied_values(options, "partition", name))
      if (find_column(t, column)) layout.partition_column = column;
    for (const std::string& columns : applied_values(options, "cluster", name)) {
      std::vector<std::string> cols;
      for (const std::string& c : split_commas(columns))
        if (find_column(t, c) && cols.size() < 4) cols.push_back(c);
      if (!cols.empty()) layout.cluster_columns = cols;
    }
    layout.auto_compact = layout.incremental && options.applied_advice.count("autocompact:" + name);
    if (!layout.partition_column.empty()) {
      const schema::Column* c = find_column(t, layout.partition_column);
      layout.partition_by_day = c && c->type.kind == sql::TypeKind::kTimestamp;
      if (c && c->type.kind == sql::TypeKind::kInteger)
        layout.partition_range = integer_partition_range(t, *c);
      else if (!c ||
               (c->type.kind != sql::TypeKind::kTimestamp && c->type.kind != sql::TypeKind::kDate))
        layout.partition_column.clear();
    }
    ctx.tables.push_back(&t);
    ctx.layouts.push_back(std::move(layout));
  }
  return ctx;
}

std::string quote_identifier(std::string_view dialect, std::string_view name) {
  const sql::PrinterProfile* p = sql::find_printer_profile(dialect);
  const char open = p ? p->quote_open : '"';
  const char close = p ? p->quote_close : '"';
  bool plain =
      !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  bool folds = false;
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    plain = plain && (std::isalnum(c) || c == '_');
    if (p && p->identifier_case == sql::IdentifierCase::kLower && std::isupper(c)) folds = true;
  }
  const std::string u = upper(name);
  const bool reserved = p && std::binary_search(p->reserved_words.begin(), p->reserved_words.end(),
                                                std::string_view(u));
  if (plain && !reserved && !folds) return std::string(name);
  std::string out(1, open);
  for (char c : name) {
    if (c == close) out += (p && p->identifier_backslash_escape) ? '\\' : c;
    out += c;
  }
  return out + close;
}

std::string target_schema_of(const schema::Table& table, const Options& options) {
  return table.name.schema.empty() ? options.target_schema : table.name.schema;
}

std::string target_table_sql(const schema::Table& table, const Options& options,
                             std::string_view dialect, Platform platform) {
  std::string out;
  if (platform == Platform::kDatabricks ||
      (platform == Platform::kDbt && options.dbt_adapter == "databricks"))
    out = quote_identifier(dialect, options.databricks_catalog) + ".";
  return out + quote_identifier(dialect, target_schema_of(table, options)) + "." +
         quote_identifier(dialect, table.name.name);
}

std::string staging_table_sql(const ResolvedSource& source, const Options& options,
                              std::string_view dialect, Platform platform) {
  std::string out;
  if (platform == Platform::kDatabricks)
    out = quote_identifier(dialect, options.databricks_catalog) + ".";
  return out + quote_identifier(dialect, options.staging_schema) + "." +
         quote_identifier(dialect, source.staging_name);
}

std::string file_stem(const std::string& qualified_name) {
  std::string out;
  for (char c : qualified_name)
    out +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
  return out;
}

std::string sql_string(std::string_view text, std::string_view dialect) {
  const bool backslash = dialect == "bigquery" || dialect == "databricks";
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += backslash ? "\\'" : "''";
    else if (c == '\\' && backslash)
      out += "\\\\";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out + "'";
}

void FileBuilder::add(std::string_view text, const std::vector<std::string>& ids) {
  if (text.empty()) return;
  const int first = lines_ + 1;
  content_ += text;
  if (content_.back() != '\n') content_ += '\n';
  lines_ += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  if (text.back() != '\n') ++lines_;
  if (!ids.empty()) provenance_.push_back({first, lines_, ids});
}

GeneratedFile FileBuilder::finish(std::string path, std::string language, std::string dialect) {
  GeneratedFile f{std::move(path), std::move(language), std::move(dialect), std::move(content_),
                  std::move(provenance_)};
  content_.clear();
  provenance_.clear();
  lines_ = 0;
  return f;
}

}  // namespace godwit::codegen
