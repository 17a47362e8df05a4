// The providers over HTTPS: a loopback TLS server with a throwaway self-signed
// certificate. Trusted through GODWIT_LLM_CA_FILE it answers; untrusted, the call is
// refused (certificate verification is on) and degrades to the offline answer.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "llm/llm_client.hpp"
#include "support/tls_identity.hpp"

namespace godwit::llm {
namespace {

class LlmTls : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<httplib::SSLServer>(identity_.cert(), identity_.key());
    server_->Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
      nlohmann::json answer = {{"tables", nlohmann::json::array()}};
      nlohmann::json body = {
          {"model", "m"},
          {"choices", {{{"message", {{"content", answer.dump()}}}, {"finish_reason", "stop"}}}},
          {"usage", {{"prompt_tokens", 3}, {"completion_tokens", 2}}}};
      res.set_content(body.dump(), "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }

  AskResult ask(const std::string& ca_file) {
    LlmSettings s;
    s.provider = ProviderKind::kOpenAi;
    s.base_url = "https://127.0.0.1:" + std::to_string(port_) + "/v1";
    s.api_key = "sk-test";
    s.model = "m";
    s.ca_file = ca_file;
    s.max_attempts = 1;
    s.timeout = std::chrono::milliseconds(2000);
    LlmClient client(s, nullptr, nullptr);
    AskRequest r;
    r.prompt_name = "classify_table_domains";
    return client.ask(r);
  }

  test::TlsIdentity identity_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(LlmTls, TrustedCertificateAnswers) {
  AskResult result = ask(identity_.ca_file());
  ASSERT_EQ(result.source, AnswerSource::kLlm)
      << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  EXPECT_EQ(result.usage.total(), 5);
}

TEST_F(LlmTls, UntrustedCertificateIsRefused) {
  AskResult result = ask("");
  EXPECT_EQ(result.source, AnswerSource::kOffline);
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics.back().code, "W-LLM-NETWORK") << result.diagnostics.back().message;
}

}  // namespace
}  // namespace godwit::llm
