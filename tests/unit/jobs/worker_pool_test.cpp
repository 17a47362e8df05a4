// WorkerPool on each backend: handlers run and their outcome is stored, cancellation
// reaches a running handler at its next progress call, a dead worker's job is retried,
// stopping returns running jobs to the queue, and two pools (two "processes") sharing
// one database never run the same job twice.
#include "jobs/worker_pool.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "core/error.hpp"
#include "jobs/job_queue.hpp"
#include "jobs_test_support.hpp"

namespace godwit::jobs::testing {
namespace {

using namespace std::chrono_literals;
using store::Job;
using store::JobRepository;

WorkerOptions fast_options(int workers = 2) {
  WorkerOptions options;
  options.workers = workers;
  options.lease = 5s;
  options.heartbeat = 100ms;
  options.poll = 20ms;
  options.reap_interval = 50ms;
  options.retry_backoff = 10ms;
  return options;
}

bool in_state(JobRepository& jobs, const std::string& id, const std::string& state) {
  std::optional<Job> job = jobs.find(id);
  return job && job->state == state;
}

TEST_P(WorkerPoolTest, RunsAHandlerAndStoresItsResultAndProgress) {
  HandlerRegistry handlers;
  handlers.add("sum", [](JobContext& ctx) {
    int total = 0;
    for (int x : ctx.payload()["numbers"]) total += x;
    ctx.progress(50, "adding", "halfway");
    return nlohmann::json{{"total", total}};
  });
  ChangeFeed feed;
  WorkerPool pool(db(), handlers, fast_options(), &feed);
  JobQueue queue(db(), &pool, &feed);
  pool.start();
  std::uint64_t before = feed.version();
  Job job = queue.enqueue("sum", project(), {{"numbers", {1, 2, 3}}});
  JobRepository jobs(db());
  ASSERT_TRUE(eventually([&] { return in_state(jobs, job.id, "succeeded"); }));
  Job done = *jobs.find(job.id);
  EXPECT_EQ(nlohmann::json::parse(*done.result), nlohmann::json({{"total", 6}}));
  EXPECT_EQ(done.stage, "adding");
  EXPECT_EQ(done.message, "halfway");
  EXPECT_EQ(done.progress, 100);
  EXPECT_EQ(done.attempts, 1);
  EXPECT_GT(feed.version(), before);
}

TEST_P(WorkerPoolTest, AHandlerErrorFailsTheJobWithItsMessage) {
  HandlerRegistry handlers;
  handlers.add("bad", [](JobContext&) -> nlohmann::json {
    throw Error(ErrorKind::kUnprocessable, "file 'a.sql' has no statements");
  });
  handlers.add("crash", [](JobContext&) -> nlohmann::json {
    throw std::runtime_error("internal detail that must not be shown");
  });
  WorkerPool pool(db(), handlers, fast_options());
  JobQueue queue(db(), &pool, nullptr);
  pool.start();
  Job bad = queue.enqueue("bad", project());
  Job crash = queue.enqueue("crash", project());
  Job unknown = queue.enqueue("no-such-kind", project());
  JobRepository jobs(db());
  ASSERT_TRUE(eventually([&] {
    return in_state(jobs, bad.id, "failed") && in_state(jobs, crash.id, "failed") &&
           in_state(jobs, unknown.id, "failed");
  }));
  EXPECT_EQ(jobs.find(bad.id)->error, "file 'a.sql' has no statements");
  std::string crash_error = *jobs.find(crash.id)->error;
  EXPECT_EQ(crash_error.find("internal detail"), std::string::npos);
  EXPECT_NE(crash_error.find(crash.id), std::string::npos);
  EXPECT_EQ(jobs.find(unknown.id)->error,
            "this server has no handler for jobs of kind 'no-such-kind'");
}

TEST_P(WorkerPoolTest, AnUnavailableDependencyIsRetriedUntilTheAttemptsRunOut) {
  std::atomic<int> calls{0};
  HandlerRegistry handlers;
  handlers.add("flaky", [&](JobContext& ctx) -> nlohmann::json {
    if (++calls < 3) throw Error(ErrorKind::kUnavailable, "the LLM provider timed out");
    return {{"attempt", ctx.attempt()}};
  });
  handlers.add("down", [](JobContext&) -> nlohmann::json {
    throw Error(ErrorKind::kUnavailable, "the source database cannot be reached");
  });
  WorkerPool pool(db(), handlers, fast_options(1));
  JobQueue queue(db(), &pool, nullptr);
  pool.start();
  Job flaky = queue.enqueue("flaky", project(), nlohmann::json::object(), 3);
  Job down = queue.enqueue("down", project(), nlohmann::json::object(), 2);
  JobRepository jobs(db());
  ASSERT_TRUE(eventually(
      [&] { return in_state(jobs, flaky.id, "succeeded") && in_state(jobs, down.id, "failed"); }));
  EXPECT_EQ(nlohmann::json::parse(*jobs.find(flaky.id)->result)["attempt"], 3);
  EXPECT_EQ(jobs.find(down.id)->attempts, 2);
  EXPECT_EQ(jobs.find(down.id)->error, "the source database cannot be reached");
}

TEST_P(WorkerPoolTest, CancellationStopsARunningHandlerAtItsNextProgressCall) {
  std::atomic<bool> started{false};
  std::atomic<int> steps_after_cancel{0};
  std::atomic<bool> cancel_sent{false};
  HandlerRegistry handlers;
  handlers.add("long", [&](JobContext& ctx) -> nlohmann::json {
    started = true;
    for (int i = 0; i < 100000; ++i) {
      if (cancel_sent) ++steps_after_cancel;
      ctx.progress(i % 100, "working", "step " + std::to_string(i));
      std::this_thread::sleep_for(5ms);
    }
    return {};
  });
  WorkerPool pool(db(), handlers, fast_options(1));
  JobQueue queue(db(), &pool, nullptr);
  pool.start();
  Job job = queue.enqueue("long", project());
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  std::optional<Job> flagged = queue.cancel(job.id);
  cancel_sent = true;
  ASSERT_TRUE(flagged);
  JobRepository jobs(db());
  ASSERT_TRUE(eventually([&] { return in_state(jobs, job.id, "cancelled"); }));
  EXPECT_EQ(jobs.find(job.id)->error, "cancelled on request");
  // The handler saw the request at the progress call right after it was made.
  EXPECT_LE(steps_after_cancel.load(), 1);
}

TEST_P(WorkerPoolTest, CancellationReachesAHandlerBetweenProgressCallsViaTheHeartbeat) {
  std::atomic<bool> started{false};
  HandlerRegistry handlers;
  handlers.add("quiet", [&](JobContext& ctx) -> nlohmann::json {
    started = true;
    while (true) {  // never reports progress, only checks
      ctx.check_cancelled();
      std::this_thread::sleep_for(5ms);
    }
  });
  WorkerPool pool(db(), handlers, fast_options(1));
  JobQueue queue(db(), &pool, nullptr);
  pool.start();
  Job job = queue.enqueue("quiet", project());
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  queue.cancel(job.id);
  JobRepository jobs(db());
  EXPECT_TRUE(eventually([&] { return in_state(jobs, job.id, "cancelled"); }));
}

TEST_P(WorkerPoolTest, AJobWhoseWorkerDiedIsRetriedByAnotherWorker) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"echo", project(), R"({"x":1})", 3});
  // A worker in another process claims it and dies: its lease runs out unrenewed.
  ASSERT_TRUE(jobs.claim("dead-worker", 200ms));
  HandlerRegistry handlers;
  handlers.add("echo", [](JobContext& ctx) { return nlohmann::json{{"attempt", ctx.attempt()}}; });
  WorkerPool pool(db(), handlers, fast_options());
  pool.start();
  ASSERT_TRUE(eventually([&] { return in_state(jobs, job.id, "succeeded"); }));
  Job done = *jobs.find(job.id);
  EXPECT_EQ(done.attempts, 2);
  EXPECT_EQ(nlohmann::json::parse(*done.result)["attempt"], 2);
}

