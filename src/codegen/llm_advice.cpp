// Asking a language model for more optimisation advice, and keeping only what checks out.
#include "codegen/llm_advice.hpp"

#include <algorithm>
#include <cctype>

#include "codegen/verify.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::codegen {

namespace {

constexpr std::size_t kMaxMessage = 500;
constexpr std::size_t kMaxChange = 4000;
constexpr std::size_t kMaxSuggestions = 50;

Diagnostic dropped(std::size_t index, const std::string& why) {
  Diagnostic d;
  d.code = "W-CODEGEN-LLM-ADVICE";
  d.severity = Severity::kWarning;
  d.message = "LLM suggestion " + std::to_string(index + 1) + " was dropped: " + why;
  return d;
}

/// A string field of `item`, or nullptr when absent or not a string.
const std::string* text_field(const nlohmann::json& item, const char* name) {
  auto it = item.find(name);
  if (it == item.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

/// Why `text` cannot be shown as is: control characters (newlines and tabs allowed in
/// code) or the prompt's data-fence markers (a forged fence could steer a later prompt).
std::string unsafe_text(const std::string& text, bool code) {
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 && !(code && (c == '\n' || c == '\t' || c == '\r'))) return "a control character";
    if (c == 0x7f) return "a control character";
  }
  if (text.find("<<<") != std::string::npos || text.find(">>>") != std::string::npos)
    return "a data-fence marker";
  return {};
}

/// Statements a suggestion may propose: definitions, loads, queries and maintenance.
/// Anything that removes data or runs procedural code is not advice Godwit passes on.
std::string forbidden_statement(const sql::ParseResult& parsed) {
  for (const sql::Statement* s : parsed.statements) {
    switch (s->kind) {
      case sql::StatementKind::kCreateTable:
      case sql::StatementKind::kCreateView:
      case sql::StatementKind::kAlterTable:
      case sql::StatementKind::kCreateIndex:
      case sql::StatementKind::kCommentOn:
      case sql::StatementKind::kSet:
      case sql::StatementKind::kInsert:
      case sql::StatementKind::kQuery:
      case sql::StatementKind::kMerge: break;
      case sql::StatementKind::kOther: {
        std::string head;
        for (char c : parsed.text(s->span)) {
          if (!std::isalpha(static_cast<unsigned char>(c))) break;
          head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (head != "OPTIMIZE" && head != "ANALYZE") return head.empty() ? "a statement" : head;
        break;
      }
      default: {
        std::string head;
        for (char c : parsed.text(s->span)) {
          if (!std::isalpha(static_cast<unsigned char>(c))) break;
          head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        return head.empty() ? "a statement" : head;
      }
    }
  }
  return {};
}

std::string platform_dialect(Platform platform, const Options& options) {
  switch (platform) {
    case Platform::kBigQuery: return "bigquery";
    case Platform::kDatabricks: return "databricks";
    case Platform::kPostgres: return "postgres";
    case Platform::kDbt: return options.dbt_adapter == "databricks" ? "databricks" : "bigquery";
    case Platform::kBeam: return {};
  }
  return {};
}

}  // namespace

AdviceQuestion advice_question(Platform platform, const schema::Catalog& target,
                               const GenerationResult& generated, const std::vector<Advice>& advice,
                               std::size_t max_code_chars) {
  AdviceQuestion q;
  q.platform = platform;
  std::string dialect;
  for (const GeneratedFile& f : generated.files)
    if (!f.dialect.empty()) dialect = f.dialect;
  q.platform_text = std::string(to_string(platform)) +
                    (dialect.empty() ? " (Python)" : " (SQL dialect " + dialect + ")");
  for (const schema::Table& t : target.tables) {
    if (t.kind != schema::TableKind::kTable) continue;
    q.schema += t.name.to_string() + " (";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      q.schema += (i ? ", " : "") + t.columns[i].name + " " +
                  (t.columns[i].type_text.empty() ? std::string("?") : t.columns[i].type_text);
    if (t.primary_key && !t.primary_key->columns.empty()) {
      q.schema += ", PRIMARY KEY (";
      for (std::size_t i = 0; i < t.primary_key->columns.size(); ++i)
        q.schema += (i ? ", " : "") + t.primary_key->columns[i];
      q.schema += ")";
    }
    q.schema += ")\n";
  }
  std::vector<std::string> cut;
  for (const GeneratedFile& f : generated.files) {
    if (f.language == "json" || f.language == "markdown") continue;
    const std::string block = "=== " + f.path + " ===\n" + f.content;
    if (q.code.size() + block.size() > max_code_chars) {
      cut.push_back(f.path);
      continue;
    }
    q.code += block;
  }
  if (!cut.empty()) {
    q.code += "=== (left out for size: " + std::to_string(cut.size()) + " files) ===\n";
  }
  for (const Advice& a : advice) q.advice += a.rule + " | " + a.table + " | " + a.change + "\n";
  return q;
}

LlmAdviceResult advise_with_llm(Platform platform, const schema::Catalog& source,
                                const schema::Catalog& target,
                                const mapping::MappingDocument& document, const Options& options,
                                const GenerationResult& generated, const AdviceAsker& ask) {
  LlmAdviceResult out;
  out.advice = advise(platform, source, target, document, options);
  if (!ask) return out;
  AdviceAnswer answer = ask(advice_question(platform, target, generated, out.advice));
  out.diagnostics = std::move(answer.diagnostics);
  if (!answer.from_llm) return out;
  const nlohmann::json* list = nullptr;
  if (answer.answer.is_object()) {
    auto it = answer.answer.find("suggestions");
    if (it != answer.answer.end() && it->is_array()) list = &*it;
  }
  if (!list) {
    Diagnostic d;
    d.code = "W-CODEGEN-LLM-ADVICE";
    d.severity = Severity::kWarning;
    d.message = "The LLM's answer has no list of suggestions; only the rules' advice is shown.";
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  std::vector<DbtMacro> macros;
  for (const GeneratedFile& f : generated.files)
    if (f.path.rfind("macros/", 0) == 0) {
      std::vector<DbtMacro> more = parse_dbt_macros(f.content);
      macros.insert(macros.end(), more.begin(), more.end());
    }
  const std::string dialect = platform_dialect(platform, options);
  out.proposed = list->size();
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (i >= kMaxSuggestions) {
      out.diagnostics.push_back(dropped(i, "more than " + std::to_string(kMaxSuggestions) +
                                               " suggestions; the rest are ignored"));
      break;
    }
    const nlohmann::json& item = (*list)[i];
    if (!item.is_object()) {
      out.diagnostics.push_back(dropped(i, "it is not an object"));
      continue;
    }
    const std::string* table = text_field(item, "table");
    const std::string* file = text_field(item, "file");
    const std::string* type = text_field(item, "type");
    const std::string* impact = text_field(item, "impact");
    const std::string* message = text_field(item, "message");
    const std::string* change = text_field(item, "change");
    if (!table || !file || !type || !impact || !message || !change) {
      out.diagnostics.push_back(
          dropped(i, "table, file, type, impact, message and change must all be strings"));
      continue;
    }
    if (*type != "performance" && *type != "cost" && *type != "readability" &&
        *type != "best-practice") {
      out.diagnostics.push_back(dropped(i,
                                        "its type is not performance, cost, readability or "
                                        "best-practice"));
      continue;
    }
    if (*impact != "high" && *impact != "medium" && *impact != "low") {
      out.diagnostics.push_back(dropped(i, "its impact is not high, medium or low"));
      continue;
    }
    if (message->empty() || message->size() > kMaxMessage || change->empty() ||
        change->size() > kMaxChange) {
      out.diagnostics.push_back(dropped(i, "its message or change is empty or too long"));
      continue;
    }
    std::string why = unsafe_text(*message, false);
    if (why.empty()) why = unsafe_text(*table, false);
    if (why.empty()) why = unsafe_text(*file, false);
    if (why.empty()) why = unsafe_text(*change, true);
    if (!why.empty()) {
      out.diagnostics.push_back(dropped(i, "its text contains " + why));
      continue;
    }
    const schema::Table* t = target.find_table(*table);
    if (!t) {
      out.diagnostics.push_back(dropped(i, "the table '" + *table + "' is not in the target"));
      continue;
    }
    auto f = std::find_if(generated.files.begin(), generated.files.end(),
                          [&](const GeneratedFile& g) { return g.path == *file; });
    if (f == generated.files.end()) {
      out.diagnostics.push_back(dropped(i, "the file '" + *file + "' was not generated"));
      continue;
    }
    if (dialect.empty() || f->language != "sql") {
      out.diagnostics.push_back(
          dropped(i, "its change is for " + f->path +
                         ", which Godwit cannot parse (only SQL changes are checked and kept)"));
      continue;
    }
    const std::string sql =
        f->path.rfind("models/", 0) == 0 ? render_dbt_sql(*change, macros) : *change;
    sql::ParseResult parsed = sql::parse_sql(sql, sql::dialect_by_name(dialect));
    if (parsed.has_errors() || parsed.statements.empty() || !parsed.skipped.empty()) {
      std::string error = "no statement";
      for (const Diagnostic& d : parsed.diagnostics)
        if (d.severity == Severity::kError) {
          error = d.message;
          break;
        }
      out.diagnostics.push_back(
          dropped(i, "its change does not parse as " + dialect + " SQL (" + error + ")"));
      continue;
    }
    if (std::string bad = forbidden_statement(parsed); !bad.empty()) {
      out.diagnostics.push_back(
          dropped(i, "its change runs " + bad + ", which is not an optimisation Godwit passes on"));
      continue;
    }
    const bool repeats = std::any_of(out.advice.begin(), out.advice.end(), [&](const Advice& a) {
      return a.file == *file && a.change == *change;
    });
    if (repeats) {
      out.diagnostics.push_back(dropped(i, "it repeats advice already given"));
      continue;
    }
    Advice a;
    a.id = "LLM:" + std::to_string(out.kept + 1) + ":" + t->name.to_string();
    a.rule = "LLM-SUGGESTION";
    a.type = *type;
    a.impact = *impact;
    a.table = t->name.to_string();
    a.file = *file;
    a.message = *message;
    a.change = *change;
    a.auto_applicable = false;
    a.ai_generated = true;
    a.provider = answer.provider;
    a.model = answer.model;
    out.advice.push_back(std::move(a));
    ++out.kept;
  }
  return out;
}

}  // namespace godwit::codegen
