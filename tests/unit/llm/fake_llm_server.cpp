// The fake provider server (see fake_llm_server.hpp).
#include "fake_llm_server.hpp"

#include <chrono>

namespace godwit::llm::testing {

FakeLlmServer::FakeLlmServer() {
  server_.new_task_queue = [] { return new httplib::ThreadPool(4); };
  server_.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, false);
  });
  server_.Post("/v1/messages", [this](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, true);
  });
  server_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("{}", "application/json");
      });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeLlmServer::~FakeLlmServer() {
  stop();
}

void FakeLlmServer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  released_.notify_all();
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeLlmServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

void FakeLlmServer::set_answer(nlohmann::json answer) {
  std::lock_guard lock(mutex_);
  answer_ = std::move(answer);
}

void FakeLlmServer::set_answer_for(const std::string& schema_name, nlohmann::json answer) {
  std::lock_guard lock(mutex_);
  answers_by_schema_[schema_name] = std::move(answer);
}

void FakeLlmServer::script(std::vector<Behaviour> behaviours) {
  std::lock_guard lock(mutex_);
  script_.assign(behaviours.begin(), behaviours.end());
}

void FakeLlmServer::set_usage(int input_tokens, int output_tokens) {
  std::lock_guard lock(mutex_);
  input_tokens_ = input_tokens;
  output_tokens_ = output_tokens;
}

std::vector<RecordedRequest> FakeLlmServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeLlmServer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

Behaviour FakeLlmServer::next_behaviour() {
  if (script_.empty()) return Behaviour::kGood;
  Behaviour b = script_.front();
  script_.pop_front();
  return b;
}

void FakeLlmServer::handle(const httplib::Request& req, httplib::Response& res, bool anthropic) {
  std::unique_lock lock(mutex_);
  RecordedRequest recorded;
  recorded.path = req.path;
  recorded.body = nlohmann::json::parse(req.body, nullptr, false);
  recorded.authorization = req.get_header_value("Authorization");
  recorded.api_key = req.get_header_value("x-api-key");
  recorded.anthropic_version = req.get_header_value("anthropic-version");
  requests_.push_back(recorded);
  Behaviour behaviour = next_behaviour();
  nlohmann::json answer = answer_;
  nlohmann::json usage_openai = {{"prompt_tokens", input_tokens_},
                                 {"completion_tokens", output_tokens_}};
  nlohmann::json usage_anthropic = {{"input_tokens", input_tokens_},
                                    {"output_tokens", output_tokens_}};
  std::string model = recorded.body.is_object() ? recorded.body.value("model", "") : "";
  std::string tool = "answer";
  if (anthropic && recorded.body.is_object() && recorded.body.contains("tool_choice")) {
    tool = recorded.body["tool_choice"].value("name", "answer");
  }
  std::string schema_name = anthropic ? tool : "";
  if (!anthropic && recorded.body.is_object() && recorded.body.contains("response_format") &&
      recorded.body["response_format"].is_object() &&
      recorded.body["response_format"].contains("json_schema") &&
      recorded.body["response_format"]["json_schema"].is_object()) {
    schema_name = recorded.body["response_format"]["json_schema"].value("name", "");
  }
  if (auto it = answers_by_schema_.find(schema_name); it != answers_by_schema_.end()) {
    answer = it->second;
  }

  switch (behaviour) {
    case Behaviour::kSlow:
      released_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_; });
      res.status = 503;
      return;
    case Behaviour::kMalformedBody:
      res.set_content("<html>upstream hiccup</html>", "text/html");
      return;
    case Behaviour::kRateLimited:
    case Behaviour::kRateLimitedLong:
      res.status = 429;
      res.set_header("Retry-After", behaviour == Behaviour::kRateLimited ? "1" : "3600");
      res.set_content(R"({"error":{"message":"rate limit reached"}})", "application/json");
      return;
    case Behaviour::kServerError:
      res.status = 500;
      res.set_content(R"({"error":{"message":"internal error"}})", "application/json");
      return;
    case Behaviour::kUnauthorized:
      res.status = 401;
      res.set_content(R"({"error":{"message":"invalid api key"}})", "application/json");
      return;
    case Behaviour::kGood:
    case Behaviour::kNotJsonAnswer:
    case Behaviour::kTruncated: break;
  }
  bool truncated = behaviour == Behaviour::kTruncated;
  bool not_json = behaviour == Behaviour::kNotJsonAnswer;
  nlohmann::json body;
  if (anthropic) {
    nlohmann::json content = nlohmann::json::array();
    if (not_json) {
      content.push_back(
          {{"type", "text"}, {"text", "Sure! Here are the relationships: orders -> customers"}});
    } else {
      content.push_back(
          {{"type", "tool_use"}, {"id", "toolu_1"}, {"name", tool}, {"input", answer}});
    }
    body = {{"id", "msg_1"},
            {"type", "message"},
            {"role", "assistant"},
            {"model", model},
            {"content", content},
            {"stop_reason", truncated ? "max_tokens" : (not_json ? "end_turn" : "tool_use")},
            {"usage", usage_anthropic}};
  } else {
    std::string text = answer.dump();
    if (truncated) text = text.substr(0, text.size() / 2);
    if (not_json) text = "Sure! Here are the relationships: orders -> customers";
    body = {{"id", "chatcmpl-1"},
            {"object", "chat.completion"},
            {"model", model},
            {"choices",
             {{{"index", 0},
               {"message", {{"role", "assistant"}, {"content", text}}},
               {"finish_reason", truncated ? "length" : "stop"}}}},
            {"usage", usage_openai}};
  }
  res.set_content(body.dump(), "application/json");
}

}  // namespace godwit::llm::testing
