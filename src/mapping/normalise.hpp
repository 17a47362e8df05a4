// Name normalisation for matching: identifiers are split into lower-case word tokens
// (snake_case, camelCase, digits, punctuation), a leading table-name prefix is recognised
// (cust_name in table customer), and the role a trailing suffix gives a column
// (_id, _cd, _dt, _nm ...) is named.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace godwit::mapping {

/// "CustomerID" -> {"customer", "id"}; "order_dt2" -> {"order", "dt", "2"};
/// "HTTPServer" -> {"http", "server"}. Non-ASCII bytes stay inside tokens.
std::vector<std::string> split_identifier(std::string_view name);

/// Words of free text (comments, descriptions): lower-case alphanumeric runs of two or
/// more characters that are not English stop words.
std::vector<std::string> split_text(std::string_view text);

/// Whether `token` abbreviates `word`: a prefix of it (cust/customer), or its first
/// letter followed by letters of it in order (qty/quantity, amt/amount, nbr/number).
/// Needs at least two characters and a shorter token.
bool is_abbreviation(std::string_view token, std::string_view word);

/// Drops a leading table-name prefix from a column's tokens when more tokens remain:
/// the prefix is the table's name (or its singular), or an abbreviation of it
/// (au_id in authors, cust_nm in customer). Returns the tokens unchanged otherwise.
std::vector<std::string> strip_table_prefix(const std::vector<std::string>& column_tokens,
                                            const std::vector<std::string>& table_tokens);

/// The role a column's last token gives it: "id", "code", "date", "name", "number",
/// "amount", "flag", "description", or "" (after dictionary expansion of the token).
std::string_view suffix_role(std::string_view last_token);

/// A crude English singular: "categories" -> "category", "addresses" -> "address",
/// "films" -> "film"; short words and words ending in "ss"/"us"/"is" are kept.
std::string singular(std::string_view word);

}  // namespace godwit::mapping
