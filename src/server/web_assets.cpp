#include "server/web_assets.hpp"

#include <filesystem>
#include <fstream>
#include <memory>

#include "server/problem.hpp"

namespace godwit::server {
namespace {

std::string mime_type(const std::filesystem::path& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".wasm", "application/wasm"}};
  std::string ext = path.extension().string();
  for (auto [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

void send_file(httplib::Response& res, const std::filesystem::path& file, bool immutable) {
  auto stream = std::make_shared<std::ifstream>(file, std::ios::binary);
  std::size_t size = std::filesystem::file_size(file);
  res.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_content_provider(
      size, mime_type(file),
      [stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        std::string buffer(std::min<std::size_t>(length, 64 * 1024), '\0');
        stream->seekg(static_cast<std::streamoff>(offset));
        stream->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        return sink.write(buffer.data(), static_cast<std::size_t>(stream->gcount()));
      });
}

}  // namespace

WebAssets::WebAssets(std::string root) : root_(std::move(root)) {}

bool WebAssets::available() const {
  return std::filesystem::exists(std::filesystem::path(root_) / "index.html");
}

void WebAssets::serve(const httplib::Request& req, httplib::Response& res) const {
  namespace fs = std::filesystem;
  fs::path index = fs::path(root_) / "index.html";
  if (!fs::exists(index)) {
    write_problem(res, 404,
                  "the web UI is not built; run `make run` (it builds web/dist) or use the API "
                  "under /api/v1");
    return;
  }
  // Only plain relative names are looked up: no "..", no NUL, so no path from the client
  // can leave the web root.
  std::string rel = req.path.substr(1);
  bool safe = rel.find("..") == std::string::npos && rel.find('\0') == std::string::npos &&
              rel.find('\\') == std::string::npos;
  if (!safe) {
    write_problem(res, 404, "no file at " + req.path);
    return;
  }
  if (!rel.empty()) {
    fs::path file = fs::path(root_) / rel;
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
      send_file(res, file, rel.rfind("assets/", 0) == 0);
      return;
    }
    // A missing asset is a real 404, not the app shell (it would confuse the browser).
    if (rel.rfind("assets/", 0) == 0 || fs::path(rel).has_extension()) {
      write_problem(res, 404, "no file at " + req.path);
      return;
    }
  }
  send_file(res, index, false);
}

}  // namespace godwit::server
