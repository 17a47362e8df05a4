// A protocol-faithful fake of BigQuery's REST API for the connector's tests: Google's
// OAuth token endpoint (JWT bearer grant; the assertion's RS256 signature is verified
// with the test's public key and its claims checked), jobs.query, jobs.getQueryResults
// with pageToken paging, and jobs.cancel, with BigQuery's request and response shapes
// and error bodies. Statements run on an in-memory SQLite database; a column's BigQuery
// type is its declared type there (INT64, TIMESTAMP as epoch microseconds, BYTES as a
// blob ...), or follows the value for expressions. Query parameters are typed like
// BigQuery's: each value must parse as its parameterType, and a STRING parameter compared
// directly with a typed column (`int64_col = ?`, `col IN (?, ?)`) is refused with
// BigQuery's "No matching signature" error. The GoogleSQL functions of the keyed diff that
// SQLite lacks (CONCAT, MD5, TO_HEX, DIV, the hex cast, exact sums) are provided.
#pragma once

#include <atomic>
#include <set>

#include "rest_fake_support.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::validation::testing {

class FakeBigQuery {
 public:
  static constexpr const char* kProject = "test-project";
  static constexpr const char* kEmail = "godwit-test@test-project.iam.gserviceaccount.com";

  /// `tls`: serve https with a self-signed certificate.
  explicit FakeBigQuery(bool tls);

  /// The service-account key JSON for this fake (token_uri pointing at it).
  std::string key_json() const;
  /// A key signed by another RSA key (the fake refuses it).
  std::string foreign_key_json() const;
  /// A BigQuery connection to this fake with key_json() and a 5 s statement timeout.
  ConnectionSpec connection_spec() const;
  std::string endpoint() const { return server_.base_url(); }
  const std::string& ca_file() const;
  FakeDatabase& database() { return database_; }

  // Behaviour knobs.
  /// Polls answered jobComplete:false before a job completes; -1: never completes.
  std::atomic<int> pending_polls{0};
  /// Answers jobs.query with HTTP 503 (backendError).
  std::atomic<bool> fail_with_503{false};

  /// Text replacements applied to each statement before SQLite runs it: SQLite has no
  /// three-part names, so `project`.`dataset`.INFORMATION_SCHEMA.X maps to a table there.
  std::vector<std::pair<std::string, std::string>> rewrites;

  // What the fake saw.
  std::atomic<int> token_requests{0};
  std::atomic<int> query_requests{0};
  std::atomic<int> page_requests{0};
  nlohmann::json last_query_body;
  /// Each jobs.query's parameterType.type list, in order.
  std::vector<std::vector<std::string>> parameter_types;
  std::set<std::string> cancelled_jobs;
  std::string last_token_claims;  ///< the verified assertion's claims JSON
  std::mutex seen_mutex;

 private:
  struct Job {
    FakeResult result;
    int pending = 0;
    std::string location;
  };
  void answer_page(const Job& job, const std::string& job_id, std::size_t offset,
                   std::size_t max_results, nlohmann::json& out) const;
  bool authorized(const httplib::Request& req, httplib::Response& res);

  std::unique_ptr<TlsIdentity> tls_;
  /// The service account's key and a stranger's, generated once per test program
  /// (RSA key generation is slow under the sanitizers).
  static const RsaKey& key();
  static const RsaKey& other_key();
  FakeDatabase database_;
  LoopbackServer server_;
  std::mutex jobs_mutex_;
  std::map<std::string, Job> jobs_;
  std::set<std::string> issued_tokens_;
  int next_id_ = 0;
};

}  // namespace godwit::validation::testing
