#include "server/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace godwit::server {
namespace {

/// `%*`: the message as the inside of a JSON string (quotes and control characters
/// escaped), so arbitrary text cannot break the line's JSON.
class JsonEscapedMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string text(msg.payload.data(), msg.payload.size());
    std::string quoted =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(quoted.data() + 1, quoted.data() + quoted.size() - 1);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

bool g_json = true;

}  // namespace

void setup_logging(bool json) {
  g_json = json;
  auto logger = spdlog::stderr_color_mt("godwit");
  spdlog::set_default_logger(logger);
  if (json) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":"%*"})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  }
  logger->flush_on(spdlog::level::info);

  // The access logger writes its fields as JSON members, not as an escaped message.
  auto access = spdlog::stderr_color_mt("access");
  if (json) {
    access->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":"request",%v})",
        spdlog::pattern_time_type::utc));
  } else {
    access->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  }
  access->flush_on(spdlog::level::info);
}

void log_access(const httplib::Request& req, const httplib::Response& res, double ms,
                const std::string& user_id) {
  std::string id = res.get_header_value("X-Request-Id");
  if (g_json) {
    nlohmann::json line = {
        {"id", id},
        {"method", req.method},
        {"path", req.path},
        {"status", res.status},
        {"ms", std::round(ms * 100) / 100},
        {"user", user_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(user_id)},
        {"bytes", res.body.size()}};
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    spdlog::get("access")->info("{}", std::string_view(text).substr(1, text.size() - 2));
  } else {
    spdlog::get("access")->info("{} {} {} {:.2f}ms user={} id={}", req.method, req.path, res.status,
                                ms, user_id.empty() ? "-" : user_id, id);
  }
}

}  // namespace godwit::server
