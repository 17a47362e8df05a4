// Table assignment: 1:1, a split (one source, two targets) and a merge (two sources, one
// target), and pairs below the floor left out.
#include "mapping/table_matcher.hpp"

#include <gtest/gtest.h>

namespace godwit::mapping {
namespace {

TEST(TableMatcher, OneToOne) {
  std::vector<TableGroup> g = assign_tables({{0.9, 0.1}, {0.2, 0.8}});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].target, 0u);
  EXPECT_EQ(g[0].sources, (std::vector<std::size_t>{0}));
  EXPECT_EQ(g[1].target, 1u);
  EXPECT_EQ(g[1].sources, (std::vector<std::size_t>{1}));
  EXPECT_DOUBLE_EQ(g[1].similarity, 0.8);
}

TEST(TableMatcher, SplitOneSourceOverTwoTargets) {
  // Source 0 (person with address) fills target 0 (person) and target 1 (location).
  std::vector<TableGroup> g = assign_tables({{0.8, 0.75, 0.1}, {0.1, 0.1, 0.9}});
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].sources, (std::vector<std::size_t>{0}));
  EXPECT_EQ(g[1].sources, (std::vector<std::size_t>{0}));
  EXPECT_EQ(g[2].sources, (std::vector<std::size_t>{1}));
}

TEST(TableMatcher, MergeTwoSourcesIntoOneTarget) {
  std::vector<TableGroup> g = assign_tables({{0.7}, {0.65}, {0.05}});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].sources, (std::vector<std::size_t>{0, 1}));  // best first, 2 too weak
}

TEST(TableMatcher, NothingBelowTheFloorAndEmptyInput) {
  EXPECT_TRUE(assign_tables({{0.1, 0.2}}).empty());
  EXPECT_TRUE(assign_tables({}).empty());
  TableAssignmentOptions loose;
  loose.min_similarity = 0.05;
  // Each target takes its best source above the floor: the source is split over both.
  std::vector<TableGroup> g = assign_tables({{0.1, 0.2}}, loose);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].sources, (std::vector<std::size_t>{0}));
  EXPECT_DOUBLE_EQ(g[1].similarity, 0.2);
}

}  // namespace
}  // namespace godwit::mapping
