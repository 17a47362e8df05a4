// A fake language-model provider for tests: an httplib::Server on 127.0.0.1 (random
// port) speaking both the OpenAI chat-completions and the Anthropic messages protocol,
// told per request how to behave (well, slowly, malformed, truncated, 429, 500, ...).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace godwit::llm::testing {

enum class Behaviour {
  kGood,             ///< the configured answer, with token usage
  kSlow,             ///< holds the request until the server stops (client times out)
  kMalformedBody,    ///< HTTP 200 with a body that is not JSON
  kNotJsonAnswer,    ///< protocol JSON, but the answer text / tool input is not usable
  kTruncated,        ///< finish_reason "length" / stop_reason "max_tokens"
  kRateLimited,      ///< HTTP 429 with Retry-After: 1
  kRateLimitedLong,  ///< HTTP 429 with Retry-After: 3600
  kServerError,      ///< HTTP 500
  kUnauthorized,     ///< HTTP 401
};

struct RecordedRequest {
  std::string path;
  nlohmann::json body;
  std::string authorization;
  std::string api_key;
  std::string anthropic_version;
};

class FakeLlmServer {
 public:
  FakeLlmServer();
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  /// "http://127.0.0.1:PORT/v1"
  std::string base_url() const;
  int port() const { return port_; }

  /// The answer object sent for kGood (the JSON the model "produced").
  void set_answer(nlohmann::json answer);
  /// The answer for requests whose answer schema is named `schema_name` (OpenAI
  /// response_format name, Anthropic tool name); others get set_answer's.
  void set_answer_for(const std::string& schema_name, nlohmann::json answer);
  /// Behaviours for the next requests, in order; afterwards kGood.
  void script(std::vector<Behaviour> behaviours);
  void set_usage(int input_tokens, int output_tokens);

  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;
  void stop();

 private:
  Behaviour next_behaviour();
  void handle(const httplib::Request& req, httplib::Response& res, bool anthropic);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  bool stopping_ = false;
  nlohmann::json answer_ = nlohmann::json::object();
  std::map<std::string, nlohmann::json> answers_by_schema_;
  std::deque<Behaviour> script_;
  int input_tokens_ = 120;
  int output_tokens_ = 30;
  std::vector<RecordedRequest> requests_;
};

}  // namespace godwit::llm::testing
