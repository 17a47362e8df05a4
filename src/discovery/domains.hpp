// The business domain a table probably belongs to (finance, sales, customer, product,
// inventory, hr, logistics, healthcare, reference, audit, security, marketing, system),
// guessed from the words of its name, its columns' names and the comments: each word of
// a keyword table votes for its domains, the table's own name counting most. The
// keyword table is data (domain_keywords()), so it can be read and extended line by
// line. This is the offline answer; an LLM may refine it (services/discovery_service).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace godwit::discovery {

struct DomainKeyword {
  std::string_view word;  ///< lower case, singular
  std::string_view domain;
};
/// Every keyword and the domain it votes for.
const std::vector<DomainKeyword>& domain_keywords();

/// What the classifier reads of one table.
struct DomainInput {
  std::string table_name;
  std::string table_comment;
  std::vector<std::string> column_names;
  std::vector<std::string> column_comments;
};

struct DomainGuessResult {
  std::string domain = "other";       ///< "other" when no keyword matched
  double confidence = 0;              ///< 0..0.95, two decimals
  std::vector<std::string> evidence;  ///< "table:invoice", "column:amount", "comment:tax"
};

/// Votes: a word of the table name 3, of a column name 1, of a comment 0.5.
/// confidence = best / (best + runner-up + 2), capped at 0.95.
DomainGuessResult classify_domain(const DomainInput& input);

/// Lower-case words of an identifier or text: split at non-alphanumerics and camelCase
/// boundaries, plurals made singular ("OrderItems" -> "order", "item").
std::vector<std::string> domain_words(std::string_view text);

}  // namespace godwit::discovery
