// The workers of one process (see worker_pool.hpp).
#include "jobs/worker_pool.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/repositories/job_repository.hpp"

namespace godwit::jobs {
namespace {

std::string default_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "godwit") + ":" + std::to_string(::getpid());
}

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

WorkerPool::WorkerPool(store::Database& db, const HandlerRegistry& handlers, WorkerOptions options,
                       ChangeFeed* feed)
    : db_(db), handlers_(handlers), options_(std::move(options)), feed_(feed) {
  if (options_.name.empty()) options_.name = default_name();
}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::start() {
  std::lock_guard lock(mutex_);
  if (started_ || stopping_ || options_.workers <= 0) return;
  started_ = true;
  for (int i = 0; i < options_.workers; ++i) threads_.emplace_back([this, i] { work(i); });
  threads_.emplace_back([this] { heartbeat_loop(); });
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, running] : running_) running.signals->shutting_down = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakeups_;
  }
  wake_.notify_all();
}

void WorkerPool::changed() {
  if (feed_ != nullptr) feed_->notify();
}

void WorkerPool::work(int index) {
  const std::string owner =
      options_.name + ":w" + std::to_string(index) + ":" + new_uuid().substr(0, 8);
  store::JobRepository jobs(db_);
  while (true) {
    std::uint64_t seen = 0;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      seen = wakeups_;
    }
    reap_if_due();
    std::optional<store::Job> job;
    try {
      job = jobs.claim(owner, options_.lease);
    } catch (const std::exception& e) {
      spdlog::warn("job worker {} cannot claim jobs: {}", owner, e.what());
    }
    if (job) {
      changed();
      run(*job, owner);
      continue;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [&] { return stopping_ || wakeups_ != seen; });
  }
}

void WorkerPool::run(const store::Job& job, const std::string& owner) {
  store::JobRepository jobs(db_);
  JobSignals signals;
  {
    std::lock_guard lock(mutex_);
    running_[job.id] = Running{owner, &signals};
    if (stopping_) signals.shutting_down = true;
  }
  auto reporter = [&](int percent, const std::string& stage, const std::string& message) {
    store::LeaseStatus status = jobs.report_progress(job.id, owner, percent, non_empty(stage),
                                                     non_empty(message), options_.lease);
    changed();
    return status;
  };
  spdlog::info("job {} ({}) started by {} (attempt {} of {})", job.id, job.kind, owner,
               job.attempts, job.max_attempts);
  try {
    JobContext context(job, reporter, signals);
    try {
      const JobHandler* handler = handlers_.find(job.kind);
      if (handler == nullptr) {
        jobs.fail(job.id, owner, "this server has no handler for jobs of kind '" + job.kind + "'");
      } else {
        context.check_cancelled();
        nlohmann::json result = (*handler)(context);
        if (!jobs.succeed(job.id, owner, result.dump())) {
          spdlog::warn("job {} finished after its lease was lost; result dropped", job.id);
        }
      }
    } catch (const JobCancelled&) {
      jobs.cancelled(job.id, owner, "cancelled on request");
    } catch (const JobInterrupted& e) {
      if (e.reason() == JobInterrupted::Reason::kShutdown) {
        jobs.release(job.id, owner, "returned to the queue: the server stopped",
                     std::chrono::milliseconds(0), /*count_attempt=*/false);
      } else {
        spdlog::warn("job {} abandoned by {}: {}", job.id, owner, e.what());
      }
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::kUnavailable && job.attempts < job.max_attempts) {
        jobs.release(job.id, owner, std::string("retrying: ") + e.what(),
                     options_.retry_backoff * job.attempts, /*count_attempt=*/true);
      } else {
        jobs.fail(job.id, owner, e.what());
      }
    } catch (const std::exception& e) {
      spdlog::error("job {} ({}) failed: {}", job.id, job.kind, e.what());
      jobs.fail(
          job.id, owner,
          "the job failed unexpectedly; the server log has the detail under job id " + job.id);
    }
  } catch (const std::exception& e) {
    // The store itself failed while recording the outcome: the lease will expire and
    // the job will be retried by whichever worker reaps it.
    spdlog::error("job {} ({}): could not record its outcome: {}", job.id, job.kind, e.what());
  }
  {
    std::lock_guard lock(mutex_);
    running_.erase(job.id);
  }
  changed();
}

void WorkerPool::heartbeat_loop() {
  store::JobRepository jobs(db_);
  while (true) {
    std::vector<std::pair<std::string, std::string>> held;  // job id, owner
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, options_.heartbeat, [&] { return stopping_; });
      if (stopping_) return;
      for (const auto& [id, running] : running_) held.emplace_back(id, running.owner);
    }
    for (const auto& [id, owner] : held) {
      store::LeaseStatus status;
      try {
        status = jobs.heartbeat(id, owner, options_.lease);
      } catch (const std::exception& e) {
        spdlog::warn("job {}: lease renewal failed: {}", id, e.what());
        continue;
      }
      std::lock_guard lock(mutex_);
      auto it = running_.find(id);
      if (it == running_.end() || it->second.owner != owner) continue;
      if (!status.held) it->second.signals->lease_lost = true;
      if (status.cancel_requested) it->second.signals->cancel_requested = true;
    }
  }
}

void WorkerPool::reap_if_due() {
  {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (now < next_reap_) return;
    next_reap_ = now + options_.reap_interval;
  }
  try {
    store::ReapResult reaped = store::JobRepository(db_).reap_expired();
    if (reaped.requeued + reaped.failed + reaped.cancelled == 0) return;
    spdlog::warn("jobs whose worker stopped responding: {} requeued, {} failed, {} cancelled",
                 reaped.requeued, reaped.failed, reaped.cancelled);
    changed();
    if (reaped.requeued > 0) wake();
  } catch (const std::exception& e) {
    spdlog::warn("reaping expired job leases failed: {}", e.what());
  }
}

}  // namespace godwit::jobs
