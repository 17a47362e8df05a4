// /api/v1/projects/{id}/jobs*, /api/v1/projects/{id}/events: a project's jobs, cancelling
// one, and the Server-Sent Events stream of job progress and phase changes.
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>

#include "core/error.hpp"
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"
#include "services/project_events.hpp"

namespace godwit::server {
namespace {

/// Counts open event streams so that they cannot take every HTTP worker thread.
struct StreamSlots {
  std::atomic<int> open{0};
  int limit = 0;
};

/// One open stream: its slot (given back when the stream ends, however it ends) and
/// what it has sent.
struct OpenStream {
  OpenStream(std::shared_ptr<StreamSlots> taken, services::ProjectEventStream stream)
      : slots(std::move(taken)), events(std::move(stream)) {}
  ~OpenStream() { --slots->open; }
  std::shared_ptr<StreamSlots> slots;
  services::ProjectEventStream events;
  bool started = false;
  std::uint64_t seen = 0;
  std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
};

std::string sse_event(const char* type, const std::string& id, const nlohmann::json& data) {
  // JSON from dump() has no raw newlines, so one data line carries the whole document.
  return std::string("event: ") + type + "\nid: " + id +
         "\ndata: " + data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

}  // namespace

void add_job_routes(Router& router, services::JobService& jobs, services::ProjectService& projects,
                    const EventStreamSettings& settings) {
  router.get("/api/v1/projects/{id}/jobs", Access::kAuthenticated, [&](RequestContext& ctx) {
    services::JobListInput input;
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < ctx.req.get_param_value_count("state"); ++i) {
      for (const std::string& s : split(ctx.req.get_param_value("state", i), ',')) {
        if (!trim(s).empty()) input.states.emplace_back(trim(s));
      }
    }
    if (ctx.req.has_param("kind")) input.kind = ctx.req.get_param_value("kind");
    input.limit = query_int(ctx.req, "limit", 50, 1, 200, errors);
    input.offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
    projects.get(ctx.user_id(), ctx.param("id"));
    if (!errors.empty()) throw Error(ErrorKind::kInvalidInput, "invalid query parameters", errors);
    store::JobPage page = jobs.list(ctx.user_id(), ctx.param("id"), input);
    nlohmann::json items = nlohmann::json::array();
    for (const store::Job& job : page.items) items.push_back(encode_job(job));
    write_json(ctx.res, 200,
               {{"items", items},
                {"total", page.total},
                {"limit", input.limit},
                {"offset", input.offset}});
  });

  router.get(
      "/api/v1/projects/{id}/jobs/{job_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
        write_json(ctx.res, 200,
                   encode_job(jobs.get(ctx.user_id(), ctx.param("id"), ctx.param("job_id"))));
      });

  router.post("/api/v1/projects/{id}/jobs/{job_id}/cancel", Access::kAuthenticated,
              [&](RequestContext& ctx) {
                store::Job job = jobs.cancel(ctx.user_id(), ctx.param("id"), ctx.param("job_id"));
                write_json(ctx.res, 202, encode_job(job));
              });

  auto slots = std::make_shared<StreamSlots>();
  slots->limit = settings.max_streams;
  router.get(
      "/api/v1/projects/{id}/events", Access::kAuthenticated,
      [&projects, slots, settings](RequestContext& ctx) {
        const std::string& user_id = ctx.user_id();
        store::ProjectView view = projects.get(user_id, ctx.param("id"));
        if (++slots->open > slots->limit) {
          --slots->open;
          throw Error(ErrorKind::kUnavailable,
                      "this server has " + std::to_string(slots->limit) +
                          " event streams open, its limit; retry later, or poll "
                          "GET /api/v1/projects/{id}/jobs instead")
              .with_retry_after(5);
        }
        std::optional<std::string> last_event_id;
        if (ctx.req.has_header("Last-Event-ID"))
          last_event_id = ctx.req.get_header_value("Last-Event-ID");
        auto stream = std::make_shared<OpenStream>(
            slots,
            services::ProjectEventStream(*settings.db, view.project.id, user_id, last_event_id));
        // cpp-httplib 0.11 would compress a text/* body for a client that accepts gzip or br
        // (every browser), and a compressor holds back output until it has enough: events
        // would arrive late. The request is ours (the library owns no const one), so the
        // header is dropped before the library chooses an encoding.
        const_cast<httplib::Request&>(ctx.req).headers.erase("Accept-Encoding");
        ctx.res.set_header("Cache-Control", "no-store");
        ctx.res.set_header("X-Accel-Buffering", "no");
        jobs::ChangeFeed* feed = settings.feed;
        auto heartbeat = settings.heartbeat;
        ctx.res.set_chunked_content_provider(
            "text/event-stream", [stream, feed, heartbeat](std::size_t, httplib::DataSink& sink) {
              auto end = [&sink] {
                sink.done();
                return true;
              };
              std::string out;
              if (!stream->started) {
                stream->started = true;
                stream->seen = feed->version();
                out = "retry: 3000\n\n";
              } else {
                auto since_write = std::chrono::steady_clock::now() - stream->last_write;
                auto wait =
                    std::chrono::duration_cast<std::chrono::milliseconds>(heartbeat - since_write);
                wait =
                    std::clamp(wait, std::chrono::milliseconds(0), std::chrono::milliseconds(1000));
                stream->seen = feed->wait(stream->seen, wait);
              }
              if (feed->closed()) return end();
              try {
                for (const services::ProjectEvent& e : stream->events.poll()) {
                  if (e.kind == services::ProjectEvent::Kind::kJob) {
                    out += sse_event("job", e.id, encode_job(*e.job));
                  } else {
                    out += sse_event("phase", e.id, encode_phase_state(*e.project));
                  }
                }
              } catch (const Error&) {
                return end();  // no longer a member, or the project is gone
              } catch (const std::exception& ex) {
                spdlog::warn("event stream ended: {}", ex.what());
                return end();
              }
              auto now = std::chrono::steady_clock::now();
              if (out.empty() && now - stream->last_write >= heartbeat) out = ": heartbeat\n\n";
              if (out.empty()) return true;
              stream->last_write = now;
              return sink.write(out.data(), out.size());
            });
      });
}

}  // namespace godwit::server
