// Calibrated confidence: a monotone map from the matcher's raw score to the probability
// that a suggestion is right, fitted by isotonic regression (pool adjacent violators) on
// the development sets and kept in the source as data (calibration_table.cpp, written
// by `bench/mapping_eval --fit-calibration FILE`). The reliability table says how well a
// calibration holds on a set of labelled suggestions.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace godwit::mapping {

struct CalibrationPoint {
  double score = 0;        ///< raw score (knot)
  double probability = 0;  ///< calibrated confidence at that score
};

/// A labelled suggestion: its score and whether it was right.
using LabelledScore = std::pair<double, bool>;

class Calibration {
 public:
  Calibration() = default;
  explicit Calibration(std::vector<CalibrationPoint> points);

  /// The fitted table compiled into Godwit (identity when it has no points).
  static const Calibration& builtin();
  /// Isotonic regression of correctness on score; knots are the pooled blocks' means.
  static Calibration fit_isotonic(std::vector<LabelledScore> samples);

  /// Piecewise-linear between knots, constant beyond them; monotone non-decreasing in
  /// `score`; always in [0, 1].
  double apply(double score) const;
  const std::vector<CalibrationPoint>& points() const { return points_; }

  /// The C++ source of calibration_table.cpp for this calibration.
  std::string to_source(const std::string& command) const;

 private:
  std::vector<CalibrationPoint> points_;
};

struct ReliabilityRow {
  double low = 0;  ///< confidence bin [low, high)
  double high = 0;
  int count = 0;
  double mean_confidence = 0;
  double accuracy = 0;  ///< share right
};

/// Ten equal-width bins of the (confidence, right) pairs; empty bins are kept.
std::vector<ReliabilityRow> reliability_table(const std::vector<LabelledScore>& samples,
                                              int bins = 10);
/// Expected calibration error: the count-weighted mean |accuracy - confidence|.
double expected_calibration_error(const std::vector<ReliabilityRow>& table);

}  // namespace godwit::mapping
