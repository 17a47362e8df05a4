// Planning the Beam joins of a multi-source table mapping.
#include "codegen/beam/beam_join.hpp"

#include <algorithm>
#include <cctype>

#include "codegen/expression_facts.hpp"

namespace godwit::codegen {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int alias_index(const ResolvedTable& table, std::string_view alias) {
  for (std::size_t i = 0; i < table.sources.size(); ++i)
    if (lower(table.sources[i].alias) == lower(alias)) return static_cast<int>(i);
  return -1;
}

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace

std::string side_input_advice_id(const ResolvedTable& table, const ResolvedSource& source) {
  return "side-input:" + table.target_name + ":" + source.alias;
}

BeamJoinPlan plan_beam_join(const ResolvedTable& table, std::string_view formula_dialect,
                            const Options& options) {
  BeamJoinPlan plan;
  if (table.join.empty()) {
    plan.problem = "it has no join condition (a cross join)";
    return plan;
  }
  std::optional<std::vector<ColumnEquality>> eq = equi_join(table.join, formula_dialect);
  if (!eq) {
    plan.problem = "its join condition '" + table.join +
                   "' is not a conjunction of equalities between qualified columns";
    return plan;
  }
  std::vector<bool> used(eq->size(), false);
  for (std::size_t k = 1; k < table.sources.size(); ++k) {
    BeamJoinStep step;
    step.source = &table.sources[k];
    for (std::size_t i = 0; i < eq->size(); ++i) {
      const ColumnEquality& e = (*eq)[i];
      const int l = alias_index(table, e.left_qualifier);
      const int r = alias_index(table, e.right_qualifier);
      if (l == static_cast<int>(k) && r >= 0 && r < l) {
        step.left_keys.push_back(table.sources[static_cast<std::size_t>(r)].alias + "__" +
                                 e.right_column);
        step.right_keys.push_back(e.left_column);
        used[i] = true;
      } else if (r == static_cast<int>(k) && l >= 0 && l < r) {
        step.left_keys.push_back(table.sources[static_cast<std::size_t>(l)].alias + "__" +
                                 e.left_column);
        step.right_keys.push_back(e.right_column);
        used[i] = true;
      }
    }
    if (step.left_keys.empty()) {
      plan.problem = "its join condition does not connect " + step.source->alias + " (" +
                     step.source->name + ") to the sources before it";
      return plan;
    }
    const auto& pk = step.source->table->primary_key;
    if (pk && pk->columns.size() == step.right_keys.size()) {
      step.on_primary_key =
          std::all_of(pk->columns.begin(), pk->columns.end(), [&](const std::string& c) {
            return std::any_of(step.right_keys.begin(), step.right_keys.end(),
                               [&](const std::string& k2) { return lower(k2) == lower(c); });
          });
    }
    step.side_input = options.applied_advice.count(side_input_advice_id(table, *step.source)) > 0;
    plan.steps.push_back(std::move(step));
  }
  for (std::size_t i = 0; i < used.size(); ++i)
    if (!used[i]) {
      const ColumnEquality& e = (*eq)[i];
      plan.problem = "its join condition compares " + e.left_qualifier + "." + e.left_column +
                     " with " + e.right_qualifier + "." + e.right_column +
                     ", which are not two different sources of the mapping";
      plan.steps.clear();
      return plan;
    }
  return plan;
}

std::string qualify_for_joined_row(const std::string& expression) {
  std::string out;
  std::size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'') {
      std::size_t j = i + 1;
      while (j < expression.size() &&
             !(expression[j] == '\'' && (j + 1 >= expression.size() || expression[j + 1] != '\'')))
        j += expression[j] == '\'' ? 2 : 1;
      out.append(expression, i, j + 1 - i);
      i = j + 1;
      continue;
    }
    if ((c == 's' || c == 'S') && (i == 0 || !is_word(expression[i - 1]))) {
      std::size_t j = i + 1;
      while (j < expression.size() && std::isdigit(static_cast<unsigned char>(expression[j]))) ++j;
      if (j > i + 1 && j + 1 < expression.size() && expression[j] == '.' &&
          (std::isalpha(static_cast<unsigned char>(expression[j + 1])) ||
           expression[j + 1] == '_')) {
        out += 's';
        out.append(expression, i + 1, j - i - 1);
        out += "__";
        i = j + 1;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace godwit::codegen
