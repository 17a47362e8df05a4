// The model's part of ai-suggestions without the model (model_answer.hpp).
#include "mapping/model_answer.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "mapping/transform.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::mapping {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// The table whose stored name (or bare name) is `name`, ignoring case; nullptr if none
/// or if the bare name is ambiguous.
const schema::Table* find_table(const schema::Catalog& catalog, std::string_view name) {
  std::string wanted = lower(name);
  const schema::Table* bare = nullptr;
  int bare_hits = 0;
  for (const schema::Table& t : catalog.tables) {
    if (lower(t.name.to_string()) == wanted) return &t;
    if (lower(t.name.name) == wanted) {
      bare = &t;
      ++bare_hits;
    }
  }
  return bare_hits == 1 ? bare : nullptr;
}

const schema::Column* find_column(const schema::Table& table, std::string_view name) {
  std::string wanted = lower(name);
  for (const schema::Column& c : table.columns)
    if (lower(c.name) == wanted) return &c;
  return nullptr;
}

std::string type_of(const schema::Column& c) {
  if (!c.type_text.empty()) return c.type_text;
  if (c.type.kind == sql::TypeKind::kUnknown && c.type.name.empty()) return "";
  return sql::to_string(c.type);
}

std::string table_line(const schema::Table& t, std::size_t max_columns) {
  std::string out = t.name.to_string() + " (";
  std::size_t n = 0;
  for (const schema::Column& c : t.columns) {
    if (n == max_columns) {
      out += ", ... " + std::to_string(t.columns.size() - n) + " more";
      break;
    }
    std::string type = type_of(c);
    out += (n ? ", " : "") + c.name + (type.empty() ? "" : " " + type);
    ++n;
  }
  return out + ")\n";
}

Diagnostic drop(std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Severity::kWarning;
  d.message = std::move(message);
  return d;
}

/// Whether the formula holds a query (the word SELECT outside quotes).
bool reads_other_tables(std::string_view formula) {
  std::string word;
  char quote = 0;
  for (std::size_t i = 0; i <= formula.size(); ++i) {
    char c = i < formula.size() ? formula[i] : ' ';
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      word.clear();
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
      word.push_back(static_cast<char>(c | 0x20));
    } else {
      if (word == "select") return true;
      word.clear();
    }
  }
  return false;
}

std::string format_confidence(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

}  // namespace

ModelPromptData model_prompt_data(const std::vector<FieldMapping>& candidates,
                                  const schema::Catalog& source, const schema::Catalog& target,
                                  std::size_t max_columns_per_table) {
  ModelPromptData out;
  std::set<const schema::Table*> source_tables, target_tables;
  std::set<const schema::Column*> sampled;
  for (const FieldMapping& f : candidates) {
    for (const ColumnRef& s : f.sources) {
      if (const schema::Table* t = find_table(source, s.table)) {
        if (source_tables.insert(t).second)
          out.source_schema += table_line(*t, max_columns_per_table);
        const schema::Column* c = find_column(*t, s.column);
        if (c != nullptr && !c->sample_values.empty() && sampled.insert(c).second) {
          out.samples += s.table + "." + c->name + ":";
          std::size_t n = 0;
          for (const std::string& v : c->sample_values) {
            if (n++ == 10) break;
            out.samples += " '" + v.substr(0, 60) + "'";
          }
          out.samples += "\n";
        }
      }
    }
    if (const schema::Table* t = find_table(target, f.target.table))
      if (target_tables.insert(t).second)
        out.target_schema += table_line(*t, max_columns_per_table);
    std::string sources;
    for (const ColumnRef& s : f.sources)
      sources += (sources.empty() ? "" : " + ") + s.table + "." + s.column;
    out.candidates += sources + " -> " + f.target.table + "." + f.target.column + " | rank " +
                      std::to_string(f.rank) + " | " + format_confidence(f.confidence) + " | " +
                      std::string(to_string(f.transformation)) + " | " + f.formula + "\n";
  }
  return out;
}

