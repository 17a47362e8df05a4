// The durable job queue's rows. Workers claim the oldest due queued job with a lease
// (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer, so the claiming UPDATE
// is itself the short write transaction), renew the lease while they run it, and every
// write a worker makes is conditional on still holding the lease, so a worker whose
// lease was taken over can never overwrite the new owner's state.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

/// queued | running | succeeded | failed | cancelled
struct Job {
  std::string id;
  std::optional<std::string> project_id;
  std::string kind;
  std::string state;
  int progress = 0;  ///< 0..100
  std::optional<std::string> stage;
  std::optional<std::string> message;
  std::string payload = "{}";         ///< JSON document
  std::optional<std::string> result;  ///< JSON document, set on success
  std::optional<std::string> error;   ///< why it failed or was cancelled
  int attempts = 0;
  int max_attempts = 3;
  bool cancel_requested = false;
  std::optional<std::string> lease_owner;
  std::optional<std::string> lease_expires_at;
  std::string available_at;
  std::string created_at;
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
  std::string updated_at;

  bool finished() const {
    return state == "succeeded" || state == "failed" || state == "cancelled";
  }
};

struct NewJob {
  std::string kind;
  std::optional<std::string> project_id;
  std::string payload = "{}";
  int max_attempts = 3;
};

/// What a lease holder learns when it writes: whether it still holds the job, and
/// whether someone asked for it to stop.
struct LeaseStatus {
  bool held = false;
  bool cancel_requested = false;
};

/// How jobs whose lease expired were dealt with.
struct ReapResult {
  int requeued = 0;
  int failed = 0;
  int cancelled = 0;
  std::vector<std::string> project_ids;  ///< projects whose jobs changed (for events)
};

struct JobQuery {
  std::string project_id;
  std::vector<std::string> states;  ///< any of; empty: all
  std::optional<std::string> kind;
  int limit = 50;
  int offset = 0;
};

struct JobPage {
  std::vector<Job> items;
  long long total = 0;
};

class JobRepository {
 public:
  explicit JobRepository(Database& db) : db_(db) {}

  /// Inserts a queued job due now. kInvalidInput when the payload is not JSON,
  /// kNotFound when the project does not exist.
  Job enqueue(const NewJob& job);
  std::optional<Job> find(const std::string& id);
  /// A project's jobs, newest first.
  JobPage list(const JobQuery& query);
  /// Jobs of a project written at or after `since` (stored timestamp form), oldest
  /// change first: what an event stream has not seen yet.
  std::vector<Job> changed_since(const std::string& project_id, const std::string& since,
                                 int limit = 200);

  /// Claims the oldest due queued job for `owner` (attempts + 1, state running) and
  /// holds it until now + `lease`. nullopt when none is due.
  std::optional<Job> claim(const std::string& owner, std::chrono::milliseconds lease);
  /// Extends the lease; reports whether it is still held and whether cancel was asked.
  LeaseStatus heartbeat(const std::string& id, const std::string& owner,
                        std::chrono::milliseconds lease);
  /// Stores progress (and extends the lease) if `owner` still holds the job.
  LeaseStatus report_progress(const std::string& id, const std::string& owner, int percent,
                              const std::optional<std::string>& stage,
                              const std::optional<std::string>& message,
                              std::chrono::milliseconds lease);
  /// Final states, written only while `owner` holds the lease. False when it no longer
  /// does (the job was reaped and belongs to someone else now).
  bool succeed(const std::string& id, const std::string& owner, const std::string& result_json);
  bool fail(const std::string& id, const std::string& owner, const std::string& error);
  bool cancelled(const std::string& id, const std::string& owner, const std::string& reason);
  /// Puts a held job back in the queue, due after `delay`. When `count_attempt` is false
  /// the claim is not counted (the server stopped, the job did nothing wrong).
  bool release(const std::string& id, const std::string& owner, const std::string& message,
               std::chrono::milliseconds delay, bool count_attempt);

  /// A queued job is cancelled at once; a running one is flagged for its worker. Returns
  /// the job as it is now, nullopt when unknown. Finished jobs are left as they are.
  std::optional<Job> request_cancel(const std::string& id);

  /// Running jobs whose lease expired (their worker died): back to the queue while
  /// attempts remain, otherwise failed with the reason; cancelled if cancel was asked.
  ReapResult reap_expired();

 private:
  Database& db_;
};

}  // namespace godwit::store
