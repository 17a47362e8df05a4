// LLM settings from the environment, overrides, and the small parsing helpers.
#include "llm/llm_settings.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "llm/http_post.hpp"
#include "llm/provider.hpp"

namespace godwit::llm {
namespace {

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

TEST(LlmSettings, DefaultIsOfflineAndUsable) {
  LlmSettings s;
  EXPECT_EQ(s.provider, ProviderKind::kOffline);
  EXPECT_EQ(settings_problem(s), "");
}

TEST(LlmSettings, ReadsTheEnvironment) {
  ScopedEnv a("GODWIT_LLM_PROVIDER", "ollama");
  ScopedEnv b("GODWIT_LLM_MODEL", "llama3.1");
  ScopedEnv c("GODWIT_LLM_BASE_URL", "http://127.0.0.1:11434/v1");
  ScopedEnv d("GODWIT_LLM_TIMEOUT_MS", "1500");
  ScopedEnv e("GODWIT_LLM_MAX_ATTEMPTS", "5");
  ScopedEnv f("GODWIT_LLM_MONTHLY_TOKENS", "1000000");
  ScopedEnv g("GODWIT_LLM_MONTHLY_COST_USD", "12.5");
  ScopedEnv h("GODWIT_LLM_PRICE_INPUT", "0.15");
  ScopedEnv i("GODWIT_LLM_CACHE", "0");
  LlmSettings s = llm_settings_from_environment();
  EXPECT_EQ(s.provider, ProviderKind::kOpenAiCompatible);
  EXPECT_EQ(s.model, "llama3.1");
  EXPECT_EQ(s.base_url, "http://127.0.0.1:11434/v1");
  EXPECT_EQ(s.timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(s.max_attempts, 5);
  EXPECT_EQ(s.project_monthly_token_limit, 1'000'000);
  EXPECT_EQ(s.project_monthly_cost_limit_micro_usd, 12'500'000);
  EXPECT_DOUBLE_EQ(s.usd_per_million_input_tokens, 0.15);
  EXPECT_FALSE(s.cache);
  EXPECT_EQ(settings_problem(s), "") << "a compatible server needs no key";
}

TEST(LlmSettings, MalformedValuesNameTheVariable) {
  {
    ScopedEnv a("GODWIT_LLM_PROVIDER", "skynet");
    try {
      llm_settings_from_environment();
      FAIL();
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("GODWIT_LLM_PROVIDER must be offline, openai"),
                std::string::npos);
    }
  }
  ScopedEnv b("GODWIT_LLM_TIMEOUT_MS", "soon");
  EXPECT_THROW(llm_settings_from_environment(), Error);
}

TEST(LlmSettings, ProblemsSayWhatToSet) {
  LlmSettings s;
  s.provider = ProviderKind::kOpenAi;
  EXPECT_NE(settings_problem(s).find("GODWIT_LLM_API_KEY"), std::string::npos);
  s.api_key = "k";
  EXPECT_EQ(settings_problem(s), "");
  s.base_url = "ftp://x";
  EXPECT_NE(settings_problem(s).find("http://"), std::string::npos);
  LlmSettings compatible;
  compatible.provider = ProviderKind::kOpenAiCompatible;
  compatible.base_url = "http://127.0.0.1:8080/v1";
  EXPECT_NE(settings_problem(compatible).find("GODWIT_LLM_MODEL"), std::string::npos);
}

TEST(LlmSettings, OverridesReplaceOnlyWhatTheySet) {
  LlmSettings base;
  base.provider = ProviderKind::kOpenAi;
  base.model = "a";
  base.api_key = "secret";
  LlmOverrides o;
  o.model = "b";
  o.max_tokens = 99;
  LlmSettings s = apply_overrides(base, o);
  EXPECT_EQ(s.provider, ProviderKind::kOpenAi);
  EXPECT_EQ(s.model, "b");
  EXPECT_EQ(s.max_tokens, 99);
  EXPECT_EQ(s.api_key, "secret");
}

TEST(LlmSettings, ProviderNames) {
  EXPECT_EQ(parse_provider_kind("OpenAI"), ProviderKind::kOpenAi);
  EXPECT_EQ(parse_provider_kind("anthropic"), ProviderKind::kAnthropic);
  EXPECT_EQ(parse_provider_kind("vllm"), ProviderKind::kOpenAiCompatible);
  EXPECT_EQ(parse_provider_kind(" offline "), ProviderKind::kOffline);
  EXPECT_FALSE(parse_provider_kind("gpt"));
  for (auto kind : {ProviderKind::kOffline, ProviderKind::kOpenAi, ProviderKind::kAnthropic,
                    ProviderKind::kOpenAiCompatible}) {
    EXPECT_EQ(parse_provider_kind(to_string(kind)), kind);
  }
}

TEST(LlmHelpers, RetryAfterSecondsAndDates) {
  EXPECT_EQ(parse_retry_after("2"), std::chrono::milliseconds(2000));
  EXPECT_EQ(parse_retry_after("0"), std::chrono::milliseconds(0));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::chrono::milliseconds(0))
      << "a date in the past means now";
  EXPECT_GT(parse_retry_after("99999999999"), std::chrono::milliseconds(1'000'000));
  EXPECT_FALSE(parse_retry_after("soon"));
  EXPECT_FALSE(parse_retry_after(""));
}

TEST(LlmHelpers, AnswerTextExtraction) {
  EXPECT_EQ(parse_answer_text(R"({"a":1})"), nlohmann::json({{"a", 1}}));
  EXPECT_EQ(parse_answer_text("Here:\n```json\n{\"a\":2}\n```\n"), nlohmann::json({{"a", 2}}));
  EXPECT_EQ(parse_answer_text("Sure {\"a\":3} done"), nlohmann::json({{"a", 3}}));
  EXPECT_FALSE(parse_answer_text("{\"a\":"));
  EXPECT_FALSE(parse_answer_text("no json here"));
}

TEST(LlmHelpers, StatusFailuresAreClassified) {
  EXPECT_EQ(failure_from_status({429, "{}", std::nullopt}, "openai").kind,
            FailureKind::kRateLimited);
  EXPECT_EQ(failure_from_status({503, "", std::nullopt}, "openai").kind, FailureKind::kServerError);
  ProviderFailure bad =
      failure_from_status({400, R"({"error":{"message":"bad schema"}})", std::nullopt}, "openai");
  EXPECT_EQ(bad.kind, FailureKind::kHttpError);
  EXPECT_FALSE(bad.retryable());
  EXPECT_NE(bad.message.find("bad schema"), std::string::npos);
  EXPECT_TRUE(failure_from_status({500, "", std::nullopt}, "x").retryable());
}

}  // namespace
}  // namespace godwit::llm
