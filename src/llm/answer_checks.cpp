// Catalog and hostile-content checks of LLM answers (see answer_checks.hpp).
#include "llm/answer_checks.hpp"

#include <array>

#include "core/text.hpp"

namespace godwit::llm {
namespace {

Diagnostic warning(std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Severity::kWarning;
  d.message = std::move(message);
  return d;
}

nlohmann::json* array_at(nlohmann::json& answer, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer ptr(pointer);
    if (!answer.contains(ptr)) return nullptr;
    nlohmann::json& node = answer.at(ptr);
    return node.is_array() ? &node : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

std::string field_text(const nlohmann::json& item, const std::string& field) {
  if (!item.is_object()) return "";
  auto it = item.find(field);
  return (it != item.end() && it->is_string()) ? it->get<std::string>() : "";
}

/// Shows a model-supplied name in a diagnostic without letting it run on or carry
/// control characters.
std::string shown_name(std::string_view name) {
  std::string out = "'";
  for (char c : name.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (name.size() > 80) out += "...";
  return out + "'";
}

std::string escape_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::optional<std::string> first_hostile(const nlohmann::json& value, const std::string& at) {
  if (value.is_string()) {
    if (auto why = hostile_text_reason(value.get_ref<const std::string&>())) {
      return "at " + (at.empty() ? std::string("/") : at) + ": " + *why;
    }
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      std::string here = at + "/" + escape_token(key);
      if (auto why = hostile_text_reason(key)) return "in the name of " + here + ": " + *why;
      if (auto why = first_hostile(member, here)) return why;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto why = first_hostile(value[i], at + "/" + std::to_string(i))) return why;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Diagnostic> drop_unknown_references(nlohmann::json& answer,
                                                const std::vector<ReferenceRule>& rules,
                                                const CatalogLookup& catalog) {
  std::vector<Diagnostic> out;
  if (!catalog) return out;
  for (const ReferenceRule& rule : rules) {
    nlohmann::json* items = array_at(answer, rule.array_pointer);
    if (!items) continue;
    nlohmann::json kept = nlohmann::json::array();
    for (std::size_t i = 0; i < items->size(); ++i) {
      const nlohmann::json& item = (*items)[i];
      std::string problem;
      for (const auto& [table_field, column_field] : rule.fields) {
        std::string table = field_text(item, table_field);
        if (!catalog(table, "")) {
          problem = "table " + shown_name(table) + " is not in the catalog";
          break;
        }
        if (column_field.empty()) continue;
        std::string column = field_text(item, column_field);
        if (!catalog(table, column)) {
          problem = "column " + shown_name(column) + " is not in table " + shown_name(table);
          break;
        }
      }
      if (problem.empty()) {
        kept.push_back(item);
      } else {
        out.push_back(warning("W-LLM-UNKNOWN-REFERENCE", "dropped item " + std::to_string(i) +
                                                             " of " + rule.array_pointer +
                                                             " from the LLM answer: " + problem));
      }
    }
    *items = std::move(kept);
  }
  return out;
}

std::optional<std::string> hostile_text_reason(std::string_view text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return "it contains control characters";
  }
  std::string lower = to_lower(text);
  static constexpr std::array<std::string_view, 20> kPhrases = {"ignore previous",
                                                                "ignore all previous",
                                                                "ignore the above",
                                                                "ignore prior",
                                                                "ignore your",
                                                                "disregard previous",
                                                                "disregard all",
                                                                "disregard the above",
                                                                "system prompt",
                                                                "you are now",
                                                                "new instructions",
                                                                "developer message",
                                                                "<script",
                                                                "javascript:",
                                                                "<iframe",
                                                                "onerror=",
                                                                "<<<data",
                                                                "<<<end data",
                                                                "```",
                                                                "</answer"};
  for (std::string_view phrase : kPhrases) {
    if (lower.find(phrase) != std::string::npos) {
      return "it contains '" + std::string(phrase) +
             "', which looks like an injected instruction or markup";
    }
  }
  return std::nullopt;
}

std::optional<std::string> find_hostile_content(const nlohmann::json& answer) {
  return first_hostile(answer, "");
}

}  // namespace godwit::llm
