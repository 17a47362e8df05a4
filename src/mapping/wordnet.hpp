// English synonyms from WordNet as Debian's wordnet-base installs it
// (/usr/share/wordnet/index.noun, index.adj ...). Two words are synonyms when one of
// their first few senses is the same synset. The index is read once, lazily, on first
// use; without the files every question answers "no" and status() says why.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace godwit::mapping {

class WordNet {
 public:
  /// Reads index.noun and index.adj under `directory` (eagerly; use shared() for the lazy
  /// process-wide instance). `max_senses` limits each word to its most frequent senses.
  explicit WordNet(const std::string& directory, int max_senses = 3);

  /// The instance for $GODWIT_WORDNET_DIR or /usr/share/wordnet, loaded on first call.
  static const WordNet& shared();

  bool available() const { return !senses_.empty(); }
  /// "" when loaded; otherwise what is missing and how to install it.
  const std::string& status() const { return status_; }

  /// Synset ids of the word's first senses (nouns, then adjectives); empty when unknown.
  const std::vector<std::uint32_t>& senses(std::string_view word) const;
  /// Whether the two (lower-case) words share a sense.
  bool synonyms(std::string_view a, std::string_view b) const;

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> senses_;
  std::string status_;
};

}  // namespace godwit::mapping
