// Keyword lookup: an open-addressing table over upper-cased spellings, built once; a
// probe is one hash of at most 16 bytes and usually one comparison.
#include "sql/lexer/keyword.hpp"

#include <array>
#include <cstring>

namespace godwit::sql {
namespace {

struct KeywordInfo {
  std::string_view text;
  bool reserved;
};

constexpr KeywordInfo kInfos[] = {{"", false},
#define GODWIT_SQL_KEYWORD_INFO(name, reserved) {#name, reserved != 0},
                                  GODWIT_SQL_KEYWORDS(GODWIT_SQL_KEYWORD_INFO)
#undef GODWIT_SQL_KEYWORD_INFO
};

constexpr std::size_t kMaxKeywordLength = 24;
constexpr std::size_t kSlots = 2048;  // ~8x the keyword count: probes rarely chain

inline std::uint32_t fold(char c) {
  return static_cast<unsigned char>(c) & 0xDF;
}  // ASCII upper

// Hashes length and four case-folded characters: cheap, and with an 8x sparse table most
// non-keywords land on an empty slot at once.
inline std::uint32_t hash_word(const char* s, std::size_t n) {
  std::uint32_t h = static_cast<std::uint32_t>(n) * 0x9E3779B1u;
  h ^= fold(s[0]) * 0x85EBCA6Bu;
  h ^= fold(s[1]) * 0xC2B2AE35u;
  h ^= fold(s[n - 1]) * 0x27D4EB2Fu;
  h ^= fold(s[n - 2]) * 0x165667B1u;
  return h ^ (h >> 13);
}

struct Table {
  std::array<std::uint16_t, kSlots> slots{};
  Table() {
    for (std::size_t k = 1; k < std::size(kInfos); ++k) {
      std::string_view t = kInfos[k].text;
      std::uint32_t i = hash_word(t.data(), t.size()) & (kSlots - 1);
      while (slots[i] != 0) i = (i + 1) & (kSlots - 1);
      slots[i] = static_cast<std::uint16_t>(k);
    }
  }
};

const Table& table() {
  static const Table kTable;
  return kTable;
}

}  // namespace

Keyword lookup_keyword(std::string_view text) {
  std::size_t n = text.size();
  if (n < 2 || n > kMaxKeywordLength) return Keyword::kNone;
  static const Table& t = table();
  const char* s = text.data();
  std::uint32_t i = hash_word(s, n) & (kSlots - 1);
  while (std::uint16_t k = t.slots[i]) {
    std::string_view candidate = kInfos[k].text;
    if (candidate.size() == n) {
      // Keywords are upper-case letters and '_': folding bit 5 compares case-insensitively
      // ('_' folds to itself; digits and other bytes never match a keyword letter).
      std::size_t j = 0;
      while (j < n &&
             (candidate[j] == '_' ? s[j] == '_'
                                  : fold(s[j]) == static_cast<unsigned char>(candidate[j])))
        ++j;
      if (j == n) return static_cast<Keyword>(k);
    }
    i = (i + 1) & (kSlots - 1);
  }
  return Keyword::kNone;
}

std::string_view keyword_text(Keyword keyword) {
  return kInfos[static_cast<std::size_t>(keyword)].text;
}

bool is_reserved(Keyword keyword) {
  return kInfos[static_cast<std::size_t>(keyword)].reserved;
}

}  // namespace godwit::sql
