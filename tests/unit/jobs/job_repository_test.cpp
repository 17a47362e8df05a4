// JobRepository on each backend: claiming order and exclusivity, progress and the lease
// checks on every write, cancellation, and reaping of jobs whose worker died.
#include "store/repositories/job_repository.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "jobs_test_support.hpp"

namespace godwit::jobs::testing {
namespace {

using namespace std::chrono_literals;
using store::Job;
using store::JobRepository;

TEST_P(JobRepositoryTest, EnqueuedJobIsQueuedWithItsPayload) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"discovery", project(), R"({"files":["a"]})", 4});
  EXPECT_EQ(job.state, "queued");
  EXPECT_EQ(job.kind, "discovery");
  EXPECT_EQ(job.project_id, project());
  EXPECT_EQ(nlohmann::json::parse(job.payload), nlohmann::json::parse(R"({"files":["a"]})"));
  EXPECT_EQ(job.attempts, 0);
  EXPECT_EQ(job.max_attempts, 4);
  EXPECT_EQ(job.progress, 0);
  EXPECT_FALSE(job.cancel_requested);
  EXPECT_FALSE(job.lease_owner.has_value());
}

TEST_P(JobRepositoryTest, EnqueueRejectsAPayloadThatIsNotJson) {
  JobRepository jobs(db());
  EXPECT_THROW(jobs.enqueue({"discovery", project(), "{not json", 3}), Error);
}

TEST_P(JobRepositoryTest, ClaimTakesTheOldestQueuedJobOnce) {
  JobRepository jobs(db());
  Job first = jobs.enqueue({"k", project(), "{}", 3});
  Job second = jobs.enqueue({"k", project(), "{}", 3});
  std::optional<Job> a = jobs.claim("worker-a", 30s);
  std::optional<Job> b = jobs.claim("worker-b", 30s);
  std::optional<Job> c = jobs.claim("worker-c", 30s);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id, first.id);
  EXPECT_EQ(b->id, second.id);
  EXPECT_FALSE(c.has_value());
  EXPECT_EQ(a->state, "running");
  EXPECT_EQ(a->attempts, 1);
  EXPECT_EQ(a->lease_owner, "worker-a");
  EXPECT_TRUE(a->started_at.has_value());
  EXPECT_GT(*a->lease_expires_at, a->updated_at);
}

TEST_P(JobRepositoryTest, ProgressIsStoredOnlyByTheLeaseHolder) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 3});
  ASSERT_TRUE(jobs.claim("holder", 30s));
  store::LeaseStatus mine =
      jobs.report_progress(job.id, "holder", 40, "parsing", "file 2 of 5", 30s);
  EXPECT_TRUE(mine.held);
  EXPECT_FALSE(mine.cancel_requested);
  store::LeaseStatus other = jobs.report_progress(job.id, "intruder", 90, "x", "y", 30s);
  EXPECT_FALSE(other.held);
  Job now = *jobs.find(job.id);
  EXPECT_EQ(now.progress, 40);
  EXPECT_EQ(now.stage, "parsing");
  EXPECT_EQ(now.message, "file 2 of 5");
  EXPECT_FALSE(jobs.succeed(job.id, "intruder", "{}"));
  EXPECT_TRUE(jobs.succeed(job.id, "holder", R"({"tables":3})"));
  now = *jobs.find(job.id);
  EXPECT_EQ(now.state, "succeeded");
  EXPECT_EQ(now.progress, 100);
  EXPECT_EQ(nlohmann::json::parse(*now.result)["tables"], 3);
  EXPECT_TRUE(now.finished_at.has_value());
  EXPECT_FALSE(now.lease_owner.has_value());
}

TEST_P(JobRepositoryTest, CancellingAQueuedJobCancelsItAtOnce) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 3});
  std::optional<Job> cancelled = jobs.request_cancel(job.id);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->state, "cancelled");
  EXPECT_EQ(cancelled->error, "cancelled before it started");
  EXPECT_FALSE(jobs.claim("w", 30s).has_value());
}

