// The workers of one `godwit serve` process: N threads that claim due jobs from the
// shared jobs table with a lease, run their handlers, and store the outcome; a heartbeat
// thread that renews the leases of running jobs (and notices cancel requests between
// progress reports); and periodic reaping of jobs whose worker died elsewhere. Several
// processes may run pools on one PostgreSQL: the claim guarantees one runner per job.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/change_feed.hpp"
#include "jobs/handler_registry.hpp"
#include "store/database.hpp"

namespace godwit::jobs {

struct WorkerOptions {
  int workers = 2;
  /// How long a claim holds a job without renewal; a worker that dies loses it after this.
  std::chrono::milliseconds lease{30000};
  /// How often running jobs' leases are renewed (well under `lease`).
  std::chrono::milliseconds heartbeat{10000};
  /// How long an idle worker sleeps before looking for due jobs again (enqueues in this
  /// process wake it at once).
  std::chrono::milliseconds poll{1000};
  /// How often expired leases are looked for.
  std::chrono::milliseconds reap_interval{5000};
  /// Delay before a job that failed with kUnavailable runs again (times the attempt).
  std::chrono::milliseconds retry_backoff{2000};
  /// Prefix of lease owner names; default host:pid.
  std::string name;
};

class WorkerPool {
 public:
  /// `feed` (optional) is notified whenever a job changes state or progresses.
  WorkerPool(store::Database& db, const HandlerRegistry& handlers, WorkerOptions options,
             ChangeFeed* feed = nullptr);
  ~WorkerPool();

  void start();
  /// Stops claiming, tells running handlers to stop (their jobs go back to the queue,
  /// not counted as an attempt), and joins every thread. Idempotent.
  void stop();
  /// Wakes idle workers now (a job was just enqueued).
  void wake();

  const WorkerOptions& options() const { return options_; }

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

 private:
  struct Running {
    std::string owner;
    JobSignals* signals;
  };
  void work(int index);
  void run(const store::Job& job, const std::string& owner);
  void heartbeat_loop();
  void reap_if_due();
  void changed();

  store::Database& db_;
  const HandlerRegistry& handlers_;
  WorkerOptions options_;
  ChangeFeed* feed_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool started_ = false;
  std::uint64_t wakeups_ = 0;
  std::chrono::steady_clock::time_point next_reap_{};
  std::map<std::string, Running> running_;  ///< by job id
  std::vector<std::thread> threads_;
};

}  // namespace godwit::jobs
