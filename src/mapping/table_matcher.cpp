// Table assignment with splits and merges (table_matcher.hpp).
#include "mapping/table_matcher.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace godwit::mapping {

std::vector<TableGroup> assign_tables(const std::vector<std::vector<double>>& sim,
                                      const TableAssignmentOptions& options) {
  const std::size_t ns = sim.size();
  const std::size_t nt = ns == 0 ? 0 : sim[0].size();
  std::set<std::pair<std::size_t, std::size_t>> pairs;  // (target, source)
  std::vector<double> best_of_source(ns, 0), best_of_target(nt, 0);
  for (std::size_t s = 0; s < ns; ++s)
    for (std::size_t t = 0; t < nt; ++t) {
      best_of_source[s] = std::max(best_of_source[s], sim[s][t]);
      best_of_target[t] = std::max(best_of_target[t], sim[s][t]);
    }
  for (std::size_t s = 0; s < ns; ++s)
    for (std::size_t t = 0; t < nt; ++t) {
      double v = sim[s][t];
      if (v < options.min_similarity) continue;
      bool best_for_source = v >= best_of_source[s];
      bool best_for_target = v >= best_of_target[t];
      // Splits: a source close to its best on another target that this source is also
      // near-best for; merges symmetric.
      bool split = v >= options.relative_threshold * best_of_source[s] &&
                   v >= options.relative_threshold * best_of_target[t];
      if (best_for_source || best_for_target || split) pairs.insert({t, s});
    }
  std::vector<TableGroup> groups;
  for (const auto& [t, s] : pairs) {
    if (groups.empty() || groups.back().target != t) groups.push_back({t, {}, 0});
    groups.back().sources.push_back(s);
    groups.back().similarity = std::max(groups.back().similarity, sim[s][t]);
  }
  for (TableGroup& g : groups)
    std::stable_sort(g.sources.begin(), g.sources.end(), [&](std::size_t a, std::size_t b) {
      return sim[a][g.target] > sim[b][g.target];
    });
  return groups;
}

}  // namespace godwit::mapping
