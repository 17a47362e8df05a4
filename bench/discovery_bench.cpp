// bench/discovery: relationship inference on a synthetic catalog of N tables (default
// 5,000) with 20 columns each (100,000 columns): an integer primary key `id`, four
// references `<other table>_id` to random other tables, and fifteen attribute columns
// (some ending in _no/_code that name no table). Table names are made of syllables, so
// stems are distinct and abbreviations are realistic. Prints the catalog size, the
// number of relationships found, and the best CPU time of --rounds runs (default 5).
// A program, not a test (ARCHITECTURE.md).
//
// Usage: discovery_bench [--tables N] [--rounds N]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "discovery/relationships.hpp"

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

std::string table_name(std::size_t i) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi",
                                     "be", "do", "fa", "gu", "ha", "ji", "pe", "zo"};
  std::string s;
  std::size_t n = i + 16 * 16;  // at least three syllables
  while (n) {
    s += kSyllables[n % 16];
    n /= 16;
  }
  return s + "s";
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t tables = 5000;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--tables") == 0) tables = std::strtoul(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  using namespace godwit;
  std::mt19937 rng(42);
  schema::Catalog catalog;
  for (std::size_t i = 0; i < tables; ++i) {
    schema::Table t;
    t.name.schema = "app";
    t.name.name = table_name(i);
    t.key = t.name.name;
    auto add = [&](std::string name, sql::LogicalType type) {
      schema::Column c;
      c.name = name;
      c.key = std::move(name);
      c.type = std::move(type);
      t.columns.push_back(std::move(c));
    };
    add("id", sql::LogicalType::integer(64));
    for (int k = 0; k < 4; ++k) {
      // Named for the table's singular ("kalos" -> "kalo_id", "kavirus" -> "kavirus_id").
      add(discovery::normalize_table_name(table_name(rng() % tables)) + "_id",
          sql::LogicalType::integer(64));
    }
    for (int k = 0; k < 15; ++k)
      add((k % 5 == 0 ? "ref" + std::to_string(k) + "_no" : "attr_" + std::to_string(k)),
          sql::LogicalType::string(100));
    schema::Key pk;
    pk.columns = {"id"};
    t.primary_key = pk;
    catalog.add_table(std::move(t));
  }
  double best = 1e9;
  std::size_t found = 0;
  for (int r = 0; r < rounds; ++r) {
    const double start = cpu_seconds();
    std::vector<discovery::Relationship> rs = discovery::infer_relationships(catalog);
    best = std::min(best, cpu_seconds() - start);
    found = rs.size();
  }
  std::printf("tables %zu columns %zu relationships %zu best of %d: %.3f s\n",
              catalog.table_count(), catalog.column_count(), found, rounds, best);
  return found >= tables * 3 ? 0 : 1;  // a table may pick one target twice
}
