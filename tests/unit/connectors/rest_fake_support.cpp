// The protocol fakes' building blocks (see rest_fake_support.hpp).
#include "rest_fake_support.hpp"

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdio>
#include <stdexcept>

namespace godwit::validation::testing {

FakeDatabase::FakeDatabase() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("sqlite open");
}

FakeDatabase::~FakeDatabase() {
  sqlite3_close(db_);
}

void FakeDatabase::exec(const std::string& sql) {
  std::lock_guard lock(mutex_);
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("fake setup failed: " + message);
  }
}

FakeResult FakeDatabase::run(const std::string& sql,
                             const std::function<void(sqlite3_stmt*)>& bind) {
  std::lock_guard lock(mutex_);
  FakeResult out;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    out.error = sqlite3_errmsg(db_);
    return out;
  }
  bind(statement);
  const int count = sqlite3_column_count(statement);
  for (int i = 0; i < count; ++i) {
    out.names.emplace_back(sqlite3_column_name(statement, i));
    const char* declared = sqlite3_column_decltype(statement, i);
    std::string type = declared != nullptr ? declared : "";
    for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out.declared_types.push_back(type);
  }
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    std::vector<std::optional<std::string>> row;
    std::vector<int> storage;
    for (int i = 0; i < count; ++i) {
      const int type = sqlite3_column_type(statement, i);
      storage.push_back(type);
      if (type == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else if (type == SQLITE_BLOB) {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, i));
        row.emplace_back(
            std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement, i))));
      } else {
        row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, i)));
      }
    }
    out.rows.push_back(std::move(row));
    out.storage.push_back(std::move(storage));
  }
  if (step != SQLITE_DONE) out.error = sqlite3_errmsg(db_);
  sqlite3_finalize(statement);
  return out;
}

std::map<std::string, std::string> FakeDatabase::column_types() {
  const FakeResult r =
      run("SELECT lower(p.name), upper(p.type) FROM sqlite_master m, pragma_table_info(m.name) p "
          "WHERE m.type = 'table'",
          [](sqlite3_stmt*) {});
  std::map<std::string, std::string> out;
  for (const auto& row : r.rows) {
    if (row[0] && row[1]) out.emplace(*row[0], *row[1]);
  }
  return out;
}

RsaKey::RsaKey() : key_(EVP_RSA_gen(2048)) {}

RsaKey::~RsaKey() {
  EVP_PKEY_free(key_);
}

std::string RsaKey::private_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key_, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return pem;
}

bool RsaKey::verify(const std::string& input, const std::string& signature) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

LoopbackServer::LoopbackServer(const TlsIdentity* tls) : tls_(tls != nullptr) {
  if (tls != nullptr) {
    server_ = std::make_unique<httplib::SSLServer>(tls->cert(), tls->key());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                    std::exception_ptr) {
    res.status = 500;
    res.set_content(R"({"error":{"code":500,"message":"fake server error"}})", "application/json");
  });
}

LoopbackServer::~LoopbackServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

void LoopbackServer::start() {
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string LoopbackServer::base_url() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(value << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    int digit = -1;
    if (c >= 'A' && c <= 'Z') digit = c - 'A';
    if (c >= 'a' && c <= 'z') digit = c - 'a' + 26;
    if (c >= '0' && c <= '9') digit = c - '0' + 52;
    if (c == '+' || c == '-') digit = 62;
    if (c == '/' || c == '_') digit = 63;
    if (c == '=') break;
    if (digit < 0) return std::nullopt;
    value = (value << 6) | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 255);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> out;
  httplib::Params params;
  httplib::detail::parse_query_text(body, params);
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

}  // namespace godwit::validation::testing
