// The LLM usage ledger and answer cache kept in the metadata store, and the client
// enforcing a monthly limit across two clients sharing one database (two processes).
// Compiled twice: GODWIT_LLM_STORE_BACKEND picks SQLite or the fixture's PostgreSQL.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "fake_llm_server.hpp"
#include "llm/llm_client.hpp"
#include "llm/store_backed.hpp"
#include "store/repositories/llm_cache_repository.hpp"
#include "store/repositories/llm_usage_repository.hpp"
#include "unit/store/store_test_support.hpp"

namespace godwit::llm {
namespace {

using store::testing::MigratedStoreTest;

class LlmStoreTest : public MigratedStoreTest {};

TEST_P(LlmStoreTest, UsageSumsPerProjectAndUserAndMonth) {
  store::LlmUsageRepository usage(db());
  std::string project = new_uuid(), user = new_uuid();
  auto entry = [&](std::optional<std::string> p, std::optional<std::string> u, std::string month,
                   std::int64_t in, std::int64_t out) {
    store::LlmUsageEntry e;
    e.project_id = std::move(p);
    e.user_id = std::move(u);
    e.month = std::move(month);
    e.provider = "openai";
    e.model = "m";
    e.prompt = "infer_relationships@1";
    e.input_tokens = in;
    e.output_tokens = out;
    e.cost_micro_usd = in + out;
    e.outcome = "ok";
    usage.append(e);
  };
  entry(project, user, "2026-11", 100, 10);
  entry(project, std::nullopt, "2026-11", 5'000'000'000LL, 1);
  entry(project, user, "2026-10", 7, 7);
  entry(std::nullopt, user, "2026-11", 1, 1);
  store::LlmUsageSum p = usage.project_month(project, "2026-11");
  EXPECT_EQ(p.input_tokens, 5'000'000'100LL) << "64-bit sums";
  EXPECT_EQ(p.output_tokens, 11);
  EXPECT_EQ(p.calls, 2);
  EXPECT_EQ(p.cost_micro_usd, 5'000'000'111LL);
  EXPECT_EQ(usage.user_month(user, "2026-11").calls, 2);
  EXPECT_EQ(usage.user_month(user, "2026-10").input_tokens, 7);
  EXPECT_EQ(usage.project_month(new_uuid(), "2026-11").calls, 0);
  EXPECT_EQ(usage.project_month("not-a-uuid", "2026-11").calls, 0);
  auto listed = usage.project_entries(project, "2026-11", 10);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].input_tokens, 5'000'000'000LL);
  EXPECT_FALSE(listed[0].user_id);

  store::LlmUsageEntry bad;
  bad.project_id = "project-1";
  bad.month = "2026-11";
  EXPECT_THROW(usage.append(bad), Error);
  bad.project_id = std::nullopt;
  bad.month = "November";
  EXPECT_THROW(usage.append(bad), Error);
}

TEST_P(LlmStoreTest, CacheStoresReplacesAndCountsHits) {
  store::LlmCacheRepository cache(db());
  std::string key(64, 'a');
  EXPECT_FALSE(cache.find(key));
  store::LlmCacheEntry e{key, "p@1", "anthropic", "m", R"({"tables":[]})", 10, 2, 0, "", ""};
  cache.put(e);
  auto found = cache.find(key);
  ASSERT_TRUE(found);
  EXPECT_EQ(nlohmann::json::parse(found->answer_json), nlohmann::json::parse(R"({"tables":[]})"));
  EXPECT_EQ(found->provider, "anthropic");
  EXPECT_EQ(found->input_tokens, 10);
  EXPECT_EQ(found->hits, 1);
  e.model = "m2";
  cache.put(e);
  EXPECT_EQ(cache.find(key)->model, "m2");
  EXPECT_EQ(cache.find(key)->hits, 3);
  e.key = "short";
  EXPECT_THROW(cache.put(e), Error);
  e.key = std::string(64, 'b');
  e.answer_json = "{not json";
  EXPECT_THROW(cache.put(e), Error);
  EXPECT_EQ(cache.prune_unused_since("2999-01-01T00:00:00.000000Z"), 1);
  EXPECT_FALSE(cache.find(key));
}

TEST_P(LlmStoreTest, ClientsSharingTheStoreShareCacheAndMonthlyLimit) {
  testing::FakeLlmServer server;
  server.set_answer({{"tables",
                      {{{"table", "orders"},
                        {"domain", "sales"},
                        {"confidence", 0.8},
                        {"reason", "order lines and totals"}}}}});
  auto second_process = open_again();
  LlmSettings s;
  s.provider = ProviderKind::kOpenAiCompatible;
  s.base_url = server.base_url();
  s.model = "m";
  s.timeout = std::chrono::milliseconds(500);
  s.project_monthly_token_limit = 200;  // one call costs 150
  StoreUsageLedger ledger_a(db()), ledger_b(*second_process);
  StoreResponseCache cache_a(db()), cache_b(*second_process);
  LlmClient a(s, &cache_a, &ledger_a), b(s, &cache_b, &ledger_b);
  AskRequest r;
  r.prompt_name = "classify_table_domains";
  r.data = {{"schema", "CREATE TABLE orders (id INT);", false}};
  r.project_id = new_uuid();
  r.user_id = new_uuid();
  r.catalog = [](std::string_view table, std::string_view) { return table == "orders"; };

  AskResult first = a.ask(r);
  ASSERT_EQ(first.source, AnswerSource::kLlm);
  AskResult cached = b.ask(r);
  EXPECT_EQ(cached.source, AnswerSource::kCache) << "the cache is shared through the store";
  EXPECT_EQ(cached.answer, first.answer);

  r.data = {{"schema", "CREATE TABLE orders (id INT, total INT);", false}};
  EXPECT_EQ(b.ask(r).source, AnswerSource::kLlm);  // 300 tokens now
  r.data = {{"schema", "CREATE TABLE orders (id INT, note TEXT);", false}};
  AskResult stopped = a.ask(r);
  EXPECT_EQ(stopped.source, AnswerSource::kOffline);
  ASSERT_FALSE(stopped.diagnostics.empty());
  EXPECT_EQ(stopped.diagnostics.back().code, "W-LLM-BUDGET");
  EXPECT_EQ(server.request_count(), 2u);
}

TEST_P(LlmStoreTest, NonUuidContextIsReportedNotThrown) {
  testing::FakeLlmServer server;
  server.set_answer({{"tables", nlohmann::json::array()}});
  LlmSettings s;
  s.provider = ProviderKind::kOpenAiCompatible;
  s.base_url = server.base_url();
  s.model = "m";
  StoreUsageLedger ledger(db());
  LlmClient client(s, nullptr, &ledger);
  AskRequest r;
  r.prompt_name = "classify_table_domains";
  r.project_id = "project-1";
  AskResult result = client.ask(r);
  EXPECT_EQ(result.source, AnswerSource::kLlm);
  bool warned = false;
  for (const auto& d : result.diagnostics) warned = warned || d.code == "W-LLM-ACCOUNTING";
  EXPECT_TRUE(warned);
}

INSTANTIATE_TEST_SUITE_P(Store, LlmStoreTest, ::testing::Values(GODWIT_LLM_STORE_BACKEND),
                         store::testing::backend_name);

}  // namespace
}  // namespace godwit::llm
