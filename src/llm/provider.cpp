// Provider helpers shared by every protocol (see provider.hpp).
#include "llm/provider.hpp"

#include "llm/anthropic_provider.hpp"
#include "llm/offline_provider.hpp"
#include "llm/openai_provider.hpp"

namespace godwit::llm {

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::kOffline: return "offline";
    case FailureKind::kTimeout: return "timeout";
    case FailureKind::kNetwork: return "network";
    case FailureKind::kRateLimited: return "rate_limited";
    case FailureKind::kServerError: return "server_error";
    case FailureKind::kHttpError: return "http_error";
    case FailureKind::kMalformed: return "malformed";
    case FailureKind::kTruncated: return "truncated";
    case FailureKind::kRefused: return "refused";
  }
  return "offline";
}

bool ProviderFailure::retryable() const {
  return kind == FailureKind::kTimeout || kind == FailureKind::kNetwork ||
         kind == FailureKind::kRateLimited || kind == FailureKind::kServerError;
}

ProviderFailure make_failure(FailureKind kind, std::string message, TokenUsage usage) {
  ProviderFailure f;
  f.kind = kind;
  f.message = std::move(message);
  f.usage = usage;
  return f;
}

std::unique_ptr<Provider> make_provider(const LlmSettings& settings) {
  switch (settings.provider) {
    case ProviderKind::kOpenAi:
    case ProviderKind::kOpenAiCompatible: return std::make_unique<OpenAiProvider>(settings);
    case ProviderKind::kAnthropic: return std::make_unique<AnthropicProvider>(settings);
    case ProviderKind::kOffline: break;
  }
  return std::make_unique<OfflineProvider>();
}

std::string json_string(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::optional<nlohmann::json> parse_answer_text(std::string_view text) {
  auto whole = nlohmann::json::parse(text, nullptr, false);
  if (!whole.is_discarded()) return whole;
  std::size_t fence = text.find("```json");
  if (fence != std::string_view::npos) {
    std::size_t start = text.find('\n', fence);
    std::size_t end = start == std::string_view::npos ? start : text.find("```", start);
    if (end != std::string_view::npos) {
      auto fenced = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
      if (!fenced.is_discarded()) return fenced;
    }
  }
  std::size_t open = text.find('{');
  std::size_t close = text.rfind('}');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    auto inner = nlohmann::json::parse(text.substr(open, close - open + 1), nullptr, false);
    if (!inner.is_discarded()) return inner;
  }
  return std::nullopt;
}

}  // namespace godwit::llm
