// Detection scans a simple dialect-neutral token stream (words upper-cased, strings and
// comments skipped) and matches each dialect's clue phrases as token sequences. Scores grow
// with the logarithm of the count so one noisy phrase cannot outvote many distinct ones.
#include "sql/dialect/detect.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "sql/dialect/dialect.hpp"

namespace godwit::sql {
namespace {

bool word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c >= 0x80;
}

std::vector<std::string> neutral_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      std::size_t e = text.find("*/", i + 2);
      i = e == std::string_view::npos ? text.size() : e + 2;
    } else if (c == '\'') {
      std::size_t e = i + 1;
      while (e < text.size() && text[e] != '\'') ++e;
      i = e + 1;
    } else if (word_char(c) && c != '$') {
      std::size_t e = i;
      while (e < text.size() && word_char(static_cast<unsigned char>(text[e]))) ++e;
      std::string w(text.substr(i, e - i));
      for (char& ch : w) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32) : ch;
      out.push_back(std::move(w));
      i = e;
    } else {
      std::string_view two = text.substr(i, 2);
      if (two == "::" || two == "$$" || two == "@@") {
        out.emplace_back(two);
        i += 2;
      } else {
        out.emplace_back(1, static_cast<char>(c));
        ++i;
      }
    }
  }
  return out;
}

}  // namespace

DialectDetection detect_dialect(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  std::vector<std::string> tokens = neutral_tokens(text);
  struct Clue {
    const Dialect* dialect;
    std::vector<std::string> pieces;
    std::string phrase;
    int weight;
    int count = 0;
  };
  std::vector<Clue> clues;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first;
  std::vector<std::pair<std::string, std::size_t>> prefixes;  // "STL_*" clues
  for (const Dialect* d : all_dialects()) {
    for (const DetectionClue& c : d->detection_clues()) {
      if (c.weight <= 0) continue;
      if (c.phrase.size() > 1 && c.phrase.back() == '*') {
        std::string p(c.phrase.substr(0, c.phrase.size() - 1));
        for (char& ch : p) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32) : ch;
        prefixes.emplace_back(p, clues.size());
        clues.push_back(Clue{d, {p}, std::string(c.phrase), c.weight});
        continue;
      }
      Clue clue{d, neutral_tokens(c.phrase), std::string(c.phrase), c.weight};
      if (clue.pieces.empty()) continue;
      by_first[clue.pieces[0]].push_back(clues.size());
      clues.push_back(std::move(clue));
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (const auto& [prefix, ci] : prefixes) {
      if (tokens[i].size() > prefix.size() && tokens[i].compare(0, prefix.size(), prefix) == 0)
        ++clues[ci].count;
    }
    auto it = by_first.find(tokens[i]);
    if (it == by_first.end()) continue;
    for (std::size_t ci : it->second) {
      Clue& c = clues[ci];
      if (i + c.pieces.size() > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < c.pieces.size() && match; ++k)
        match = tokens[i + k] == c.pieces[k];
      if (match) ++c.count;
    }
  }
  std::unordered_map<std::string_view, double> scores;
  double total = 0;
  for (const Clue& c : clues) {
    if (c.count == 0) continue;
    double s = c.weight * (1.0 + std::log2(static_cast<double>(c.count)));
    scores[c.dialect->name()] += s;
    total += s;
  }
  DialectDetection out;
  for (const auto& [name, score] : scores) out.scores.push_back({std::string(name), score});
  std::sort(out.scores.begin(), out.scores.end(), [](const DialectScore& a, const DialectScore& b) {
    return a.score != b.score ? a.score > b.score : a.dialect < b.dialect;
  });
  if (out.scores.empty()) return out;
  out.dialect = out.scores[0].dialect;
  out.confidence = total > 0 ? out.scores[0].score / total : 0;
  for (const Clue& c : clues) {
    if (c.count > 0 && c.dialect->name() == out.dialect)
      out.evidence.push_back({out.dialect, c.phrase, c.count, c.weight});
  }
  std::sort(out.evidence.begin(), out.evidence.end(),
            [](const DetectionEvidence& a, const DetectionEvidence& b) {
              return a.weight * a.count != b.weight * b.count
                         ? a.weight * a.count > b.weight * b.count
                         : a.phrase < b.phrase;
            });
  return out;
}

}  // namespace godwit::sql
