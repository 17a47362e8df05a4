// Anthropic messages (see anthropic_provider.hpp).
#include "llm/anthropic_provider.hpp"

#include "llm/http_post.hpp"

namespace godwit::llm {
namespace {

std::int64_t integer_field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  return std::max<std::int64_t>(0, it->get<std::int64_t>());
}

}  // namespace

nlohmann::json AnthropicProvider::request_body(const CompletionRequest& request) {
  std::string system;
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : request.messages) {
    if (m.role == Role::kSystem) {
      if (!system.empty()) system += "\n\n";
      system += m.content;
    } else {
      messages.push_back({{"role", "user"}, {"content", m.content}});
    }
  }
  nlohmann::json body = {
      {"model", request.model},
      {"max_tokens", request.max_tokens},
      {"temperature", request.temperature},
      {"messages", messages},
      {"tools",
       nlohmann::json::array({{{"name", request.schema_name},
                               {"description", "Record the answer. Call this exactly once."},
                               {"input_schema", request.answer_schema}}})},
      {"tool_choice", {{"type", "tool"}, {"name", request.schema_name}}}};
  if (!system.empty()) body["system"] = system;
  return body;
}

CompletionOutcome AnthropicProvider::complete(const CompletionRequest& request) {
  CompletionOutcome outcome;
  std::vector<std::pair<std::string, std::string>> headers = {{"x-api-key", settings_.api_key},
                                                              {"anthropic-version", kApiVersion}};
  std::string base =
      settings_.base_url.empty() ? default_base_url(ProviderKind::kAnthropic) : settings_.base_url;
  HttpPostResult posted = post_json(base, "/messages", headers, request_body(request).dump(),
                                    request.timeout, settings_.ca_file);
  if (!posted.reply) {
    outcome.failure = posted.failure;
    return outcome;
  }
  const HttpReply& reply = *posted.reply;
  if (reply.status < 200 || reply.status > 299) {
    outcome.failure = failure_from_status(reply, "anthropic");
    return outcome;
  }
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (!body.is_object()) {
    outcome.failure = make_failure(FailureKind::kMalformed,
                                   "anthropic answered with a body that is not a JSON object");
    return outcome;
  }
  TokenUsage usage;
  if (body.contains("usage")) {
    usage.input_tokens = integer_field(body["usage"], "input_tokens");
    usage.output_tokens = integer_field(body["usage"], "output_tokens");
  }
  std::string stop = json_string(body, "stop_reason");
  if (stop == "max_tokens") {
    outcome.failure =
        make_failure(FailureKind::kTruncated,
                     "anthropic stopped at max_tokens (" + std::to_string(request.max_tokens) +
                         "): the answer is incomplete",
                     usage);
    return outcome;
  }
  const nlohmann::json* input = nullptr;
  if (body.contains("content") && body["content"].is_array()) {
    for (const auto& block : body["content"]) {
      if (block.is_object() && json_string(block, "type") == "tool_use" &&
          json_string(block, "name") == request.schema_name && block.contains("input")) {
        input = &block["input"];
        break;
      }
    }
  }
  if (!input) {
    outcome.failure =
        make_failure(FailureKind::kRefused, "anthropic did not call the answer tool", usage);
    return outcome;
  }
  CompletionResponse response;
  response.answer = *input;
  response.raw_text = input->dump();
  response.usage = usage;
  response.provider = "anthropic";
  response.model = json_string(body, "model");
  if (response.model.empty()) response.model = request.model;
  outcome.response = std::move(response);
  return outcome;
}

}  // namespace godwit::llm
