// WordNet index reader (wordnet.hpp).
#include "mapping/wordnet.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace godwit::mapping {

WordNet::WordNet(const std::string& directory, int max_senses) {
  // Adjective offsets live in another file: keep them apart from noun offsets.
  const std::pair<const char*, std::uint32_t> files[] = {{"index.noun", 0u},
                                                         {"index.adj", 0x80000000u}};
  std::string missing;
  for (const auto& [file, tag] : files) {
    std::ifstream in(directory + "/" + file);
    if (!in) {
      missing += (missing.empty() ? "" : ", ") + directory + "/" + file;
      continue;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      std::istringstream words(line);
      std::string lemma, pos;
      int synset_count = 0, pointer_count = 0;
      if (!(words >> lemma >> pos >> synset_count >> pointer_count)) continue;
      std::string skip;
      for (int i = 0; i < pointer_count; ++i) words >> skip;
      int sense_count = 0, tagged = 0;
      words >> sense_count >> tagged;
      std::vector<std::uint32_t>& out = senses_[lemma];
      for (int i = 0; i < synset_count && i < max_senses; ++i) {
        unsigned long offset = 0;
        if (!(words >> offset)) break;
        out.push_back(static_cast<std::uint32_t>(offset) | tag);
      }
    }
  }
  if (senses_.empty())
    status_ = "WordNet not found (" + missing +
              "): English synonyms are not used; install it with `apt-get install wordnet-base` "
              "or set GODWIT_WORDNET_DIR";
}

const WordNet& WordNet::shared() {
  static const WordNet instance([] {
    const char* dir = std::getenv("GODWIT_WORDNET_DIR");
    return std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/wordnet");
  }());
  return instance;
}

const std::vector<std::uint32_t>& WordNet::senses(std::string_view word) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = senses_.find(std::string(word));
  return it == senses_.end() ? kNone : it->second;
}

bool WordNet::synonyms(std::string_view a, std::string_view b) const {
  const auto& sa = senses(a);
  if (sa.empty()) return false;
  for (std::uint32_t x : senses(b))
    for (std::uint32_t y : sa)
      if (x == y) return true;
  return false;
}

}  // namespace godwit::mapping
