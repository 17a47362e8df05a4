// The OpenAPI document and the registered routes must list the same endpoints, and the
// document must be well-formed enough for client generators.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "server/app.hpp"
#include "server/openapi.hpp"

namespace godwit::server {
namespace {

std::set<std::string> documented() {
  nlohmann::json doc = nlohmann::json::parse(openapi_document());
  std::set<std::string> out;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      out.insert(upper + " " + path);
    }
  }
  return out;
}

TEST(OpenApi, DocumentParsesAndDeclaresVersion) {
  nlohmann::json doc = nlohmann::json::parse(openapi_document());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Problem"));
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("godwit-openapi-" + std::to_string(::getpid()));
  ServerConfig config;
  config.data_dir = dir.string();
  config.password_hash_cost = auth::PasswordHashCost::kMinimum;
  std::set<std::string> registered;
  {
    App app(config);
    for (const RouteInfo& r : app.routes()) registered.insert(r.method + " " + r.path);
  }
  std::filesystem::remove_all(dir);
  std::set<std::string> docs = documented();
  for (const std::string& r : registered)
    EXPECT_TRUE(docs.count(r)) << r << " is not in openapi.json";
  for (const std::string& d : docs)
    EXPECT_TRUE(registered.count(d)) << d << " is documented but not registered";
}

TEST(OpenApi, EveryReferenceResolves) {
  nlohmann::json doc = nlohmann::json::parse(openapi_document());
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      if (auto it = node.find("$ref"); it != node.end()) {
        std::string ref = *it;
        ASSERT_TRUE(ref.starts_with("#/")) << ref;
        nlohmann::json::json_pointer pointer(ref.substr(1));
        EXPECT_TRUE(doc.contains(pointer)) << ref;
      }
      for (const auto& [k, v] : node.items()) walk(v);
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v);
    }
  };
  walk(doc);
}

}  // namespace
}  // namespace godwit::server
