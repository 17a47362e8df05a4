// Quantile-sketch statistics (see statistics.hpp).
#include "validation/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace godwit::validation {

double sketch_cdf(const std::vector<QuantilePoint>& sketch, double x, bool left) {
  if (sketch.empty()) return 0;
  // The last point at (or, for `left`, strictly before) x.
  std::size_t last = sketch.size();
  for (std::size_t i = 0; i < sketch.size(); ++i) {
    if (left ? sketch[i].value < x : sketch[i].value <= x) last = i;
  }
  if (last == sketch.size()) return 0;
  if (last + 1 == sketch.size()) return 1.0;
  const QuantilePoint& a = sketch[last];
  const QuantilePoint& b = sketch[last + 1];
  if (b.value <= a.value) return a.probability;
  const double share = (x - a.value) / (b.value - a.value);
  return a.probability + std::clamp(share, 0.0, 1.0) * (b.probability - a.probability);
}

double sketch_ks_distance(const std::vector<QuantilePoint>& a,
                          const std::vector<QuantilePoint>& b) {
  if (a.empty() || b.empty()) return 0;
  double distance = 0;
  for (const auto* sketch : {&a, &b}) {
    for (const QuantilePoint& point : *sketch) {
      for (bool left : {false, true}) {
        const double d =
            std::abs(sketch_cdf(a, point.value, left) - sketch_cdf(b, point.value, left));
        distance = std::max(distance, d);
      }
    }
  }
  return distance;
}

}  // namespace godwit::validation
