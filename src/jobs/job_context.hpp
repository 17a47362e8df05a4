// What a job handler sees while it runs: its job (kind, project, payload, attempt), a
// way to report progress, and the cancellation signal. Cancellation is cooperative: the
// handler learns of it at its next progress() or check_cancelled() call, which throw so
// that the handler's own stack unwinds and releases what it holds.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "store/repositories/job_repository.hpp"

namespace godwit::jobs {

/// Thrown into a handler when someone cancelled its job.
class JobCancelled : public std::runtime_error {
 public:
  JobCancelled() : std::runtime_error("the job was cancelled") {}
};

/// Thrown into a handler when it must stop without a verdict: the server is shutting
/// down (the job goes back to the queue) or the worker lost its lease (another worker
/// owns the job now).
class JobInterrupted : public std::runtime_error {
 public:
  enum class Reason { kShutdown, kLeaseLost };
  explicit JobInterrupted(Reason reason)
      : std::runtime_error(reason == Reason::kShutdown ? "the server is stopping"
                                                       : "this worker lost the job's lease"),
        reason_(reason) {}
  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

/// Signals shared between a running job's context and the worker pool that runs it.
struct JobSignals {
  std::atomic<bool> cancel_requested{false};
  std::atomic<bool> lease_lost{false};
  std::atomic<bool> shutting_down{false};
};

class JobContext {
 public:
  /// Stores progress and returns what the store said about the lease.
  using Reporter = std::function<store::LeaseStatus(int percent, const std::string& stage,
                                                    const std::string& message)>;

  JobContext(store::Job job, Reporter reporter, JobSignals& signals);

  const store::Job& job() const { return job_; }
  const std::string& id() const { return job_.id; }
  const std::optional<std::string>& project_id() const { return job_.project_id; }
  /// The payload as given to enqueue (an object; {} when it was not one).
  const nlohmann::json& payload() const { return payload_; }
  /// 1 on the first run, more when a lost worker's job is retried.
  int attempt() const { return job_.attempts; }

  /// Stores progress (percent clamped to 0..100) where status readers and event
  /// streams see it, then throws JobCancelled / JobInterrupted if the job must stop.
  void progress(int percent, const std::string& stage, const std::string& message = "");
  /// Throws like progress() without storing anything; for tight loops.
  void check_cancelled() const;
  bool cancel_requested() const { return signals_.cancel_requested.load(); }

 private:
  store::Job job_;
  nlohmann::json payload_;
  Reporter reporter_;
  JobSignals& signals_;
};

}  // namespace godwit::jobs
