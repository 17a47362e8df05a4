// Table roles and graph selection (see lineage_graph.hpp).
#include "discovery/lineage_graph.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"

namespace godwit::discovery {

std::string_view to_string(TableRole role) {
  switch (role) {
    case TableRole::kSource: return "source";
    case TableRole::kIntermediate: return "intermediate";
    case TableRole::kTarget: return "target";
  }
  return "source";
}

std::vector<TableRole> table_roles(const schema::Catalog& catalog) {
  std::unordered_map<std::uint32_t, std::size_t> position;
  for (std::size_t i = 0; i < catalog.tables.size(); ++i) position[catalog.tables[i].id] = i;
  auto find = [&](const schema::QualifiedName& name) -> std::optional<std::size_t> {
    const schema::Table* t = catalog.find_table(name.to_string());
    if (!t) return std::nullopt;
    auto it = position.find(t->id);
    if (it == position.end()) return std::nullopt;
    return it->second;
  };
  std::vector<bool> read(catalog.tables.size(), false), written(catalog.tables.size(), false);
  auto flow = [&](const std::vector<std::size_t>& from, std::optional<std::size_t> to) {
    bool from_other = false;
    for (std::size_t f : from) {
      if (to && f == *to) continue;
      read[f] = true;
      from_other = true;
    }
    if (to && from_other) written[*to] = true;
  };
  for (const schema::Lineage& l : catalog.lineage) {
    std::vector<std::size_t> from;
    for (const schema::ColumnLineage& c : l.columns) {
      for (const schema::SourceColumn& s : c.sources) {
        if (auto p = find(s.table)) from.push_back(*p);
      }
    }
    std::sort(from.begin(), from.end());
    from.erase(std::unique(from.begin(), from.end()), from.end());
    flow(from, find(l.target));
  }
  for (const schema::Routine& r : catalog.routines) {
    std::vector<std::size_t> from;
    for (const schema::QualifiedName& n : r.reads) {
      if (auto p = find(n)) from.push_back(*p);
    }
    for (const schema::QualifiedName& n : r.writes) flow(from, find(n));
  }
  std::vector<TableRole> roles(catalog.tables.size(), TableRole::kSource);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (written[i]) roles[i] = read[i] ? TableRole::kIntermediate : TableRole::kTarget;
  }
  return roles;
}

GraphSelection select_graph(const std::vector<GraphNode>& nodes,
                            const std::vector<GraphEdge>& edges, const GraphQuery& query) {
  const std::string schema = to_lower(query.schema);
  const std::string search = to_lower(query.search);
  std::vector<bool> passes(nodes.size(), true);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!schema.empty() && to_lower(nodes[i].schema) != schema) passes[i] = false;
    if (passes[i] && !search.empty()) {
      std::string label =
          to_lower(nodes[i].schema.empty() ? nodes[i].name : nodes[i].schema + "." + nodes[i].name);
      if (label.find(search) == std::string::npos) passes[i] = false;
    }
  }
  GraphSelection out;
  std::vector<bool> chosen(nodes.size(), false);
  if (query.focus && *query.focus < nodes.size()) {
    std::vector<std::vector<std::size_t>> adjacent(nodes.size());
    for (const GraphEdge& e : edges) {
      if (e.source >= nodes.size() || e.target >= nodes.size() || e.source == e.target) continue;
      adjacent[e.source].push_back(e.target);
      adjacent[e.target].push_back(e.source);
    }
    std::vector<int> distance(nodes.size(), -1);
    std::deque<std::size_t> queue{*query.focus};
    distance[*query.focus] = 0;
    std::vector<std::size_t> reached;
    while (!queue.empty()) {
      std::size_t n = queue.front();
      queue.pop_front();
      reached.push_back(n);
      if (distance[n] >= query.depth) continue;
      for (std::size_t m : adjacent[n]) {
        if (distance[m] >= 0 || !passes[m]) continue;
        distance[m] = distance[n] + 1;
        queue.push_back(m);
      }
    }
    out.total_nodes = reached.size();
    if (reached.size() > query.limit) {
      reached.resize(query.limit);
      out.truncated = true;
    }
    out.nodes = std::move(reached);
  } else {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (passes[i]) candidates.push_back(i);
    }
    out.total_nodes = candidates.size();
    if (candidates.size() > query.limit) {
      std::vector<std::size_t> degree(nodes.size(), 0);
      for (const GraphEdge& e : edges) {
        if (e.source >= nodes.size() || e.target >= nodes.size() || e.source == e.target) continue;
        ++degree[e.source];
        ++degree[e.target];
      }
      std::stable_sort(candidates.begin(), candidates.end(),
                       [&](std::size_t a, std::size_t b) { return degree[a] > degree[b]; });
      candidates.resize(query.limit);
      std::sort(candidates.begin(), candidates.end());
      out.truncated = true;
    }
    out.nodes = std::move(candidates);
  }
  for (std::size_t n : out.nodes) chosen[n] = true;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const GraphEdge& e = edges[i];
    if (e.source < nodes.size() && e.target < nodes.size() && chosen[e.source] && chosen[e.target])
      out.edges.push_back(i);
  }
  return out;
}

