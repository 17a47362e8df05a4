// Serving the built web UI (web/dist): correct MIME types, long caching for hashed
// assets, no caching for index.html, and the single-page-app fallback for client routes.
// Files are streamed with a content provider so cpp-httplib never brotli-compresses them
// on every request (PITFALLS.md).
#pragma once

#include <httplib.h>

#include <string>

namespace godwit::server {

class WebAssets {
 public:
  explicit WebAssets(std::string root);
  bool available() const;
  /// Serves `req.path` from the root, or index.html for client-side routes.
  void serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::string root_;
};

}  // namespace godwit::server
