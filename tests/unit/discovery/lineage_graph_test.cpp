// Table roles from lineage, and the graph selection (filters, focus and depth, limits).
#include "discovery/lineage_graph.hpp"

#include <gtest/gtest.h>

#include <random>

#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::discovery {
namespace {

schema::Catalog catalog_of(const std::string& sql) {
  return schema::build_catalog(sql::parse_sql(sql, sql::dialect_by_name("postgres")), "t.sql");
}

std::string role_of(const schema::Catalog& c, const std::vector<TableRole>& roles,
                    const std::string& name) {
  for (std::size_t i = 0; i < c.tables.size(); ++i)
    if (c.tables[i].name.name == name) return std::string(to_string(roles[i]));
  return "missing";
}

TEST(TableRoles, ReadOnlyIsSourceWrittenOnlyIsTargetBothIsIntermediate) {
  schema::Catalog c = catalog_of(
      "CREATE TABLE orders (id INT PRIMARY KEY, amount NUMERIC(10,2));\n"
      "CREATE TABLE lonely (id INT);\n"
      "CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;\n"
      "CREATE TABLE report (id INT, amount NUMERIC(10,2));\n"
      "INSERT INTO report (id, amount) SELECT id, amount FROM big_orders;\n"
      "INSERT INTO lonely (id) SELECT id FROM lonely;\n");
  std::vector<TableRole> roles = table_roles(c);
  ASSERT_EQ(roles.size(), c.tables.size());
  EXPECT_EQ(role_of(c, roles, "orders"), "source");
  EXPECT_EQ(role_of(c, roles, "big_orders"), "intermediate");
  EXPECT_EQ(role_of(c, roles, "report"), "target");
  EXPECT_EQ(role_of(c, roles, "lonely"), "source");  // filled only from itself
}

/// 0 - 1 - 2 - 3 - 4 in schema "a", and 5 in schema "b" linked to 1.
struct Chain {
  std::vector<GraphNode> nodes = {{"a", "n0"}, {"a", "n1"}, {"a", "n2"},
                                  {"a", "n3"}, {"a", "n4"}, {"b", "other"}};
  std::vector<GraphEdge> edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 1}};
};

TEST(SelectGraph, FocusWalksUpToTheDepthNearestFirst) {
  Chain g;
  GraphQuery q;
  q.focus = 2;
  q.depth = 1;
  GraphSelection s = select_graph(g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{2, 1, 3}));
  EXPECT_EQ(s.edges, (std::vector<std::size_t>{1, 2}));
  EXPECT_FALSE(s.truncated);
  EXPECT_EQ(s.total_nodes, 3u);
  q.depth = 2;
  s = select_graph(g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{2, 1, 3, 0, 5, 4}));
  EXPECT_EQ(s.edges.size(), 5u);
}

TEST(SelectGraph, FocusWalksOnlyThroughFilteredNodesAndIsCutAtTheLimit) {
  Chain g;
  GraphQuery q;
  q.focus = 0;
  q.depth = 5;
  q.schema = "A";
  GraphSelection s = select_graph(g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  q.limit = 2;
  s = select_graph(g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.total_nodes, 5u);
  EXPECT_EQ(s.edges, (std::vector<std::size_t>{0}));
}

TEST(SelectGraph, WithoutFocusTheMostConnectedNodesAreKept) {
  Chain g;
  GraphQuery q;
  q.limit = 2;
  GraphSelection s = select_graph(g.nodes, g.edges, q);
  // Degrees: n1 3, n2 2, n3 2, others 1; ties keep the earlier node.
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(s.truncated);
  EXPECT_EQ(s.total_nodes, 6u);
  EXPECT_EQ(s.edges, (std::vector<std::size_t>{1}));
}

TEST(SelectGraph, SearchMatchesTheQualifiedNameIgnoringCase) {
  Chain g;
  GraphQuery q;
  q.search = "B.OTH";
  GraphSelection s = select_graph(g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{5}));
  EXPECT_FALSE(s.truncated);
  EXPECT_TRUE(s.edges.empty());
}

TEST(SelectGraph, IndexedSelectionOfTheChainWalksOnlyWhatItReturns) {
  Chain g;
  GraphIndex index = index_graph(g.nodes, g.edges);
  EXPECT_EQ(index.edges_of[1], (std::vector<std::size_t>{0, 1, 4}));
  EXPECT_EQ(index.by_degree, (std::vector<std::size_t>{1, 2, 3, 0, 4, 5}));
  GraphQuery q;
  q.focus = 2;
  GraphSelection s = select_graph(index, g.nodes, g.edges, q);
  EXPECT_EQ(s.nodes, (std::vector<std::size_t>{2, 1, 3}));
  EXPECT_EQ(s.edges, (std::vector<std::size_t>{1, 2}));
}

/// The indexed selection gives the same answer as the plain one on random graphs with
/// parallel edges, edges to themselves and dangling ends, for every kind of query.
TEST(SelectGraph, IndexedSelectionEqualsThePlainOneOnRandomGraphs) {
  std::mt19937 random(7);
  std::size_t focused_nonempty = 0, truncated = 0;
  for (int round = 0; round < 60; ++round) {
    std::size_t n = 1 + random() % 40;
    std::vector<GraphNode> nodes;
    for (std::size_t i = 0; i < n; ++i)
      nodes.push_back(
          {random() % 3 == 0 ? "" : (random() % 2 ? "Sales" : "hr"), "t" + std::to_string(i)});
    std::vector<GraphEdge> edges;
    std::size_t m = random() % (3 * n + 1);
    for (std::size_t i = 0; i < m; ++i) {
      std::size_t a = random() % n, b = random() % n;
      if (random() % 20 == 0) b = n + random() % 3;  // a dangling end
      edges.push_back({a, b});
    }
    GraphIndex index = index_graph(nodes, edges);
    for (int k = 0; k < 20; ++k) {
      GraphQuery q;
      if (random() % 3) q.focus = random() % (n + 1);  // sometimes out of range
      q.depth = 1 + static_cast<int>(random() % 5);
      q.limit = 1 + random() % (n + 2);
      if (random() % 4 == 0) q.schema = random() % 2 ? "SALES" : "hr";
      if (random() % 4 == 0) q.search = "T" + std::to_string(random() % 4);
      GraphSelection plain = select_graph(nodes, edges, q);
      GraphSelection indexed = select_graph(index, nodes, edges, q);
      ASSERT_EQ(indexed.nodes, plain.nodes) << "round " << round << " query " << k;
      ASSERT_EQ(indexed.edges, plain.edges) << "round " << round << " query " << k;
      ASSERT_EQ(indexed.truncated, plain.truncated);
      ASSERT_EQ(indexed.total_nodes, plain.total_nodes);
      if (q.focus && plain.nodes.size() > 1) ++focused_nonempty;
      if (plain.truncated) ++truncated;
    }
  }
  EXPECT_GT(focused_nonempty, 100u);
  EXPECT_GT(truncated, 100u);
}

}  // namespace
}  // namespace godwit::discovery
