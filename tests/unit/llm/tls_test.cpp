// The providers over HTTPS: a loopback TLS server with a throwaway self-signed
// certificate. Trusted through GODWIT_LLM_CA_FILE it answers; untrusted, the call is
// refused (certificate verification is on) and degrades to the offline answer.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "llm/llm_client.hpp"

namespace godwit::llm {
namespace {

struct SelfSigned {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  SelfSigned() {
    key = EVP_EC_gen("P-256");
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
    X509_add_ext(cert, san, -1);
    X509_EXTENSION_free(san);
    X509_sign(cert, key, EVP_sha256());
  }
  ~SelfSigned() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  void write_cert(const std::string& path) const {
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
  }
};

class LlmTls : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_file_ = (std::filesystem::temp_directory_path() /
                ("godwit-llm-ca-" + std::to_string(::getpid()) + ".pem"))
                   .string();
    identity_.write_cert(ca_file_);
    server_ = std::make_unique<httplib::SSLServer>(identity_.cert, identity_.key);
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
    std::filesystem::remove(ca_file_);
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

  SelfSigned identity_;
  std::string ca_file_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(LlmTls, TrustedCertificateAnswers) {
  AskResult result = ask(ca_file_);
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
