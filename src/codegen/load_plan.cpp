// Waves by Kahn's algorithm over the foreign keys among the planned tables; when no table
// is ready, the first cycle found from the earliest remaining table loses its closing edge.
#include "codegen/load_plan.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace godwit::codegen {

namespace {

struct Edge {
  std::size_t to = 0;  ///< index of the referenced table
  std::string foreign_key;
};

std::string key_label(const schema::ForeignKey& fk) {
  if (!fk.name.empty()) return fk.name;
  std::string out = "(";
  for (std::size_t i = 0; i < fk.columns.size(); ++i) out += (i ? ", " : "") + fk.columns[i];
  return out + ")";
}

/// A cycle among `remaining` reachable from `start`, as node indexes in reference order.
std::vector<std::size_t> find_cycle(std::size_t start, const std::vector<std::vector<Edge>>& deps,
                                    const std::vector<bool>& remaining) {
  std::vector<std::size_t> path;
  std::vector<int> state(deps.size(), 0);  // 0 new, 1 on path, 2 done
  std::vector<std::size_t> found;
  auto visit = [&](auto&& self, std::size_t node) -> bool {
    state[node] = 1;
    path.push_back(node);
    for (const Edge& e : deps[node]) {
      if (!remaining[e.to]) continue;
      if (state[e.to] == 1) {
        auto it = std::find(path.begin(), path.end(), e.to);
        found.assign(it, path.end());
        return true;
      }
      if (state[e.to] == 0 && self(self, e.to)) return true;
    }
    path.pop_back();
    state[node] = 2;
    return false;
  };
  visit(visit, start);
  return found;
}

}  // namespace

int LoadPlan::wave_of(const std::string& table) const {
  for (const LoadWave& w : waves)
    if (std::find(w.tables.begin(), w.tables.end(), table) != w.tables.end()) return w.number;
  return 0;
}

LoadPlan plan_load(const schema::Catalog& catalog, const std::vector<std::string>& tables) {
  const std::set<std::string> wanted(tables.begin(), tables.end());
  std::vector<const schema::Table*> nodes;
  std::map<std::uint32_t, std::size_t> index_of_id;
  for (const schema::Table& t : catalog.tables) {
    if (!wanted.count(t.name.to_string())) continue;
    if (index_of_id.count(t.id)) continue;
    index_of_id[t.id] = nodes.size();
    nodes.push_back(&t);
  }
  LoadPlan plan;
  std::vector<std::vector<Edge>> deps(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const schema::ForeignKey& fk : nodes[i]->foreign_keys) {
      if (!fk.resolved) continue;
      auto it = index_of_id.find(fk.referenced_table_id);
      if (it == index_of_id.end()) continue;
      if (it->second == i) {
        const std::string name = nodes[i]->name.to_string();
        plan.broken.push_back({name, name, key_label(fk), {name}});
        continue;
      }
      deps[i].push_back({it->second, key_label(fk)});
    }
  }
  std::vector<bool> remaining(nodes.size(), true);
  std::size_t left = nodes.size();
  while (left > 0) {
    LoadWave wave;
    wave.number = static_cast<int>(plan.waves.size()) + 1;
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!remaining[i]) continue;
      bool ok = true;
      for (const Edge& e : deps[i]) ok = ok && !remaining[e.to];
      if (ok) ready.push_back(i);
    }
    if (ready.empty()) {
      std::size_t start = 0;
      while (!remaining[start]) ++start;
      std::vector<std::size_t> cycle = find_cycle(start, deps, remaining);
      // Every remaining node has a remaining dependency, so a cycle always exists.
      const std::size_t from = cycle.back();
      const std::size_t to = cycle.front();
      auto& edges = deps[from];
      auto e = std::find_if(edges.begin(), edges.end(), [&](const Edge& x) { return x.to == to; });
      BrokenDependency b{
          nodes[from]->name.to_string(), nodes[to]->name.to_string(), e->foreign_key, {}};
      for (std::size_t n : cycle) b.cycle.push_back(nodes[n]->name.to_string());
      plan.broken.push_back(std::move(b));
      edges.erase(e);
      continue;
    }
    for (std::size_t i : ready) {
      remaining[i] = false;
      wave.tables.push_back(nodes[i]->name.to_string());
    }
    left -= ready.size();
    plan.waves.push_back(std::move(wave));
  }
  return plan;
}

std::string load_plan_json(const LoadPlan& plan) {
  nlohmann::ordered_json out;
  out["waves"] = nlohmann::ordered_json::array();
  for (const LoadWave& w : plan.waves)
    out["waves"].push_back({{"wave", w.number}, {"tables", w.tables}});
  out["broken_dependencies"] = nlohmann::ordered_json::array();
  for (const BrokenDependency& b : plan.broken)
    out["broken_dependencies"].push_back({{"table", b.table},
                                          {"references", b.references},
                                          {"foreign_key", b.foreign_key},
                                          {"cycle", b.cycle}});
  return out.dump(2) + "\n";
}

}  // namespace godwit::codegen
