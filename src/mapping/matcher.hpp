// The matching engine's entry point: a source catalog and a target catalog in, a mapping
// document out — table mappings (1:1, splits, merges) and, for every source column, the
// top-k target columns with transformation, formula, calibrated confidence, evidence and
// data-loss warnings. Values in, values out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/calibration.hpp"
#include "mapping/features.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"

namespace godwit::mapping {

struct MatchOptions {
  int top_k = 5;
  bool use_wordnet = true;
  FeatureWeights weights;
  /// Above this many column pairs, only pairs sharing a (similar) name token are scored;
  /// a column whose tokens are all common (in more than 2,000 target columns) falls back to
  /// target columns sharing two similar tokens, then to one token and the same type.
  std::size_t blocking_threshold = 8'000'000;
  /// Prior of a pair whose tables were not assigned to each other.
  double unmatched_table_prior = 0.8;
  /// Share of the final score that comes from the table similarity (neighbourhood).
  double neighbourhood_weight = 0.25;
  /// How far a pair whose columns refer to matched tables moves towards 1.
  double reference_weight = 0.6;
  /// Calibration of raw scores; nullptr = the built-in table.
  const Calibration* calibration = nullptr;
  /// Skip calibration: confidence = raw score (used to fit the calibration).
  bool raw_scores = false;
  /// Formulas are checked by the SQL parser (costly on very large schemas).
  bool validate_formulas = true;
  /// Composite proposals: concatenations (several sources, one target), splits, value maps.
  bool composites = true;
  SchemaSet source;  ///< copied into the document
  SchemaSet target;
  std::string formula_dialect;  ///< default: target.dialect
};

struct MatchResult {
  MappingDocument document;
  std::vector<Diagnostic> diagnostics;  ///< W-MAPPING-* notes (WordNet missing, blocking used)
  std::size_t pairs_scored = 0;
};

MatchResult match_schemas(const schema::Catalog& source, const schema::Catalog& target,
                          const MatchOptions& options = {});

}  // namespace godwit::mapping
