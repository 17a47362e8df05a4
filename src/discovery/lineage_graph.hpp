// The lineage graph of a catalog as a product shows it: each table's role in the data
// flow (source, intermediate, target) and, for large graphs, the part a person asked to
// see — filtered by schema and name, the neighbourhood of one table up to a depth, or
// the most connected tables when everything does not fit. Pure functions over plain
// values, so the server can keep a snapshot's graph in memory and answer from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

namespace godwit::discovery {

enum class TableRole : std::uint8_t {
  kSource,        ///< only read by the lineage (or not part of it)
  kIntermediate,  ///< written from other tables and read by others
  kTarget,        ///< written from other tables, read by none
};
std::string_view to_string(TableRole role);

/// The role of every entry of `catalog.tables` (same positions), from the statements
/// that fill tables (views, CTAS, INSERT ... SELECT, MERGE) and from routines that read
/// and write tables. A table filled only from itself keeps the source role.
std::vector<TableRole> table_roles(const schema::Catalog& catalog);

/// One node as the selection needs it.
struct GraphNode {
  std::string schema;
  std::string name;
};
/// An edge between two nodes (positions in the node list); direction is not used.
struct GraphEdge {
  std::size_t source = 0;
  std::size_t target = 0;
};

struct GraphQuery {
  std::optional<std::size_t> focus;  ///< a node position
  int depth = 1;                     ///< edges walked from the focus, 1..5
  std::string schema;                ///< exact schema name, ignoring case; empty: all
  std::string search;                ///< substring of "schema.name", ignoring case
  std::size_t limit = 300;
};

struct GraphSelection {
  std::vector<std::size_t> nodes;  ///< focus first, then by distance; or by degree
  std::vector<std::size_t> edges;  ///< positions in the edge list, both ends selected
  bool truncated = false;          ///< more nodes matched than `limit`
  std::size_t total_nodes = 0;     ///< nodes that matched before the limit
};

/// Without a focus: the nodes that pass the filters, all of them when they fit in
/// `limit`, else the `limit` with most edges (ties: earlier node first) and truncated.
/// With a focus: the focus and the filtered nodes reachable within `depth` edges
/// (walking only through filtered nodes), nearest first, cut at `limit`.
GraphSelection select_graph(const std::vector<GraphNode>& nodes,
                            const std::vector<GraphEdge>& edges, const GraphQuery& query);

/// A graph's adjacency and degree order, built once per graph so that a focused
/// selection touches only the nodes it reaches and their edges, not the whole graph.
struct GraphIndex {
  /// Per node, the edges (positions in the edge list) touching it, in edge order; an
  /// edge from a node to itself is listed once, an edge with an end out of range never.
  std::vector<std::vector<std::size_t>> edges_of;
  /// Every node, most edges first (edges to itself not counted; ties: earlier first).
  std::vector<std::size_t> by_degree;
};
GraphIndex index_graph(const std::vector<GraphNode>& nodes, const std::vector<GraphEdge>& edges);

/// The same selection as select_graph(nodes, edges, query), from the graph's index.
GraphSelection select_graph(const GraphIndex& index, const std::vector<GraphNode>& nodes,
                            const std::vector<GraphEdge>& edges, const GraphQuery& query);

}  // namespace godwit::discovery