GraphIndex index_graph(const std::vector<GraphNode>& nodes, const std::vector<GraphEdge>& edges) {
  GraphIndex index;
  index.edges_of.resize(nodes.size());
  std::vector<std::size_t> degree(nodes.size(), 0);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const GraphEdge& e = edges[i];
    if (e.source >= nodes.size() || e.target >= nodes.size()) continue;
    index.edges_of[e.source].push_back(i);
    if (e.source == e.target) continue;
    index.edges_of[e.target].push_back(i);
    ++degree[e.source];
    ++degree[e.target];
  }
  index.by_degree.resize(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) index.by_degree[i] = i;
  std::stable_sort(index.by_degree.begin(), index.by_degree.end(),
                   [&](std::size_t a, std::size_t b) { return degree[a] > degree[b]; });
  return index;
}

GraphSelection select_graph(const GraphIndex& index, const std::vector<GraphNode>& nodes,
                            const std::vector<GraphEdge>& edges, const GraphQuery& query) {
  const std::string schema = to_lower(query.schema);
  const std::string search = to_lower(query.search);
  auto passes = [&](std::size_t i) {
    if (!schema.empty() && to_lower(nodes[i].schema) != schema) return false;
    if (search.empty()) return true;
    std::string label =
        to_lower(nodes[i].schema.empty() ? nodes[i].name : nodes[i].schema + "." + nodes[i].name);
    return label.find(search) != std::string::npos;
  };
  auto other_end = [&](std::size_t e, std::size_t n) {
    return edges[e].source == n ? edges[e].target : edges[e].source;
  };
  GraphSelection out;
  if (query.focus && *query.focus < nodes.size()) {
    // Breadth first from the focus, as select_graph does, over the reached nodes only.
    std::unordered_map<std::size_t, int> distance{{*query.focus, 0}};
    std::deque<std::size_t> queue{*query.focus};
    std::vector<std::size_t> reached;
    while (!queue.empty()) {
      std::size_t n = queue.front();
      queue.pop_front();
      reached.push_back(n);
      int d = distance[n];
      if (d >= query.depth) continue;
      for (std::size_t e : index.edges_of[n]) {
        std::size_t m = other_end(e, n);
        if (distance.count(m) || !passes(m)) continue;
        distance.emplace(m, d + 1);
        queue.push_back(m);
      }
    }
    out.total_nodes = reached.size();
    if (reached.size() > query.limit) {
      reached.resize(query.limit);
      out.truncated = true;
    }
    out.nodes = std::move(reached);
  } else {
    std::vector<bool> pass(nodes.size(), true);
    if (!schema.empty() || !search.empty()) {
      for (std::size_t i = 0; i < nodes.size(); ++i) pass[i] = passes(i);
    }
    out.total_nodes = static_cast<std::size_t>(std::count(pass.begin(), pass.end(), true));
    if (out.total_nodes > query.limit) {
      for (std::size_t n : index.by_degree) {
        if (out.nodes.size() == query.limit) break;
        if (pass[n]) out.nodes.push_back(n);
      }
      std::sort(out.nodes.begin(), out.nodes.end());
      out.truncated = true;
    } else {
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (pass[i]) out.nodes.push_back(i);
      }
    }
  }
  std::unordered_set<std::size_t> chosen(out.nodes.begin(), out.nodes.end());
  for (std::size_t n : out.nodes) {
    for (std::size_t e : index.edges_of[n]) {
      if (chosen.count(other_end(e, n))) out.edges.push_back(e);
    }
  }
  std::sort(out.edges.begin(), out.edges.end());
  out.edges.erase(std::unique(out.edges.begin(), out.edges.end()), out.edges.end());
  return out;
}

}  // namespace godwit::discovery
