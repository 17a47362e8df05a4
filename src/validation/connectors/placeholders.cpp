// Placeholder rewriting: a small scanner that knows just enough SQL lexing (quotes,
// comments) to find placeholders outside text.
#include "validation/connectors/placeholders.hpp"

#include "validation/connectors/connector.hpp"

namespace godwit::validation {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Index one past the closing `quote` of a quoted run starting at `i` (the opening quote).
std::size_t skip_quoted(std::string_view sql, std::size_t i, char quote, bool backslash) {
  for (std::size_t j = i + 1; j < sql.size(); ++j) {
    if (backslash && sql[j] == '\\') {
      ++j;
      continue;
    }
    if (sql[j] == quote) {
      if (j + 1 < sql.size() && sql[j + 1] == quote) {
        ++j;
        continue;
      }
      return j + 1;
    }
  }
  return sql.size();
}

}  // namespace

NativeStatement rewrite_placeholders(std::string_view sql, PlaceholderStyle style,
                                     std::size_t param_count, bool backslash_escapes) {
  NativeStatement out;
  out.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    std::size_t end = i + 1;
    if (c == '\'') {
      end = skip_quoted(sql, i, '\'', backslash_escapes);
    } else if (c == '"' || c == '`') {
      end = skip_quoted(sql, i, c, false);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '?') {
      throw ConnectorError(ConnectorError::kQuery,
                           "the statement has a '?' outside a string; write parameters as $1, "
                           "$2 ... (they are bound, never pasted)",
                           "query_failed");
    } else if (c == '$' && i + 1 < sql.size() && is_digit(sql[i + 1])) {
      std::size_t j = i + 1;
      std::size_t number = 0;
      while (j < sql.size() && is_digit(sql[j]) && number < 100000) {
        number = number * 10 + static_cast<std::size_t>(sql[j] - '0');
        ++j;
      }
      if (number == 0 || number > param_count) {
        throw ConnectorError(ConnectorError::kQuery,
                             "the statement refers to $" + std::to_string(number) + " but " +
                                 std::to_string(param_count) + " parameter(s) were given",
                             "query_failed");
      }
      if (number > out.max_index) out.max_index = number;
      if (style == PlaceholderStyle::kQuestionMark) {
        out.sql += '?';
        out.order.push_back(number - 1);
      } else if (style == PlaceholderStyle::kNamedColon) {
        out.sql += ":p";
        out.sql += std::to_string(number);
      } else {
        out.sql += '?';
        out.sql += std::to_string(number);
      }
      i = j;
      continue;
    }
    out.sql.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

std::string first_keyword(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) return {};
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      i = sql.find("*/", i + 2);
      if (i == std::string_view::npos) return {};
      i += 2;
    } else {
      break;
    }
  }
  std::string word;
  while (i < sql.size() && ((sql[i] >= 'a' && sql[i] <= 'z') || (sql[i] >= 'A' && sql[i] <= 'Z'))) {
    word += static_cast<char>(sql[i] >= 'a' ? sql[i] - 'a' + 'A' : sql[i]);
    ++i;
  }
  return word;
}

}  // namespace godwit::validation