ModelAnswerCheck check_model_answer(const nlohmann::json& answer,
                                    const std::vector<FieldMapping>& candidates,
                                    const schema::Catalog& source, const schema::Catalog& target,
                                    std::string_view formula_dialect, const std::string& model) {
  ModelAnswerCheck out;
  if (!answer.is_object() || !answer.contains("suggestions") || !answer["suggestions"].is_array()) {
    Diagnostic d;
    d.code = "E-MAPPING-LLM-ANSWER";
    d.severity = Severity::kError;
    d.message = "the model's answer has no \"suggestions\" list; the engine's suggestions are kept";
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  std::map<std::string, const FieldMapping*> engine;  // id -> candidate
  for (const FieldMapping& f : candidates) engine.emplace(f.id, &f);

  struct Ranked {
    int model_rank;
    std::size_t order;
    FieldMapping field;
  };
  std::map<std::string, std::vector<Ranked>> by_source;  // "table.column" -> suggestions
  std::set<std::string> seen;
  std::size_t index = 0;
  for (const nlohmann::json& item : answer["suggestions"]) {
    std::string where = "suggestion " + std::to_string(index++);
    auto text = [&](const char* key) {
      auto it = item.find(key);
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (!item.is_object()) {
      out.diagnostics.push_back(drop("W-MAPPING-LLM-SHAPE", where + " is not an object; dropped"));
      continue;
    }
    std::string st = text("source_table"), sc = text("source_column");
    std::string tt = text("target_table"), tc = text("target_column");
    const schema::Table* s_table = find_table(source, st);
    const schema::Column* s_col = s_table ? find_column(*s_table, sc) : nullptr;
    if (s_col == nullptr) {
      out.diagnostics.push_back(drop("W-MAPPING-LLM-UNKNOWN-SOURCE",
                                     where + " names the source column \"" + st + "." + sc +
                                         "\", which the source schema does not have; dropped"));
      continue;
    }
    const schema::Table* t_table = find_table(target, tt);
    const schema::Column* t_col = t_table ? find_column(*t_table, tc) : nullptr;
    if (t_col == nullptr) {
      out.diagnostics.push_back(drop("W-MAPPING-LLM-UNKNOWN-TARGET",
                                     where + " names the target column \"" + tt + "." + tc +
                                         "\", which the target schema does not have; dropped"));
      continue;
    }
    FieldMapping f;
    f.sources = {{s_table->name.to_string(), s_col->name}};
    f.target = {t_table->name.to_string(), t_col->name};
    f.id = field_mapping_id(f.sources, f.target);
    if (seen.count(f.id) != 0) {
      out.diagnostics.push_back(
          drop("W-MAPPING-LLM-DUPLICATE",
               where + " repeats " + st + "." + sc + " -> " + tt + "." + tc + "; dropped"));
      continue;
    }
    double model_confidence = item.contains("confidence") && item["confidence"].is_number()
                                  ? std::clamp(item["confidence"].get<double>(), 0.0, 1.0)
                                  : 0.0;
    int model_rank =
        item.contains("rank") && item["rank"].is_number_integer() ? item["rank"].get<int>() : 1000;
    std::string formula = text("formula");
    std::string explanation = text("explanation");
    auto known = engine.find(f.id);
    if (known != engine.end()) {
      const FieldMapping& e = *known->second;
      f.confidence = e.confidence;
      f.evidence = e.evidence;
      f.warnings = e.warnings;
      f.transformation = e.transformation;
      f.formula = e.formula;
      f.value_map = e.value_map;
    } else {
      f.confidence = model_confidence / 2;
      f.warnings.push_back(
          "the engine did not propose this pair; the confidence is half the model's own");
      TransformSuggestion ts = suggest_transform(*s_col, *t_col, s_col->name, formula_dialect);
      f.transformation = ts.transformation;
      f.formula = ts.formula;
      for (std::string& w : ts.warnings) f.warnings.push_back(std::move(w));
    }
    // The model's formula replaces the engine's once it parses and reads only this
    // source table's columns.
    if (!formula.empty() && lower(formula) != lower(s_col->name)) {
      std::vector<std::string> allowed;
      for (const schema::Column& c : s_table->columns) {
        allowed.push_back(c.name);
        allowed.push_back(s_table->name.name + "." + c.name);
      }
      std::vector<Diagnostic> errors;
      if (reads_other_tables(formula)) {
        Diagnostic d;
        d.code = "E-MAPPING-FORMULA";
        d.message = "a formula is one expression over the source row; it may not query (SELECT)";
        errors.push_back(std::move(d));
      }
      if (!errors.empty() || !validate_formula(formula, formula_dialect, allowed, errors)) {
        std::string why = errors.empty() ? "it does not parse" : errors.front().message;
        out.diagnostics.push_back(
            drop("W-MAPPING-LLM-FORMULA", where + " (" + st + "." + sc + " -> " + tt + "." + tc +
                                              "): the formula was rejected: " + why + "; dropped"));
        continue;
      }
      auto t = transformation_from_string(text("transformation"));
      f.transformation = t && *t != Transformation::kDirect ? *t : Transformation::kComputed;
      f.formula = formula;
      f.value_map.reset();
    }
    seen.insert(f.id);
    f.provenance = Provenance::kModel;
    f.model = model;
    f.description = explanation;
    f.evidence.push_back({"model", model_confidence, 0.0,
                          explanation.empty() ? "ranked by the model" : explanation});
    std::string key = lower(f.sources[0].table + "." + f.sources[0].column);
    by_source[key].push_back({model_rank, by_source[key].size(), std::move(f)});
  }
  for (auto& [key, list] : by_source) {
    std::stable_sort(list.begin(), list.end(), [](const Ranked& a, const Ranked& b) {
      return a.model_rank != b.model_rank ? a.model_rank < b.model_rank : a.order < b.order;
    });
    int rank = 1;
    for (Ranked& r : list) {
      r.field.rank = rank++;
      out.accepted.push_back(std::move(r.field));
    }
  }
  return out;
}

}  // namespace godwit::mapping
