// Pair features for column matching (features.hpp).
#include "mapping/features.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "mapping/dictionary.hpp"
#include "mapping/normalise.hpp"
#include "mapping/wordnet.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::mapping {

int Vocabulary::intern(const std::string& token) {
  auto [it, inserted] = ids_.emplace(token, static_cast<int>(tokens_.size()));
  if (inserted) {
    tokens_.push_back(token);
    document_frequency_.push_back(0);
  }
  return it->second;
}

int Vocabulary::find(const std::string& token) const {
  auto it = ids_.find(token);
  return it == ids_.end() ? -1 : it->second;
}

void Vocabulary::add_document(const std::vector<int>& ids) {
  ++documents_;
  std::vector<int> unique(ids);
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (int id : unique) ++document_frequency_[static_cast<std::size_t>(id)];
}

void Vocabulary::finish(bool use_wordnet) {
  const std::size_t n = tokens_.size();
  idf_.assign(n, 1.0);
  for (std::size_t i = 0; i < n; ++i)
    idf_[i] = std::log(1.0 + static_cast<double>(documents_ + 1) /
                                 static_cast<double>(document_frequency_[i] + 1));
  similar_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) similar_[i].push_back({static_cast<int>(i), 1.0f});
  // Blocking: spelling and abbreviation need the same first character.
  std::map<char, std::vector<int>> by_first;
  for (std::size_t i = 0; i < n; ++i)
    if (!tokens_[i].empty()) by_first[tokens_[i][0]].push_back(static_cast<int>(i));
  for (const auto& [c, ids] : by_first) {
    for (std::size_t x = 0; x < ids.size(); ++x)
      for (std::size_t y = x + 1; y < ids.size(); ++y) {
        const std::string& a = tokens_[static_cast<std::size_t>(ids[x])];
        const std::string& b = tokens_[static_cast<std::size_t>(ids[y])];
        double s = token_similarity(a, b, false);
        if (s <= 0) continue;
        similar_[static_cast<std::size_t>(ids[x])].push_back({ids[y], static_cast<float>(s)});
        similar_[static_cast<std::size_t>(ids[y])].push_back({ids[x], static_cast<float>(s)});
      }
  }
  if (!use_wordnet) return;
  const WordNet& wn = WordNet::shared();
  if (!wn.available()) return;
  std::unordered_map<std::uint32_t, std::vector<int>> by_sense;
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens_[i].size() < 3) continue;
    for (std::uint32_t s : wn.senses(tokens_[i])) by_sense[s].push_back(static_cast<int>(i));
  }
  for (const auto& [sense, ids] : by_sense) {
    if (ids.size() > 12) continue;  // very broad senses say little
    for (int a : ids)
      for (int b : ids) {
        if (a == b) continue;
        auto& list = similar_[static_cast<std::size_t>(a)];
        auto it =
            std::find_if(list.begin(), list.end(), [&](const auto& p) { return p.first == b; });
        if (it == list.end())
          list.push_back({b, 0.85f});
        else
          it->second = std::max(it->second, 0.85f);
      }
  }
}

double jaro_winkler(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 1;
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t window = std::max<std::size_t>(1, std::max(la, lb) / 2) - 1;
  std::vector<char> ma(la, 0), mb(lb, 0);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    std::size_t lo = i > window ? i - window : 0;
    std::size_t hi = std::min(lb, i + window + 1);
    for (std::size_t j = lo; j < hi; ++j)
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = 1;
        ++matches;
        break;
      }
  }
  if (matches == 0) return 0;
  std::size_t t = 0, k = 0;
  for (std::size_t i = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    if (a[i] != b[k]) ++t;
    ++k;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(la) + m / static_cast<double>(lb) +
                       (m - static_cast<double>(t) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + 0.1 * static_cast<double>(prefix) * (1 - jaro);
}

double token_similarity(const std::string& a, const std::string& b, bool use_wordnet) {
  if (a == b) return 1;
  if (a.empty() || b.empty()) return 0;
  bool digits_a = std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool digits_b = std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits_a || digits_b) return 0;
  if (is_abbreviation(a, b) || is_abbreviation(b, a)) return 0.75;
  if (use_wordnet && WordNet::shared().synonyms(a, b)) return 0.85;
  if (std::min(a.size(), b.size()) >= 4) {
    double jw = jaro_winkler(a, b);
    if (jw >= 0.9) return 0.8 * jw;
  }
  return 0;
}

