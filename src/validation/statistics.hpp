// Statistics of the anomaly detectors that need no database: the distance between two
// distributions known only by quantile sketches (a KS-like statistic). Pure functions.
#pragma once

#include <vector>

namespace godwit::validation {

/// The value below which a share `probability` of the non-NULL values lie.
struct QuantilePoint {
  double probability = 0;
  double value = 0;
};

/// The cumulative share of values at or below `x` of a distribution known by its quantile
/// sketch (sorted by probability; the first point is the minimum, the last the maximum),
/// linear between points, 0 below the minimum and 1 from the maximum on. `left`: the
/// share strictly below `x` (the limit from the left, which differs at a jump).
double sketch_cdf(const std::vector<QuantilePoint>& sketch, double x, bool left = false);

/// The largest distance between the two sketches' cumulative distributions (0 = same,
/// 1 = disjoint): the Kolmogorov-Smirnov statistic of the interpolated distributions,
/// evaluated at every point of both sketches (where the maximum of piecewise-linear
/// functions lies).
double sketch_ks_distance(const std::vector<QuantilePoint>& a, const std::vector<QuantilePoint>& b);

}  // namespace godwit::validation
