// OpenAI chat completions (see openai_provider.hpp).
#include "llm/openai_provider.hpp"

#include "llm/http_post.hpp"

namespace godwit::llm {
namespace {

ProviderFailure malformed(std::string message, TokenUsage usage = {}) {
  ProviderFailure f;
  f.kind = FailureKind::kMalformed;
  f.message = std::move(message);
  f.usage = usage;
  return f;
}

std::int64_t integer_field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  return std::max<std::int64_t>(0, it->get<std::int64_t>());
}

}  // namespace

nlohmann::json OpenAiProvider::request_body(const CompletionRequest& request) {
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back(
        {{"role", m.role == Role::kSystem ? "system" : "user"}, {"content", m.content}});
  }
  return {
      {"model", request.model},
      {"messages", messages},
      {"temperature", request.temperature},
      {"max_tokens", request.max_tokens},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema",
         {{"name", request.schema_name}, {"strict", true}, {"schema", request.answer_schema}}}}}};
}

CompletionOutcome OpenAiProvider::complete(const CompletionRequest& request) {
  CompletionOutcome outcome;
  std::string provider(to_string(settings_.provider));
  std::vector<std::pair<std::string, std::string>> headers;
  if (!settings_.api_key.empty())
    headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
  std::string base =
      settings_.base_url.empty() ? default_base_url(settings_.provider) : settings_.base_url;
  HttpPostResult posted =
      post_json(base, "/chat/completions", headers, request_body(request).dump(), request.timeout,
                settings_.ca_file);
  if (!posted.reply) {
    outcome.failure = posted.failure;
    return outcome;
  }
  const HttpReply& reply = *posted.reply;
  if (reply.status < 200 || reply.status > 299) {
    outcome.failure = failure_from_status(reply, provider);
    return outcome;
  }
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (!body.is_object()) {
    outcome.failure = malformed(provider + " answered with a body that is not a JSON object");
    return outcome;
  }
  TokenUsage usage;
  if (body.contains("usage")) {
    usage.input_tokens = integer_field(body["usage"], "prompt_tokens");
    usage.output_tokens = integer_field(body["usage"], "completion_tokens");
  }
  if (!body.contains("choices") || !body["choices"].is_array() || body["choices"].empty() ||
      !body["choices"][0].is_object()) {
    outcome.failure = malformed(provider + " answered without choices", usage);
    return outcome;
  }
  const nlohmann::json& choice = body["choices"][0];
  std::string finish = json_string(choice, "finish_reason");
  const nlohmann::json message = choice.value("message", nlohmann::json::object());
  if (message.is_object() && message.contains("refusal") && message["refusal"].is_string()) {
    outcome.failure = make_failure(FailureKind::kRefused, provider + " refused the request", usage);
    return outcome;
  }
  if (finish == "length") {
    outcome.failure =
        make_failure(FailureKind::kTruncated,
                     provider + " stopped at max_tokens (" + std::to_string(request.max_tokens) +
                         "): the answer is incomplete",
                     usage);
    return outcome;
  }
  if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) {
    outcome.failure = malformed(provider + " answered without message content", usage);
    return outcome;
  }
  std::string text = message["content"].get<std::string>();
  auto answer = parse_answer_text(text);
  if (!answer) {
    outcome.failure = malformed(provider + " answered with text that is not JSON", usage);
    return outcome;
  }
  CompletionResponse response;
  response.answer = std::move(*answer);
  response.raw_text = std::move(text);
  response.usage = usage;
  response.provider = provider;
  response.model = json_string(body, "model");
  if (response.model.empty()) response.model = request.model;
  outcome.response = std::move(response);
  return outcome;
}

}  // namespace godwit::llm
