// A protocol-faithful fake of the Databricks SQL Statement Execution API for the
// connector's tests: POST /api/2.0/sql/statements (warehouse_id, named parameters,
// wait_timeout, on_wait_timeout, INLINE disposition, JSON_ARRAY format), GET
// /api/2.0/sql/statements/{id} (polling), result chunks by next_chunk_internal_link,
// POST .../cancel, and the workspace OAuth token endpoint (client credentials), with the
// API's states and error bodies. Statements run on an in-memory SQLite database; a
// column's type_name is its declared type there (LONG, TIMESTAMP as ISO text, BINARY as
// a blob ...), or follows the value for expressions. Parameters are cast to their
// parameters[].type as Databricks does (a malformed value fails the statement) and bound
// as that type.
#pragma once

#include <atomic>
#include <set>

#include "rest_fake_support.hpp"

namespace godwit::validation::testing {

class FakeDatabricks {
 public:
  static constexpr const char* kWarehouse = "abcdef0123456789";
  static constexpr const char* kToken = "dapi-test-token";
  static constexpr const char* kClientId = "godwit-sp";
  static constexpr const char* kClientSecret = "dose-test-secret";

  explicit FakeDatabricks(bool tls);

  std::string endpoint() const { return server_.base_url(); }
  const std::string& ca_file() const;
  FakeDatabase& database() { return database_; }

  /// Polls answered PENDING/RUNNING before a statement succeeds; -1: never finishes.
  std::atomic<int> running_polls{0};
  /// Rows per result chunk.
  std::atomic<int> chunk_rows{1000};

  std::atomic<int> submits{0};
  std::atomic<int> polls{0};
  std::atomic<int> chunk_requests{0};
  std::atomic<int> oauth_requests{0};
  nlohmann::json last_submit;
  /// Each submitted statement's parameters[].type list, in order (STRING when absent).
  std::vector<std::vector<std::string>> parameter_types;
  std::set<std::string> cancelled;
  std::mutex seen_mutex;

 private:
  struct Statement {
    FakeResult result;
    int pending = 0;
    bool cancelled = false;
  };
  nlohmann::json manifest(const FakeResult& r) const;
  nlohmann::json chunk(const std::string& id, const FakeResult& r, std::size_t index) const;
  bool authorized(const httplib::Request& req, httplib::Response& res);

  std::unique_ptr<TlsIdentity> tls_;
  FakeDatabase database_;
  LoopbackServer server_;
  std::mutex mutex_;
  std::map<std::string, Statement> statements_;
  std::set<std::string> oauth_tokens_;
  int next_id_ = 0;
};

}  // namespace godwit::validation::testing
