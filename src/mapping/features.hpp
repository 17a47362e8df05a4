// The features the matcher scores a (source column, target column) pair with: name
// similarity after normalisation and dictionary expansion (soft TF-IDF over tokens, so
// rare words count more than "id" or "name"), TF-IDF cosine over comments, type
// compatibility from the type system, key roles, relative position and sample-value
// overlap. Profiles are computed once per column; scoring a pair allocates nothing.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "sql/types/logical_type.hpp"

namespace godwit::mapping {

enum class KeyRole : std::uint8_t { kNone, kPrimary, kForeign, kPrimaryForeign };

/// Interned tokens of both schemas with their inverse document frequency and, per token,
/// the similar tokens (equal after canonicalisation = 1, dictionary/WordNet synonym,
/// abbreviation, near spelling).
class Vocabulary {
 public:
  int intern(const std::string& token);
  int find(const std::string& token) const;
  const std::string& text(int id) const { return tokens_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return tokens_.size(); }

  /// Counts one document (a column name) for IDF.
  void add_document(const std::vector<int>& ids);
  /// Computes IDF and the similar-token lists; call after every intern/add_document.
  void finish(bool use_wordnet);
  double idf(int id) const { return idf_[static_cast<std::size_t>(id)]; }
  /// Tokens similar to `id` (itself included, similarity 1).
  const std::vector<std::pair<int, float>>& similar(int id) const {
    return similar_[static_cast<std::size_t>(id)];
  }

 private:
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int> ids_;
  std::vector<int> document_frequency_;
  int documents_ = 0;
  std::vector<double> idf_;
  std::vector<std::vector<std::pair<int, float>>> similar_;
};

/// Similarity of two canonical tokens in [0, 1] (0 below the noise floor): 1 equal,
/// 0.9 WordNet synonyms, 0.8 abbreviation, Jaro-Winkler above 0.88 scaled, else 0.
double token_similarity(const std::string& a, const std::string& b, bool use_wordnet);
double jaro_winkler(const std::string& a, const std::string& b);

struct ColumnProfile {
  ColumnRef ref;
  std::size_t table = 0;     ///< index into the catalog's tables
  std::size_t position = 0;  ///< 0-based among the table's columns
  double relative_position = 0;
  std::vector<int> tokens;       ///< canonical name tokens, table prefix removed
  std::vector<int> full_tokens;  ///< canonical name tokens as written
  std::string joined;            ///< canonical tokens concatenated ("firstname")
  std::vector<std::pair<int, double>> comment_vector;  ///< TF-IDF of comment words, unit length
  int type_id = 0;                                     ///< index into MatchContext::types
  KeyRole key = KeyRole::kNone;
  std::vector<std::string> samples;  ///< sorted, unique, lower-case
  const schema::Column* column = nullptr;
};

struct TableProfile {
  std::string name;
  std::vector<int> tokens;
  std::vector<std::size_t> columns;  ///< indexes into the side's column profiles
};

/// Profiles of one schema side.
struct SideProfiles {
  std::vector<TableProfile> tables;
  std::vector<ColumnProfile> columns;
};

/// Feature scores of one pair; a negative score means "not available" for that pair.
struct PairFeatures {
  double name = 0;
  double tfidf = -1;
  double type = -1;
  double key = -1;
  double position = -1;
  double values = -1;
};

/// Weights of the features in the combined score (normalised over the available ones).
struct FeatureWeights {
  double name = 0.62;
  double tfidf = 0.22;
  double type = 0.12;
  double key = 0.06;
  double position = 0.04;
  double values = 0.2;
};

/// Everything scoring needs, built once from both catalogs.
class MatchContext {
 public:
  MatchContext(const schema::Catalog& source, const schema::Catalog& target, bool use_wordnet);

  const SideProfiles& source() const { return source_; }
  const SideProfiles& target() const { return target_; }
  const Vocabulary& vocabulary() const { return vocabulary_; }

  /// Soft TF-IDF of two token lists (symmetric mean of both directions).
  double soft_tfidf(const std::vector<int>& a, const std::vector<int>& b) const;
  double name_similarity(const ColumnProfile& s, const ColumnProfile& t) const;
  double table_name_similarity(const TableProfile& s, const TableProfile& t) const;
  PairFeatures features(const ColumnProfile& s, const ColumnProfile& t) const;
  double type_compatibility(int a, int b) const {
    return type_matrix_[static_cast<std::size_t>(a) * types_.size() + static_cast<std::size_t>(b)];
  }
  const std::vector<sql::LogicalType>& types() const { return types_; }
  /// Combined score in [0, 1] and, when `evidence` is given, the contributions.
  double combine(const PairFeatures& f, const FeatureWeights& w,
                 std::vector<Evidence>* evidence) const;

 private:
  void profile(const schema::Catalog& catalog, SideProfiles& side);

  Vocabulary vocabulary_;
  SideProfiles source_;
  SideProfiles target_;
  std::vector<sql::LogicalType> types_;
  std::vector<double> type_matrix_;
  std::unordered_map<std::string, int> type_ids_;
  std::vector<std::vector<std::string>> comment_words_source_;
  std::vector<std::vector<std::string>> comment_words_target_;
};

}  // namespace godwit::mapping