namespace {

KeyRole key_role(const schema::Table& t, const schema::Column& c) {
  bool pk = false, fk = false;
  if (t.primary_key)
    for (const std::string& k : t.primary_key->columns) pk = pk || k == c.name;
  for (const schema::ForeignKey& f : t.foreign_keys)
    for (const std::string& k : f.columns) fk = fk || k == c.name;
  if (pk && fk) return KeyRole::kPrimaryForeign;
  if (pk) return KeyRole::kPrimary;
  if (fk) return KeyRole::kForeign;
  return KeyRole::kNone;
}

double key_score(KeyRole a, KeyRole b) {
  if (a == KeyRole::kNone && b == KeyRole::kNone) return -1;
  if (a == b) return 1;
  if (a == KeyRole::kNone || b == KeyRole::kNone) return 0.3;
  if (a == KeyRole::kPrimaryForeign || b == KeyRole::kPrimaryForeign) return 0.8;
  return 0.4;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

double cosine(const std::vector<std::pair<int, double>>& a,
              const std::vector<std::pair<int, double>>& b) {
  double dot = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      dot += a[i].second * b[j].second;
      ++i;
      ++j;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;
}

}  // namespace

MatchContext::MatchContext(const schema::Catalog& source, const schema::Catalog& target,
                           bool use_wordnet) {
  profile(source, source_);
  profile(target, target_);
  vocabulary_.finish(use_wordnet);

  // Comment TF-IDF: words of comments plus the name tokens, IDF over both sides.
  std::unordered_map<int, int> df;
  int docs = 0;
  auto words_of = [&](const ColumnProfile& p, const TableProfile& /*t*/) {
    std::vector<int> ids;
    if (p.column != nullptr)
      for (const std::string& w : split_text(p.column->comment))
        ids.push_back(vocabulary_.intern(canonical_token(w)));
    return ids;
  };
  std::vector<std::vector<int>> src_words, tgt_words;
  for (const ColumnProfile& p : source_.columns)
    src_words.push_back(words_of(p, source_.tables[p.table]));
  for (const ColumnProfile& p : target_.columns)
    tgt_words.push_back(words_of(p, target_.tables[p.table]));
  bool any_source = false, any_target = false;
  for (const auto& w : src_words) any_source = any_source || !w.empty();
  for (const auto& w : tgt_words) any_target = any_target || !w.empty();
  auto count = [&](std::vector<std::vector<int>>& all, const SideProfiles& side) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      for (int t : side.columns[i].full_tokens) all[i].push_back(t);
      std::set<int> unique(all[i].begin(), all[i].end());
      for (int t : unique) ++df[t];
      ++docs;
    }
  };
  if (any_source || any_target) {
    count(src_words, source_);
    count(tgt_words, target_);
    auto vectorise = [&](const std::vector<std::vector<int>>& all, SideProfiles& side) {
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (side.columns[i].column == nullptr || side.columns[i].column->comment.empty()) continue;
        std::map<int, double> tf;
        for (int t : all[i]) tf[t] += 1;
        double norm = 0;
        std::vector<std::pair<int, double>> v;
        for (const auto& [t, f] : tf) {
          double w = f * std::log(1.0 + static_cast<double>(docs) / df[t]);
          v.push_back({t, w});
          norm += w * w;
        }
        norm = std::sqrt(norm);
        if (norm > 0)
          for (auto& [t, w] : v) w /= norm;
        side.columns[i].comment_vector = std::move(v);
      }
    };
    vectorise(src_words, source_);
    vectorise(tgt_words, target_);
  }

  // Type compatibility between the distinct types of both sides.
  type_matrix_.assign(types_.size() * types_.size(), 0.5);
  for (std::size_t a = 0; a < types_.size(); ++a)
    for (std::size_t b = 0; b < types_.size(); ++b)
      type_matrix_[a * types_.size() + b] = sql::type_compatibility(types_[a], types_[b]);
}

void MatchContext::profile(const schema::Catalog& catalog, SideProfiles& side) {
  for (const schema::Table& t : catalog.tables) {
    TableProfile tp;
    tp.name = t.name.to_string();
    std::vector<std::string> table_words;
    for (const std::string& w : split_identifier(t.name.name)) table_words.push_back(w);
    for (const std::string& w : table_words)
      tp.tokens.push_back(vocabulary_.intern(canonical_token(w)));
    vocabulary_.add_document(tp.tokens);
    std::size_t table_index = side.tables.size();
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const schema::Column& c = t.columns[i];
      ColumnProfile p;
      p.ref = {tp.name, c.name};
      p.table = table_index;
      p.position = i;
      p.relative_position = t.columns.size() > 1
                                ? static_cast<double>(i) / static_cast<double>(t.columns.size() - 1)
                                : 0;
      std::vector<std::string> words = split_identifier(c.name);
      std::vector<std::string> stripped = strip_table_prefix(words, table_words);
      for (const std::string& w : words) {
        std::string canon = canonical_token(w);
        p.full_tokens.push_back(vocabulary_.intern(canon));
      }
      for (const std::string& w : stripped) {
        std::string canon = canonical_token(w);
        p.tokens.push_back(vocabulary_.intern(canon));
        p.joined += canon;
      }
      vocabulary_.add_document(p.full_tokens);
      std::string type_key = c.type.kind == sql::TypeKind::kUnknown && c.type.name.empty()
                                 ? std::string()
                                 : sql::to_string(c.type);
      auto [it, inserted] = type_ids_.emplace(type_key, static_cast<int>(types_.size()));
      if (inserted) types_.push_back(c.type);
      p.type_id = it->second;
      p.key = key_role(t, c);
      for (const std::string& v : c.sample_values) p.samples.push_back(lower(v));
      std::sort(p.samples.begin(), p.samples.end());
      p.samples.erase(std::unique(p.samples.begin(), p.samples.end()), p.samples.end());
      p.column = &c;
      tp.columns.push_back(side.columns.size());
      side.columns.push_back(std::move(p));
    }
    side.tables.push_back(std::move(tp));
  }
}

