// Beam pipelines for table mappings with several sources: joined by CoGroupByKey on the
// join condition's key equalities, or through a side input when that advice is applied;
// formulas read each source's column from the joined row.
#include <gtest/gtest.h>

#include <algorithm>

#include "codegen/optimizer.hpp"
#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

std::string pipeline(const GenerationResult& r) {
  for (const GeneratedFile& f : r.files)
    if (f.path == "pipeline.py") return f.content;
  ADD_FAILURE() << "no pipeline.py";
  return {};
}

GenerationResult run(const mapping::MappingDocument& doc, const Options& options = {},
                     const schema::Catalog& source = testing::source_catalog()) {
  return generate(Platform::kBeam, source, testing::target_catalog(), doc, options);
}

TEST(BeamJoin, TwoSourcesJoinByCoGroupByKeyOnTheJoinKeys) {
  GenerationResult r = run(testing::document());
  const std::string py = pipeline(r);
  EXPECT_NE(py.find("        source_1 = read_source(pipeline, args, 'customers')\n"
                    "        source_2 = read_source(pipeline, args, 'orders')\n"),
            std::string::npos);
  EXPECT_NE(py.find("        joined = source_2 | 'Prefix analytics.sale s1' >> "
                    "beam.Map(_prefixed, 's1')\n"
                    "        joined = ({'left': joined | 'Key left analytics.sale s2' >> "
                    "beam.Map(lambda r: ((r['s1__customer_id'],), r)),\n"
                    "                  'right': source_1 | 'Key right analytics.sale s2' >> "
                    "beam.Map(lambda r: ((r['id'],), r))}\n"
                    "                  | 'Join analytics.sale s2' >> beam.CoGroupByKey()\n"
                    "                  | 'Merge analytics.sale s2' >> beam.FlatMap(_inner_join, "
                    "'s2'))\n"
                    "        results = joined | 'Map analytics.sale' >> "
                    "beam.ParDo(TransformAnalyticsSale()).with_outputs('dead_letter', "
                    "main='rows')\n"),
            std::string::npos);
  // The formula UPPER(crm.customers.last_name) reads the second source's column.
  EXPECT_NE(py.find("row['s2__last_name']"), std::string::npos);
  EXPECT_NE(py.find("out['sale_id'] = _cast(row['s1__id'], 'INT64')"), std::string::npos);
  EXPECT_NE(py.find("def _inner_join(element, alias):"), std::string::npos);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(BeamJoin, SideInputAdviceForALookupOnThePrimaryKey) {
  const mapping::MappingDocument doc = testing::document();
  std::vector<Advice> advice =
      advise(Platform::kBeam, testing::source_catalog(), testing::target_catalog(), doc);
  auto side = std::find_if(advice.begin(), advice.end(),
                           [](const Advice& a) { return a.rule == "BEAM-SIDE-INPUT"; });
  ASSERT_NE(side, advice.end());
  EXPECT_EQ(side->id, "side-input:analytics.sale:s2");
  EXPECT_TRUE(side->auto_applicable);
  Options options;
  options.applied_advice = {side->id};
  const std::string py = pipeline(run(doc, options));
  EXPECT_NE(py.find("        lookup = beam.pvalue.AsMultiMap(source_1 | 'Key analytics.sale s2' "
                    ">> beam.Map(lambda r: ((r['id'],), r)))\n"
                    "        joined = joined | 'Lookup analytics.sale s2' >> beam.FlatMap(\n"
                    "            _lookup_join, 's2', lambda r: (r['s1__customer_id'],), lookup)\n"),
            std::string::npos);
  EXPECT_EQ(py.find("beam.CoGroupByKey()"), std::string::npos);
  std::vector<Advice> again =
      advise(Platform::kBeam, testing::source_catalog(), testing::target_catalog(), doc, options);
  EXPECT_TRUE(std::none_of(again.begin(), again.end(),
                           [](const Advice& a) { return a.rule == "BEAM-SIDE-INPUT"; }));
  // A lookup table known to be large stays a shuffle join: no advice.
  schema::Catalog big = testing::source_catalog();
  big.tables[0].row_count = 50'000'000;  // crm.customers
  std::vector<Advice> large = advise(Platform::kBeam, big, testing::target_catalog(), doc);
  EXPECT_TRUE(std::none_of(large.begin(), large.end(),
                           [](const Advice& a) { return a.rule == "BEAM-SIDE-INPUT"; }));
}

TEST(BeamJoin, ThreeSourcesChainAndCompositeKeys) {
  schema::Catalog source = testing::catalog_of(R"(
CREATE TABLE crm.customers (id INTEGER, region VARCHAR(2), last_name VARCHAR(40),
  PRIMARY KEY (id, region));
CREATE TABLE crm.orders (id INTEGER PRIMARY KEY, customer_id INTEGER, region VARCHAR(2),
  amount NUMERIC(12, 2));
CREATE TABLE crm.regions (code VARCHAR(2) PRIMARY KEY, name VARCHAR(40));
)",
                                               "postgres");
  mapping::MappingDocument doc = testing::document();
  doc.tables[1].source_tables = {"crm.orders", "crm.customers", "crm.regions"};
  doc.tables[1].join =
      "crm.orders.customer_id = crm.customers.id AND crm.customers.region = crm.orders.region "
      "AND crm.regions.code = crm.customers.region";
  const std::string py = pipeline(run(doc, {}, source));
  EXPECT_NE(py.find("beam.Map(lambda r: ((r['s1__customer_id'], r['s1__region'],), r))"),
            std::string::npos);
  EXPECT_NE(py.find("'Key left analytics.sale s3' >> beam.Map(lambda r: ((r['s2__region'],), r))"),
            std::string::npos);
  EXPECT_NE(py.find("'right': source_3 | 'Key right analytics.sale s3' >> beam.Map(lambda r: "
                    "((r['code'],), r))"),
            std::string::npos);
}

TEST(BeamJoin, JoinsThatAreNotKeyEqualitiesAreReported) {
  mapping::MappingDocument doc = testing::document();
  doc.tables[1].join = "crm.orders.customer_id = crm.customers.id OR crm.orders.amount > 10";
  GenerationResult r = run(doc);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "W-CODEGEN-BEAM-JOIN");
  EXPECT_NE(r.diagnostics[0].message.find("not a conjunction of equalities"), std::string::npos);
  EXPECT_EQ(pipeline(r).find("analytics.sale"), std::string::npos);
  doc.tables[1].join.clear();
  r = run(doc);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("no join condition"), std::string::npos);
}

}  // namespace
}  // namespace godwit::codegen

namespace godwit::codegen {
namespace {

TEST(BeamFilter, TheTableMappingsFilterSkipsRowsInTheDoFn) {
  mapping::MappingDocument doc = testing::document();
  doc.tables[0].filter = "crm.customers.gender = 'M'";
  doc.tables[1].filter = "crm.orders.amount > 10";
  const std::string py = pipeline(run(doc));
  EXPECT_NE(py.find("    def process(self, row):\n        try:\n            if not ("),
            std::string::npos);
  EXPECT_NE(py.find("row['gender']"), std::string::npos);
  EXPECT_NE(py.find("row['s1__amount']"), std::string::npos);
  EXPECT_EQ(pipeline(run(testing::document())).find("if not ("), std::string::npos);
}

}  // namespace
}  // namespace godwit::codegen
