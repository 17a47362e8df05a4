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

constexpr KeywordInfo kInfos[] = {
    {"", false},
#define GODWIT_SQL_KEYWORD_INFO(name, reserved) {#name, reserved != 0},
    GODWIT_SQL_KEYWORDS(GODWIT_SQL_KEYWORD_INFO)
#undef GODWIT_SQL_KEYWORD_INFO
};

constexpr std::size_t kMaxKeywordLength = 24;
constexpr std::size_t kSlots = 2048;  // ~8x the keyword count: probes rarely chain

inline std::uint32_t hash_upper(const char* s, std::size_t n) {
  std::uint32_t h = static_cast<std::uint32_t>(n) * 0x9E3779B1u;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x01000193u;
  return h ^ (h >> 15);
}

struct Table {
  std::array<std::uint16_t, kSlots> slots{};
  Table() {
    for (std::size_t k = 1; k < std::size(kInfos); ++k) {
      std::string_view t = kInfos[k].text;
      std::uint32_t i = hash_upper(t.data(), t.size()) & (kSlots - 1);
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
  if (text.size() < 2 || text.size() > kMaxKeywordLength) return Keyword::kNone;
  char upper[kMaxKeywordLength];
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  const Table& t = table();
  std::uint32_t i = hash_upper(upper, text.size()) & (kSlots - 1);
  while (std::uint16_t k = t.slots[i]) {
    std::string_view candidate = kInfos[k].text;
    if (candidate.size() == text.size() && std::memcmp(candidate.data(), upper, text.size()) == 0)
      return static_cast<Keyword>(k);
    i = (i + 1) & (kSlots - 1);
  }
  return Keyword::kNone;
}

std::string_view keyword_text(Keyword keyword) {
  return kInfos[static_cast<std::size_t>(keyword)].text;
}

bool is_reserved(Keyword keyword) { return kInfos[static_cast<std::size_t>(keyword)].reserved; }

}  // namespace godwit::sql