double MatchContext::soft_tfidf(const std::vector<int>& a, const std::vector<int>& b) const {
  if (a.empty() || b.empty()) return 0;
  auto direction = [&](const std::vector<int>& x, const std::vector<int>& y) {
    double num = 0, den = 0;
    for (int i : x) {
      double best = 0;
      for (const auto& [j, s] : vocabulary_.similar(i))
        for (int k : y)
          if (k == j && s > best) best = s;
      double w = vocabulary_.idf(i);
      num += w * best;
      den += w;
    }
    return den > 0 ? num / den : 0;
  };
  return 0.5 * (direction(a, b) + direction(b, a));
}

double MatchContext::name_similarity(const ColumnProfile& s, const ColumnProfile& t) const {
  double best = soft_tfidf(s.tokens, t.tokens);
  if (best < 1 && (s.tokens != s.full_tokens || t.tokens != t.full_tokens))
    best = std::max(best, soft_tfidf(s.full_tokens, t.full_tokens));
  if (best < 1 && !s.joined.empty()) {
    if (s.joined == t.joined) return 1;
    if (s.joined.size() >= 4 && t.joined.size() >= 4) {
      double jw = jaro_winkler(s.joined, t.joined);
      if (jw >= 0.88) best = std::max(best, 0.85 * jw);
    }
  }
  return best;
}

double MatchContext::table_name_similarity(const TableProfile& s, const TableProfile& t) const {
  return soft_tfidf(s.tokens, t.tokens);
}

PairFeatures MatchContext::features(const ColumnProfile& s, const ColumnProfile& t) const {
  PairFeatures f;
  f.name = name_similarity(s, t);
  if (!s.comment_vector.empty() && !t.comment_vector.empty())
    f.tfidf = cosine(s.comment_vector, t.comment_vector);
  const sql::LogicalType& ts = types_[static_cast<std::size_t>(s.type_id)];
  const sql::LogicalType& tt = types_[static_cast<std::size_t>(t.type_id)];
  if (!(ts.kind == sql::TypeKind::kUnknown && ts.name.empty()) &&
      !(tt.kind == sql::TypeKind::kUnknown && tt.name.empty()))
    f.type = type_compatibility(s.type_id, t.type_id);
  f.key = key_score(s.key, t.key);
  f.position = 1.0 - std::fabs(s.relative_position - t.relative_position);
  if (!s.samples.empty() && !t.samples.empty()) {
    std::size_t common = 0, i = 0, j = 0;
    while (i < s.samples.size() && j < t.samples.size()) {
      int c = s.samples[i].compare(t.samples[j]);
      if (c == 0) {
        ++common;
        ++i;
        ++j;
      } else if (c < 0) {
        ++i;
      } else {
        ++j;
      }
    }
    f.values = static_cast<double>(common) /
               static_cast<double>(std::min(s.samples.size(), t.samples.size()));
  }
  return f;
}

double MatchContext::combine(const PairFeatures& f, const FeatureWeights& w,
                             std::vector<Evidence>* evidence) const {
  double num = 0, den = 0;
  auto add = [&](const char* name, double score, double weight) {
    if (score < 0) return;
    num += score * weight;
    den += weight;
    if (evidence != nullptr) evidence->push_back({name, score, weight, ""});
  };
  add("name", f.name, w.name);
  add("tfidf", f.tfidf, w.tfidf);
  add("type", f.type, w.type);
  add("key", f.key, w.key);
  add("position", f.position, w.position);
  add("values", f.values, w.values);
  if (evidence != nullptr)
    for (Evidence& e : *evidence) e.weight = den > 0 ? e.weight / den : 0;
  return den > 0 ? num / den : 0;
}

}  // namespace godwit::mapping
