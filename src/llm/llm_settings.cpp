// LLM settings from the environment (see llm_settings.hpp).
#include "llm/llm_settings.hpp"

#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "core/text.hpp"

namespace godwit::llm {
namespace {

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return (value && *value) ? value : nullptr;
}

std::int64_t parse_int(const char* variable, const std::string& text, std::int64_t min,
                       std::int64_t max) {
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size() && value >= min && value <= max) return value;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kInvalidInput, std::string(variable) + " must be a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max) +
                                            ", got '" + text + "'");
}

double parse_double(const char* variable, const std::string& text, double min, double max) {
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && value >= min && value <= max) return value;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kInvalidInput, std::string(variable) + " must be a number from " +
                                            std::to_string(min) + " to " + std::to_string(max) +
                                            ", got '" + text + "'");
}

}  // namespace

std::string_view to_string(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::kOffline: return "offline";
    case ProviderKind::kOpenAi: return "openai";
    case ProviderKind::kAnthropic: return "anthropic";
    case ProviderKind::kOpenAiCompatible: return "openai-compatible";
  }
  return "offline";
}

std::optional<ProviderKind> parse_provider_kind(std::string_view text) {
  std::string name = to_lower(trim(text));
  if (name == "offline" || name == "none") return ProviderKind::kOffline;
  if (name == "openai") return ProviderKind::kOpenAi;
  if (name == "anthropic") return ProviderKind::kAnthropic;
  if (name == "openai-compatible" || name == "compatible" || name == "ollama" || name == "vllm" ||
      name == "llamacpp" || name == "llama.cpp") {
    return ProviderKind::kOpenAiCompatible;
  }
  return std::nullopt;
}

LlmSettings apply_overrides(LlmSettings base, const LlmOverrides& o) {
  if (o.provider) base.provider = *o.provider;
  if (o.model) base.model = *o.model;
  if (o.base_url) base.base_url = *o.base_url;
  if (o.temperature) base.temperature = *o.temperature;
  if (o.max_tokens) base.max_tokens = *o.max_tokens;
  if (o.timeout) base.timeout = *o.timeout;
  if (o.max_attempts) base.max_attempts = *o.max_attempts;
  if (o.project_monthly_token_limit)
    base.project_monthly_token_limit = *o.project_monthly_token_limit;
  if (o.user_monthly_token_limit) base.user_monthly_token_limit = *o.user_monthly_token_limit;
  return base;
}

std::string default_model(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::kOpenAi: return "gpt-4o-mini";
    case ProviderKind::kAnthropic: return "claude-3-5-haiku-latest";
    case ProviderKind::kOffline:
    case ProviderKind::kOpenAiCompatible: return "";
  }
  return "";
}

std::string default_base_url(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::kOpenAi: return "https://api.openai.com/v1";
    case ProviderKind::kAnthropic: return "https://api.anthropic.com/v1";
    case ProviderKind::kOffline:
    case ProviderKind::kOpenAiCompatible: return "";
  }
  return "";
}

LlmSettings llm_settings_from_environment(LlmSettings c) {
  if (const char* v = env("GODWIT_LLM_PROVIDER")) {
    auto kind = parse_provider_kind(v);
    if (!kind) {
      throw Error(ErrorKind::kInvalidInput,
                  "GODWIT_LLM_PROVIDER must be offline, openai, anthropic or openai-compatible, "
                  "got '" +
                      std::string(v) + "'");
    }
    c.provider = *kind;
  }
  if (const char* v = env("GODWIT_LLM_MODEL")) c.model = v;
  if (const char* v = env("GODWIT_LLM_BASE_URL")) c.base_url = v;
  if (const char* v = env("GODWIT_LLM_API_KEY")) c.api_key = v;
  if (const char* v = env("GODWIT_LLM_CA_FILE")) c.ca_file = v;
  if (const char* v = env("GODWIT_LLM_TEMPERATURE")) {
    c.temperature = parse_double("GODWIT_LLM_TEMPERATURE", v, 0.0, 2.0);
  }
  if (const char* v = env("GODWIT_LLM_MAX_TOKENS")) {
    c.max_tokens = static_cast<int>(parse_int("GODWIT_LLM_MAX_TOKENS", v, 16, 200'000));
  }
  if (const char* v = env("GODWIT_LLM_TIMEOUT_MS")) {
    c.timeout = std::chrono::milliseconds(parse_int("GODWIT_LLM_TIMEOUT_MS", v, 50, 600'000));
  }
  if (const char* v = env("GODWIT_LLM_MAX_ATTEMPTS")) {
    c.max_attempts = static_cast<int>(parse_int("GODWIT_LLM_MAX_ATTEMPTS", v, 1, 10));
  }
  if (const char* v = env("GODWIT_LLM_BACKOFF_MS")) {
    c.backoff_base = std::chrono::milliseconds(parse_int("GODWIT_LLM_BACKOFF_MS", v, 0, 60'000));
  }
  if (const char* v = env("GODWIT_LLM_CACHE")) c.cache = std::string(v) != "0";
  if (const char* v = env("GODWIT_LLM_MONTHLY_TOKENS")) {
    c.project_monthly_token_limit =
        parse_int("GODWIT_LLM_MONTHLY_TOKENS", v, 0, 1'000'000'000'000LL);
  }
  if (const char* v = env("GODWIT_LLM_USER_MONTHLY_TOKENS")) {
    c.user_monthly_token_limit =
        parse_int("GODWIT_LLM_USER_MONTHLY_TOKENS", v, 0, 1'000'000'000'000LL);
  }
  if (const char* v = env("GODWIT_LLM_MONTHLY_COST_USD")) {
    c.project_monthly_cost_limit_micro_usd = static_cast<std::int64_t>(
        parse_double("GODWIT_LLM_MONTHLY_COST_USD", v, 0.0, 1'000'000.0) * 1'000'000.0);
  }
  if (const char* v = env("GODWIT_LLM_PRICE_INPUT")) {
    c.usd_per_million_input_tokens = parse_double("GODWIT_LLM_PRICE_INPUT", v, 0.0, 10'000.0);
  }
  if (const char* v = env("GODWIT_LLM_PRICE_OUTPUT")) {
    c.usd_per_million_output_tokens = parse_double("GODWIT_LLM_PRICE_OUTPUT", v, 0.0, 10'000.0);
  }
  return c;
}

std::string settings_problem(const LlmSettings& s) {
  if (s.provider == ProviderKind::kOffline) return "";
  std::string url = s.base_url.empty() ? default_base_url(s.provider) : s.base_url;
  if (url.empty()) {
    return "GODWIT_LLM_BASE_URL is not set: an OpenAI-compatible server needs its base URL "
           "(e.g. http://127.0.0.1:11434/v1 for Ollama)";
  }
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return "GODWIT_LLM_BASE_URL must start with http:// or https://, got '" + url + "'";
  }
  std::string model = s.model.empty() ? default_model(s.provider) : s.model;
  if (model.empty()) return "GODWIT_LLM_MODEL is not set: name the model the server should run";
  if (s.api_key.empty() && s.provider != ProviderKind::kOpenAiCompatible) {
    return "GODWIT_LLM_API_KEY is not set: " + std::string(to_string(s.provider)) +
           " needs an API key";
  }
  return "";
}

}  // namespace godwit::llm