TEST_P(JobRepositoryTest, CancellingARunningJobFlagsItForItsWorker) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 3});
  ASSERT_TRUE(jobs.claim("w", 30s));
  std::optional<Job> flagged = jobs.request_cancel(job.id);
  ASSERT_TRUE(flagged);
  EXPECT_EQ(flagged->state, "running");
  EXPECT_TRUE(flagged->cancel_requested);
  EXPECT_TRUE(jobs.heartbeat(job.id, "w", 30s).cancel_requested);
  EXPECT_TRUE(jobs.report_progress(job.id, "w", 10, "s", "m", 30s).cancel_requested);
  EXPECT_TRUE(jobs.cancelled(job.id, "w", "cancelled on request"));
  EXPECT_EQ(jobs.find(job.id)->state, "cancelled");
  // A finished job stays as it is.
  EXPECT_EQ(jobs.request_cancel(job.id)->state, "cancelled");
}

TEST_P(JobRepositoryTest, AnExpiredLeaseIsRequeuedThenFailedAfterTheLastAttempt) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 2});
  ASSERT_TRUE(jobs.claim("dead-1", -1s));  // a lease that has already run out
  store::ReapResult first = jobs.reap_expired();
  EXPECT_EQ(first.requeued, 1);
  EXPECT_EQ(first.failed, 0);
  ASSERT_EQ(first.project_ids.size(), 1u);
  EXPECT_EQ(first.project_ids[0], project());
  Job requeued = *jobs.find(job.id);
  EXPECT_EQ(requeued.state, "queued");
  EXPECT_FALSE(requeued.lease_owner.has_value());
  // The dead worker comes back to life: its writes no longer count.
  EXPECT_FALSE(jobs.report_progress(job.id, "dead-1", 50, "s", "m", 30s).held);

  std::optional<Job> again = jobs.claim("dead-2", -1s);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 2);
  store::ReapResult second = jobs.reap_expired();
  EXPECT_EQ(second.failed, 1);
  Job failed = *jobs.find(job.id);
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(*failed.error,
            "the worker running this job stopped responding (its lease expired); gave up after 2 "
            "attempts");
}

TEST_P(JobRepositoryTest, ALiveLeaseIsNotReaped) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 2});
  ASSERT_TRUE(jobs.claim("alive", 30s));
  store::ReapResult reaped = jobs.reap_expired();
  EXPECT_EQ(reaped.requeued + reaped.failed + reaped.cancelled, 0);
  EXPECT_EQ(jobs.find(job.id)->state, "running");
}

TEST_P(JobRepositoryTest, ReleaseWithoutCountingGivesTheAttemptBack) {
  JobRepository jobs(db());
  Job job = jobs.enqueue({"k", project(), "{}", 3});
  ASSERT_TRUE(jobs.claim("w", 30s));
  EXPECT_TRUE(jobs.release(job.id, "w", "server stopped", 0ms, false));
  Job back = *jobs.find(job.id);
  EXPECT_EQ(back.state, "queued");
  EXPECT_EQ(back.attempts, 0);
  EXPECT_EQ(back.message, "server stopped");
}

TEST_P(JobRepositoryTest, ListAndChangedSinceAreScopedToTheProject) {
  JobRepository jobs(db());
  std::string other_owner = make_user("other@example.com");
  store::ProjectRepository projects(db());
  std::string other =
      projects.create({"Other", std::nullopt, "oracle", "bigquery", std::nullopt}, other_owner)
          .project.id;
  std::string before = jobs.enqueue({"a", project(), "{}", 3}).created_at;
  jobs.enqueue({"b", project(), "{}", 3});
  jobs.enqueue({"c", other, "{}", 3});
  store::JobPage page = jobs.list({project(), {}, std::nullopt, 10, 0});
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].kind, "b");  // newest first
  EXPECT_EQ(jobs.list({project(), {"running"}, std::nullopt, 10, 0}).total, 0);
  EXPECT_EQ(jobs.list({project(), {}, std::string("a"), 10, 0}).total, 1);
  std::vector<Job> changed = jobs.changed_since(project(), before);
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].kind, "a");
}

}  // namespace
}  // namespace godwit::jobs::testing
