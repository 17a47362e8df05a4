// Identifier splitting and prefix/suffix handling (normalise.hpp).
#include "mapping/normalise.hpp"

#include <array>
#include <cctype>

namespace godwit::mapping {
namespace {

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
  return is_lower(c) || is_upper(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr std::array<std::string_view, 60> kStopWords{
    "the",    "of",     "and",  "or",   "to",    "in",   "for",   "is",    "are",   "be",
    "by",     "on",     "at",   "as",   "an",    "it",   "its",   "this",  "that",  "with",
    "from",   "which",  "was",  "were", "has",   "have", "not",   "can",   "may",   "will",
    "should", "each",   "any",  "all",  "if",    "when", "where", "than",  "then",  "there",
    "these",  "those",  "such", "into", "other", "used", "use",   "value", "field", "table",
    "column", "record", "data", "row",  "also",  "only", "more",  "one",   "no",    "e.g"};

}  // namespace

std::vector<std::string> split_identifier(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!is_word_char(c)) {
      flush();
      continue;
    }
    if (!cur.empty()) {
      char prev = name[i - 1];
      bool boundary = false;
      if (is_upper(c) && is_lower(prev)) boundary = true;  // camelCase
      if (is_upper(c) && is_upper(prev) && i + 1 < name.size() && is_lower(name[i + 1]))
        boundary = true;  // HTTPServer: the S starts a word
      if (is_digit(c) != is_digit(prev) && (is_digit(c) || is_digit(prev))) boundary = true;
      if (boundary) flush();
    }
    cur.push_back(lower(c));
  }
  flush();
  return out;
}

std::vector<std::string> split_text(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 2) {
      bool stop = false;
      for (std::string_view s : kStopWords) stop = stop || s == cur;
      if (!stop) out.push_back(cur);
    }
    cur.clear();
  };
  for (char c : text) {
    if (is_word_char(c))
      cur.push_back(lower(c));
    else
      flush();
  }
  flush();
  return out;
}

bool is_abbreviation(std::string_view token, std::string_view word) {
  if (token.size() < 2 || token.size() >= word.size() || token[0] != word[0]) return false;
  if (word.compare(0, token.size(), token) == 0) return true;
  // Letters in order (qty in quantity, nbr in number); at least three to avoid noise.
  if (token.size() < 3) return false;
  std::size_t j = 1;
  for (std::size_t i = 1; i < token.size(); ++i) {
    while (j < word.size() && word[j] != token[i]) ++j;
    if (j == word.size()) return false;
    ++j;
  }
  return true;
}

std::string singular(std::string_view word) {
  std::string w(word);
  auto ends = [&](std::string_view s) {
    return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (w.size() <= 3 || ends("ss") || ends("us") || ends("is")) return w;
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) return w.substr(0, w.size() - 2);
  if (ends("s")) return w.substr(0, w.size() - 1);
  return w;
}

std::vector<std::string> strip_table_prefix(const std::vector<std::string>& column_tokens,
                                            const std::vector<std::string>& table_tokens) {
  if (column_tokens.size() < 2 || table_tokens.empty()) return column_tokens;
  std::string table_word;
  for (const std::string& t : table_tokens) table_word += t;
  std::string last_singular = singular(table_tokens.back());
  std::string whole_singular = singular(table_word);
  const std::string& first = column_tokens[0];
  bool prefix = first == table_word || first == whole_singular || first == last_singular ||
                first == table_tokens.back() || is_abbreviation(first, whole_singular) ||
                is_abbreviation(first, last_singular);
  // A prefix made of the table's first tokens (order_line_qty in order_line).
  std::size_t n = 0;
  if (!prefix && table_tokens.size() > 1 && column_tokens.size() > table_tokens.size()) {
    while (n < table_tokens.size() &&
           (column_tokens[n] == table_tokens[n] || column_tokens[n] == singular(table_tokens[n])))
      ++n;
    if (n != table_tokens.size()) n = 0;
  }
  if (n > 0) return {column_tokens.begin() + static_cast<std::ptrdiff_t>(n), column_tokens.end()};
  if (!prefix) return column_tokens;
  return {column_tokens.begin() + 1, column_tokens.end()};
}

std::string_view suffix_role(std::string_view t) {
  if (t == "id" || t == "key" || t == "pk" || t == "fk" || t == "identifier") return "id";
  if (t == "cd" || t == "code" || t == "cde") return "code";
  if (t == "dt" || t == "date" || t == "dte" || t == "ts" || t == "timestamp" || t == "datetime" ||
      t == "time")
    return "date";
  if (t == "nm" || t == "name") return "name";
  if (t == "no" || t == "nbr" || t == "num" || t == "number" || t == "nr") return "number";
  if (t == "amt" || t == "amount" || t == "total" || t == "price" || t == "cost") return "amount";
  if (t == "flg" || t == "flag" || t == "ind" || t == "indicator" || t == "is") return "flag";
  if (t == "desc" || t == "description" || t == "txt" || t == "text") return "description";
  return "";
}

}  // namespace godwit::mapping