TEST_P(WorkerPoolTest, StoppingReturnsARunningJobToTheQueueUncounted) {
  std::atomic<bool> started{false};
  HandlerRegistry handlers;
  handlers.add("long", [&](JobContext& ctx) -> nlohmann::json {
    started = true;
    while (true) {
      ctx.progress(1, "working");
      std::this_thread::sleep_for(5ms);
    }
  });
  JobRepository jobs(db());
  Job job;
  {
    WorkerPool pool(db(), handlers, fast_options(1));
    JobQueue queue(db(), &pool, nullptr);
    pool.start();
    job = queue.enqueue("long", project());
    ASSERT_TRUE(eventually([&] { return started.load(); }));
    pool.stop();
  }
  Job back = *jobs.find(job.id);
  EXPECT_EQ(back.state, "queued");
  EXPECT_EQ(back.attempts, 0);
  EXPECT_EQ(back.message, "returned to the queue: the server stopped");
}

TEST_P(WorkerPoolTest, TwoPoolsOnOneDatabaseNeverRunTheSameJobTwice) {
  constexpr int kJobs = 300;
  std::mutex mutex;
  std::map<std::string, int> runs;
  std::set<std::string> runners;
  auto count = [&](const std::string& runner) {
    return [&, runner](JobContext& ctx) {
      {
        std::lock_guard lock(mutex);
        ++runs[ctx.id()];
        runners.insert(runner);
      }
      ctx.progress(50, "counting");
      return nlohmann::json::object();
    };
  };
  HandlerRegistry handlers_a, handlers_b;
  handlers_a.add("count", count("a"));
  handlers_b.add("count", count("b"));
  // Two pools on two connection pools: as two `godwit serve` processes would be.
  std::unique_ptr<store::Database> other = open_again(4);
  JobRepository jobs(db());
  std::vector<std::string> ids;
  for (int i = 0; i < kJobs; ++i) ids.push_back(jobs.enqueue({"count", project(), "{}", 3}).id);
  WorkerOptions a_options = fast_options(3);
  a_options.name = "process-a";
  WorkerOptions b_options = fast_options(3);
  b_options.name = "process-b";
  WorkerPool a(db(), handlers_a, a_options);
  WorkerPool b(*other, handlers_b, b_options);
  a.start();
  b.start();
  ASSERT_TRUE(eventually(
      [&] {
        return jobs.list({project(), {"succeeded"}, std::nullopt, 1, 0}).total == kJobs;
      },
      std::chrono::seconds(120)));
  a.stop();
  b.stop();
  std::lock_guard lock(mutex);
  EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  for (const std::string& id : ids) EXPECT_EQ(runs[id], 1) << id;
  EXPECT_EQ(runners.size(), 2u) << "both pools should have taken part";
  for (const std::string& id : ids) EXPECT_EQ(jobs.find(id)->attempts, 1) << id;
}

}  // namespace
}  // namespace godwit::jobs::testing
